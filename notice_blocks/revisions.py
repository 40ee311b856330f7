"""A page as one of its revisions holds it, even where an item it chose is deleted since.

A notice protects the shared details it chooses from deletion, but only as the page is now:
an earlier revision may name a detail deleted since, and Wagtail cannot rebuild a revision
whose protecting foreign key names a missing row. Versions' pages, their PDFs and their
comparison read such an item as none chosen.
"""

from django.db import models
from wagtail.models import Page, Revision


def revision_as_page(revision: Revision) -> Page:
    """The page as ``revision`` holds it; a chosen item deleted since is read as none chosen."""
    content = dict(revision.content)
    model = revision.content_object.specific_class
    for field in model._meta.concrete_fields:
        chosen = content.get(field.name)
        if (
            isinstance(field, models.ForeignKey)
            and chosen is not None
            and field.remote_field.on_delete not in (models.CASCADE, models.SET_NULL)
            and not field.related_model._default_manager.filter(pk=chosen).exists()
        ):
            content[field.name] = None
    return revision.content_object.with_content_json(content)

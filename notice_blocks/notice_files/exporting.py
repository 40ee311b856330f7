"""Exporting a notice as format-1 data."""

from django.db import models
from wagtail.models import Page

from ..models import NoticePage
from .schema import FORMAT_NAME, FORMAT_VERSION, SNIPPET_MODELS, snippet_fields
from .streams import body_data
from .validation import body_block


def export_notice(page: Page) -> dict:
    """The notice file for a page's current content: the live content of a published page.

    Sections and list items keep their ids, so exporting, importing and exporting again
    gives the same data.
    """
    page = page.specific
    if not isinstance(page, NoticePage):
        raise TypeError(f"{page!r} is not a privacy notice.")
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "notice": {
            "title": page.title,
            "slug": page.slug,
            "search_description": page.search_description,
            "version_label": page.version_label,
            "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
            **{key: _shared_detail(getattr(page, key)) for key in SNIPPET_MODELS},
            "body": body_data(body_block(), page.body),
        },
    }


def _shared_detail(instance: models.Model | None) -> dict | None:
    if instance is None:
        return None
    return {name: getattr(instance, name) for name in snippet_fields(type(instance))}

"""Exporting a notice, with the parts other apps own (such as its easy read version), as data."""

from django.db import models
from wagtail.models import Page

from ..models import AbstractNoticePage
from .schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    NOTICE_FLAGS,
    PAGE_FIELDS,
    SNIPPET_MODELS,
    snippet_fields,
)
from .sections import sections
from .streams import body_data


def export_notice(page: Page) -> dict:
    """The notice file for a page's current content: the live content of a published page.

    Sections and list items keep their ids, so exporting, importing and exporting again
    gives the same data. Each registered section adds its part (a notice with an easy read
    version holds it under ``easy_read``); a page a section owns, such as an easy read page,
    gives the file of its notice, which holds it.
    """
    page = notice_of(page)
    notice = {
        **page_fields(page),
        **{name: getattr(page, name) for name in NOTICE_FLAGS},
        **{key: _shared_detail(getattr(page, key)) for key in SNIPPET_MODELS if hasattr(page, key)},
        "body": body_data(page.body.stream_block, page.body),
    }
    for section in sections():
        part = section.export(page)
        if part is not None:
            notice[section.key] = part
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "notice": notice}


def notice_of(page: Page) -> AbstractNoticePage:
    """The notice whose file holds ``page``: the page itself, or the notice a section names."""
    page = page.specific
    for section in sections():
        notice = section.notice_of(page)
        if notice is not None:
            return notice
    if not isinstance(page, AbstractNoticePage):
        raise TypeError(f"{page!r} is not a privacy notice.")
    return page


def page_fields(page: AbstractNoticePage) -> dict:
    """The page's plain fields, in the order a notice file lists them."""
    fields = {name: getattr(page, name) for name in PAGE_FIELDS}
    if fields["last_reviewed"] is not None:
        fields["last_reviewed"] = fields["last_reviewed"].isoformat()
    return fields


def _shared_detail(instance: models.Model | None) -> dict | None:
    if instance is None:
        return None
    return {name: getattr(instance, name) for name in snippet_fields(type(instance))}

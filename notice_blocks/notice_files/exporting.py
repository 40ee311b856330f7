"""Exporting a notice, with its easy read version, as format-1 data."""

from django.db import models
from wagtail.models import Page

from ..models import AbstractNoticePage, EasyReadNoticePage, NoticePage
from .easy_read import easy_read_of
from .schema import EASY_READ_KEY, FORMAT_NAME, FORMAT_VERSION, SNIPPET_MODELS, snippet_fields
from .streams import body_data


def export_notice(page: Page) -> dict:
    """The notice file for a page's current content: the live content of a published page.

    Sections and list items keep their ids, so exporting, importing and exporting again
    gives the same data. A notice with an easy read version holds it under ``easy_read``;
    an easy read page gives the file of its full notice, which holds it.
    """
    page = notice_of(page)
    notice = {
        **_page_fields(page),
        **{key: _shared_detail(getattr(page, key)) for key in SNIPPET_MODELS},
        "body": body_data(page.body.stream_block, page.body),
    }
    easy_read = easy_read_of(page)
    if easy_read is not None:
        notice[EASY_READ_KEY] = {
            **_page_fields(easy_read),
            "body": body_data(easy_read.body.stream_block, easy_read.body),
        }
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "notice": notice}


def notice_of(page: Page) -> NoticePage:
    """The notice whose file holds ``page``: the page itself, or an easy read page's notice."""
    page = page.specific
    if isinstance(page, EasyReadNoticePage) and page.full_notice is not None:
        page = page.full_notice
    if not isinstance(page, NoticePage):
        raise TypeError(f"{page!r} is not a privacy notice.")
    return page


def _page_fields(page: AbstractNoticePage) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "search_description": page.search_description,
        "version_label": page.version_label,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
    }


def _shared_detail(instance: models.Model | None) -> dict | None:
    if instance is None:
        return None
    return {name: getattr(instance, name) for name in snippet_fields(type(instance))}

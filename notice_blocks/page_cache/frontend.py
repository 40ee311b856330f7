"""The URLs a change makes stale in a CDN or proxy in front, purged with Wagtail's backends.

A page's family is the page with its cached paths (routes below it, from
``get_cached_paths``), its translations (their language switchers list it), its parent (an
index lists it) and, for a notice, the pages below it (its easy read version shows its
title). A snippet's pages are the live pages that refer to it, directly or through other
snippets (Wagtail's reference index). ``purging`` asks for them only when
``WAGTAILFRONTENDCACHE`` names a frontend cache.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex

from ..models import AbstractNoticePage

#: How many snippets deep references are followed (a snippet chosen in a snippet).
REFERENCE_DEPTH = 3


def cached_urls(page: Page) -> list[str]:
    """The full URLs of ``page`` and its cached paths (empty if it has no URL)."""
    return sorted(urls_of([page]))


def urls_of(pages: Iterable[Page]) -> set[str]:
    """The full URLs of ``pages`` and their cached paths, without their families'."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def live_page_urls(page_id: int) -> set[str]:
    """The cached URLs of the page ``page_id`` while it is live (none once it is not)."""
    return urls_of(Page.objects.filter(pk=page_id).live())


def family(page: Page) -> list[Page]:
    """The live pages whose responses show ``page``: itself, translations, parent, children."""
    page = page.specific_deferred if type(page) is Page else page
    pages: dict[int, Page] = {page.pk: page}
    for related in page.get_translations().live().specific():
        pages.setdefault(related.pk, related)
    parent = page.get_parent()
    if parent is not None and not parent.is_root() and parent.live:
        pages.setdefault(parent.pk, parent.specific)
    if isinstance(page, AbstractNoticePage):
        for child in page.get_children().live().specific():
            pages.setdefault(child.pk, child)
    return list(pages.values())


def referring_pages(instance: models.Model) -> list[Page]:
    """The live pages that refer to ``instance``, directly or through other objects."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids: set[int] = set()
    seen: set[tuple[int, str]] = set()
    targets = [instance]
    for _depth in range(REFERENCE_DEPTH):
        sources = {
            source
            for target in targets
            for source in ReferenceIndex.get_references_to(target).values_list(
                "base_content_type_id", "object_id"
            )
        } - seen
        seen |= sources
        page_ids |= {int(object_id) for type_id, object_id in sources if type_id == page_type.pk}
        targets = [
            found
            for type_id, object_id in sources
            if type_id != page_type.pk
            for found in _objects(type_id, object_id)
        ]
        if not targets:
            break
    return list(Page.objects.filter(pk__in=page_ids).live().specific())


def page_urls(pages: Iterable[Page]) -> set[str]:
    """The cached URLs of ``pages`` and of their families."""
    return urls_of(member for page in pages for member in family(page))


def purge_urls(urls: Iterable[str]) -> None:
    """Purge ``urls`` from the configured frontend caches (a task, as Wagtail runs it)."""
    urls = set(urls)
    if urls:
        PurgeBatch(urls).purge()


def _objects(type_id: int, object_id: str) -> list[models.Model]:
    model = ContentType.objects.get_for_id(type_id).model_class()
    if model is None:
        return []
    return list(model._default_manager.filter(pk=object_id))

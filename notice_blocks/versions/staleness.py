"""Translations left behind: the text they translate changed after they were last updated.

A translation is up to date once its source has been synced (wagtail-localize's
``TranslationSource.last_updated_at``) after the source's text last changed, and the
translation has been published since. The source's text changes when a version starts or a
correction changes its text (``NoticeVersion.text_changed_at``).

A translation published after a sync that already gave its translators the text now live is
up to date too, even if a version was recorded since: the first version recorded for a notice
translated before versions were kept, or a text changed and changed back.

Only translations wagtail-localize keeps in sync count: one whose translators stopped syncing
it is kept by hand in its own language.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db.models import OuterRef, QuerySet, Subquery
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from ..aliases import original
from .models import NoticeVersion
from .recording import text_fingerprint

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutOfDate:
    """A translation whose source changed after it was last brought up to date."""

    source_page: Page
    source_language_code: str
    changed_at: datetime
    translation_source_id: int


def out_of_date(page: Page) -> OutOfDate | None:
    """How the live translation ``page`` lags behind its source, or ``None`` if it does not.

    ``page`` may be a revision of the page (as a version's page or a PDF is rendered from): the
    page as stored is judged. An alias is judged by the page it shows.
    """
    page_id = original(page).pk
    if page_id is None:
        return None
    return out_of_date_translations(Page.objects.filter(pk=page_id)).get(page_id)


def out_of_date_translations(pages: QuerySet) -> dict[int, OutOfDate]:
    """The live translations among ``pages`` that lag behind their source, by page id."""
    pages = list(
        pages.filter(live=True, last_published_at__isnull=False).only(
            "translation_key", "locale_id", "last_published_at"
        )
    )
    if not pages:
        return {}
    translations = _translations_of(pages)
    sources = _live_source_pages(translations.values())
    found = {}
    for page in pages:
        translation = translations.get((page.translation_key, page.locale_id))
        if translation is None:
            continue
        source = translation.source
        source_page = sources.get((source.object_id, source.locale_id))
        if source_page is None or source_page.text_changed_at is None:
            continue
        if _is_up_to_date(page, source, source_page):
            continue
        found[page.pk] = OutOfDate(
            source_page=source_page,
            source_language_code=source.locale.language_code,
            changed_at=source_page.text_changed_at,
            translation_source_id=source.pk,
        )
    return found


def _translations_of(pages: Iterable[Page]) -> dict[tuple, Translation]:
    """The translation each page is the target of (the newest, if it has more), by key."""
    keys = {(page.translation_key, page.locale_id) for page in pages}
    translations = (
        Translation.objects.filter(
            enabled=True,
            source__object_id__in={key for key, _locale in keys},
            target_locale_id__in={locale for _key, locale in keys},
        )
        .select_related("source__locale")
        .order_by("created_at")
    )
    return {
        (translation.source.object_id, translation.target_locale_id): translation
        for translation in translations
    }


def _live_source_pages(translations: Iterable[Translation]) -> dict[tuple, Page]:
    """The live pages translated, with when their text last changed and its fingerprint."""
    sources = [translation.source for translation in translations]
    latest = NoticeVersion.objects.filter(page_id=OuterRef("pk")).order_by("-number")
    pages = Page.objects.filter(
        live=True,
        alias_of__isnull=True,
        translation_key__in={source.object_id for source in sources},
        locale_id__in={source.locale_id for source in sources},
    ).annotate(
        text_changed_at=Subquery(latest.values("text_changed_at")[:1]),
        text_fingerprint=Subquery(latest.values("text_fingerprint")[:1]),
    )
    return {(page.translation_key, page.locale_id): page for page in pages}


def _is_up_to_date(page: Page, source: TranslationSource, source_page: Page) -> bool:
    brought_up_to_date = min(source.last_updated_at, page.last_published_at)
    if source_page.text_changed_at <= brought_up_to_date:
        return True
    published_since_sync = page.last_published_at >= source.last_updated_at
    return published_since_sync and source_page.text_fingerprint == synced_fingerprint(
        source.pk, source.last_updated_at
    )


@lru_cache(maxsize=1024)
def synced_fingerprint(source_id: int, last_updated_at: datetime) -> str:
    """The fingerprint of the text as the sync at ``last_updated_at`` gave it to translators.

    A source's stored content changes only with its ``last_updated_at``, which is why both are
    the key (the shared details it names are read once, as they are then). A source whose
    stored content no longer loads gives "" (it matches no text).
    """
    try:
        return text_fingerprint(TranslationSource.objects.get(pk=source_id).as_instance())
    except Exception:
        logger.warning("The synced content of translation source %s did not load", source_id)
        return ""

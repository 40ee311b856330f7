"""Translations left behind: the text they translate changed after they were last updated.

A translation is up to date once its source has been synced (wagtail-localize's
``TranslationSource.last_updated_at``) after the source's text last changed, and the
translation has been published since. The source's text changes when a version starts or a
correction changes its text (``NoticeVersion.text_changed_at``).
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page
from wagtail_localize.models import Translation

from .models import NoticeVersion


@dataclass(frozen=True)
class OutOfDate:
    """A translation whose source changed after it was last brought up to date."""

    source_page: Page
    source_language_code: str
    changed_at: datetime


def out_of_date(page: Page) -> OutOfDate | None:
    """How the live translation ``page`` lags behind its source, or ``None`` if it does not."""
    if not page.live or page.last_published_at is None:
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source__locale")
        .order_by("-created_at")
        .first()
    )
    if translation is None:
        return None
    source = translation.source
    source_page = Page.objects.filter(
        translation_key=page.translation_key, locale_id=source.locale_id, live=True
    ).first()
    if source_page is None:
        return None
    latest = (
        NoticeVersion.objects.filter(page_id=source_page.pk)
        .order_by("-number")
        .values_list("text_changed_at", flat=True)
        .first()
    )
    brought_up_to_date = min(source.last_updated_at, page.last_published_at)
    if latest is None or latest <= brought_up_to_date:
        return None
    return OutOfDate(source_page, source.locale.language_code, latest)

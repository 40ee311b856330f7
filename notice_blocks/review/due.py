"""Which notices are due for review: live notices whose review date is near or has passed.

A notice's review date is ``AbstractNoticePage.review_due_on`` (its review-by date, or an
interval after its last review). Each live notice page is reviewed on its own: every
language, and easy read versions; aliases follow their original and are left out.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, get_page_models

from ..completeness import is_checked
from ..completeness.summary import Completeness
from ..conf import setting
from ..models import AbstractNoticePage
from .models import ReminderKind


@dataclass(frozen=True)
class DueNotice:
    """A live notice whose review date is within the warning period or past."""

    page: AbstractNoticePage
    due_on: date
    today: date

    @property
    def kind(self) -> ReminderKind:
        return ReminderKind.OVERDUE if self.due_on < self.today else ReminderKind.DUE_SOON

    @property
    def overdue(self) -> bool:
        return self.kind == ReminderKind.OVERDUE

    @property
    def days(self) -> int:
        """Days until the review date (negative once it has passed)."""
        return (self.due_on - self.today).days

    @property
    def days_overdue(self) -> int:
        return max(-self.days, 0)

    @cached_property
    def completeness(self) -> Completeness | None:
        """The findings of the notice's latest revision; None for pages the check skips."""
        return Completeness.of_latest_revision(self.page) if is_checked(self.page) else None


def due_soon_days() -> int:
    return setting("NOTICE_REVIEW_DUE_SOON_DAYS")


def notice_models() -> list[type[AbstractNoticePage]]:
    """Every concrete notice page type."""
    return [model for model in get_page_models() if issubclass(model, AbstractNoticePage)]


def due_by(horizon: date) -> Q:
    """Notices whose ``review_due_on`` is ``horizon`` or earlier, as a database filter."""
    reviewed_by = horizon - timedelta(days=setting("NOTICE_REVIEW_INTERVAL_DAYS"))
    # ``review_due_on`` takes the (UTC) date of the first publication.
    first_published_before = datetime.combine(reviewed_by + timedelta(days=1), time.min, UTC)
    return Q(review_by__lte=horizon) | (
        Q(review_by__isnull=True)
        & (
            Q(last_reviewed__lte=reviewed_by)
            | Q(last_reviewed__isnull=True, first_published_at__lt=first_published_before)
        )
    )


def due_notices(
    pages: QuerySet[Page] | None = None, *, today: date | None = None
) -> list[DueNotice]:
    """The live notices (of ``pages``, or all) due for review, the earliest date first."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=due_soon_days())
    found = []
    for model in notice_models():
        candidates = (
            model.objects.live()
            .exact_type(model)
            .filter(alias_of__isnull=True)
            .filter(due_by(horizon))
            .select_related("locale")
        )
        if pages is not None:
            candidates = candidates.filter(pk__in=pages.values("pk"))
        for page in candidates:
            due_on = page.review_due_on
            if due_on is not None and due_on <= horizon:
                found.append(DueNotice(page, due_on, today))
    return sorted(found, key=lambda due: (due.due_on, due.page.title, due.page.pk))

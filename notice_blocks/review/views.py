"""Reports › Notice reviews: the live notices the user may edit that are due for review.

Each notice is listed with its review date and the completeness findings of its latest
revision, the most overdue first.
"""

import datetime

import django_filters
from django.db.models import Case, DateField, QuerySet, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LocaleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from ..admin_columns import page_title_column
from ..conf import setting
from .due import DueNotice, due_notices, due_soon_days
from .models import ReminderKind, ReviewReminder
from .tasks import LATE_AFTER, current_schedule


def editable_pages(user) -> QuerySet[Page]:
    """The pages ``user`` may edit."""
    return page_permission_policy.instances_user_has_permission_for(user, "change")


class ReviewFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Review status"),
        choices=ReminderKind.choices,
        empty_label=_("Any"),
        method="filter_by_kind",
    )

    class Meta:
        model = Page
        fields: list[str] = []

    def __init__(self, *args, due: dict[int, DueNotice], **kwargs):
        super().__init__(*args, **kwargs)
        self.due = due

    def filter_by_kind(self, queryset, name: str, value: str):
        if not value:
            return queryset
        return queryset.filter(pk__in=[pk for pk, due in self.due.items() if due.kind == value])


class ReviewDateColumn(Column):
    """The review date, and whether it has passed."""

    cell_template_name = "notice_blocks/review/review_date_cell.html"


class FindingsColumn(Column):
    """The completeness findings of the notice's latest revision, linked to their list."""

    cell_template_name = "notice_blocks/review/findings_cell.html"


class ReviewReportView(ReportView):
    page_title = _("Notice reviews")
    header_icon = "date"
    template_name = "notice_blocks/review/report.html"
    index_url_name = "notice_review:report"
    index_results_url_name = "notice_review:report_results"
    filterset_class = ReviewFilterSet
    any_permission_required = ["add", "change", "publish"]
    model = Page
    default_ordering = "review_due"
    columns = [
        page_title_column(_("Notice")),
        LocaleColumn(),
        ReviewDateColumn("review_due", label=_("Review by"), sort_key="review_due"),
        FindingsColumn("findings", label=_("Completeness")),
    ]
    list_export = ["title", "locale", "due.due_on", "due.kind.label", "findings_summary"]
    export_headings = {
        "title": _("Notice"),
        "locale": _("Locale"),
        "due.due_on": _("Review by"),
        "due.kind.label": _("Review status"),
        "findings_summary": _("Completeness"),
    }

    @cached_property
    def permission_policy(self):
        return page_permission_policy

    @cached_property
    def due(self) -> dict[int, DueNotice]:
        """The notices due for review that the user may edit, by page id."""
        return {due.page.pk: due for due in due_notices(editable_pages(self.request.user))}

    def get_filename(self):
        return f"notice-reviews-{datetime.date.today():%Y-%m-%d}"

    def get_base_queryset(self):
        if not self.due:
            return Page.objects.none().annotate(review_due=Value(None, DateField()))
        review_due = Case(
            *(When(pk=pk, then=Value(due.due_on)) for pk, due in self.due.items()),
            output_field=DateField(),
        )
        return (
            Page.objects.filter(pk__in=self.due)
            .annotate(review_due=review_due)
            .select_related("locale")
        )

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "title", "pk")

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "due": self.due}

    def decorate(self, page: Page) -> Page:
        page.due = self.due[page.pk]
        completeness = page.due.completeness
        page.findings_summary = completeness.summary() if completeness else ""
        return page

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            self.decorate(page)
        return object_list

    def to_row_dict(self, item):
        return super().to_row_dict(self.decorate(item))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        schedule = current_schedule()
        context.update(
            {
                "due_soon_days": due_soon_days(),
                "interval_days": setting("NOTICE_REVIEW_INTERVAL_DAYS"),
                "schedule": schedule,
                "schedule_late": schedule is not None
                and schedule.next_run_at < timezone.now() - LATE_AFTER,
                "last_reminder": ReviewReminder.objects.order_by("-sent_at").first(),
            }
        )
        return context

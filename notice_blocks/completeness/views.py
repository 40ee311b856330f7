"""Admin views: the “Notice completeness” report, and the list of one notice's findings.

Both check each notice as it stands in its latest revision, published or not, and show only
the notices the user may edit, of the page types the check applies to (see ``is_checked``).
"""

import datetime
import re
from dataclasses import dataclass

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models
from wagtail.permissions import page_permission_policy

from ..admin_columns import page_title_column
from .check import is_checked
from .findings import Finding, Severity
from .rules import RULES
from .summary import Completeness


def notice_page_models() -> list[type[Page]]:
    """The page types the completeness check applies to."""
    return [model for model in get_page_models() if is_checked(model)]


def provision_key(provision: str) -> tuple:
    """Sorts “Art 9(2)” before “Art 13(1)(a)”, numbers as numbers."""
    parts = re.split(r"(\d+)", provision)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def article_choices() -> list[tuple[str, str]]:
    """Each provision a rule applies, once, in order."""
    provisions = {
        provision.strip() for rule in RULES for provision in str(rule.articles).split(",")
    }
    return [(provision, provision) for provision in sorted(provisions - {""}, key=provision_key)]


class CompletenessFilterSet(WagtailFilterSet):
    severity = django_filters.ChoiceFilter(
        label=_("Findings"),
        choices=Severity.choices,
        empty_label=_("Any"),
        method="filter_by_findings",
    )
    article = django_filters.ChoiceFilter(
        label=_("Article"),
        choices=article_choices,
        empty_label=_("Any"),
        method="filter_by_findings",
    )

    class Meta:
        model = Page
        fields = ["live"]

    def __init__(self, *args, completeness_of=Completeness.of_latest_revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.completeness_of = completeness_of

    def filter_by_findings(self, queryset, name: str, value: str):
        """The notices with a finding of the severity (or under the article) chosen."""
        if not value:
            return queryset
        matching = [page.pk for page in queryset if self.completeness_of(page).has(**{name: value})]
        return queryset.filter(pk__in=matching)


class CountColumn(Column):
    """The number of findings of one severity; empty for a notice that could not be checked."""

    cell_template_name = "notice_blocks/completeness/count_cell.html"


class FindingsColumn(Column):
    """The summary of a notice's findings, linked to the list of them, or why it was not checked."""

    cell_template_name = "notice_blocks/completeness/findings_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["completeness"] = instance.completeness
        context["findings_url"] = reverse("notice_completeness:page", args=[instance.pk])
        return context


class CompletenessReportView(ReportView):
    """Every notice the user may edit, as its latest revision stands, and what it is missing."""

    page_title = _("Notice completeness")
    header_icon = "tasks"
    template_name = "notice_blocks/completeness/report.html"
    index_url_name = "notice_completeness:report"
    index_results_url_name = "notice_completeness:report_results"
    filterset_class = CompletenessFilterSet
    any_permission_required = ["add", "change", "publish"]
    model = Page
    default_ordering = "title"
    columns = [
        page_title_column(_("Notice")),
        LocaleColumn(),
        LiveStatusTagColumn(),
        CountColumn("required", label=_("Required"), accessor="completeness.required"),
        CountColumn("advised", label=_("Advised"), accessor="completeness.advised"),
        CountColumn("reminders", label=_("Reminders"), accessor="completeness.reminders"),
        Column("articles", label=_("Articles missing"), accessor="completeness.articles_text"),
        FindingsColumn("findings", label=_("Findings")),
    ]
    list_export = [
        "title",
        "locale",
        "status_string",
        "completeness.required",
        "completeness.advised",
        "completeness.reminders",
        "completeness.articles_text",
        "completeness.error",
    ]
    export_headings = {
        "title": _("Notice"),
        "locale": _("Locale"),
        "status_string": _("Status"),
        "completeness.required": _("Required"),
        "completeness.advised": _("Advised"),
        "completeness.reminders": _("Reminders"),
        "completeness.articles_text": _("Articles missing"),
        "completeness.error": _("Not checked"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.checked: dict[int, Completeness] = {}

    @cached_property
    def permission_policy(self):
        return page_permission_policy

    def get_filename(self):
        return f"notice-completeness-{datetime.date.today():%Y-%m-%d}"

    def get_base_queryset(self):
        return (
            page_permission_policy.instances_user_has_permission_for(self.request.user, "change")
            .exact_type(*notice_page_models())
            .select_related("locale")
            .specific()
        )

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "completeness_of": self.completeness_of}

    def completeness_of(self, page) -> Completeness:
        """The findings of the page's latest revision, checked once per request."""
        if page.pk not in self.checked:
            self.checked[page.pk] = Completeness.of_latest_revision(page)
        return self.checked[page.pk]

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.completeness = self.completeness_of(page)
        return object_list

    def to_row_dict(self, item):
        item.completeness = self.completeness_of(item)
        return super().to_row_dict(item)


@dataclass(frozen=True)
class FindingRow:
    """A finding, and the section it is about as the editor knows it."""

    finding: Finding
    section: str


def section_name(page, finding: Finding) -> str:
    """The heading of the section a finding is about, or the block's name for it."""
    if finding.section_index is None:
        return ""
    try:
        child = page.body[finding.section_index]
    except (AttributeError, IndexError, TypeError):
        return ""
    get_heading = getattr(child.block, "get_heading", None)
    heading = get_heading(child.value) if get_heading else ""
    return str(heading or child.block.label)


class NoticeFindingsView(WagtailAdminTemplateMixin, TemplateView):
    """Every finding of one notice's latest revision, with where to fix it."""

    page_title = _("Notice completeness")
    header_icon = "tasks"
    template_name = "notice_blocks/completeness/findings.html"

    def dispatch(self, request, *args, page_id: int, **kwargs):
        page = get_object_or_404(Page, pk=page_id).specific
        if not is_checked(page):
            raise Http404
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.page = page
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("notice_completeness:report"), "label": self.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            latest = self.page.get_latest_revision_as_object()
        except Exception as error:
            latest, completeness = None, Completeness.failed(self.page, error)
        else:
            completeness = Completeness.of(latest)
        context.update(
            {
                "notice": self.page,
                "completeness": completeness,
                "rows": [
                    FindingRow(finding, section_name(latest, finding))
                    for finding in completeness.findings
                ],
                "edit_url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            }
        )
        return context

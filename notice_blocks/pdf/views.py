"""Admin views: the “PDF exports” report and retrying a failed PDF."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from .building import buildable_revision
from .models import NoticePdf
from .tasks import queue_notice_pdfs


class RetryColumn(Column):
    """A button that queues a failed PDF again."""

    cell_template_name = "notice_blocks/admin/pdf_retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["retry_url"] = reverse("notice_pdfs:retry", args=[instance.pk])
        return context


class ErrorColumn(Column):
    """The exception's message, with the traceback folded away."""

    cell_template_name = "notice_blocks/admin/pdf_error_cell.html"


class NoticePdfFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NoticePdf.Status.choices, empty_label=_("Any")
    )

    class Meta:
        model = NoticePdf
        fields = ["status"]


class NoticePdfReportView(ReportView):
    """Every stored or failing PDF of the notices the user may edit, failures first."""

    page_title = _("PDF exports")
    header_icon = "doc-full"
    index_url_name = "notice_pdfs:report"
    index_results_url_name = "notice_pdfs:report_results"
    filterset_class = NoticePdfFilterSet
    any_permission_required = ["change", "publish"]
    model = NoticePdf
    columns = [
        TitleColumn(
            "page",
            label=_("Notice"),
            accessor="page.get_admin_display_title",
            get_url=lambda pdf: reverse("wagtailadmin_pages:edit", args=[pdf.page_id]),
        ),
        Column("variant", label=_("Version"), accessor="variant_label"),
        Column("language_code", label=_("Language")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attempts", label=_("Attempts")),
        ErrorColumn("error", label=_("Details"), accessor="error_summary"),
        DateColumn("updated_at", label=_("Updated")),
        RetryColumn("retry", label=_("Action")),
    ]

    @cached_property
    def permission_policy(self):
        return page_permission_policy

    def get_base_queryset(self):
        pages = page_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        failed_first = Case(
            When(status=NoticePdf.Status.FAILED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            NoticePdf.objects.filter(page__in=pages)
            .select_related("page")
            .order_by(failed_first, "-updated_at")
        )


@require_POST
def retry_pdf(request, pk: int):
    """Queue a failed PDF again, with a fresh set of attempts."""
    pdf = get_object_or_404(NoticePdf, pk=pk)
    page = get_object_or_404(Page, pk=pdf.page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if buildable_revision(pdf.revision_id) is None:
        messages.warning(
            request,
            _t("That revision is no longer live, so its PDF is not built."),
        )
    elif pdf.status != NoticePdf.Status.FAILED:
        messages.warning(request, _t("That PDF has not failed."))
    else:
        NoticePdf.objects.filter(pk=pdf.pk, status=NoticePdf.Status.FAILED).update(attempts=0)
        queue_notice_pdfs(pdf.page_id, pdf.revision_id, pdf.language_code, [pdf.variant])
        messages.success(request, _t("The PDF has been queued again."))
    return redirect("notice_pdfs:report")

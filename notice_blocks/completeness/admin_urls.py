"""Admin URLs of the completeness report, under the ``notice_completeness`` namespace."""

from django.urls import path

from .views import CompletenessReportView, NoticeFindingsView

app_name = "notice_completeness"
urlpatterns = [
    path("", CompletenessReportView.as_view(), name="report"),
    path("results/", CompletenessReportView.as_view(results_only=True), name="report_results"),
    path("<int:page_id>/", NoticeFindingsView.as_view(), name="page"),
]

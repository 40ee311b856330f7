"""Admin URLs of the review report, under the ``notice_review`` namespace."""

from django.urls import path

from .views import ReviewReportView

app_name = "notice_review"
urlpatterns = [
    path("", ReviewReportView.as_view(), name="report"),
    path("results/", ReviewReportView.as_view(results_only=True), name="report_results"),
]

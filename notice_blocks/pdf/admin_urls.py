"""Admin URLs of the PDF exports report, under the ``notice_pdfs`` namespace."""

from django.urls import path

from .views import NoticePdfReportView, retry_pdf

app_name = "notice_pdfs"
urlpatterns = [
    path("", NoticePdfReportView.as_view(), name="report"),
    path("results/", NoticePdfReportView.as_view(results_only=True), name="report_results"),
    path("<int:pk>/retry/", retry_pdf, name="retry"),
]

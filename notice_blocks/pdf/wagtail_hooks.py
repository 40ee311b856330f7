"""The PDF exports report in the admin, and the PDF download links of notice pages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from ..links import LinkKind
from . import admin_urls
from .downloads import pdf_downloads

hooks.register(LinkKind.DOWNLOAD.hook_name, pdf_downloads)


@hooks.register("register_admin_urls")
def register_pdf_report_urls():
    return [path("notice-pdfs/", include(admin_urls, namespace="notice_pdfs"))]


class PdfReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def register_pdf_report_menu_item():
    return PdfReportMenuItem(
        _("PDF exports"), reverse("notice_pdfs:report"), name="notice-pdfs", icon_name="doc-full"
    )

"""The review reminders in the admin: a dashboard panel, and a report in the Reports menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from . import admin_urls
from .due import due_notices
from .panels import NoticesDueForReviewPanel
from .views import editable_pages


@hooks.register("construct_homepage_panels")
def add_notices_due_for_review(request, panels) -> None:
    due = due_notices(editable_pages(request.user))
    if due:
        panels.append(NoticesDueForReviewPanel(due))


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("notice-reviews/", include(admin_urls, namespace="notice_review"))]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Notice reviews"),
        reverse("notice_review:report"),
        name="notice-reviews",
        icon_name="date",
    )

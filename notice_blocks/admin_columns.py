"""Columns that the app's admin reports share."""

from django.urls import reverse
from wagtail.admin.ui.tables import TitleColumn
from wagtail.models import Page


def page_edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def page_title_column(label) -> TitleColumn:
    """A report's first column: each page's title in the admin, sorted by title, linked to
    its editor."""
    return TitleColumn(
        "title",
        label=label,
        accessor="get_admin_display_title",
        sort_key="title",
        get_url=page_edit_url,
    )

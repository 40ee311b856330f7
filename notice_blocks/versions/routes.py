"""The public routes of a notice's history, below every notice and easy read page."""

from importlib import import_module

from django.apps import apps
from django.urls import URLPattern, path, re_path

from . import comparison_views, views


def version_routes(page_class: type) -> list[URLPattern]:
    """The routes of a notice's versions, their comparison and (with the PDF app) their PDFs."""
    patterns = [
        path("versions/", views.version_list, name="versions"),
        path("versions/<int:number>/", views.version_page, name="version"),
        re_path(
            r"^versions/on/(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})/$",
            views.version_on_date,
            name="version_on_date",
        ),
        path(
            "versions/compare/<int:old>/<int:new>/",
            comparison_views.compare_versions,
            name="compare_versions",
        ),
    ]
    if apps.is_installed("notice_blocks.pdf"):
        patterns += import_module(f"{__package__}.pdfs").version_pdf_routes(page_class)
    return patterns

"""Out-of-date translations: the warning under a translated notice's title, and the report.

The warning is in the reader's language (the page's), on the web page and in its PDFs. It
concerns the live translation: it shows too on the current version's page, as in that
version's PDF (the live PDF), while an earlier version's page and PDF show that version as it
was.
"""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from ..reachability import open_to_everyone, reachable
from ..templatetags.notice_tags import STATUS_HOOK
from . import translation_report
from .staleness import OutOfDate, out_of_date
from .views import PRINTED_VERSION, SHOWN_VERSION, shown_day

TEMPLATE = "notice_blocks/versions/out_of_date.html"


def is_open(page: Page) -> bool:
    """Whether residents can open ``page``: reachable and with no view restriction."""
    return reachable(open_to_everyone(Page.objects.filter(pk=page.pk))).exists()


def language_name(language_code: str) -> str:
    """The language's name in the active language, such as “Saesneg” for English in Welsh."""
    try:
        return get_language_info(language_code)["name_translated"]
    except KeyError:
        return language_code


def source_url(stale: OutOfDate, context) -> str:
    """Where the source is read: a full address in a PDF, "" if residents cannot open it."""
    if not is_open(stale.source_page):
        return ""
    if "variant" in context:
        return stale.source_page.get_full_url() or ""
    return stale.source_page.get_url(request=context.get("request")) or ""


def shows_an_earlier_version(context) -> bool:
    """Whether the page or PDF rendered with ``context`` is a version no longer current."""
    shown = context.get(SHOWN_VERSION)
    return context.get(PRINTED_VERSION) is not None or (
        shown is not None and not shown.period.is_current
    )


@hooks.register(STATUS_HOOK)
def out_of_date_warning(page: Page, context) -> str:
    """The warning that the translation ``page`` may be out of date, or "" if it is not."""
    if shows_an_earlier_version(context) or getattr(page, "locale_id", None) is None:
        return ""
    stale = out_of_date(page)
    if stale is None:
        return ""
    reader_language = page.locale.language_code
    with translation.override(reader_language):
        return render_to_string(
            TEMPLATE,
            {
                "changed_on": shown_day(stale.changed_at),
                "language": language_name(stale.source_language_code),
                "language_code": stale.source_language_code,
                "source_url": source_url(stale, context),
            },
        )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "out-of-date-translations/",
            include(translation_report, namespace="out_of_date_translations"),
        )
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return translation_report.may_translate(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Out-of-date translations"),
        reverse("out_of_date_translations:report"),
        name="out-of-date-translations",
        icon_name="warning",
    )

"""The resident's views of a notice's history: its versions, one version, the one in force on a day.

Wagtail routes a request to these views only once the notice is live and the reader may see
it (view restrictions are checked first), and only published revisions are ever recorded as
versions: drafts never show. An alias shows its original's versions.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.models import Page

from ..aliases import original
from ..links import NoticeLink
from ..readable_text import readable_html
from ..revisions import revision_as_page
from ..templatetags.notice_tags import PageLanguage, page_languages
from .models import NoticeVersion

#: The Wagtail hook through which apps give a version's downloads (such as its PDFs): each
#: function is called with the page, the ``NoticeVersion`` and the request.
VERSION_DOWNLOADS_HOOK = "notice_version_download_links"

#: The template context key of the ``ShownVersion`` a version's web page shows.
SHOWN_VERSION = "notice_version"
#: The template context key of the ``NoticeVersion`` an earlier revision's PDF prints (the
#: live revision's PDF has none: it is the notice as it is now).
PRINTED_VERSION = "printed_version"

LIST_TEMPLATE = "notice_blocks/versions/version_list.html"
VERSION_TEMPLATE = "notice_blocks/versions/version.html"
WITHOUT_TEXT_TEMPLATE = "notice_blocks/versions/version_without_text.html"


@dataclass(frozen=True)
class VersionPeriod:
    """A version and when it was in force: until the next one came, or still (``until`` None)."""

    version: NoticeVersion
    until: datetime | None

    @property
    def is_current(self) -> bool:
        return self.until is None

    @property
    def has_text(self) -> bool:
        """Whether this site holds its text (a version imported from another site does not)."""
        return self.version.revision_id is not None

    @property
    def starts(self) -> str:
        """When it came into force; with the time if it ended on the same day."""
        return _when(self.version.in_force_from, with_time=self._within_a_day)

    @property
    def ends(self) -> str:
        """When the next version replaced it (with the time if on the day it came), or ""."""
        return _when(self.until, with_time=self._within_a_day) if self.until else ""

    @property
    def ends_at(self) -> str:
        """When the next version replaced it, to the minute, or ""."""
        return _when(self.until, with_time=True) if self.until else ""

    @property
    def _within_a_day(self) -> bool:
        return self.until is not None and _local_day(self.until) == _local_day(
            self.version.in_force_from
        )


@dataclass(frozen=True)
class VersionEntry:
    """A version as a reader is offered it: its page, downloads and what changed in it."""

    period: VersionPeriod
    url: str
    downloads: list[NoticeLink]
    #: The comparison with the version before it, when both their texts are held here.
    compare_url: str

    @property
    def version(self) -> NoticeVersion:
        return self.period.version


@dataclass(frozen=True)
class ShownVersion:
    """What a version's page says about the version it shows (see ``public_status``)."""

    entry: VersionEntry
    #: The notice's page now, and its list of versions.
    current_url: str
    versions_url: str
    #: Set when the page was asked for the version in force on a day.
    on_day: date | None = None
    #: The other versions in force on part of that day, newest first.
    also_that_day: tuple[VersionEntry, ...] = ()

    @property
    def period(self) -> VersionPeriod:
        return self.entry.period

    @property
    def version(self) -> NoticeVersion:
        return self.entry.period.version


def version_periods(page: Page) -> list[VersionPeriod]:
    """The versions of ``page``, newest first, each with when it was in force."""
    versions = NoticeVersion.objects.filter(page_id=original(page).pk).order_by("-number")
    periods = []
    until = None
    for version in versions:
        periods.append(VersionPeriod(version, until))
        until = version.in_force_from
    return periods


def current_version(page: Page) -> NoticeVersion | None:
    """The version of ``page`` in force now, if it has been published."""
    return NoticeVersion.objects.filter(page_id=original(page).pk).order_by("-number").first()


def subpage_url(page: Page, request: HttpRequest | None, route: str, **kwargs) -> str:
    """The address of one of the page's routes, such as its list of versions."""
    return below(page.get_url(request=request) or "", page.reverse_subpage(route, kwargs=kwargs))


def version_list(page: Page, request: HttpRequest) -> TemplateResponse:
    """Every version of the notice, newest first, with its dates, note, page and downloads."""
    periods = version_periods(page)
    if not periods:
        raise Http404("This notice has no published versions.")
    context = page.get_context(request)
    context.update(
        entries=[_entry(page, request, periods, period) for period in periods],
        languages=_route_languages(request, page, "versions"),
    )
    return TemplateResponse(request, LIST_TEMPLATE, context)


def version_page(page: Page, request: HttpRequest, number: int) -> TemplateResponse:
    """The notice as it was in version ``number``."""
    periods = version_periods(page)
    period = next((p for p in periods if p.version.number == number), None)
    if period is None:
        raise Http404("This notice has no version of that number.")
    return _render_version(page, request, _shown(page, request, periods, period))


def version_on_date(page: Page, request: HttpRequest, day: str) -> TemplateResponse:
    """The version in force at the end of ``day`` (YYYY-MM-DD, in the site's time zone)."""
    try:
        on_day = date.fromisoformat(day)
    except ValueError:
        raise Http404("Not a date.") from None
    if on_day > timezone.localdate(timezone=timezone.get_default_timezone()):
        raise Http404("That day has not come yet.")
    start, end = _day_bounds(on_day)
    periods = version_periods(page)
    in_force = [
        period
        for period in periods
        if period.version.in_force_from < end and (period.until is None or period.until > start)
    ]
    if not in_force:
        raise Http404("The notice was not published yet on that day.")
    shown = replace(
        _shown(page, request, periods, in_force[0]),
        on_day=on_day,
        also_that_day=tuple(_entry(page, request, periods, period) for period in in_force[1:]),
    )
    return _render_version(page, request, shown)


def _entry(
    page: Page, request: HttpRequest, periods: list[VersionPeriod], period: VersionPeriod
) -> VersionEntry:
    number = period.version.number
    previous = next((p for p in periods if p.version.number == number - 1), None)
    compare_url = ""
    if previous is not None and previous.has_text and period.has_text:
        compare_url = subpage_url(page, request, "compare_versions", old=number - 1, new=number)
    return VersionEntry(
        period=period,
        url=subpage_url(page, request, "version", number=number),
        downloads=_downloads(page, period.version, request) if period.has_text else [],
        compare_url=compare_url,
    )


def _shown(
    page: Page, request: HttpRequest, periods: list[VersionPeriod], period: VersionPeriod
) -> ShownVersion:
    return ShownVersion(
        entry=_entry(page, request, periods, period),
        current_url=page.get_url(request=request) or "",
        versions_url=subpage_url(page, request, "versions"),
    )


def _downloads(page: Page, version: NoticeVersion, request: HttpRequest) -> list[NoticeLink]:
    """The downloads apps give for ``version`` (its PDFs)."""
    return [
        link
        for hook in hooks.get_hooks(VERSION_DOWNLOADS_HOOK)
        for link in hook(page, version, request) or ()
    ]


def _render_version(page: Page, request: HttpRequest, shown: ShownVersion) -> TemplateResponse:
    """The version's text rendered with the page's own template, or its details alone.

    The text is the version's last published revision. That is not the live page: nothing
    offers the live page's links (such as its PDFs) for it, and the languages of its
    passages are found in its own text.
    """
    context_update = {
        SHOWN_VERSION: shown,
        "languages": _route_languages(request, page, "versions"),
        "canonical_url": request.build_absolute_uri(shown.entry.url),
    }
    if not shown.period.has_text:
        context = page.get_context(request)
        context.update(context_update)
        return TemplateResponse(request, WITHOUT_TEXT_TEMPLATE, context)
    as_it_was = revision_as_page(shown.version.revision)
    as_it_was.live = False
    context = as_it_was.get_context(request)
    context.update(context_update, notice_template=as_it_was.get_template(request))
    response = TemplateResponse(request, VERSION_TEMPLATE, context)
    response.render()
    response.content = readable_html(response.content.decode(response.charset), as_it_was)
    return response


def _route_languages(request: HttpRequest, page: Page, route: str) -> list[PageLanguage]:
    """The page's languages for its switcher, each other language's linking to ``route``.

    Version numbers differ from one language to another, so a version's page offers the
    other languages' lists of versions; its own language stays on the page itself.
    """
    path = page.reverse_subpage(route)
    return [
        replace(
            language,
            url=request.path if language.current else below(language.url, path),
            full_url=below(language.full_url, path),
        )
        for language in page_languages({"request": request}, page)
    ]


def below(url: str, path: str) -> str:
    """The address of a route below a page's ``url`` (ending in "/" or not); "" without one."""
    if not url:
        return ""
    return (url if url.endswith("/") else url + "/") + path


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def local_time(moment: datetime) -> datetime:
    """``moment`` in the site's time zone, or as it is when that zone cannot express it.

    Near the ends of the calendar (1 January of year 1, say) the local time would overflow.
    """
    try:
        return timezone.localtime(moment, timezone.get_default_timezone())
    except (OverflowError, ValueError):
        return moment


def shown_day(moment: datetime) -> str:
    """The day of ``moment`` in the site's time zone, written the active language's way."""
    return _when(moment, with_time=False)


def _local_day(moment: datetime) -> date:
    return local_time(moment).date()


def _when(moment: datetime, *, with_time: bool) -> str:
    local = local_time(moment)
    text = date_format(local, "DATE_FORMAT")
    return f"{text}, {date_format(local, 'TIME_FORMAT')}" if with_time else text

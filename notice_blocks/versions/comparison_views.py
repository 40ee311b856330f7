"""What changed between two versions of a notice, for residents, below the notice's page; and
the rules of which versions may be compared, which the editors' view shares.

Wagtail routes a request here only once the notice is live and the reader may see it, and
versions hold only published revisions: a draft's words never show. An alias shows what
changed between its original's versions.
"""

from collections.abc import Sequence

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from wagtail.models import Page

from .comparison import compare_revisions
from .views import VersionPeriod, subpage_url, version_periods

TEMPLATE = "notice_blocks/versions/compare.html"


def versions_to_compare(
    periods: Sequence[VersionPeriod], old: int, new: int
) -> tuple[VersionPeriod, VersionPeriod]:
    """Versions ``old`` and ``new`` of ``periods``: both exist, the earlier first, and this
    site holds both their texts; else a 404."""
    if not old < new:
        raise Http404("Compare an earlier version with a later one.")
    by_number = {period.version.number: period for period in periods}
    earlier, later = by_number.get(old), by_number.get(new)
    if earlier is None or later is None:
        raise Http404("This notice has no version of that number.")
    if not (earlier.has_text and later.has_text):
        raise Http404("The text of that version is not held on this site.")
    return earlier, later


def previous_to_compare(
    periods: Sequence[VersionPeriod], period: VersionPeriod
) -> VersionPeriod | None:
    """The version before ``period``, to show what changed in it, when this site holds both
    their texts."""
    number = period.version.number - 1
    previous = next((p for p in periods if p.version.number == number), None)
    if previous is not None and previous.has_text and period.has_text:
        return previous
    return None


def compare_versions(page: Page, request: HttpRequest, old: int, new: int) -> TemplateResponse:
    """The words that changed from version ``old`` of the notice to version ``new``."""
    periods = version_periods(page)
    earlier, later = versions_to_compare(periods, old, new)
    context = page.get_context(request)
    context.update(
        comparison=compare_revisions(earlier.version.revision, later.version.revision),
        earlier=earlier,
        later=later,
        change_notes=[
            period.version
            for period in reversed(periods)
            if old < period.version.number <= new and period.version.change_note
        ],
        earlier_url=subpage_url(page, request, "version", number=old),
        later_url=subpage_url(page, request, "version", number=new),
        versions_url=subpage_url(page, request, "versions"),
    )
    return TemplateResponse(request, TEMPLATE, context)

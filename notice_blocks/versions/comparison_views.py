"""What changed between two versions of a notice, for residents, below the notice's page.

Wagtail routes a request here only once the notice is live and the reader may see it, and
versions hold only published revisions: a draft's words never show. An alias shows what
changed between its original's versions.
"""

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from wagtail.models import Page

from .comparison import Comparison, compare_revisions
from .views import VersionPeriod, subpage_url, version_periods

TEMPLATE = "notice_blocks/versions/compare.html"


def compare_versions(page: Page, request: HttpRequest, old: int, new: int) -> TemplateResponse:
    """The words that changed from version ``old`` of the notice to version ``new``."""
    if not old < new:
        raise Http404("Compare an earlier version with a later one.")
    periods = {period.version.number: period for period in version_periods(page)}
    earlier, later = periods.get(old), periods.get(new)
    if earlier is None or later is None:
        raise Http404("This notice has no version of that number.")
    if not (earlier.has_text and later.has_text):
        raise Http404("The text of that version is not held on this site.")
    context = page.get_context(request)
    context.update(
        comparison=version_comparison(earlier, later),
        earlier=earlier,
        later=later,
        change_notes=[
            periods[number].version
            for number in sorted(periods)
            if old < number <= new and periods[number].version.change_note
        ],
        earlier_url=subpage_url(page, request, "version", number=old),
        later_url=subpage_url(page, request, "version", number=new),
        versions_url=subpage_url(page, request, "versions"),
    )
    return TemplateResponse(request, TEMPLATE, context)


def version_comparison(earlier: VersionPeriod, later: VersionPeriod) -> Comparison:
    """What changed from the text of ``earlier`` (its last revision) to that of ``later``."""
    return compare_revisions(earlier.version.revision, later.version.revision)

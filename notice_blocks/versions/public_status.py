"""Under a notice's title: when it was last updated and why, or which version a page shows.

On the notice's web page: "Last updated <date>: <change note> — see all versions". On a
version's page (``views`` puts ``notice_version`` in its context): which version it is,
whether it is current, and its downloads. In a PDF (its context has ``variant``): "Last
updated <date>: <change note>" of the version whose revision the PDF prints.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.models import Page

from ..templatetags.notice_tags import STATUS_HOOK
from .models import NoticeVersion
from .views import ShownVersion, current_version, history_page, subpage_url

LAST_UPDATED_TEMPLATE = "notice_blocks/versions/last_updated.html"
BANNER_TEMPLATE = "notice_blocks/versions/banner.html"


@hooks.register(STATUS_HOOK)
def version_status(page: Page, context) -> SafeString | str:
    """The line (or, on a version's page, the banner) that says which version this is."""
    shown = context.get("notice_version")
    if isinstance(shown, ShownVersion):
        return render_to_string(BANNER_TEMPLATE, {"shown": shown})
    if not getattr(page, "pk", None):
        return ""
    if context.get("variant") is not None:
        version = version_on_paper(page, context.get("revision_id") or page.live_revision_id)
        return render_to_string(LAST_UPDATED_TEMPLATE, {"version": version}) if version else ""
    version = current_version(page)
    if version is None:
        return ""
    request = context.get("request")
    versions_url = subpage_url(page, request, "versions")
    return render_to_string(
        LAST_UPDATED_TEMPLATE, {"version": version, "versions_url": versions_url}
    )


def version_on_paper(page: Page, revision_id: int | None) -> NoticeVersion | None:
    """The version whose text a PDF of ``page`` carries: the one its revision was published in.

    A stored PDF's context names the revision it prints (``revision_id``); else it prints
    the live revision.
    """
    if revision_id is None:
        return None
    return NoticeVersion.objects.filter(
        page_id=history_page(page).pk, revision_id=revision_id
    ).first()

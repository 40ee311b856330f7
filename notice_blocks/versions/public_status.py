"""Under a notice's title: when it was last updated and why, or which version a page shows.

On the notice's web page: "Last updated <date>: <change note> — see all versions". On a
version's page (``views`` puts its ``ShownVersion`` in the context): which version it is,
whether it is current, and its downloads. In a PDF (its context has ``variant``): "Last
updated <date>: <change note>" of the version whose revision the PDF prints.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.models import Page

from ..aliases import original
from ..templatetags.notice_tags import STATUS_HOOK
from .models import NoticeVersion
from .views import PRINTED_VERSION, SHOWN_VERSION, current_version, shown_day, subpage_url

LAST_UPDATED_TEMPLATE = "notice_blocks/versions/last_updated.html"
BANNER_TEMPLATE = "notice_blocks/versions/banner.html"


@hooks.register(STATUS_HOOK)
def version_status(page: Page, context) -> SafeString | str:
    """The line (or, on a version's page, the banner) that says which version this is."""
    shown = context.get(SHOWN_VERSION)
    if shown is not None:
        return render_to_string(BANNER_TEMPLATE, {"shown": shown})
    if not getattr(page, "pk", None):
        return ""
    if context.get("variant") is not None:
        version = context.get(PRINTED_VERSION) or version_on_paper(
            page, context.get("revision_id") or page.live_revision_id
        )
        return last_updated(version) if version else ""
    version = current_version(page)
    if version is None:
        return ""
    return last_updated(version, subpage_url(page, context.get("request"), "versions"))


def last_updated(version: NoticeVersion, versions_url: str = "") -> SafeString:
    """The line "Last updated <date>: <change note>", linking to the versions if given."""
    return render_to_string(
        LAST_UPDATED_TEMPLATE,
        {
            "updated": shown_day(version.in_force_from),
            "note": version.change_note,
            "versions_url": versions_url,
        },
    )


def version_on_paper(page: Page, revision_id: int | None) -> NoticeVersion | None:
    """The version whose text a PDF of ``page`` carries: the one its revision was published in.

    A stored PDF's context names the revision it prints (``revision_id``); else it prints
    the live revision.
    """
    if revision_id is None:
        return None
    return NoticeVersion.objects.filter(page_id=original(page).pk, revision_id=revision_id).first()

"""The easy read checks in the editor, and the link from a notice to its easy read version."""

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from wagtail import hooks

from ..links import LinkKind, NoticeLink
from ..models import NoticePage
from .content_checker import use_easy_read_checks
from .models import easy_read_version

hooks.register("construct_wagtail_userbar", use_easy_read_checks)


@hooks.register("insert_editor_js")
def easy_read_checks_panel_js() -> SafeString:
    """The script that shows, in the editor's Checks panel, where each easy read finding is."""
    return format_html(
        '<script src="{}"></script>', static("notice_blocks/easy-read/checks-panel.js")
    )


@hooks.register(LinkKind.VERSION.hook_name)
def easy_read_version_link(page, request: HttpRequest | None) -> list[NoticeLink]:
    """A notice's published easy read version that residents can open, if it has one."""
    if not isinstance(page, NoticePage):
        return []
    version = easy_read_version(page)
    url = version.get_url(request=request) if version else None
    if not url:
        return []
    return [NoticeLink(url=url, label=gettext("Easy read version"))]

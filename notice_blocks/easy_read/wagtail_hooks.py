"""The easy read checks in the editor, and the link from a notice to its easy read version."""

from django.http import HttpRequest
from django.utils.translation import gettext
from wagtail import hooks

from ..links import LinkKind, NoticeLink
from ..models import NoticePage
from .content_checker import use_easy_read_checks
from .models import easy_read_version

hooks.register("construct_wagtail_userbar", use_easy_read_checks)


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

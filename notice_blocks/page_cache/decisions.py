"""Which requests the cache may answer, and which pages' responses it may keep.

A request may be answered from the cache only when it is anonymous and plain: GET or HEAD,
no query string, no session cookie, no ``Authorization``, and not the request Wagtail makes
up to render a preview through the middleware (for the page's public URL). A response is
kept only when the page serving path opted in for that request (``mark_page``): a live page
with no view restriction on it or above it, not a preview.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

ATTRIBUTE = "notice_page_cache"


@dataclass(frozen=True)
class ServedPage:
    """What the page serving path said of a request: may its response be kept?"""

    cacheable: bool
    #: Whether a purge reaches the URL (it is among the page's cached paths), so a CDN or
    #: proxy in front may keep it until purged.
    purgeable: bool = False


def is_plain_anonymous(request: HttpRequest) -> bool:
    """Whether the cache may answer ``request``."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not has_session(request)
        and not getattr(request, "is_dummy", False)
    )


def has_session(request: HttpRequest) -> bool:
    """Whether the request is someone's: it has a session cookie or credentials."""
    return "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES


def mark_page(request: HttpRequest, served: ServedPage) -> None:
    setattr(request, ATTRIBUTE, served)


def served_page(request: HttpRequest) -> ServedPage | None:
    """What the page serving path said, or ``None`` if no page was served."""
    return getattr(request, ATTRIBUTE, None)

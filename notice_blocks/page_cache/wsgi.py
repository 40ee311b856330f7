"""Answer cached pages before Django handles the request: the fastest hit.

Wrap the site's WSGI application (``cms/wsgi.py`` does)::

    application = PageCacheApplication(get_wsgi_application())

A hit is then answered without Django's request handling, its signals or any middleware;
everything else (misses, which store pages, and every other request) goes to Django, where
``PageCacheMiddleware`` decides as before. Both follow the same rules (``decisions``); a site
whose ``MIDDLEWARE`` leaves the page cache out is passed through untouched.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest

from .decisions import is_plain_anonymous
from .middleware import LOOKUP_ENVIRON_KEY, MIDDLEWARE_PATH, hit, look_up
from .store import Lookup

CONDITIONAL_HEADERS = frozenset({"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"})

WSGIApplication = Callable[[dict[str, Any], Callable], Iterable[bytes]]


class PageCacheApplication:
    """A WSGI application that answers cached pages itself and passes on the rest."""

    def __init__(self, application: WSGIApplication) -> None:
        self.application = application
        self.enabled = MIDDLEWARE_PATH in settings.MIDDLEWARE

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if not self.enabled:
            return self.application(environ, start_response)
        request = WSGIRequest(environ)
        if is_plain_anonymous(request):
            try:
                found = look_up(request)
            except Exception:  # a host Django refuses: it answers the request itself
                found = None
            else:
                if found is not None and found.entry is not None:
                    return answer(request, found, start_response)
                environ[LOOKUP_ENVIRON_KEY] = found
        return self.application(environ, start_response)


def answer(request: WSGIRequest, found: Lookup, start_response: Callable) -> Iterable[bytes]:
    """The stored page as it was stored; HEAD and conditional requests as the middleware
    answers them."""
    if request.method == "GET" and not CONDITIONAL_HEADERS.intersection(request.META):
        start_response(found.entry.status_line, list(found.entry.headers.items()))
        return [found.entry.body]
    response = hit(request, found)
    start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
    return [response.content]

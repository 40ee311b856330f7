"""Answer plain anonymous requests for published public pages from the cache.

First in ``MIDDLEWARE``: a hit is answered before any other middleware, Wagtail's routing or
the database, with the status, headers and body the miss had (every header that the other
middleware added: security headers, the content security policy, ``Content-Language``,
``Vary``). A stored page carries an ``ETag`` (a digest of its body) and a ``Last-Modified``
(when the site's public content last changed), and a conditional request for it is answered
304, on a hit as on the miss that stores it. ``wsgi.PageCacheApplication`` answers hits
earlier still, before Django handles the request, through ``look_up`` and ``hit``.
"""

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import conf, store
from .decisions import has_session, is_plain_anonymous, served_page

#: The request headers a stored page may vary on.
VARY_ALLOWED = frozenset({"cookie"})

#: Cache-Control directives that keep a response out of every shared cache.
PRIVATE_DIRECTIVES = ("private", "no-store")

#: How ``MIDDLEWARE`` names the middleware.
MIDDLEWARE_PATH = f"{__name__}.PageCacheMiddleware"

#: Where the WSGI application leaves the lookup of a request it passes on (a miss), so that
#: the middleware does not look the page up again. Clients cannot set such a key.
LOOKUP_ENVIRON_KEY = "notice_page_cache.lookup"


class PageCacheMiddleware:
    """Serve and store whole public pages; mark the responses of anyone's session private."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_plain_anonymous(request):
            response = self.get_response(request)
            served = served_page(request)
            return private(
                request,
                response,
                page=served is not None,
                restricted=served is not None and not served.cacheable,
            )
        if LOOKUP_ENVIRON_KEY in request.META:
            found = request.META[LOOKUP_ENVIRON_KEY]
        else:
            try:
                found = look_up(request)
            except Exception:  # a host Django refuses: it answers the request itself
                return self.get_response(request)
        if found is not None and found.entry is not None:
            return hit(request, found)
        response = self.get_response(request)
        if found is None:
            return private(request, response, page=served_page(request) is not None)
        return miss(request, response, found)


def look_up(request: HttpRequest) -> store.Lookup | None:
    """The cache's answer for a plain anonymous request; ``None`` if it is out of reach.

    Raises ``DisallowedHost`` for a host the site does not serve.
    """
    return store.lookup(store.entry_key(request.scheme, request.get_host(), request.path))


def hit(request: HttpRequest, found: store.Lookup) -> HttpResponse:
    """The stored page (without a body for HEAD), or 304 if the reader has it."""
    entry = found.entry
    body = entry.body if request.method == "GET" else b""
    response = HttpResponse(body, status=entry.status, reason=entry.reason, headers=entry.headers)
    return conditional(request, response, found.token)


def miss(request: HttpRequest, response: HttpResponse, found: store.Lookup) -> HttpResponse:
    """Store the response if its page opted in and it is everyone's; else send it private."""
    served = served_page(request)
    if served is None:
        return response
    if not served.cacheable:
        return private(request, response, page=True, restricted=True)
    if not storable(request, response):
        return private(request, response, page=True)
    body = response.content
    digest = hashlib.sha256(body).hexdigest()[:32]
    response["ETag"] = f'"{digest}"'
    response["Last-Modified"] = http_date(found.token.since)
    del response["Cache-Control"]
    if served.purgeable:
        patch_cache_control(response, public=True, max_age=0, s_maxage=conf.shared_max_age())
    else:
        patch_cache_control(response, public=True, no_cache=True)
    entry = store.Entry(
        found.token.value,
        response.status_code,
        response.reason_phrase,
        body,
        dict(response.items()),
    )
    store.store(found.key, entry)
    return conditional(request, response, found.token)


def private(
    request: HttpRequest, response: HttpResponse, *, page: bool = False, restricted: bool = False
) -> HttpResponse:
    """Keep someone's own response, and a restricted page's, out of shared caches, whatever
    their own ``Cache-Control`` says; a public page's response not stored is sent private
    unless it says otherwise (a PDF's may be kept by a CDN, which revalidates it)."""
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return response
    if restricted or has_session(request):
        patch_cache_control(response, private=True)
    elif page and not cache_control:
        response["Cache-Control"] = "private"
    return response


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response to a plain anonymous request is the same for every reader.

    It may vary only on cookies (requests with a session cookie never reach the cache); one
    that varies on another header, such as a compressed page on ``Accept-Encoding``, is not
    kept, as the next reader's header may differ.
    """
    cache_control = response.get("Cache-Control", "").lower()
    varies_on = {name.lower() for name in cc_delim_re.split(response.get("Vary", "")) if name}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and varies_on <= VARY_ALLOWED
        and not any(directive in cache_control for directive in PRIVATE_DIRECTIVES)
    )


def conditional(request: HttpRequest, response: HttpResponse, token: store.Token):
    """304 when the reader has the page (by its ETag, or its date), else the page."""
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=token.since, response=response
    )

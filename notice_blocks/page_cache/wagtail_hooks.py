"""The page serving path opts a request in to the cache, page by page."""

from django.http import HttpRequest
from wagtail import hooks

from .conf import frontend_cache_configured
from .decisions import ServedPage, mark_page
from .frontend import cached_urls
from .signals import snippet_deleted


@hooks.register("before_serve_page")
def mark_cacheable_pages(page, request: HttpRequest, serve_args, serve_kwargs):
    """A live page without view restrictions, not previewed, may be kept (its sub-routes too)."""
    # Wagtail's own restriction check (an ``on_serve_page`` hook, run after this one) queries
    # the restrictions again: it keeps no result that this check could share.
    cacheable = (
        page.live
        and not getattr(request, "is_preview", False)
        and not page.get_view_restrictions().exists()
    )
    purgeable = cacheable and frontend_cache_configured() and _is_purged(page, request)
    mark_page(request, ServedPage(cacheable=cacheable, purgeable=purgeable))


def _is_purged(page, request: HttpRequest) -> bool:
    """Whether a purge of ``page`` names the requested URL: its path, on the host and scheme
    of the page's site (a CDN keeps another host's or scheme's copy apart, unpurged)."""
    return request.build_absolute_uri(request.path) in cached_urls(page)


hooks.register("after_delete_snippet", snippet_deleted)

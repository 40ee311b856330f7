"""The production settings without the page cache: the site serving pages it has not stored.

``bench/load.py`` serves the site with these to measure uncached pages; its other measures
use ``cms.settings.production`` unchanged. The page cache middleware is left out, and the
cache the page cache reads (``NOTICE_PAGE_CACHE_ALIAS``) keeps nothing, so that no page is
answered from the cache, however the cache is wired in before Django's handling.
"""

from cms.settings.production import *  # noqa: F403

PAGE_CACHE_MIDDLEWARE = "notice_blocks.page_cache.middleware.PageCacheMiddleware"

MIDDLEWARE = [name for name in MIDDLEWARE if name != PAGE_CACHE_MIDDLEWARE]  # noqa: F405
CACHES = {
    **CACHES,  # noqa: F405
    "no_pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
NOTICE_PAGE_CACHE_ALIAS = "no_pages"

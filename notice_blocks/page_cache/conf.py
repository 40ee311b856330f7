"""The page cache's settings, declared here and read through the app's ``setting()``."""

from django.conf import settings

from ..conf import Setting, declare, setting

declare(
    NOTICE_PAGE_CACHE_ALIAS=Setting(
        "default", "The alias of `CACHES` that whole public pages are kept in."
    ),
    NOTICE_PAGE_CACHE_TIMEOUT=Setting(
        3600,
        "Seconds a cached page is kept: the longest a page stays stale if a purge is lost.",
    ),
    NOTICE_PAGE_CACHE_LOCAL_COPIES=Setting(
        256,
        "How many cached pages each web process keeps a copy of, answered without asking "
        "Redis while it hears every purge (0: none).",
    ),
    NOTICE_PAGE_CACHE_SHARED_MAX_AGE=Setting(
        86400,
        "The `s-maxage` of cached pages when `WAGTAILFRONTENDCACHE` purges a CDN or proxy "
        "in front of the site.",
    ),
)


def alias() -> str:
    """The alias of ``CACHES`` the pages are kept in."""
    return setting("NOTICE_PAGE_CACHE_ALIAS")


def timeout() -> int:
    """Seconds a cached page is kept."""
    return setting("NOTICE_PAGE_CACHE_TIMEOUT")


def local_copies() -> int:
    """How many pages each process keeps a copy of."""
    return setting("NOTICE_PAGE_CACHE_LOCAL_COPIES")


def shared_max_age() -> int:
    """How long a CDN or proxy that is purged may keep a page, in seconds."""
    return setting("NOTICE_PAGE_CACHE_SHARED_MAX_AGE")


def frontend_cache_configured() -> bool:
    """Whether Wagtail's frontend cache invalidation purges a CDN or proxy in front."""
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )

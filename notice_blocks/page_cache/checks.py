"""System checks: the cache that pages are kept in is one that every process purges."""

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from ..checks import IMMEDIATE_BACKEND
from . import conf
from .middleware import MIDDLEWARE_PATH as MIDDLEWARE

TAG = "notice_blocks"


def check_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A process-local cache while tasks run in workers, and the middleware's place."""
    messages: list[checks.CheckMessage] = []
    tasks = getattr(settings, "TASKS", None) or {}
    tasks_backend = tasks.get("default", {}).get("BACKEND", "")
    alias = conf.alias()
    if alias not in settings.CACHES:
        return [
            checks.Error(
                f"NOTICE_PAGE_CACHE_ALIAS names {alias!r}, which CACHES does not have.",
                hint="Add the alias to CACHES, or name one it has.",
                id="notice_blocks_page_cache.E001",
            )
        ]
    if isinstance(caches[alias], LocMemCache) and tasks_backend not in ("", IMMEDIATE_BACKEND):
        messages.append(
            checks.Warning(
                f"Pages are cached in the process-local cache {alias!r} while tasks run in "
                "workers: purges from workers and other processes do not reach it.",
                hint="Keep pages in a cache that every process shares, such as "
                "django.core.cache.backends.redis.RedisCache (docs/caching.md).",
                id="notice_blocks_page_cache.W001",
            )
        )
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE not in middleware:
        messages.append(
            checks.Warning(
                "No page is cached: PageCacheMiddleware is not in MIDDLEWARE.",
                hint=f"Add {MIDDLEWARE!r} first in MIDDLEWARE.",
                id="notice_blocks_page_cache.W002",
            )
        )
    elif middleware[0] != MIDDLEWARE:
        messages.append(
            checks.Warning(
                "PageCacheMiddleware is not first in MIDDLEWARE: the middleware before it "
                "runs for every cached page.",
                hint=f"Move {MIDDLEWARE!r} to the top of MIDDLEWARE.",
                id="notice_blocks_page_cache.W003",
            )
        )
    return messages


def register() -> None:
    """Register the check with Django (from the app's ``ready``)."""
    checks.register(check_cache, TAG, checks.Tags.caches)

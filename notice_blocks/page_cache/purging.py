"""Purges: the site's cached pages when anything public pages show changes, and its URLs in a
CDN or proxy in front.

The token is replaced at once, so that this process stops serving what changed, and again
once the change is committed: a request answered between the two may have stored what the
database showed before the commit, under the first new token. Frontend caches are purged
once the change is committed, so that what they fetch again is the new content.
"""

import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.db import transaction

from . import frontend, store
from .conf import frontend_cache_configured

logger = logging.getLogger(__name__)


#: A function giving the full URLs a change makes stale.
URLs = Callable[[], Iterable[str]]


def purge(urls: URLs | None = None, *, now: bool = False) -> None:
    """Make every cached page stale now and on commit and, with a CDN or proxy in front,
    purge there the URLs ``urls()`` gives once the change is committed.

    ``urls()`` is called on commit (a moved page's new URLs are known only then), or at once
    with ``now`` (what a page moving away or something deleted leaves is known only before);
    never without a frontend cache. A failure to work them out is logged, never raised.
    """
    store.replace_token()
    if urls is None or not frontend_cache_configured():
        urls = None
    elif now:
        urls = _worked_out(urls)
    transaction.on_commit(partial(_after_commit, urls), robust=True)


def purge_all() -> bool:
    """Make every cached page stale at once (by hand); returns whether the cache was told."""
    return store.replace_token()


def _worked_out(urls: URLs) -> URLs | None:
    try:
        found = set(urls())
    except Exception:
        logger.warning("The URLs to purge in front could not be worked out", exc_info=True)
        return None
    return lambda: found


def _after_commit(urls: URLs | None) -> None:
    store.replace_token()
    if urls is None:
        return
    try:
        frontend.purge_urls(urls())
    except Exception:
        logger.warning("The frontend cache was not purged", exc_info=True)

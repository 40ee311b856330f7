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


def purge(urls: Callable[[], Iterable[str]] | Iterable[str] = ()) -> None:
    """Make every cached page stale now and on commit, and purge ``urls`` in front on commit.

    ``urls`` may be a function, called when the change is committed (as the URLs of a
    moved page are known only then); a failure to work them out is logged, never raised.
    """
    store.replace_token()
    transaction.on_commit(partial(_after_commit, urls), robust=True)


def purge_all() -> bool:
    """Make every cached page stale at once (by hand); returns whether the cache was told."""
    return store.replace_token()


def _after_commit(urls: Callable[[], Iterable[str]] | Iterable[str]) -> None:
    store.replace_token()
    if not frontend_cache_configured():  # no URLs to work out
        return
    try:
        frontend.purge_urls(urls() if callable(urls) else urls)
    except Exception:
        logger.warning("The frontend cache was not purged", exc_info=True)

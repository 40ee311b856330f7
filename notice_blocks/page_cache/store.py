"""The cached pages and the site-wide token that says which of them are current.

Every change that public pages may show replaces the token; an entry is current only while
the token it was stored under is the cache's token. One ``get_many`` reads both, so a hit
costs one round trip to the cache. A cache that cannot be reached is a miss, logged, never
an error.
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from . import conf, local

logger = logging.getLogger(__name__)

PREFIX = "notice_page_cache"
TOKEN_KEY = f"{PREFIX}:token"
#: The shape of stored entries, in their keys: entries of another shape are never read.
ENTRY_VERSION = 2


@dataclass(frozen=True)
class Token:
    """A version of the site's public content: a random value and when it began."""

    value: str
    since: int  # seconds since the epoch; content cannot have changed after it

    def dump(self) -> str:
        return f"{self.value}:{self.since}"

    @classmethod
    def load(cls, dumped: object) -> "Token | None":
        if not isinstance(dumped, str) or ":" not in dumped:
            return None
        value, _, since = dumped.partition(":")
        return cls(value, int(since)) if since.isdigit() else None


@dataclass(frozen=True)
class Entry:
    """A stored response: its status, body and headers, under the token it was stored with."""

    token: str
    status: int
    reason: str
    body: bytes
    headers: dict[str, str]

    @property
    def status_line(self) -> str:
        """The status as WSGI sends it: ``"200 OK"``."""
        return f"{self.status} {self.reason}"

    def dump(self) -> tuple:
        return (self.token, self.status, self.reason, self.body, self.headers)

    @classmethod
    def load(cls, dumped: object, token: str) -> "Entry | None":
        """The entry ``dump`` returned, if it was stored under ``token``."""
        if not isinstance(dumped, tuple) or len(dumped) != 5 or dumped[0] != token:
            return None
        return cls(*dumped)


@dataclass(frozen=True)
class Lookup:
    """What one round trip found: the current token and the entry, if it is current."""

    key: str
    token: Token
    entry: Entry | None


def cache() -> BaseCache:
    return caches[conf.alias()]


def entry_key(scheme: str, host: str, path: str) -> str:
    digest = hashlib.md5(f"{scheme}://{host}{path}".encode(), usedforsecurity=False).hexdigest()
    return f"{PREFIX}:page:v{ENTRY_VERSION}:{digest}"


def new_token(previous: Token | None = None) -> Token:
    """A token later than ``previous`` by at least a second, so ``Last-Modified`` moves on."""
    since = int(time.time())
    if previous is not None and since <= previous.since:
        since = previous.since + 1
    return Token(secrets.token_hex(8), since)


def lookup(key: str) -> Lookup | None:
    """The current token and the current entry at ``key``; ``None`` if the cache is out of reach.

    A page this process keeps a copy of is answered without asking the cache while the process
    hears every purge (``local``).
    """
    if _purge_pending and not replace_token():
        return None
    copies = local.listener(cache(), read_token)
    token = copies.current_token() if copies else None
    if token is not None:
        entry = copies.copy(key, token)
        if entry is not None:
            return Lookup(key, token, entry)
    try:
        found = cache().get_many([TOKEN_KEY, key])
        token = Token.load(found.get(TOKEN_KEY))
        if token is None:
            token = _first_token()
    except Exception:
        logger.warning("The page cache cannot be reached: serving pages uncached", exc_info=True)
        return None
    entry = Entry.load(found.get(key), token.value)
    if entry is not None and copies:
        copies.keep(key, entry)
    return Lookup(key, token, entry)


def read_token() -> Token | None:
    """The cache's token as it is now."""
    return Token.load(cache().get(TOKEN_KEY))


def store(key: str, entry: Entry) -> None:
    """Keep ``entry`` at ``key`` for the configured time; a failure is logged."""
    try:
        cache().set(key, entry.dump(), conf.timeout())
    except Exception:
        logger.warning("The page cache cannot be reached: a page was not stored", exc_info=True)
        return
    copies = local.listener(cache(), read_token)
    if copies:
        copies.keep(key, entry)


def replace_token() -> bool:
    """Make every stored page stale, here and in every process; returns whether the cache
    could be told.

    A purge the cache could not be told of is tried again by this process's next lookup,
    which answers nothing from the cache until it succeeds. (Other processes read the token
    again within a second of it changing, should its announcement be lost.)
    """
    global _purge_pending
    replaced = False
    try:
        store_ = cache()
        store_.set(TOKEN_KEY, new_token(Token.load(store_.get(TOKEN_KEY))).dump(), None)
        replaced = True
        local.announce(store_)
    except Exception:
        _purge_pending = not replaced
        logger.warning(
            "The page cache cannot be reached: %s",
            "the purge was not announced" if replaced else "this process tries the purge again",
            exc_info=True,
        )
        return replaced
    _purge_pending = False
    return True


#: Whether a purge could not reach the cache, in this process.
_purge_pending = False


def _first_token() -> Token:
    """The token, set now if the cache has none (first start, or evicted)."""
    store_ = cache()
    store_.add(TOKEN_KEY, new_token().dump(), None)
    token = Token.load(store_.get(TOKEN_KEY))
    if token is None:  # evicted again at once: nothing can be stored under it
        raise RuntimeError("The page cache keeps no token")
    return token

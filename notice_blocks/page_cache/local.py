"""Copies of cached pages in each process, answered while Redis tells it of every purge.

A hit in Redis costs a round trip to another process, which on a busy machine costs more than
the rest of the hit. Each web process therefore keeps the pages it answered last
(``NOTICE_PAGE_CACHE_LOCAL_COPIES``), and a thread of it listens on a Redis channel on which
every purge is announced. While the process hears Redis (a ping answered within
``HEARD_WITHIN`` seconds), a page whose copy was stored under the token it last read is
answered without asking Redis; a purge announced makes it ask Redis again until it has read
the new token. A purge made in another process therefore reaches it as fast as the
announcement (a few milliseconds), and within a second should the announcement be lost (the
token is read again with each ping); one made in the process itself, at once. When Redis is
not heard, or the cache is not Redis, every hit asks the cache as before.
"""

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache

try:
    import redis
except ImportError:  # without redis-py no cache is Redis: there is nothing to listen to
    redis = None

from . import conf

#: A stored page (``store.Entry``) and the token it was stored under (``store.Token``):
#: this module only compares their token values.
Entry = Any
Token = Any

logger = logging.getLogger(__name__)

#: Seconds between the pings the listening thread sends Redis.
HEARTBEAT = 1.0
#: Copies are answered only while Redis answered the thread within this many seconds.
HEARD_WITHIN = 3.0


class Listener:
    """A process's copies of pages, and the thread that hears the purges announced."""

    def __init__(self, url: str, channel: str, read_token: Callable[[], Token | None]) -> None:
        self.url = url
        self.channel = channel
        self.read_token = read_token
        self.pid = os.getpid()
        self.token: Token | None = None
        self.heard_at = 0.0
        self.generation = 0  # how many purges this process announced
        self.copies: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self.lock = threading.Lock()
        threading.Thread(target=self.run, name="page-cache-listener", daemon=True).start()

    def current_token(self) -> Token | None:
        """The token last read, while Redis is heard; otherwise ``None``."""
        if time.monotonic() - self.heard_at > HEARD_WITHIN:
            return None
        return self.token

    def copy(self, key: str, token: Token) -> Entry | None:
        with self.lock:
            kept = self.copies.get(key)
            if kept is None or kept[1].token != token.value or kept[0] < time.monotonic():
                return None
            self.copies.move_to_end(key)
            return kept[1]

    def keep(self, key: str, entry: Entry) -> None:
        with self.lock:
            self.copies[key] = (time.monotonic() + conf.timeout(), entry)
            self.copies.move_to_end(key)
            while len(self.copies) > conf.local_copies():
                self.copies.popitem(last=False)

    def forget_token(self) -> None:
        """Answer no copy until the token is read again (this process purged)."""
        with self.lock:
            self.generation += 1
            self.token = None

    def read_token_again(self) -> None:
        """Read the token; one read while this process purged is dropped, and read again."""
        generation = self.generation
        token = self.read_token()
        with self.lock:
            if generation == self.generation:
                self.token = token

    def run(self) -> None:
        warned = False
        while True:
            started = time.monotonic()
            try:
                self.listen()
            except Exception:
                # Once for each outage, not for each try.
                if self.heard_at >= started or not warned:
                    logger.warning("The page cache does not hear Redis: asking it on every hit")
                warned = True
            self.token = None
            time.sleep(HEARTBEAT)

    def listen(self) -> None:
        client = redis.Redis.from_url(
            self.url, socket_timeout=HEARD_WITHIN, socket_connect_timeout=HEARD_WITHIN
        )
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            await_confirmation(pubsub)
            # Read once subscribed: a purge made from then on is announced, and read again.
            self.read_token_again()
            self.heard_at = time.monotonic()
            pinged = 0.0
            while True:
                if time.monotonic() - pinged >= HEARTBEAT:
                    # The token is read again with each ping, should an announcement be lost.
                    pubsub.ping()
                    self.read_token_again()
                    pinged = time.monotonic()
                message = pubsub.get_message(timeout=HEARTBEAT)
                if message is None:
                    continue
                if message["type"] == "message":
                    self.forget_token()
                    self.read_token_again()
                self.heard_at = time.monotonic()
        finally:
            pubsub.close()
            client.close()


def await_confirmation(pubsub) -> None:
    """Wait until Redis confirms a subscription: announcements from then on are heard."""
    deadline = time.monotonic() + HEARD_WITHIN
    while (left := deadline - time.monotonic()) > 0:
        message = pubsub.get_message(timeout=left)
        if message is not None and message["type"] == "subscribe":
            return
    raise TimeoutError("Redis did not confirm the page cache's subscription")


_listeners: dict[tuple[str, str], Listener] = {}
_publishers: dict[str, tuple[int, Any]] = {}  # Redis clients, by URL, of this process
_starting = threading.Lock()


def listener(cache, read_token: Callable[[], Token | None]) -> Listener | None:
    """This process's listener for ``cache``, started on first use; ``None`` unless the
    cache is Redis."""
    key = _channel(cache)
    if key is None:
        return None
    current = _listeners.get(key)
    if current is not None and current.pid == os.getpid():
        return current
    with _starting:
        current = _listeners.get(key)
        if current is None or current.pid != os.getpid():
            current = _listeners[key] = Listener(*key, read_token)
        return current


def announce(cache) -> None:
    """Tell every process (this one at once) that the token of ``cache`` changed.

    A process that only purges, such as a task worker, announces without listening.
    """
    key = _channel(cache)
    if key is None:
        return
    current = _listeners.get(key)
    if current is not None and current.pid == os.getpid():
        current.forget_token()
    publisher = _publishers.get(key[0])
    if publisher is None or publisher[0] != os.getpid():
        client = redis.Redis.from_url(key[0], socket_timeout=1, socket_connect_timeout=1)
        publisher = _publishers[key[0]] = (os.getpid(), client)
    publisher[1].publish(key[1], b"changed")


def forget() -> None:
    """Drop this process's copies (a test's pages are not the next one's)."""
    for kept in _listeners.values():
        with kept.lock:
            kept.copies.clear()
        kept.forget_token()


def _channel(cache) -> tuple[str, str] | None:
    """The Redis server and channel that purges of ``cache`` are announced on, if any."""
    if redis is None or not conf.local_copies() or not isinstance(cache, RedisCache):
        return None
    return cache._servers[0], cache.make_and_validate_key("notice_page_cache:changed")

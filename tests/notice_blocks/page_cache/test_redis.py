"""The page cache in Redis, as in production: shared by processes, and never a 500 when
Redis is down."""

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from notice_blocks.page_cache import local, store
from tests.notice_blocks.page_cache.utils import get_counting_queries, is_served_from_cache
from tests.utils import make_notice_page

pytestmark = pytest.mark.django_db

KEY_PREFIX = "notices-test"


def redis_cache(location: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": KEY_PREFIX,
        "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
    }


@pytest.fixture
def pages_in_redis(settings, redis_url):
    settings.CACHES = {**settings.CACHES, "pages": redis_cache(redis_url)}
    settings.NOTICE_PAGE_CACHE_ALIAS = "pages"
    return redis_url


@pytest.fixture
def redis_down(settings):
    """A Redis address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {**settings.CACHES, "pages": redis_cache(f"redis://127.0.0.1:{port}/0")}
    settings.NOTICE_PAGE_CACHE_ALIAS = "pages"


@pytest.fixture
def cached_notice(client, pages_in_redis):
    """A notice whose page is stored in Redis."""
    notice = make_notice_page()
    client.get(notice.url)
    return notice


@pytest.fixture
def another_process(pages_in_redis) -> Callable[..., None]:
    """Run Python with ``arguments`` in another process, its cache as production configures
    it (in this test's Redis); it must succeed."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "purge-test",
        "REDIS_URL": pages_in_redis,
        "DJANGO_CACHE_KEY_PREFIX": KEY_PREFIX,
    }

    def run(*arguments: str) -> None:
        completed = subprocess.run(
            [sys.executable, *arguments],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr

    return run


def test_a_hit_from_redis_makes_no_query(client, pages_in_redis, django_assert_num_queries):
    notice = make_notice_page()
    miss = client.get(notice.url)
    with django_assert_num_queries(0):
        hit = client.get(notice.url)
    assert hit.content == miss.content
    assert hit["ETag"] == miss["ETag"]


def test_a_purge_from_another_process_reaches_this_one(client, cached_notice, another_process):
    assert is_served_from_cache(client, cached_notice.url)
    another_process(str(Path(settings.BASE_DIR) / "manage.py"), "purge_page_cache")
    _response, queries = get_counting_queries(client, cached_notice.url)
    assert queries > 0


def test_pages_are_served_while_redis_is_down(client, redis_down, caplog):
    notice = make_notice_page()
    with caplog.at_level(logging.WARNING, logger="notice_blocks.page_cache"):
        for _ in range(2):
            response, queries = get_counting_queries(client, notice.url)
            assert response.status_code == 200 and queries > 0
            assert "ETag" not in response
    assert "cannot be reached" in caplog.text


def test_publishing_works_while_redis_is_down(
    client, redis_down, caplog, django_capture_on_commit_callbacks
):
    notice = make_notice_page()
    notice.title = "Fostering"
    with caplog.at_level(logging.WARNING, logger="notice_blocks.page_cache"):
        with django_capture_on_commit_callbacks(execute=True):
            notice.save_revision().publish()
    assert "tries the purge again" in caplog.text
    assert "Fostering" in client.get(notice.url).content.decode()


def wait_until(condition, seconds: float = 5.0) -> bool:
    """Whether ``condition()`` came true within ``seconds`` (polled)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def listening(cache_alias: str = "pages"):
    """This process's listener of the purges announced in Redis, once it hears them."""
    copies = local.listener(caches[cache_alias], store.read_token)
    assert wait_until(lambda: copies.current_token() is not None)
    return copies


def delete_entries_in_redis(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{KEY_PREFIX}:*:notice_page_cache:page:*"))
    assert keys and client.delete(*keys) == len(keys)


def test_a_process_answers_its_copy_without_asking_redis(client, pages_in_redis):
    notice = make_notice_page()
    listening()
    client.get(notice.url)
    delete_entries_in_redis(pages_in_redis)
    assert is_served_from_cache(client, notice.url)


def test_no_copy_is_answered_once_this_process_purges(client, pages_in_redis):
    notice = make_notice_page()
    listening()
    client.get(notice.url)
    assert store.replace_token()
    _response, queries = get_counting_queries(client, notice.url)
    assert queries > 0


def test_a_purge_in_another_process_is_heard_and_its_copies_dropped(
    client, cached_notice, another_process
):
    copies = listening()  # started by the request that stored the page, which it keeps
    heard = copies.current_token()
    another_process("-c", PURGE)
    assert wait_until(lambda: copies.current_token() not in (None, heard))
    _response, queries = get_counting_queries(client, cached_notice.url)
    assert queries > 0


def test_a_purge_whose_announcement_is_lost_is_read_within_a_second_or_two(client, pages_in_redis):
    notice = make_notice_page()
    copies = listening()
    client.get(notice.url)
    heard = copies.current_token()
    caches["pages"].set(store.TOKEN_KEY, store.new_token(heard).dump(), None)  # not announced
    assert wait_until(lambda: copies.current_token() not in (None, heard), seconds=3)
    _response, queries = get_counting_queries(client, notice.url)
    assert queries > 0


def test_a_purge_redis_missed_is_made_before_the_next_page_is_answered(client, pages_in_redis):
    notice = make_notice_page()
    client.get(notice.url)
    assert is_served_from_cache(client, notice.url)
    # Redis answers nobody for a while: the purge of the page made private cannot reach it.
    redis.Redis.from_url(pages_in_redis).execute_command("CLIENT", "PAUSE", 1500, "ALL")
    paused = time.monotonic()
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    time.sleep(max(0.0, 1.6 - (time.monotonic() - paused)))
    response = client.get(notice.url)
    assert response.status_code == 302
    assert notice.title not in response.content.decode()


#: A purge, announced to every process, in another process.
PURGE = """
import django
django.setup()
from notice_blocks.page_cache.store import replace_token
assert replace_token()
"""

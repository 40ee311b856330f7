import os
import uuid
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import translation
from playwright.sync_api import sync_playwright

from notice_blocks.page_cache import local as page_copies
from tests.browser import DESKTOP, launch
from tests.processes import use_rq


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its media files and stored PDFs to folders of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "notice_pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "notice-pdfs")},
        },
    }
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches site root paths, and the page cache pages (kept in each process too):
    each test starts from its own database state."""
    cache.clear()
    page_copies.forget()
    yield
    cache.clear()
    page_copies.forget()


@pytest.fixture(autouse=True)
def reset_language():
    """A request under /ur/ leaves Urdu active in its thread: each test starts in English."""
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> str:
    """The demo notices, loaded once for a module; returns what the first load printed.

    The load runs in a transaction of the module's own, rolled back after the module's last
    test. Each test's changes still roll back at its end, to a savepoint inside it, so a test
    may change the demo. A test of the module that needs a database without the demo runs
    before the first test that asks for it; tests that commit (``transaction=True``) cannot
    share a module with it.
    """
    output = StringIO()
    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
        try:
            call_command("load_demo_notices", stdout=output)
        except BaseException as error:
            transaction.set_rollback(True)
            module_transaction.__exit__(type(error), error, error.__traceback__)
            raise
    yield output.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


# Real Redis, and the test database as worker and web processes open it

REDIS_SERVER = os.environ.get("NOTICE_TEST_REDIS_URL", "redis://127.0.0.1:6379")
REDIS_CLAIM_KEY = "notice-pdfs-test:claimed-by"


@pytest.fixture
def redis_url():
    """The URL of an empty Redis database that this test run has to itself."""
    import redis

    try:
        redis.Redis.from_url(f"{REDIS_SERVER}/0", socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_SERVER} ({error}): RQ workers need it")
    token = uuid.uuid4().hex
    for db in range(15, 0, -1):
        client = redis.Redis.from_url(f"{REDIS_SERVER}/{db}")
        if client.dbsize() == 0 and client.set(REDIS_CLAIM_KEY, token, nx=True, ex=900):
            break
    else:
        pytest.skip(f"No empty Redis database at {REDIS_SERVER} for the RQ worker test")
    try:
        yield f"{REDIS_SERVER}/{db}"
    finally:
        client.flushdb()
        client.close()


@pytest.fixture
def database_url() -> str:
    """The test database as a URL that a worker process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.skip("The SQLite test database is in memory; worker processes cannot open it")
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "127.0.0.1"
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{db['NAME']}"
    pytest.skip(f"No worker test for the {connection.vendor} database")


@pytest.fixture
def rq_setup(settings, redis_url, database_url, tmp_path):
    """RQ as the task backend, on a queue of this test's own, here and in the workers."""
    return use_rq(settings, redis_url, database_url, tmp_path / "notice-pdfs")


# Real Chromium, for the tests marked ``browser``


@pytest.fixture(scope="module")
def allow_database_under_event_loop():
    """Playwright's sync API runs an event loop, which Django's ORM otherwise refuses."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(allow_database_under_event_loop, django_db_setup):
    # While Playwright's event loop runs, Django looks its connections up in the loop's
    # context and would open new ones, which lack the test database's serialized contents.
    # Keep using the test connections.
    test_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in test_connections.items():
            connections[alias] = connection
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Opens a fresh browser page; ``viewport`` and ``locale`` can be chosen."""
    contexts = []

    def open_page(viewport: dict = DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()

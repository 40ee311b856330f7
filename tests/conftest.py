import os

import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import translation
from playwright.sync_api import sync_playwright

from .browser import DESKTOP, launch


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
    """Wagtail caches site root paths: each test starts from its own database state."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def reset_language():
    """A request under /ur/ leaves Urdu active in its thread: each test starts in English."""
    yield
    translation.deactivate()


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

import pytest
from django.core.cache import cache
from django.utils import translation


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

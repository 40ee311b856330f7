"""The checks say when pages are cached where purges cannot reach them, or not at all."""

from notice_blocks.page_cache.checks import MIDDLEWARE, check_cache

RQ = {"default": {"BACKEND": "notice_blocks.tasks_backend.RQWithFallbackBackend"}}


def ids(settings) -> list[str]:
    return [message.id for message in check_cache()]


def test_the_demo_settings_pass(settings):
    assert ids(settings) == []


def test_a_process_local_cache_while_workers_run_tasks(settings):
    settings.TASKS = RQ
    assert ids(settings) == ["notice_blocks_page_cache.W001"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert ids(settings) == []


def test_the_middleware_left_out_or_not_first(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    assert ids(settings) == ["notice_blocks_page_cache.W002"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    assert ids(settings) == ["notice_blocks_page_cache.W003"]


def test_an_alias_caches_lacks(settings):
    settings.NOTICE_PAGE_CACHE_ALIAS = "pages"
    assert ids(settings) == ["notice_blocks_page_cache.E001"]
    assert all(message.hint for message in check_cache())

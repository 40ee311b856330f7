"""Settings for production: everything secret or host-specific comes from the environment."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True


def env_flag(name: str, default: bool) -> bool:
    """A yes/no setting from the environment: 1, true, yes or on mean yes."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# HTTPS only: plain HTTP requests are redirected (behind a proxy that sets X-Forwarded-Proto,
# or turn this off where the proxy redirects), and browsers are told by HSTS to use HTTPS.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS") or 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD", True)

# Cached pages are shared by every web process and purged by workers too, in Redis (a request
# gives up on an unresponsive Redis after a second and is served uncached). They have a cache
# of their own: Wagtail keeps what it caches (such as the sites' root paths) in "default",
# which stays in each process's memory, so that the site works while Redis is down.
CACHES = {
    **CACHES,  # noqa: F405
    "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,  # noqa: F405
        "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "notices"),
        "OPTIONS": {"socket_timeout": 1},
    },
}
NOTICE_PAGE_CACHE_ALIAS = "pages"

# PDFs are built by RQ workers unless NOTICE_TASK_BACKEND says otherwise; their storage is
# the "notice_pdfs" alias above (NOTICE_PDF_ROOT, or replace the alias for object storage).
# PDF builds have a queue of their own, which workers take first
# (`manage.py rqworker --with-scheduler notice-pdfs default`), so that a publication's PDFs do
# not wait behind the search and reference index updates that Wagtail queues with it.
NOTICE_TASK_BACKEND = os.environ.get("NOTICE_TASK_BACKEND", "rq")
NOTICE_PDF_TASK_QUEUE = os.environ.get("NOTICE_PDF_TASK_QUEUE", "notice-pdfs")
TASK_QUEUES = task_queues(NOTICE_PDF_TASK_QUEUE)  # noqa: F405
RQ_QUEUES = rq_queues(TASK_QUEUES)  # noqa: F405
TASKS = {
    "default": {
        **TASKS["default"],  # noqa: F405
        "BACKEND": TASK_BACKENDS[NOTICE_TASK_BACKEND],  # noqa: F405
        "QUEUES": TASK_QUEUES,
    }
}

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

# PDFs are built by RQ workers unless NOTICE_TASK_BACKEND says otherwise; their storage is
# the "notice_pdfs" alias above (NOTICE_PDF_ROOT, or replace the alias for object storage).
NOTICE_TASK_BACKEND = os.environ.get("NOTICE_TASK_BACKEND", "rq")
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[NOTICE_TASK_BACKEND],  # noqa: F405
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}

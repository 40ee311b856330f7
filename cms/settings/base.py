"""Settings shared by every environment of the privacy notice site."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cms.demo",
    "notice_blocks",
    "notice_blocks.pdf",
    "notice_blocks.easy_read",
    "notice_blocks.versions",
    "notice_blocks.review",
    "notice_blocks.page_cache",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_rq",
    "django_rq",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a cached page is answered before anything else runs (docs/caching.md).
    "notice_blocks.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "notice_blocks.translation_permissions.TranslationPermissionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy (django-csp). Public pages load scripts, styles, fonts and images
# from the site only, and may be framed only by the site (Wagtail's preview panel).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# The Wagtail admin is sent this policy instead, for signed-in users (its sign-in and password
# reset pages keep the public one). Wagtail 8's form widgets still write inline scripts
# (date and snippet choosers), its modals and StreamField insert inline scripts, and its
# editors (Draftail, the translation editor) inline styles; the content checks of easy read
# pages give axe-core checks as source, which it compiles (eval). So the admin allows inline
# scripts and styles and eval; everything else stays as strict as on public pages: nothing
# from any other origin, no plugins, forms posting only to the site, framed only by it.
NOTICE_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}

# Published public pages are kept whole in this cache (notice_blocks.page_cache). The local
# memory cache of the embedded default is one process's own: with several processes, or with
# tasks run by workers, keep them in Redis as production does (docs/caching.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}
# No CDN or proxy is purged until WAGTAILFRONTENDCACHE names one (docs/caching.md).

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (for example
# postgres://127.0.0.1:5432/notices) selects another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages notices are published in: English first, then the languages most spoken in
# England and Wales, Welsh for Welsh councils. Urdu and Arabic are written right to left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("pa", _("Panjabi")),
    ("ur", _("Urdu")),
    ("ar", _("Arabic")),
    ("bn", _("Bengali")),
    ("pt", _("Portuguese")),
    ("zh-hans", _("Chinese (Simplified)")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Editors' dates the British way: the admin's pickers write 06/12/2026, English dates show as
# 6 December 2026, and every admin language reads a typed date day first (docs/settings.md).
FORMAT_MODULE_PATH = ["notice_blocks.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# For languages without input formats of their own (Urdu, Arabic, Panjabi).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Notice PDFs are served only through their notice's routes, which apply the page's
    # view restrictions: keep them outside MEDIA_ROOT, where nothing serves them directly.
    "notice_pdfs": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get(
                "NOTICE_PDF_ROOT", str(BASE_DIR / "private" / "notice-pdfs")
            ),
        },
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background tasks (PDF builds, Wagtail's own tasks): run at once in the web process by
# default. With NOTICE_TASK_BACKEND=rq they are queued on Redis (REDIS_URL), for workers
# started with `manage.py rqworker --with-scheduler <NOTICE_PDF_TASK_QUEUE> default`, PDF
# builds first (production gives them a queue of their own). The scheduler runs the delayed
# retries of failed PDFs; the worker class queues again, when it starts and every ten
# minutes, the PDF builds the queue lost or never received. While
# Redis is unreachable Wagtail's tasks run in the web process; PDF builds wait for the queue.
NOTICE_TASK_BACKEND = os.environ.get("NOTICE_TASK_BACKEND", "immediate")
NOTICE_PDF_TASK_QUEUE = os.environ.get("NOTICE_PDF_TASK_QUEUE", "default")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# A request gives up connecting to a Redis host that does not answer after two seconds,
# rather than the system's minutes (REDIS_URL may set its own socket_connect_timeout).
if "socket_connect_timeout=" not in REDIS_URL:
    REDIS_URL += ("&" if "?" in REDIS_URL else "?") + "socket_connect_timeout=2"


def task_queues(pdf_queue: str) -> list[str]:
    """The task queues, in the order workers take them: PDF builds first."""
    return list(dict.fromkeys([pdf_queue, "default"]))


def rq_queues(queues: list[str]) -> dict[str, dict]:
    return {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300} for name in queues}


TASK_QUEUES = task_queues(NOTICE_PDF_TASK_QUEUE)
RQ_QUEUES = rq_queues(TASK_QUEUES)
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "notice_blocks.tasks_backend.RQWithFallbackBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[NOTICE_TASK_BACKEND],
        "QUEUES": TASK_QUEUES,
        "OPTIONS": {"QUEUE_ONLY_TASKS": ["notice_blocks.pdf.tasks.build_notice_pdfs_task"]},
    }
}
# Workers run tasks through the job class of django-tasks-rq.
RQ = {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "notice_blocks.pdf.worker.Worker"}

# The app's other NOTICE_* settings (PDF retries, easy read limits, the base template) keep
# their defaults here: docs/settings.md lists them.

WAGTAIL_SITE_NAME = "Privacy notices"
# The admin asks no other site for anything (avatars, Wagtail's release feed): its policy
# allows none, and editors' email addresses stay with the council.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]

"""System checks: what a site needs for the app to work, each with a hint saying what to add."""

import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.files.storage import InvalidStorageError, storages
from django.utils import formats
from django.utils.module_loading import import_string

from .conf import PDF_STORAGE_ALIAS, setting

TAG = "notice_blocks"

REQUIRED_APPS = ("wagtail", "wagtail.contrib.routable_page", "wagtail.snippets")
PDF_APP = "notice_blocks.pdf"
EASY_READ_APP = "notice_blocks.easy_read"
#: The apps that PDFs of notices need besides.
PDF_REQUIRED_APPS = ("django_tasks",)
TRANSLATION_APPS = ("wagtail_localize", "wagtail_localize.locales")
SITEMAP_APP = "wagtail.contrib.sitemaps"
LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"
IMMEDIATE_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
#: Django's language codes whose fontconfig language differs from their first part.
FONTCONFIG_LANGUAGES = {"zh-hans": "zh-cn", "zh-hant": "zh-tw"}


def check_apps(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The apps the app relies on, and those it needs for PDFs and to translate notices."""
    required = (*REQUIRED_APPS, *(PDF_REQUIRED_APPS if installed(PDF_APP) else ()))
    messages: list[checks.CheckMessage] = [
        checks.Error(
            f"Privacy notices need the app {app!r}.",
            hint=f"Add {app!r} to INSTALLED_APPS.",
            id="notice_blocks.E001",
        )
        for app in required
        if not installed(app)
    ]
    if i18n_enabled():
        messages += [
            checks.Error(
                f"Translated notices need the app {app!r} (WAGTAIL_I18N_ENABLED is on).",
                hint=f"Add {app!r} to INSTALLED_APPS, or turn WAGTAIL_I18N_ENABLED off.",
                id="notice_blocks.E002",
            )
            for app in TRANSLATION_APPS
            if not installed(app)
        ]
    if not installed(SITEMAP_APP):
        messages.append(
            checks.Info(
                f"Without {SITEMAP_APP!r} the site has no sitemap of its notices.",
                hint=f"Add {SITEMAP_APP!r} to INSTALLED_APPS and serve "
                "notice_blocks.sitemaps.TranslatedSitemap.",
                id="notice_blocks.I001",
            )
        )
    return messages


def check_languages(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """With WAGTAIL_I18N_ENABLED: Django's i18n, its middleware and languages that agree."""
    if not i18n_enabled():
        return []
    messages: list[checks.CheckMessage] = []
    if LOCALE_MIDDLEWARE not in settings.MIDDLEWARE:
        messages.append(
            checks.Error(
                "Pages are served in their reader's language only with LocaleMiddleware.",
                hint=f"Add {LOCALE_MIDDLEWARE!r} to MIDDLEWARE, after SessionMiddleware "
                "and before CommonMiddleware.",
                id="notice_blocks.E003",
            )
        )
    if not settings.USE_I18N:
        messages.append(
            checks.Error(
                "WAGTAIL_I18N_ENABLED is on but USE_I18N is off.",
                hint="Set USE_I18N = True, or turn WAGTAIL_I18N_ENABLED off.",
                id="notice_blocks.E004",
            )
        )
    languages = {code.lower() for code, _name in settings.LANGUAGES}
    content_languages = [code.lower() for code in content_language_codes()]
    messages += [
        checks.Error(
            f"The content language {code!r} is not in LANGUAGES.",
            hint=f"Add {code!r} to LANGUAGES, or remove it from WAGTAIL_CONTENT_LANGUAGES.",
            id="notice_blocks.E005",
        )
        for code in content_languages
        if code not in languages
    ]
    if settings.LANGUAGE_CODE.lower() not in content_languages:
        messages.append(
            checks.Error(
                f"LANGUAGE_CODE {settings.LANGUAGE_CODE!r} is not a content language.",
                hint=f"Add {settings.LANGUAGE_CODE!r} to WAGTAIL_CONTENT_LANGUAGES, or set "
                "LANGUAGE_CODE to one of them.",
                id="notice_blocks.E006",
            )
        )
    return messages


def check_pdf_storage(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The storage alias PDFs are kept in, which must not be served as media."""
    if not installed(PDF_APP):
        return []
    try:
        storages[PDF_STORAGE_ALIAS]
    except InvalidStorageError:
        return [
            checks.Warning(
                f'STORAGES has no "{PDF_STORAGE_ALIAS}" alias: PDFs are kept in '
                f"{setting('NOTICE_PDF_FALLBACK_ROOT')!r}.",
                hint=f'Add a "{PDF_STORAGE_ALIAS}" alias to STORAGES: a folder outside '
                "MEDIA_ROOT, or private object storage (PDFs are served only through their "
                "notice, which applies its view restrictions).",
                id="notice_blocks.W001",
            )
        ]
    return []


def check_tasks(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The task backend PDF builds are queued on, and their queue."""
    if not installed(PDF_APP):
        return []
    tasks = getattr(settings, "TASKS", None)
    config = (tasks or {"default": {"BACKEND": IMMEDIATE_BACKEND}}).get("default")
    if config is None:
        return [
            checks.Error(
                'TASKS has no "default" backend, which PDF builds are queued on.',
                hint='Add a "default" backend to TASKS.',
                id="notice_blocks.E007",
            )
        ]
    messages: list[checks.CheckMessage] = []
    queue = setting("NOTICE_PDF_TASK_QUEUE")
    if queue not in config.get("QUEUES", ["default"]):
        messages.append(
            checks.Error(
                f"The PDF task queue {queue!r} is not among the default backend's QUEUES.",
                hint=f'Add {queue!r} to TASKS["default"]["QUEUES"], or set '
                "NOTICE_PDF_TASK_QUEUE to one of them.",
                id="notice_blocks.E008",
            )
        )
    immediate = import_string(IMMEDIATE_BACKEND)
    if not settings.DEBUG and issubclass(import_string(config["BACKEND"]), immediate):
        messages.append(
            checks.Warning(
                "PDFs are built in the web process, while the request that publishes a "
                "notice waits (the immediate task backend)."
                + ("" if tasks else " TASKS is not set."),
                hint='Set TASKS["default"]["BACKEND"] to a backend with workers, such as '
                "django_tasks_rq.RQBackend, and run them.",
                id="notice_blocks.W002",
            )
        )
    return messages


def check_icu(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """PyICU, which the easy read checks count words and sentences with."""
    if installed(EASY_READ_APP) and find_spec("icu") is None:
        return [
            checks.Error(
                "PyICU is not installed: easy read notices cannot be checked.",
                hint="Install PyICU (pip install PyICU; it needs the ICU library, on Debian "
                "libicu-dev and pkg-config to build).",
                id="notice_blocks.E009",
            )
        ]
    return []


def check_fonts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Noto fonts for the scripts of the content languages, which PDFs are set in."""
    if not installed(PDF_APP):
        return []
    if shutil.which("fc-list") is None:
        return [
            checks.Warning(
                "fontconfig's fc-list is not installed: the fonts of PDFs cannot be found.",
                hint="Install fontconfig (on Debian: apt install fontconfig).",
                id="notice_blocks.W003",
            )
        ]
    missing = [code for code in content_language_codes() if not has_noto_font(code)]
    if not missing:
        return []
    return [
        checks.Warning(
            "No Noto font for the content languages " + ", ".join(missing) + ": their PDFs "
            "would show missing characters.",
            hint="Install Noto fonts for them (on Debian: apt install fonts-noto-core "
            "fonts-noto-extra fonts-noto-cjk); `fc-list :lang="
            + fontconfig_language(missing[0])
            + "` lists the fonts found.",
            id="notice_blocks.W004",
        )
    ]


def check_date_formats(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Editors' dates day first: the admin's date pickers, and a typed 06/12/2026 in English."""
    picker = getattr(settings, "WAGTAIL_DATE_FORMAT", None) or "%Y-%m-%d"
    messages: list[checks.CheckMessage] = []
    if picker.startswith("%m"):
        messages.append(
            checks.Warning(
                f"The admin's date pickers write dates month first ({picker!r}).",
                hint='Set WAGTAIL_DATE_FORMAT = "%d/%m/%Y".',
                id="notice_blocks.W005",
            )
        )
    if any(code.split("-")[0] == "en" and reads_month_first(code) for code in admin_languages()):
        messages.append(
            checks.Warning(
                "The admin reads a date typed in English as 06/12/2026 as 12 June.",
                hint='Set FORMAT_MODULE_PATH = ["notice_blocks.formats"] for British English '
                "dates (see docs/settings.md).",
                id="notice_blocks.W006",
            )
        )
    messages += [
        checks.Warning(
            f"The admin in {code!r} cannot read the dates its date pickers write ({picker!r}).",
            hint=f"Add {picker!r} to the language's DATE_INPUT_FORMATS (a format module in "
            'FORMAT_MODULE_PATH, such as "notice_blocks.formats").',
            id="notice_blocks.W007",
        )
        for code in admin_languages()
        if picker not in formats.get_format("DATE_INPUT_FORMATS", lang=code)
    ]
    return messages


def admin_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def reads_month_first(code: str) -> bool:
    """Whether the admin in language ``code`` reads 06/12/2026 as 12 June."""
    for input_format in formats.get_format("DATE_INPUT_FORMATS", lang=code):
        try:
            return datetime.strptime("06/12/2026", input_format).month == 6
        except ValueError:
            continue
    return False


def installed(app: str) -> bool:
    """Whether an app is installed: its name, or the path of its AppConfig."""
    return apps.is_installed(app)


def i18n_enabled() -> bool:
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def content_language_codes() -> list[str]:
    """The codes of WAGTAIL_CONTENT_LANGUAGES, or LANGUAGE_CODE as Wagtail takes it then."""
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None)
    if languages is None:
        return [settings.LANGUAGE_CODE]
    return [code for code, _name in languages]


def fontconfig_language(code: str) -> str:
    """Fontconfig's name of a Django language: ``zh-hans`` is ``zh-cn``, ``pt-br`` is ``pt``."""
    code = code.lower()
    return FONTCONFIG_LANGUAGES.get(code, code.split("-")[0])


def has_noto_font(code: str) -> bool:
    """Whether fontconfig finds a Noto font that covers a language."""
    found = subprocess.run(  # noqa: S603 - a fixed program, the language as one argument
        ["fc-list", f":lang={fontconfig_language(code)}", "family"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return any(family.startswith("Noto") for family in found.stdout.splitlines())


CHECKS: tuple[Callable[..., list[checks.CheckMessage]], ...] = (
    check_apps,
    check_languages,
    check_pdf_storage,
    check_tasks,
    check_icu,
    check_fonts,
    check_date_formats,
)


def register() -> None:
    """Register the checks with Django (from the app's ``ready``)."""
    for check in CHECKS:
        checks.register(check, TAG)

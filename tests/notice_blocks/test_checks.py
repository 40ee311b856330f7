"""The system checks tell a site what it is missing, each by its id, with a hint."""

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

from notice_blocks import checks
from notice_blocks.conf import PDF_STORAGE_ALIAS

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def without(setting_name: str, *names: str) -> list[str]:
    return [name for name in getattr(settings, setting_name) if name not in names]


def test_the_demo_settings_raise_nothing_unsilenced():
    messages = run_checks(tags=[checks.TAG])
    assert [message for message in messages if not message.is_silenced()] == []


def test_every_message_has_a_hint():
    with override_settings(
        MIDDLEWARE=without("MIDDLEWARE", checks.LOCALE_MIDDLEWARE),
        LANGUAGE_CODE="fr",
        USE_I18N=False,
        STORAGES={"default": settings.STORAGES["default"]},
        TASKS=None,
        DEBUG=False,
    ):
        messages = run_checks(tags=[checks.TAG])
    assert {"notice_blocks.E003", "notice_blocks.E004", "notice_blocks.E006"} <= set(ids(messages))
    assert all(message.hint for message in messages)


def leave_out(monkeypatch, *names: str) -> None:
    """As if the apps ``names`` were not installed (without reloading the app registry)."""
    installed = checks.installed
    monkeypatch.setattr(checks, "installed", lambda app: app not in names and installed(app))


@pytest.mark.parametrize("app", [*checks.REQUIRED_APPS, *checks.PDF_REQUIRED_APPS])
def test_a_required_app_left_out(monkeypatch, app):
    leave_out(monkeypatch, app)
    messages = checks.check_apps()
    assert ids(messages) == ["notice_blocks.E001"]
    assert repr(app) in messages[0].hint


def test_translation_apps_are_required_only_with_wagtail_i18n(monkeypatch):
    leave_out(monkeypatch, "wagtail_localize.locales")
    assert ids(checks.check_apps()) == ["notice_blocks.E002"]
    with override_settings(WAGTAIL_I18N_ENABLED=False):
        assert checks.check_apps() == []


def test_the_sitemap_app_is_optional(monkeypatch):
    leave_out(monkeypatch, checks.SITEMAP_APP)
    assert ids(checks.check_apps()) == ["notice_blocks.I001"]


def test_a_site_without_pdfs_needs_no_task_queue_storage_or_fonts(monkeypatch):
    leave_out(monkeypatch, checks.PDF_APP, *checks.PDF_REQUIRED_APPS)
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    with override_settings(STORAGES={"default": settings.STORAGES["default"]}, TASKS={}):
        assert checks.check_apps() == []
        assert checks.check_pdf_storage() == []
        assert checks.check_tasks() == []
        assert checks.check_fonts() == []


def test_a_site_without_easy_read_needs_no_pyicu(monkeypatch):
    leave_out(monkeypatch, checks.EASY_READ_APP)
    monkeypatch.setattr(checks, "find_spec", lambda name: None)
    assert checks.check_icu() == []


def test_locale_middleware_is_needed_with_wagtail_i18n():
    with override_settings(MIDDLEWARE=without("MIDDLEWARE", checks.LOCALE_MIDDLEWARE)):
        assert ids(checks.check_languages()) == ["notice_blocks.E003"]
    with override_settings(
        MIDDLEWARE=without("MIDDLEWARE", checks.LOCALE_MIDDLEWARE), WAGTAIL_I18N_ENABLED=False
    ):
        assert checks.check_languages() == []


def test_django_i18n_is_needed_with_wagtail_i18n():
    with override_settings(USE_I18N=False):
        assert ids(checks.check_languages()) == ["notice_blocks.E004"]


def test_content_languages_must_be_among_languages():
    with override_settings(WAGTAIL_CONTENT_LANGUAGES=[*settings.LANGUAGES, ("fr", "French")]):
        messages = checks.check_languages()
    assert ids(messages) == ["notice_blocks.E005"]
    assert "'fr'" in messages[0].msg


def test_the_default_language_must_be_a_content_language():
    with override_settings(LANGUAGE_CODE="fr", LANGUAGES=[*settings.LANGUAGES, ("fr", "French")]):
        messages = checks.check_languages()
    assert ids(messages) == ["notice_blocks.E006"]


def test_without_a_pdf_storage_alias_pdfs_fall_back_to_a_private_folder(tmp_path):
    from notice_blocks.pdf.building import pdf_storage

    with override_settings(
        STORAGES={"default": settings.STORAGES["default"]},
        NOTICE_PDF_FALLBACK_ROOT=str(tmp_path / "pdfs"),
    ):
        messages = checks.check_pdf_storage()
        storage = pdf_storage()
    assert ids(messages) == ["notice_blocks.W001"]
    assert PDF_STORAGE_ALIAS in messages[0].hint
    assert storage.location == str(tmp_path / "pdfs")


def test_the_immediate_task_backend_is_a_warning_only_without_debug():
    with override_settings(TASKS=IMMEDIATE, DEBUG=False):
        assert ids(checks.check_tasks()) == ["notice_blocks.W002"]
    with override_settings(TASKS=IMMEDIATE, DEBUG=True):
        assert checks.check_tasks() == []


def test_no_tasks_setting_means_the_immediate_backend():
    with override_settings(TASKS=None, DEBUG=False):
        messages = checks.check_tasks()
    assert ids(messages) == ["notice_blocks.W002"]
    assert "TASKS is not set" in messages[0].msg


def test_tasks_need_a_default_backend():
    with override_settings(TASKS={"other": IMMEDIATE["default"]}):
        assert ids(checks.check_tasks()) == ["notice_blocks.E007"]


def test_the_pdf_task_queue_must_be_one_of_the_backends():
    with override_settings(NOTICE_PDF_TASK_QUEUE="pdfs", DEBUG=True):
        messages = checks.check_tasks()
    assert ids(messages) == ["notice_blocks.E008"]
    assert "'pdfs'" in messages[0].hint


def test_pyicu_is_required(monkeypatch):
    monkeypatch.setattr(checks, "find_spec", lambda name: None)
    assert ids(checks.check_icu()) == ["notice_blocks.E009"]


def test_fontconfig_is_needed(monkeypatch):
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    assert ids(checks.check_fonts()) == ["notice_blocks.W003"]


def test_a_content_language_without_a_noto_font(monkeypatch):
    monkeypatch.setattr(checks, "has_noto_font", lambda code: code != "ur")
    messages = checks.check_fonts()
    assert ids(messages) == ["notice_blocks.W004"]
    assert "ur" in messages[0].msg
    assert "fc-list :lang=ur" in messages[0].hint


def test_fontconfig_names_of_languages():
    assert [checks.fontconfig_language(code) for code in ("ur", "zh-hans", "pt-br")] == [
        "ur",
        "zh-cn",
        "pt",
    ]

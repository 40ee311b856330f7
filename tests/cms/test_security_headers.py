"""HTTPS, HSTS and the Content-Security-Policy of public pages, PDFs and the admin."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import default_task_backend

from notice_blocks.pdf.building import build_revision_pdfs
from notice_blocks.pdf.variants import STANDARD
from tests.browser import visit
from tests.utils import make_easy_read_page, make_notice_page

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "privacy.example.gov.uk",
}
# Left out of production processes: the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, and what
# these tests set themselves.
UNSET_ENV = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_SECURE_HSTS_SECONDS",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "DJANGO_SECURE_HSTS_PRELOAD",
)
PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
}
DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}


def policy(response) -> dict[str, str]:
    """The response's Content-Security-Policy, directive by directive."""
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in directives}


def production_process_env(**overrides: str) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in UNSET_ENV}
    return {**env, **PRODUCTION_ENV, **overrides}


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_settings(monkeypatch) -> dict:
    """The security settings of ``cms.settings.production`` with the default environment."""
    for name in UNSET_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    module = importlib.reload(importlib.import_module("cms.settings.production"))
    names = [
        "MIDDLEWARE",
        "CONTENT_SECURITY_POLICY",
        "NOTICE_ADMIN_CONTENT_SECURITY_POLICY",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ]
    return {name: getattr(module, name) for name in names}


# HTTPS and the deployment checks


def test_check_deploy_finds_nothing_in_production_settings():
    result = manage("check", "--deploy", "--fail-level=WARNING", env=production_process_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_the_redirect_and_hsts_are_set_from_the_environment():
    show = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    defaults = manage("shell", "--no-imports", "-c", show, env=production_process_env())
    changed = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        env=production_process_env(
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_SECURE_HSTS_SECONDS="600",
            DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="no",
            DJANGO_SECURE_HSTS_PRELOAD="0",
        ),
    )

    assert defaults.stdout.split() == ["True", "31536000", "True", "True"], defaults.stderr
    assert changed.stdout.split() == ["False", "600", "False", "False"], changed.stderr


@pytest.mark.django_db
def test_production_redirects_http_and_sends_hsts_over_https(production_settings):
    notice = make_notice_page()
    with override_settings(**production_settings):
        plain = Client().get(notice.url)
        secure = Client().get(notice.url, HTTP_X_FORWARDED_PROTO="https")

    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver" + notice.url
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


# Content-Security-Policy


@pytest.mark.django_db
def test_public_notice_pdf_and_admin_pages_carry_their_policies(
    production_settings, django_user_model
):
    notice = make_notice_page()
    build_revision_pdfs(notice.live_revision_id, [STANDARD.value])
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("lead", "lead@example.com", "pw"))
    https = {"HTTP_X_FORWARDED_PROTO": "https"}

    with override_settings(**production_settings):
        page = Client().get(notice.url, **https)
        pdf = Client().get(notice.url + notice.reverse_subpage("pdf"), **https)
        sign_in = Client().get(reverse("wagtailadmin_login"), **https)
        dashboard = editor.get(reverse("wagtailadmin_home"), **https)
        page_editor = editor.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]), **https)

    for response in (page, pdf, sign_in, dashboard, page_editor):
        assert response.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert policy(page) == policy(pdf) == policy(sign_in) == PUBLIC_POLICY
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert (
        policy(dashboard)
        == policy(page_editor)
        == {
            **PUBLIC_POLICY,
            "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": "'self' data: blob:",
        }
    )


@pytest.mark.django_db
def test_a_pdf_route_answers_with_the_public_policy_before_its_pdf_is_built(settings):
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    notice = make_notice_page()

    response = Client().get(notice.url + notice.reverse_subpage("pdf"))

    assert response.status_code in (200, 503)
    assert policy(response) == PUBLIC_POLICY


@pytest.mark.django_db
def test_public_templates_write_no_inline_script_style_or_event_handler(client):
    notice = make_notice_page()
    pages = [client.get(notice.url), client.get("/en/no-such-page/")]
    html = "".join(page.content.decode() for page in pages)

    assert "<script" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html and " onload=" not in html


# In Chromium


WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation({
        page: location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
    });
});
"""


@pytest.fixture
def watched_page(new_page):
    """A browser page that records every Content-Security-Policy violation, in any frame."""
    page = new_page()
    violations = []
    page.context.expose_function("reportViolation", lambda violation: violations.append(violation))
    page.context.add_init_script(WATCH_VIOLATIONS)
    page.violations = violations
    return page


def sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chromium_reports_no_violation_on_public_pages_or_in_the_admin(
    watched_page, live_server, django_user_model
):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    controller = notice.data_controller
    django_user_model.objects.create_superuser("lead", "lead@example.com", "pw")
    page = watched_page

    visit(page, live_server, notice.url)
    sign_in(page, live_server, "lead", "pw")
    visit(page, live_server, reverse("wagtailadmin_home"))
    visit(page, live_server, reverse("wagtailadmin_explore", args=[notice.get_parent().pk]))
    visit(page, live_server, reverse("wagtailadmin_pages:edit", args=[notice.pk]))
    page.locator(".public-DraftEditor-content:visible").first.click()
    page.keyboard.type(" Draftail works.")
    page.click("button[data-side-panel-toggle='preview']")
    page.wait_for_function(
        """() => [...document.querySelectorAll("iframe.w-preview__iframe")].some(
            (frame) => frame.contentDocument?.querySelector("main")
        )"""
    )
    page.click("#id_data_controller-chooser .w-dropdown__toggle")
    page.click("#id_data_controller-chooser .w-dropdown__content [data-chooser-action-choose]")
    page.locator(".modal-content").get_by_text(controller.name).wait_for()
    visit(
        page,
        live_server,
        reverse(controller.snippet_viewset.get_url_name("edit"), args=[controller.pk]),
    )
    visit(page, live_server, reverse("notice_pdfs:report"))
    visit(page, live_server, reverse("wagtailadmin_pages:edit", args=[easy_read.pk]))
    page.click("button[data-side-panel-toggle='checks']")
    page.wait_for_function(  # the checks have run
        """() => /^[0-9]+$/.test(
            document.querySelector("[data-content-checker-count]")?.textContent.trim()
        )"""
    )
    visit(page, live_server, notice.url)  # with the user bar of a signed-in editor
    page.wait_for_timeout(500)

    assert page.violations == []

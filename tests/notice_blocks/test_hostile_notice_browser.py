"""A notice file written by an attacker, imported and opened by a logged-in admin in Chromium."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from notice_blocks.models import NoticePage
from tests.browser import visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: Each payload, if it ever ran, would set ``window.pwned`` (and open a dialog).
RUN = "window.pwned=(window.pwned||[]).concat('{name}');alert('{name}')"
PAYLOADS = {
    "script": "<script>{run}</script>",
    "image-onerror": '<img src="x" onerror="{run}">',
    "svg-onload": '<svg onload="{run}"></svg>',
    "javascript-link": '<a id="js-link" href="javascript:{run}">Read more</a>',
    "event-handler": '<b onmouseover="{run}" onfocus="{run}" tabindex="0">hover me</b>',
    "iframe": '<iframe srcdoc="<script>parent.{run}</script>"></iframe>',
    "form": '<form action="/admin/users/add/" method="post"><button id="go">Go</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:{run}">',
    "object": '<object data="javascript:{run}"></object>',
}


def hostile_text() -> str:
    parts = [
        payload.format(run=RUN.format(name=name).replace('"', "&quot;"))
        for name, payload in PAYLOADS.items()
    ]
    return "<p>Summary of the notice. " + " ".join(parts) + "</p>"


@pytest.fixture
def hostile_notice(tmp_path, live_server) -> NoticePage:
    notice_file = tmp_path / "hostile.json"
    notice_file.write_text(
        json.dumps(
            {
                "format": "privacy-notice",
                "format_version": 1,
                "notice": {
                    "title": "Blue Badge parking permits",
                    "slug": "blue-badge",
                    "body": [
                        {"type": "summary", "value": {"heading": "", "text": hostile_text()}},
                        {"type": "general", "value": {"heading": "More", "text": hostile_text()}},
                    ],
                },
            }
        )
    )
    call_command("import_notice", str(notice_file), stdout=io.StringIO(), stderr=io.StringIO())
    return NoticePage.objects.get(slug="blue-badge")


def test_a_logged_in_admin_opening_an_imported_hostile_notice_runs_none_of_it(
    new_page, live_server, hostile_notice, django_user_model
):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.gov.uk", "pw")
    client = Client()
    client.force_login(admin)
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    visit(page, live_server, hostile_notice.url)
    assert page.get_by_text("Summary of the notice.").count() == 2
    page.locator("main b").first.hover()
    page.keyboard.press("Tab")
    for link in page.locator("main a").all():
        if link.is_visible():
            link.click(modifiers=["Alt"], no_wait_after=True)
    page.wait_for_timeout(300)

    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    main = page.locator("main")
    assert main.locator("script, img, svg, iframe, form, object, meta").count() == 0
    handlers = page.evaluate(
        """() => [...document.querySelectorAll("main *")].flatMap(
            (element) => [...element.attributes].map((attribute) => attribute.name)
        ).filter((name) => name.startsWith("on"))"""
    )
    assert handlers == []
    hrefs = main.locator("a").evaluate_all("(links) => links.map((link) => link.href)")
    assert not [href for href in hrefs if href and not href.startswith(("http", "mailto:", "tel:"))]
    assert django_user_model.objects.count() == 1

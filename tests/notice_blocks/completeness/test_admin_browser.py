"""The completeness findings in the page editor's Checks panel, in a real browser."""

import copy

import pytest
from django.test import Client
from django.utils import translation

from notice_blocks.completeness import RULES, check_notice_page
from notice_blocks.completeness.content_checker import message
from tests.browser import visit
from tests.notice_blocks.completeness.notices import COMPLETE_BODY, changed
from tests.utils import make_notice_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROWS = "[data-side-panel='checks'] [data-content-checker-row]"


def reported(page) -> dict[str, str]:
    """The issues the Checks panel lists: each name, and where the issue is."""
    return dict(
        page.eval_on_selector_all(
            ROWS,
            """rows => rows.map(row => [
                row.querySelector('[data-content-checker-name]').textContent.trim(),
                row.querySelector('[data-content-checker-selector-text]').textContent.trim(),
            ])""",
        )
    )


def wait_for_names(page, expected: set[str], absent: set[str] = frozenset()) -> None:
    """Wait until the Checks panel lists every name ``expected`` and none ``absent``."""
    page.wait_for_function(
        """([expected, absent]) => {
            const names = [...document.querySelectorAll(
                "[data-side-panel='checks'] [data-content-checker-name]"
            )].map(element => element.textContent.trim());
            return expected.every(name => names.includes(name))
                && !absent.some(name => names.includes(name));
        }""",
        arg=[sorted(expected), sorted(absent)],
        polling=250,
        timeout=30_000,
    )


def names_of(page) -> dict[str, str]:
    """The Checks panel's name of each rule that finds something on ``page``, by rule slug."""
    rules = {rule.slug: rule for rule in RULES}
    findings = check_notice_page(page)
    with translation.override("en"):
        return {
            slug: message(rules[slug], [f for f in findings if f.rule == slug])["error_name"]
            for slug in {finding.rule for finding in findings}
        }


def test_the_checks_panel_follows_the_editor(new_page, live_server, django_user_model, settings):
    # Without autosave, whose writes would race the preview's on the SQLite test database.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    notice = make_notice_page(
        title="Fostering",
        body=changed("sources", publicly_available=""),
        data_controller=None,
        publish=False,
    )
    complete = make_notice_page(title="Complete", body=copy.deepcopy(COMPLETE_BODY))
    names = names_of(notice)
    assert set(names) >= {"publicly-available-sources", "controller-identity"}
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    )
    page = new_page()
    # The editor notices changes once it has taken the form's first state, shortly after load
    # (it may take it more than once).
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watched = Date.now(); })"
    )
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    # Each finding is listed, on its section or on the page's heading.
    visit(page, live_server, f"/admin/pages/{notice.pk}/edit/")
    page.click("button[data-side-panel-toggle='checks']")
    wait_for_names(page, set(names.values()))
    rows = reported(page)
    assert "sources" in rows[names["publicly-available-sources"]]
    assert rows[names["controller-identity"]].startswith("h1")
    # The preview marks the section beside it, as the editor's preview only.
    preview = next(frame for frame in page.frames if "/preview/" in frame.url)
    preview.wait_for_selector("wagtail-inline-userbar", state="attached", timeout=30_000)
    marks = preview.eval_on_selector_all(
        "wagtail-inline-userbar",
        "marks => marks.map(m => [m.previousElementSibling.id, m.dataset.errorName])",
    )
    assert ["sources", names["publicly-available-sources"]] in marks

    # Answering the question in the editor clears its finding from the panel, unsaved.
    sources = next(i for i, section in enumerate(notice.body) if section.block_type == "sources")
    page.wait_for_function("window.watched && Date.now() - window.watched > 2500", timeout=30_000)
    page.select_option(f"select[name='body-{sources}-value-publicly_available']", "no")
    wait_for_names(
        page, {names["controller-identity"]}, absent={names["publicly-available-sources"]}
    )

    # A complete notice gives no completeness issue.
    visit(page, live_server, f"/admin/pages/{complete.pk}/edit/")
    page.click("button[data-side-panel-toggle='checks']")
    page.wait_for_function(
        """() => document.querySelector('[data-content-word-count]').textContent.trim() !== '-'""",
        timeout=30_000,
    )
    assert not set(reported(page)) & set(names.values())

"""A notice's history in a real browser: every page of it meets WCAG 2.2 AA and reflows."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from tests.browser import DESKTOP, NARROW, assert_no_axe_violations, has_horizontal_scroll, visit
from tests.utils import make_notice_page

# live_server serves from another thread, so the data must be committed (transactional_db);
# serialized rollback puts back what Wagtail's migrations created after each test's flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def history_paths(page: Page) -> list[str]:
    today = timezone.localdate().isoformat()
    return [
        f"{page.url}versions/",
        f"{page.url}versions/1/",
        f"{page.url}versions/2/",
        f"{page.url}versions/on/{today}/",
    ]


def assert_accessible(new_page, live_server, paths: list[str]) -> None:
    for path in paths:
        for viewport in (DESKTOP, NARROW):
            page = visit(new_page(viewport), live_server, path)
            assert not has_horizontal_scroll(page), f"{path} scrolls sideways"
            assert_no_axe_violations(page)


def test_the_pages_of_a_notices_history_have_no_axe_violations(new_page, live_server):
    notice = make_notice_page()
    changed = notice.get_latest_revision_as_object()
    changed.change_note = "We keep adoption records for 100 years, as the law now requires."
    changed.version_label = "V2.0"
    changed.save_revision().publish()
    assert_accessible(new_page, live_server, [notice.url, *history_paths(notice)])


def test_the_urdu_demo_notices_history_has_no_axe_violations(new_page, live_server):
    call_command("load_demo_notices", stdout=io.StringIO())
    urdu = Page.objects.get(locale__language_code="ur", slug="bolton-childrens-social-care")
    changed = urdu.specific.get_latest_revision_as_object()
    changed.change_note = "ہم اب ریکارڈ 25 سال تک رکھتے ہیں۔"
    changed.save_revision().publish()
    assert_accessible(new_page, live_server, history_paths(urdu))

"""Easy read pages in a real browser, and the plain-language checks in the page editor."""

import re

import pytest
from django.test import Client
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from notice_blocks.easy_read.checks import Check, describe
from notice_blocks.easy_read.models import EasyReadNoticePage
from tests.browser import NARROW, assert_no_axe_violations, has_horizontal_scroll, visit
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import EASY_READ_BODY, make_easy_read_page, make_notice_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TWENTY_WORDS = (
    "We will look carefully at all of the information that we have about you and your "
    "family every single year."
)


def picture_and_words(page) -> list[tuple[float, float]]:
    """The left edges of each point's picture and of its words."""
    return page.eval_on_selector_all(
        ".app-easy-read-point",
        """points => points.map(point => [
            point.querySelector('img').getBoundingClientRect().left,
            point.querySelector('.app-easy-read-point__text').getBoundingClientRect().left,
        ])""",
    )


def test_easy_read_page_has_no_axe_violations(new_page, live_server):
    easy_read = make_easy_read_page(make_notice_page())
    page = visit(new_page(), live_server, easy_read.url)
    assert_no_axe_violations(page)
    assert all(picture < words for picture, words in picture_and_words(page))

    narrow = visit(new_page(NARROW), live_server, easy_read.url)
    assert_no_axe_violations(narrow)
    assert not has_horizontal_scroll(narrow)


def test_urdu_easy_read_page_has_no_axe_violations_and_pictures_on_the_right(new_page, live_server):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    translate_notice(notice, "ur")
    easy_read_ur = translate_notice(easy_read, "ur")

    page = visit(new_page(), live_server, easy_read_ur.url)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ur",
        "rtl",
    ]
    assert_no_axe_violations(page)
    assert all(picture > words for picture, words in picture_and_words(page))


def body_with_problems() -> list:
    """Every topic covered, but a sentence is too long and a picture has no alt text."""
    image = Image.objects.create(title="Meeting", file=get_test_image_file(size=(240, 240)))
    section_type, summary = EASY_READ_BODY[0]
    summary = {
        **summary,
        "points": [
            {"picture": "council", "image": None, "alt_text": "", "text": TWENTY_WORDS},
            {"picture": "", "image": image, "alt_text": "", "text": "We meet your family."},
        ],
    }
    return [(section_type, summary), *EASY_READ_BODY[1:]]


def reported_checks(page) -> list[str]:
    """The names of the issues listed in the editor's Checks panel."""
    return page.locator("[data-side-panel='checks'] .w-content-checker__name").all_inner_texts()


def wait_for_checks(page, expected: set[str]) -> None:
    """Wait until the Checks panel lists exactly the ``expected`` easy read issues."""
    page.wait_for_function(
        """expected => {
            const names = [...document.querySelectorAll(
                "[data-side-panel='checks'] .w-content-checker__name"
            )].map(element => element.textContent.trim());
            return names.length === expected.length
                && expected.every(name => names.includes(name));
        }""",
        arg=sorted(expected),
        timeout=30_000,
    )


def publish(page, **navigation) -> None:
    with page.expect_navigation(**navigation):
        page.evaluate("document.querySelector('button[name=\"action-publish\"]').click()")


def test_editor_sees_the_checks_fire_fixes_them_and_publishes(
    new_page, live_server, settings, django_user_model
):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = True
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice, publish=False, body=body_with_problems())
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    )
    page = new_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    with translation.override("en"):
        long_sentence = describe(Check.SENTENCE_LENGTH)[0]
        missing_alt = describe(Check.ALT_TEXT)[0]
    text_field = "textarea[name='body-0-value-points-0-value-text']"
    alt_text_field = "input[name='body-0-value-points-1-value-alt_text']"
    edit_url = f"/admin/pages/{easy_read.pk}/edit/"

    # The checks run on the draft's preview.
    visit(page, live_server, edit_url)
    page.click("button[data-side-panel-toggle='checks']")
    wait_for_checks(page, {missing_alt, long_sentence})

    # Publishing is refused while they fail, with each finding on its field.
    publish(page)
    page.locator("#body-0-value-points-0-value-text-errors").get_by_text(
        "has 20 words (limit: 15)"
    ).wait_for()
    page.locator("#body-0-value-points-1-value-alt_text-errors").get_by_text(
        "Your own picture has no alt text"
    ).wait_for()
    assert not EasyReadNoticePage.objects.get(pk=easy_read.pk).live

    page.fill(text_field, "We look at your information.")
    page.fill(alt_text_field, "A social worker meeting a family at home")
    publish(page, url=re.compile(r"/admin/pages/\d+/$"), timeout=30_000)

    published = EasyReadNoticePage.objects.get(pk=easy_read.pk)
    assert published.live
    points = published.body[0].value["points"]
    assert points[0]["text"] == "We look at your information."
    assert points[1]["alt_text"] == "A social worker meeting a family at home"

    # Reopened, the published notice passes: its preview carries no marks and the Checks
    # panel, once it has run, lists no issue.
    visit(page, live_server, edit_url)
    page.click("button[data-side-panel-toggle='checks']")
    page.wait_for_function(
        """() => {
            const words = document.querySelector('[data-content-word-count]');
            const count = document.querySelector('[data-content-checker-count]');
            return words.textContent.trim() !== '-' && count.textContent.trim() === '0';
        }""",
        timeout=30_000,
    )
    assert reported_checks(page) == []
    preview = next(frame for frame in page.frames if "/preview/" in frame.url)
    marks = preview.eval_on_selector_all(
        ".app-easy-read-point", "points => points.map(p => p.dataset.easyReadIssues)"
    )
    assert marks and set(marks) == {""}

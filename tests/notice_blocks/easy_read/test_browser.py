"""Easy read pages in a real browser, and the plain-language checks in the page editor."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from notice_blocks.easy_read.checks import Check, describe
from notice_blocks.easy_read.models import EasyReadNoticePage
from tests.browser import (
    AXE_TAGS,
    NARROW,
    assert_no_axe_violations,
    describe_violations,
    has_horizontal_scroll,
    visit,
)
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


def body_with_a_list() -> list:
    """Every topic covered; the first point leads into a short list."""
    section_type, summary = EASY_READ_BODY[0]
    text = "We share it with:\n- your doctor\n- your school\nWe keep it safe."
    point = {"picture": "sharing", "image": None, "alt_text": "", "text": text}
    return [(section_type, {**summary, "points": [point]}), *EASY_READ_BODY[1:]]


def test_easy_read_page_has_no_axe_violations(new_page, live_server):
    easy_read = make_easy_read_page(make_notice_page(), body=body_with_a_list())
    page = visit(new_page(), live_server, easy_read.url)
    assert_no_axe_violations(page)
    assert all(picture < words for picture, words in picture_and_words(page))
    bullets = page.eval_on_selector_all(
        ".app-easy-read-point__list li",
        "items => items.map(item => getComputedStyle(item).listStyleType)",
    )
    assert bullets == ["disc", "disc"]

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


def easy_read_check_names() -> list[str]:
    with translation.override("en"):
        return [describe(check)[0] for check in Check]


def reported_checks(page) -> list[str]:
    """The names of the easy read issues listed in the editor's Checks panel."""
    names = page.locator("[data-side-panel='checks'] .w-content-checker__name").all_inner_texts()
    return [name for name in names if name in easy_read_check_names()]


def wait_for_checks(page, expected: set[str]) -> None:
    """Wait until the Checks panel lists exactly the ``expected`` easy read issues."""
    page.wait_for_function(
        """([expected, easyRead]) => {
            const names = [...document.querySelectorAll(
                "[data-side-panel='checks'] .w-content-checker__name"
            )].map(element => element.textContent.trim())
              .filter(name => easyRead.includes(name));
            return names.length === expected.length
                && expected.every(name => names.includes(name));
        }""",
        arg=[sorted(expected), easy_read_check_names()],
        timeout=30_000,
    )


def easy_read_rows(page) -> list[dict]:
    """Each easy read issue the Checks panel lists: its name, help and where it is."""
    return page.eval_on_selector_all(
        "[data-side-panel='checks'] [data-content-checker-row]",
        """(rows, easyRead) => rows
            .map(row => ({
                name: row.querySelector('[data-content-checker-name]').textContent.trim(),
                help: [...row.querySelectorAll('[data-content-checker-help] p')]
                    .map(paragraph => paragraph.textContent),
                place: row.querySelector('[data-content-checker-selector-text]')
                    .textContent.trim(),
            }))
            .filter(row => easyRead.includes(row.name))""",
        easy_read_check_names(),
    )


def wait_for_described_rows(page) -> None:
    """Wait until the Checks panel names where its easy read issues are, in words."""
    page.wait_for_function(
        """() => document.querySelector(
            "[data-side-panel='checks'] [data-content-checker-row][data-easy-read-described]"
        )""",
        timeout=30_000,
    )


def sign_in(page, live_server, django_user_model) -> None:
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    )
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
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
    page = new_page()
    sign_in(page, live_server, django_user_model)
    with translation.override("en"):
        long_sentence = describe(Check.SENTENCE_LENGTH)[0]
        missing_alt = describe(Check.ALT_TEXT)[0]
    text_field = "textarea[name='body-0-value-points-0-value-text']"
    alt_text_field = "input[name='body-0-value-points-1-value-alt_text']"
    edit_url = f"/admin/pages/{easy_read.pk}/edit/"

    # The checks run on the draft's preview, and say where each issue is in words.
    visit(page, live_server, edit_url)
    page.click("button[data-side-panel-toggle='checks']")
    wait_for_checks(page, {missing_alt, long_sentence})
    wait_for_described_rows(page)
    rows = {row["name"]: row for row in easy_read_rows(page)}
    assert rows[long_sentence]["place"] == "Section 1 “About summary”, point 1"
    assert rows[long_sentence]["help"][0].endswith("has 20 words (limit: 15).")
    assert rows[missing_alt]["place"] == "Section 1 “About summary”, point 2"
    assert rows[missing_alt]["help"][0].startswith("Your own picture has no alt text.")

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
    # panel, once it has run (it counts the words once it has listed the issues), lists no
    # easy read issue.
    visit(page, live_server, edit_url)
    page.click("button[data-side-panel-toggle='checks']")
    page.wait_for_function(
        """() => document.querySelector('[data-content-word-count]').textContent.trim() !== '-'""",
        timeout=30_000,
    )
    assert reported_checks(page) == []
    preview = next(frame for frame in page.frames if "/preview/" in frame.url)
    marks = preview.eval_on_selector_all(
        ".app-easy-read-point", "points => points.map(p => p.dataset.easyReadIssues)"
    )
    assert marks and set(marks) == {""}


def add_section(page, index: int, topic: str, heading: str, text: str) -> None:
    """Add an easy read section at the end of the body, as an editor does."""
    page.locator(
        "[data-contentpath='body'] button.c-sf-add-button[title='Insert a block']"
    ).last.click()
    page.get_by_role("option", name="Easy read section").click()
    prefix = f"body-{index}-value"
    page.select_option(f"select[name='{prefix}-topic']", topic)
    page.fill(f"input[name='{prefix}-heading']", heading)
    page.fill(f"textarea[name='{prefix}-points-0-value-text']", text)


def test_a_new_page_s_checks_name_the_point_at_fault_in_words(
    new_page, live_server, django_user_model
):
    notice = make_notice_page()
    Image.objects.create(title="Home visit", file=get_test_image_file(size=(240, 240)))
    page = new_page()
    sign_in(page, live_server, django_user_model)
    with translation.override("en"):
        no_picture = describe(Check.PICTURE)[0]

    # Two sections added to a new page: the first point shows a picture chosen from the
    # image library, the second has no picture.
    visit(
        page,
        live_server,
        f"/admin/pages/add/notice_blocks_easy_read/easyreadnoticepage/{notice.pk}/",
    )
    page.fill("#id_title", "Adoption: easy read")
    add_section(page, 0, "summary", "About us", "We are the council.")
    page.locator("[data-contentpath='image']").get_by_role("button", name="Choose an image").click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    page.fill("input[name='body-0-value-points-0-value-alt_text']", "A social worker at a home")
    add_section(page, 1, "sharing", "Who we share with", "We share it with doctors.")
    with page.expect_navigation(url=re.compile(r"/admin/pages/\d+/edit/$")):
        page.get_by_role("button", name="Save draft").click()

    saved = EasyReadNoticePage.objects.child_of(notice).get().get_latest_revision_as_object()
    first_points = [section.value["points"].bound_blocks[0] for section in saved.body]
    assert first_points[0].id != first_points[1].id
    assert first_points[0].value["image"].title == "Home visit"

    page.click("button[data-side-panel-toggle='checks']")
    wait_for_described_rows(page)
    rows = [row for row in easy_read_rows(page) if row["name"] == no_picture]
    assert rows == [
        {
            "name": no_picture,
            "help": [
                "This point has no picture. Choose one from the library, or add your own.",
                "Every point needs a picture beside it. Choose one from the library, or add "
                "your own.",
            ],
            "place": "Section 2 “Who we share with”, point 1",
        }
    ]
    assert not [row for row in easy_read_rows(page) if row["place"].startswith("Section 1")]


def test_pictures_are_chosen_from_labelled_thumbnails_by_keyboard(
    new_page, live_server, django_user_model
):
    easy_read = make_easy_read_page(make_notice_page(), publish=False)
    page = new_page()
    sign_in(page, live_server, django_user_model)
    visit(page, live_server, f"/admin/pages/{easy_read.pk}/edit/")
    name = "body-0-value-points-0-value-picture"
    chooser = page.locator(f"fieldset:has(input[name='{name}'])")

    council = chooser.locator("input[value='council']")
    assert council.is_checked()
    assert chooser.get_by_role(
        "radio", name="A building with columns and a flag: the council"
    ).is_checked()
    council.focus()
    page.keyboard.press("ArrowRight")

    law = chooser.locator("input[value='law']")
    assert law.is_checked() and not council.is_checked()
    assert page.evaluate("document.activeElement.value") == "law"
    assert page.get_by_role("group", name="Picture from the library").and_(chooser).count() == 1
    thumbnail = chooser.locator("label:has(input[value='law']) img")
    assert thumbnail.get_attribute("alt") == ""
    assert thumbnail.evaluate("image => image.complete && image.naturalWidth > 0")

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, context=f"fieldset#{chooser.get_attribute('id')}", options=options)
    assert not violations.response["violations"], describe_violations(
        violations.response["violations"]
    )

    # Saved, the chosen picture is the point's.
    with page.expect_navigation(url=re.compile(r"/admin/pages/\d+/edit/$")):
        page.get_by_role("button", name="Save draft").click()
    saved = EasyReadNoticePage.objects.get(pk=easy_read.pk).get_latest_revision_as_object()
    assert saved.body[0].value["points"][0]["picture"] == "law"

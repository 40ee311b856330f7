"""Notices in a real browser: accessibility checks, keyboard focus, reflow and print styles."""

import io

import pytest
from django.core.management import call_command

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticePage
from tests.browser import (
    DESKTOP,
    NARROW,
    active_element_id,
    assert_no_axe_violations,
    axe_violations,
    has_horizontal_scroll,
    visit,
)
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import make_notice_index, make_notice_page

# live_server serves from another thread, so the data must be committed (transactional_db);
# serialized rollback puts back what Wagtail's migrations created after each test's flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def notice(live_server) -> NoticePage:
    return make_notice_page()


# Accessibility checks


def test_axe_reports_a_known_violation(new_page, live_server, notice):
    """The check itself works: an image without alternative text is reported."""
    page = visit(new_page(), live_server, notice.url)
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.querySelector("main").append(image);
        }"""
    )
    assert "image-alt" in [violation["id"] for violation in axe_violations(page)]


def test_every_block_notice_has_no_axe_violations(new_page, live_server, notice):
    assert_no_axe_violations(visit(new_page(), live_server, notice.url))


def test_every_block_notice_at_320px_has_no_axe_violations(new_page, live_server, notice):
    assert_no_axe_violations(visit(new_page(NARROW), live_server, notice.url))


def test_index_page_has_no_axe_violations(new_page, live_server):
    index = make_notice_index(intro="<p>How each of our services uses your information.</p>")
    make_notice_page(parent=index)
    page = visit(new_page(), live_server, index.url)
    assert page.locator(".app-document-list a").count() == 1
    assert_no_axe_violations(page)


def test_not_found_page_has_no_axe_violations(new_page, live_server):
    page = new_page()
    response = page.goto(live_server.url + "/en/no-such-page/")
    assert response.status == 404
    assert_no_axe_violations(page)


def test_demo_notices_have_no_axe_violations(new_page, live_server):
    call_command("load_demo_notices", stdout=io.StringIO())
    notices = list(NoticePage.objects.live())
    easy_read_versions = list(EasyReadNoticePage.objects.live())
    assert len(notices) >= 2 and len(easy_read_versions) >= 3
    for notice in notices + easy_read_versions:
        for viewport in (DESKTOP, NARROW):
            page = visit(new_page(viewport), live_server, notice.url)
            assert not has_horizontal_scroll(page), f"{notice.title} scrolls sideways"
            assert_no_axe_violations(page)
    index = notices[0].get_parent().specific
    assert_no_axe_violations(visit(new_page(), live_server, index.url))


# Keyboard


def test_tab_from_the_top_reaches_the_skip_link_which_moves_focus_to_main(
    new_page, live_server, notice
):
    page = visit(new_page(), live_server, notice.url)
    skip_link = page.locator(".app-skip-link")
    assert skip_link.bounding_box()["width"] <= 1  # hidden until focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    box = skip_link.bounding_box()
    assert box["width"] > 100 and box["height"] > 20  # shown once focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'main-content'")
    assert active_element_id(page) == "main-content"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_focused_links_get_the_yellow_focus_state(new_page, live_server, notice):
    page = visit(new_page(), live_server, notice.url)
    link = page.locator(".app-contents-list a").first
    link.focus()
    colour = link.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour == "rgb(255, 221, 0)"


def test_contents_links_move_focus_to_their_section(new_page, live_server, notice):
    page = visit(new_page(), live_server, notice.url)
    links = page.locator(".app-contents-list a")
    anchors = [item.anchor for item in notice.sections]
    assert links.count() == len(anchors)
    for index, anchor in enumerate(anchors):
        links.nth(index).click()
        page.wait_for_function("id => document.activeElement.id === id", arg=anchor)
        assert active_element_id(page) == anchor
        assert page.evaluate("document.activeElement.tagName") == "SECTION"
        assert page.evaluate("location.hash") == f"#{anchor}"


# Layout


def test_no_horizontal_scrolling_at_320px(new_page, live_server, notice):
    page = visit(new_page(NARROW), live_server, notice.url)
    assert not has_horizontal_scroll(page)
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size >= 16


def test_body_text_is_19px_on_desktop(new_page, live_server, notice):
    page = visit(new_page(), live_server, notice.url)
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "19px"


# Translated notices


def test_urdu_notice_has_no_axe_violations_and_mirrors(new_page, live_server, notice):
    urdu = translate_notice(notice, "ur")
    page = visit(new_page(), live_server, urdu.url)
    assert page.evaluate("document.documentElement.lang") == "ur"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert_no_axe_violations(page)

    # The inset text's inline-start border is on the right, and the contents list's
    # bullets and indents mirror with it.
    inset = page.locator(".app-inset-text")
    assert inset.evaluate("e => getComputedStyle(e).borderRightWidth") == "10px"
    assert inset.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    main = page.locator("main").bounding_box()
    heading = page.locator("h1").bounding_box()
    assert main["x"] + main["width"] - (heading["x"] + heading["width"]) < 5
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body_font.startswith('"Noto Nastaliq Urdu"')

    # A left-to-right email address keeps its order inside right-to-left text.
    email = page.locator("a[href='mailto:dpo@example.gov.uk'] bdi")
    assert email.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert email.inner_text() == "dpo@example.gov.uk"
    assert not has_horizontal_scroll(page)


def test_urdu_notice_at_320px_has_no_axe_violations(new_page, live_server, notice):
    urdu = translate_notice(notice, "ur")
    page = visit(new_page(NARROW), live_server, urdu.url)
    assert_no_axe_violations(page)
    assert not has_horizontal_scroll(page)


@pytest.mark.parametrize(
    ("language_code", "font"), [("zh-hans", '"Noto Sans CJK SC"'), ("bn", '"Noto Sans Bengali"')]
)
def test_chinese_and_bengali_notices_have_no_axe_violations(
    new_page, live_server, notice, language_code, font
):
    translation = translate_notice(notice, language_code)
    page = visit(new_page(), live_server, translation.url)
    assert page.evaluate("document.documentElement.lang") == language_code
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(font)
    assert_no_axe_violations(page)
    switcher = page.locator("nav.app-language-switcher")
    assert switcher.get_attribute("aria-label")
    assert switcher.get_by_role("link").count() == 2
    english = switcher.locator("a[lang=en]")
    assert english.evaluate("e => getComputedStyle(e).fontFamily") != page.evaluate(
        "getComputedStyle(document.body).fontFamily"
    )


def test_html_lang_and_dir(new_page, live_server, notice):
    page = visit(new_page(), live_server, notice.url)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.documentElement.dir") == "ltr"


def test_right_to_left_language_mirrors_the_layout(new_page, live_server, notice):
    arabic = translate_notice(notice, "ar")
    page = visit(new_page(locale="ar"), live_server, arabic.url)
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    inset = page.locator(".app-inset-text")
    assert inset.evaluate("element => getComputedStyle(element).borderRightWidth") == "10px"
    assert inset.evaluate("element => getComputedStyle(element).borderLeftWidth") == "0px"
    assert not has_horizontal_scroll(page)


def test_print_styles_hide_navigation_and_show_where_links_go(new_page, live_server, notice):
    page = visit(new_page(), live_server, notice.url)
    page.emulate_media(media="print")
    for selector in (".app-skip-link", ".app-contents-list", ".app-footer"):
        assert page.locator(selector).evaluate("e => getComputedStyle(e).display") == "none"
    after = page.locator("a[href='https://example.gov.uk/retention']").evaluate(
        "element => getComputedStyle(element, '::after').content"
    )
    assert after == '" (https://example.gov.uk/retention)"'
    colour = page.locator("a[href='https://example.gov.uk/retention']").evaluate(
        "element => getComputedStyle(element).color"
    )
    assert colour == "rgb(0, 0, 0)"
    url_text_link = page.locator(".app-contact a[href='https://ico.org.uk']")
    assert url_text_link.evaluate("e => getComputedStyle(e, '::after').content") == "none"
    item = page.locator(".app-section li").first
    assert item.evaluate("e => getComputedStyle(e).breakInside") == "avoid"

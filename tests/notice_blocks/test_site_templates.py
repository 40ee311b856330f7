"""The app's pages extend the base template a site names, and load the app's stylesheet."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings
from wagtail.utils.templates import template_is_overridden

from notice_blocks.blocks.base import PREVIEW_TEMPLATE
from tests.browser import visit
from tests.paths import TESTS_DIR
from tests.utils import make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db

STYLESHEET = "notice_blocks/css/notice.css"
SITE_TEMPLATES = TESTS_DIR / "templates"


def site_base(name: str = "site/base.html") -> override_settings:
    """A site whose own base template (kept in tests/templates) the app's pages extend."""
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], SITE_TEMPLATES]}
    return override_settings(TEMPLATES=[engine], NOTICE_BASE_TEMPLATE=name)


def stylesheets(html: str | bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [link["href"] for link in soup.find_all("link", rel="stylesheet")]


def app_stylesheets(html: str | bytes) -> list[str]:
    return [href for href in stylesheets(html) if href.endswith(STYLESHEET)]


def test_the_default_base_has_a_skip_link_header_and_the_stylesheet_once(client):
    notice = make_notice_page()
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    assert soup.find("a", class_="app-skip-link")["href"] == "#main-content"
    assert soup.find("header", class_="app-header")
    assert soup.find("footer", class_="app-footer")
    assert len(app_stylesheets(str(soup))) == 1


def test_a_site_base_template_is_used_with_the_app_stylesheet(client):
    index = make_notice_index()
    notice = make_notice_page(parent=index)
    with site_base():
        for url in (notice.url, index.url):
            response = client.get(url)
            soup = BeautifulSoup(response.content, "html.parser")
            assert soup.find("header", class_="council-header"), url
            assert not soup.find("header", class_="app-header"), url
            assert "/static/council.css" in stylesheets(response.content)
            assert len(app_stylesheets(response.content)) == 1, url
            assert soup.find("main").find("h1").get_text(strip=True)


def test_the_pdf_unavailable_page_extends_the_site_base(rf):
    notice = make_notice_page()
    context = {"page": notice, "gave_up": False, "web_address": notice.full_url}
    with site_base():
        html = render_to_string("notice_blocks/pdf_unavailable.html", context, rf.get("/"))
    assert "council-header" in html
    assert len(app_stylesheets(html)) == 1


def test_the_sites_own_pages_keep_the_stylesheet(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert len(app_stylesheets(response.content)) == 1


def test_block_previews_leave_the_sites_own_preview_template_alone():
    assert not template_is_overridden("wagtailcore/shared/block_preview.html", "templates")
    assert PREVIEW_TEMPLATE.startswith("notice_blocks/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_app_stylesheet_leaves_the_sites_own_type_sizes_alone(new_page, live_server):
    """Text in the site's header inherits the site's size and leading, not the app's."""
    notice = make_notice_page()
    with site_base():
        page = visit(new_page(), live_server, notice.url)
        page.evaluate(
            """() => {
                const header = document.querySelector(".council-header");
                header.style.fontSize = "30px";
                header.style.lineHeight = "40px";
                header.innerHTML = '<a href="/">Council</a>';
            }"""
        )
        link = page.locator(".council-header a")
        assert link.evaluate("e => getComputedStyle(e).fontSize") == "30px"
        assert link.evaluate("e => getComputedStyle(e).lineHeight") == "40px"
        # The app's own text keeps its sizes.
        title = page.locator("main h1")
        assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > 30

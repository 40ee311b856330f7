"""A long notice in a council's own words keeps its outline, on the page and in its PDF.

The notice (tests/data/notice_files/general-council-notice.yaml) has headings over several
sections, sections at level 3, sub-headings in the council's prose and a section whose
heading is hidden. Its PDF's headings are read back from the structure tree, what a screen
reader navigates by.
"""

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pdfminer.pdftypes import PDFObjRef, resolve1

from notice_blocks.models import NoticePage
from notice_blocks.notice_files import import_notice
from notice_blocks.pdf.rendering import render_notice_html, render_notice_pdf
from tests.browser import (
    DESKTOP,
    NARROW,
    active_element_id,
    assert_no_axe_violations,
    has_horizontal_scroll,
    visit,
)
from tests.notice_blocks.pdf.test_rendering import (
    _name,
    tagged_content,
    validation_failures,
)
from tests.notice_blocks.test_i18n_pages import sentence_translator, translate_notice
from tests.paths import TESTS_DIR
from tests.utils import NOTICE_VARIANTS, left_to_right_outside_isolates

pytestmark = pytest.mark.django_db

NOTICE_FILE = TESTS_DIR / "data" / "notice_files" / "general-council-notice.yaml"
HEADING = re.compile(r"^h[1-6]$")

#: The notice's outline below its contents list: each heading's level and words.
OUTLINE = [
    (2, "About this notice"),
    (3, "Who this notice is for"),
    (3, "Service notices"),
    (2, "How we use your information"),
    (3, "The information we hold"),
    (3, "Why we use your information"),
    (4, "Delivering services"),
    (4, "Running the council"),
    (3, "Our lawful basis"),
    (4, "Personal data"),
    (4, "Special category data"),
    (4, "Criminal offence data"),
    (4, "Our appropriate policy document"),
    (3, "Our legitimate interests"),
    (2, "Who sees your information"),
    (3, "Where your information comes from"),
    (3, "Who we share it with"),
    (3, "Do we send your information outside the UK?"),
    (2, "How long we keep it"),
    (3, "How we decide"),
    (2, "Do we make automated decisions about you?"),
    (3, "How the decisions are made"),
    (3, "What the decisions mean for you"),
    (3, "What could happen as a result"),
    (2, "If you do not give us the information"),
    (2, "Your rights"),
    (2, "How we keep your information safe"),
    (3, "Our staff"),
    (4, "Access to systems"),
    (2, "Data matching"),
    (2, "Social media"),
    (2, "Equality monitoring"),
    (2, "Contact us"),
    (3, "Data Protection Officer"),
]
PARTS = {
    "How we use your information": [
        "The information we hold",
        "Why we use your information",
        "Our lawful basis",
        "Our legitimate interests",
    ],
    "Who sees your information": [
        "Where your information comes from",
        "Who we share it with",
        "Do we send your information outside the UK?",
    ],
}


def import_long_notice() -> NoticePage:
    result = import_notice(yaml.safe_load(NOTICE_FILE.read_text()))
    return NoticePage.objects.get(pk=result.page.pk)


@pytest.fixture
def notice() -> NoticePage:
    return import_long_notice()


def words(text: str) -> str:
    return " ".join(text.split())


def squeezed(text: str) -> str:
    return "".join(text.split())


def in_order(levels: list[int]) -> bool:
    return all(
        current <= previous + 1 for previous, current in zip(levels, levels[1:], strict=False)
    )


def html_outline(soup: BeautifulSoup) -> list[tuple[int, str]]:
    body = soup.find(class_="app-notice__body") or soup.find(class_="pdf-body")
    return [(int(h.name[1]), words(h.get_text())) for h in body.find_all(HEADING)]


def contents(soup: BeautifulSoup, list_class: str) -> dict[str, list[str]]:
    """Each top entry of the contents list, with the entries nested beneath it."""
    top = soup.find("ol", class_=list_class).find_all("li", recursive=False)
    return {
        words(item.find("a").get_text()): [
            words(link.get_text()) for link in item.find_all("a")[1:]
        ]
        for item in top
    }


def test_the_notice_is_long_and_in_the_council_s_words(notice):
    assert len(notice.body) >= 12
    assert len(notice.sections) == len(notice.body) - 1  # one section continues another
    assert [item.heading for item in notice.sections if item.level == 3] == [
        heading for part in PARTS.values() for heading in part
    ]


def test_the_page_keeps_its_outline(client, notice):
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    assert html_outline(soup) == OUTLINE
    levels = [int(h.name[1]) for h in soup.find("main").find_all(HEADING)]
    assert levels[0] == 1 and in_order(levels), levels

    nested = contents(soup, "app-contents-list__list")
    assert list(nested) == [item.heading for item in notice.sections if item.level == 2]
    for part, sections in PARTS.items():
        assert nested[part] == sections
    links = [link["href"][1:] for link in soup.select(".app-contents-list a")]
    assert links == [item.anchor for item in notice.sections]
    for element in soup.find_all(attrs={"aria-labelledby": True}):
        assert soup.find(id=element["aria-labelledby"]) is not None
    continued = soup.find(id="equalities-continued")
    assert not continued.find(HEADING) and "You do not have to answer" in continued.get_text()


def test_the_pdf_s_document_nests_its_contents_as_the_page_does(notice):
    soup = BeautifulSoup(render_notice_html(notice, NOTICE_VARIANTS[0]), "html.parser")
    assert html_outline(soup) == OUTLINE
    nested = contents(soup, "pdf-contents__list")
    for part, sections in PARTS.items():
        assert nested[part] == sections


def _mcids(node, page: int | None, page_index: dict, out: list) -> None:
    """The (page, MCID) pairs of a structure element's content, in order."""
    node = resolve1(node) if isinstance(node, PDFObjRef) else node
    if isinstance(node, int):
        out.append((page, node))
    elif isinstance(node, list):
        for kid in node:
            _mcids(kid, page, page_index, out)
    elif isinstance(node, dict):
        if isinstance(node.get("Pg"), PDFObjRef):
            page = page_index[node["Pg"].objid]
        if _name(node.get("Type")) == "MCR":
            out.append((page, resolve1(node["MCID"])))
        elif "K" in node:
            _mcids(node["K"], page, page_index, out)


def pdf_headings(path: Path) -> list[tuple[int, str]]:
    """The PDF's heading tags (H1–H6) in the structure tree's order, with their text."""
    with tagged_content(path) as content:
        document, chars, page_index = (
            content.document,
            content.chars_by_page,
            content.page_index,
        )
        headings = []

        def walk(node, page):
            node = resolve1(node) if isinstance(node, PDFObjRef) else node
            if isinstance(node, list):
                for kid in node:
                    walk(kid, page)
            elif isinstance(node, dict):
                if isinstance(node.get("Pg"), PDFObjRef):
                    page = page_index[node["Pg"].objid]
                tag = _name(node.get("S")) or ""
                if re.fullmatch(r"H[1-6]", tag):
                    found = []
                    _mcids(node.get("K"), page, page_index, found)
                    text = "".join(c.get_text() for p, m in found for c in chars[p][m])
                    headings.append((int(tag[1]), words(text)))
                elif "K" in node:
                    walk(node["K"], page)

        walk(resolve1(document.catalog["StructTreeRoot"])["K"], None)
    return headings


@pytest.mark.parametrize("variant", NOTICE_VARIANTS)
def test_the_pdf_s_structure_tags_keep_the_outline(notice, variant, tmp_path):
    path = tmp_path / f"{variant}.pdf"
    path.write_bytes(render_notice_pdf(notice, variant))
    headings = pdf_headings(path)
    assert headings[0] == (1, notice.title)
    assert in_order([level for level, _text in headings]), headings
    contents_at = headings.index((2, "Contents"))
    # A heading that wraps loses the space at the line's end: compare without spaces.
    assert [(level, squeezed(text)) for level, text in headings[contents_at + 1 :]] == [
        (level, squeezed(text)) for level, text in OUTLINE
    ]
    assert not validation_failures(path)


def translate_into_urdu(notice: NoticePage) -> NoticePage:
    """The notice in Urdu; numbers such as the ICO registration number are kept."""
    sentences = sentence_translator("ur")

    def translate(context: str, source: str, number: int) -> str:
        return (
            source
            if context.endswith("registration_number")
            else sentences(context, source, number)
        )

    return translate_notice(notice, "ur", translate)


def test_a_translation_keeps_the_outline_right_to_left(client, notice):
    urdu = translate_into_urdu(notice)
    soup = BeautifulSoup(client.get(urdu.url).content, "html.parser")
    assert soup.find("html")["dir"] == "rtl"
    assert [level for level, _text in html_outline(soup)] == [level for level, _ in OUTLINE]
    references = soup.select(".app-notice__body .app-reference")
    assert len(references) > 10
    assert not [r for r in references if left_to_right_outside_isolates(r)], references


# In a browser: the data must be committed for the live server's thread to see it.
IN_A_BROWSER = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "320px"])
@IN_A_BROWSER[0]
@IN_A_BROWSER[1]
def test_the_long_notice_has_no_axe_violations(new_page, live_server, viewport):
    notice = import_long_notice()
    page = visit(new_page(viewport), live_server, notice.url)
    assert not has_horizontal_scroll(page)
    assert_no_axe_violations(page)


@IN_A_BROWSER[0]
@IN_A_BROWSER[1]
def test_contents_links_move_focus_to_parts_and_sections(new_page, live_server):
    notice = import_long_notice()
    page = visit(new_page(), live_server, notice.url)
    links = page.locator(".app-contents-list a")
    anchors = [item.anchor for item in notice.sections]
    assert links.count() == len(anchors)
    for index, anchor in enumerate(anchors):
        links.nth(index).click()
        page.wait_for_function("id => document.activeElement.id === id", arg=anchor)
        assert active_element_id(page) == anchor


@IN_A_BROWSER[0]
@IN_A_BROWSER[1]
def test_the_urdu_long_notice_has_no_axe_violations(new_page, live_server):
    urdu = translate_into_urdu(import_long_notice())
    page = visit(new_page(), live_server, urdu.url)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert_no_axe_violations(page)

"""The easy read PDF: PDF/UA-1, 16pt or more, one point per row beside its picture."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation
from weasyprint.formatting_structure.boxes import TextBox

from notice_blocks.easy_read.pdf_version import EASY_READ
from notice_blocks.easy_read.pictures import PICTURES
from notice_blocks.pdf.building import build_revision_pdfs
from notice_blocks.pdf.rendering import prepare_notice, render_notice_pdf
from tests.notice_blocks.pdf.test_languages import (
    order_report,
    out_of_order,
    pdftotext,
    sentences_of,
    web_body_blocks,
)
from tests.notice_blocks.pdf.test_rendering import read_pdf, validation_failures
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import EASY_READ_POINTS, make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db

EASY_READ = EASY_READ.value


@dataclass(frozen=True)
class PointLayout:
    """Where a point's picture and words sit on the page, in points from the left."""

    picture_left: float
    words_left: float


def point_layouts(page) -> list[PointLayout]:
    """Lay the easy read PDF out as the renderer does and find each point's boxes."""
    html, stylesheets = prepare_notice(page, EASY_READ)
    document = html.render(stylesheets=stylesheets)
    layouts = []
    for page_layout in document.pages:
        for box in page_layout._page_box.descendants():
            if box.element_tag == "li" and "app-easy-read-point" in classes_of(box):
                descendants = list(box.descendants())
                picture = next(child for child in descendants if child.element_tag == "img")
                words = next(child for child in descendants if isinstance(child, TextBox))
                layouts.append(PointLayout(picture.position_x, words.position_x))
    return layouts


def classes_of(box) -> list[str]:
    return (box.element.get("class") or "").split() if box.element is not None else []


def render(page, tmp_path: Path, language_code: str = "en") -> Path:
    with translation.override(language_code):
        data = render_notice_pdf(page, EASY_READ)
    path = tmp_path / f"easy-read-{language_code}.pdf"
    path.write_bytes(data)
    return path


def test_easy_read_pdf_complies_with_pdf_ua_1_and_reads_as_the_page(tmp_path):
    page = make_easy_read_page(make_notice_page())
    path = render(page, tmp_path)

    assert not validation_failures(path)
    facts = read_pdf(path)
    assert facts.lang == "en"
    assert facts.info_title == facts.xmp_title == "Adoption: easy read"
    text = " ".join(facts.tagged_text.split())
    for _picture, words in EASY_READ_POINTS.values():
        for sentence in words.split("\n"):
            assert sentence in text
    assert "Facts about you." in text
    assert facts.figure_alts == [
        str(PICTURES[picture].alt) for picture, _words in EASY_READ_POINTS.values()
    ]


def test_easy_read_text_is_at_least_16pt_and_fits_in_20_pages(tmp_path):
    page = make_easy_read_page(make_notice_page())
    facts = read_pdf(render(page, tmp_path))

    assert len(facts.tagged_font_sizes) > 300
    assert min(facts.tagged_font_sizes) >= 15.95
    assert facts.page_count <= 20


def test_each_point_has_its_picture_at_the_start_of_its_row():
    page = make_easy_read_page(make_notice_page())
    with translation.override("en"):
        layouts = point_layouts(page)

    assert len(layouts) == len(EASY_READ_POINTS)
    assert all(layout.picture_left < layout.words_left for layout in layouts)


def test_urdu_easy_read_pdf_is_right_to_left_valid_and_extracts_exactly(tmp_path):
    notice = make_notice_page()
    translate_notice(notice, "ur")
    easy_read_ur = translate_notice(make_easy_read_page(notice), "ur")

    with translation.override("ur"):
        layouts = point_layouts(easy_read_ur)
        web_blocks = web_body_blocks(easy_read_ur)
    assert layouts and all(layout.picture_left > layout.words_left for layout in layouts)

    path = render(easy_read_ur, tmp_path, "ur")
    assert not validation_failures(path)
    assert read_pdf(path).lang == "ur"
    # Every sentence with its words, digits and punctuation in the order they are read.
    text = pdftotext(path)
    sentences = sentences_of(web_blocks)
    assert len(sentences) > 10
    assert not out_of_order(sentences, text), order_report(
        "the Urdu easy read page", sentences, text
    )


def test_the_easy_read_pdf_is_served_at_its_own_address(client):
    page = make_easy_read_page(make_notice_page())
    build_revision_pdfs(page.live_revision_id)  # as a worker does

    response = client.get(page.url + "pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="adoption-easy-read.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(page.url + "pdf/large-print/").status_code == 404


def test_a_point_s_list_is_a_valid_list_in_the_pdf(tmp_path):
    body = [
        (
            "section",
            {
                "topic": "sharing",
                "heading": "Who we share it with",
                "points": [
                    {
                        "picture": "sharing",
                        "image": None,
                        "alt_text": "",
                        "text": "We share it with:\n- your doctor\n- your school\nWe keep it safe.",
                    }
                ],
            },
        )
    ]
    path = render(make_easy_read_page(make_notice_page(), body=body), tmp_path)

    assert not validation_failures(path)
    text = " ".join(read_pdf(path).tagged_text.split())
    assert "We share it with: • your doctor • your school We keep it safe." in text

"""Text read back from a PDF keeps every sentence's words in the order they are read.

A resident who copies text from a PDF, or whose reader speaks it, gets the words of each
sentence of the web page in logical order: right-to-left words, the numbers, references and
addresses quoted inside them, brackets and punctuation. Sentences are compared as sequences of
whitespace-separated words; only whitespace and bidi controls (which draw nothing) are
normalised.

pdftotext follows each line's ``/ActualText`` (see notice_blocks/pdf/reading_order.py).
pdfminer.six ignores ActualText and reads a line's characters in the order they are drawn,
which for right-to-left text is the visual order: it is held to logical order for the
left-to-right languages only.
"""

import re
import subprocess
from pathlib import Path

import pytest
import weasyprint
from django.utils import translation
from pdfminer.high_level import extract_text
from wagtail.models import Locale

from notice_blocks.models import NoticePage
from notice_blocks.pdf.rendering import render_notice_pdf
from notice_blocks.pdf.text_mapping import ExactTextFinisher
from notice_blocks.pdf.variants import STANDARD
from tests.language_samples import SAMPLES
from tests.notice_blocks.pdf.test_languages import (
    REQUIRED_IN_ORDER,
    in_order_share,
    logical_words,
    order_report,
    out_of_order,
    render_language,
    sentences_of,
    web_body_blocks,
)
from tests.notice_blocks.pdf.test_rendering import read_pdf, validation_failures
from tests.utils import NOTICE_VARIANTS

pytestmark = pytest.mark.django_db

RIGHT_TO_LEFT = ("ur", "ar")
LEFT_TO_RIGHT = ("bn", "pa", "cy")


def pdftotext(path: Path) -> str:
    """The whole text of the PDF, footers included, as pdftotext gives it by default."""
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


# The sample notices ----------------------------------------------------------------------


@pytest.mark.parametrize("code", LEFT_TO_RIGHT)
def test_pdfminer_reads_every_sentence_in_order(code, tmp_path_factory):
    rendered = render_language(code, STANDARD.value, tmp_path_factory)
    sentences = sentences_of(rendered.web_blocks)
    text = extract_text(str(rendered.path))

    assert in_order_share(sentences, text) >= REQUIRED_IN_ORDER, order_report(
        f"the {code} page (pdfminer)", sentences, text
    )


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_right_to_left_samples_quote_left_to_right_text(code, tmp_path_factory):
    """The samples hold what extractors used to misplace, so the comparisons can see it."""
    rendered = render_language(code, STANDARD.value, tmp_path_factory)
    page_text = " ".join(rendered.web_blocks)
    for quoted in ("0303 123 1113", "UK GDPR Article 6(1)(d)", "SK9 5AF", "2021، V3.0"):
        assert quoted in page_text
    mixed = sentences_of([SAMPLES[code].mixed])
    assert out_of_order(mixed, pdftotext(rendered.path)) == []


@pytest.mark.parametrize("code", RIGHT_TO_LEFT)
def test_copied_characters_are_exact(code, tmp_path_factory):
    """ToUnicode maps stay exact: pdfminer, which ignores ActualText, reads each word's own
    characters in the order they are drawn, right-to-left words reversed."""
    rendered = render_language(code, STANDARD.value, tmp_path_factory)
    drawn = set(logical_words(extract_text(str(rendered.path))))
    sample = SAMPLES[code]
    words = logical_words(f"{sample.summary} {sample.intro} {sample.outro}")
    missing = [word for word in words if word[::-1] not in drawn]
    assert len(words) > 30
    assert not missing, missing


# Lines mixing directions, with and without isolates ---------------------------------------

LRI, PDI = "\u2066", "\u2069"
URDU_LINES = [
    "آپ انفارمیشن کمشنر کے دفتر کو {0303 123 1113} پر فون کر سکتے ہیں۔",
    "ہم یہ معلومات {UK GDPR Article 6(1)(d)} کے تحت استعمال کرتے ہیں۔",
    "مزید معلومات {https://ico.org.uk/for-the-public/} پر دستیاب ہیں۔",
    "ہمارا پتہ {Wycliffe House, Wilmslow SK9 5AF} ہے۔",
    "نومبر 2021، {V3.0}",
    "چلڈرن ایکٹس ({1989/2004}) کے تحت۔",
]
ENGLISH_PARAGRAPH = "Call the ICO on 0303 123 1113 (Monday to Friday, 9am to 5pm)."
ENGLISH_WITH_URDU = "The notice is also in Urdu (اردو) and Welsh (Cymraeg)."


def _mixed_document(isolated: bool) -> tuple[str, list[str]]:
    """An Urdu page of mixed lines, with inline elements, and the logical text of each."""

    def fill(line: str) -> str:
        return re.sub(r"\{(.*?)\}", (LRI + r"\1" + PDI) if isolated else r"\1", line)

    paragraphs = [f"<p>{fill(line)}</p>" for line in URDU_LINES]
    paragraphs.append(
        f"<p>یہ نوٹس <strong>{fill('{UK GDPR}')}</strong> {fill('{Article 6(1)(e)}')} کے "
        "تحت ہے، <a href='https://example.gov.uk/privacy'>رازداری کا نوٹس</a> دیکھیں۔</p>"
    )
    paragraphs.append(f'<p lang="en" dir="ltr">{ENGLISH_PARAGRAPH}</p>')
    html = (
        '<html lang="ur" dir="rtl"><head><title>نوٹس</title></head>'
        "<body style=\"font-family: 'Noto Naskh Arabic', 'Noto Sans'\">"
        f"{''.join(paragraphs)}</body></html>"
    )
    expected = [re.sub(r"[{}]", "", line) for line in URDU_LINES]
    expected += [
        "یہ نوٹس UK GDPR Article 6(1)(e) کے تحت ہے، رازداری کا نوٹس دیکھیں۔",
        ENGLISH_PARAGRAPH,
    ]
    return html, expected


@pytest.mark.parametrize("isolated", [False, True], ids=["plain", "isolated"])
def test_mixed_direction_lines_read_in_order(isolated, tmp_path):
    html, expected = _mixed_document(isolated)
    path = tmp_path / "mixed.pdf"
    finisher = ExactTextFinisher()
    path.write_bytes(
        weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=finisher)
    )

    assert out_of_order(expected, pdftotext(path)) == []
    assert finisher.stats["actual_texts"] >= len(URDU_LINES)
    assert not validation_failures(path)
    # Without ActualText, poppler's own reordering moves brackets, numbers and punctuation.
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    assert len(out_of_order(expected, pdftotext(plain))) >= 4


def test_right_to_left_words_in_a_left_to_right_page_read_in_order(tmp_path):
    html = (
        '<html lang="en"><head><title>Notice</title></head>'
        "<body style=\"font-family: 'Noto Sans', 'Noto Naskh Arabic'\">"
        f"<p>{ENGLISH_WITH_URDU}</p><p>{ENGLISH_PARAGRAPH}</p></body></html>"
    )
    path = tmp_path / "english.pdf"
    path.write_bytes(weasyprint.HTML(string=html).write_pdf(finisher=ExactTextFinisher()))

    assert out_of_order([ENGLISH_WITH_URDU, ENGLISH_PARAGRAPH], pdftotext(path)) == []


# A page holding more letters of the other direction than of its document's: poppler would
# choose the page's direction from them.
FEW_WORDS_PAGES = {
    "ur": (
        "Noto Nastaliq Urdu",
        "rtl",
        "ای میل: <bdi>childrens.services@example.gov.uk</bdi>",
        "ای میل: childrens.services@example.gov.uk",
    ),
    "en": (
        "Noto Sans",
        "ltr",
        "Urdu: <span lang='ur' dir='rtl'>بچوں کی سماجی نگہداشت کی ٹیم</span>",
        "Urdu: بچوں کی سماجی نگہداشت کی ٹیم",
    ),
}


@pytest.mark.parametrize("code", FEW_WORDS_PAGES)
def test_a_page_reads_in_its_documents_direction_whatever_its_letters(code, tmp_path):
    font, direction, line, expected = FEW_WORDS_PAGES[code]
    html = (
        f'<html lang="{code}" dir="{direction}"><head><title>{code}</title></head>'
        f"<body style=\"font-family: '{font}', 'Noto Sans', 'Noto Naskh Arabic'\">"
        f"<p>{line}</p></body></html>"
    )
    path = tmp_path / f"{code}.pdf"
    finisher = ExactTextFinisher()
    path.write_bytes(
        weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=finisher)
    )

    assert out_of_order([expected], pdftotext(path)) == []
    assert finisher.stats["direction_marks"] > 0
    assert not validation_failures(path)


def test_a_latin_document_gets_no_actual_text(tmp_path):
    sample = SAMPLES["cy"]
    html = (
        '<html lang="cy"><head><title>Hysbysiad</title></head><body>'
        f"<p>{sample.summary}</p><p>{ENGLISH_PARAGRAPH}</p></body></html>"
    )
    finisher = ExactTextFinisher()
    data = weasyprint.HTML(string=html).write_pdf(
        pdf_variant="pdf/ua-1", finisher=finisher, uncompressed_pdf=True
    )

    assert finisher.stats["actual_texts"] == 0
    assert b"ActualText" not in data


# The demo's Urdu notice --------------------------------------------------------------------


@pytest.mark.parametrize("variant", NOTICE_VARIANTS)
def test_demo_urdu_notice_reads_in_order(demo, variant, tmp_path):
    english = NoticePage.objects.get(
        slug="bolton-childrens-social-care", locale__language_code="en"
    )
    page = english.get_translation(Locale.objects.get(language_code="ur"))
    with translation.override("ur"):
        path = tmp_path / f"ur-{variant}.pdf"
        path.write_bytes(render_notice_pdf(page, variant))
        sentences = sentences_of(web_body_blocks(page))
    text = pdftotext(path)

    assert len(sentences) > 80
    assert in_order_share(sentences, text) >= REQUIRED_IN_ORDER, order_report(
        "the demo Urdu notice", sentences, text
    )


# Urdu in Nastaliq ---------------------------------------------------------------------------

# Initial ی and پ are drawn with the same glyphs in Noto Nastaliq Urdu, told apart by the
# glyph of a later letter.
NASTALIQ_TEXT = "ہم آپ کو جواب دینے کے لیے تیار ہیں۔ پتے اور یتے، پیسے اور دیتے۔"


def test_urdu_in_nastaliq_reads_back_exactly(tmp_path):
    html = (
        '<html lang="ur" dir="rtl"><head><title>نوٹس</title></head>'
        "<body style=\"font-family: 'Noto Nastaliq Urdu', 'Noto Sans'; line-height: 2.5\">"
        f"<h1>نوٹس</h1><p>{NASTALIQ_TEXT}</p><p>{re.sub(r'[{}]', '', URDU_LINES[0])}</p>"
        "</body></html>"
    )
    path = tmp_path / "nastaliq.pdf"
    path.write_bytes(
        weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=ExactTextFinisher())
    )

    assert "Noto-Nastaliq-Urdu" in read_pdf(path).fonts
    assert out_of_order(sentences_of([NASTALIQ_TEXT]), pdftotext(path)) == []
    # pdfminer ignores ActualText: each word's own characters, drawn right to left.
    drawn = set(logical_words(extract_text(str(path))))
    missing = [word for word in logical_words(NASTALIQ_TEXT) if word[::-1] not in drawn]
    assert not missing, missing
    assert not validation_failures(path)

"""A notice in each of the ten languages, as a PDF: valid PDF/UA-1, and its text reads back.

Each notice of tests/language_samples.py is rendered in the language it is written in, in both
print variants, and its text is read back with pdftotext and compared with the text of the
same notice's web page content: sentence by sentence, each sentence's words in logical order.
"""

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
import weasyprint
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.utils import decode_text

from notice_blocks.pdf.rendering import render_notice_pdf
from notice_blocks.pdf.text_mapping import ExactTextFinisher
from notice_blocks.pdf.variants import STANDARD
from tests.language_samples import EMAIL, PHONE, SAMPLES
from tests.notice_blocks.pdf.test_rendering import (
    read_pdf,
    tagged_content,
    validation_failures,
)
from tests.reference_text import missing_sentences
from tests.utils import NOTICE_VARIANTS, make_notice_page

pytestmark = pytest.mark.django_db

LANGUAGES = list(SAMPLES)
RIGHT_TO_LEFT = {"ar", "ur"}
# Languages whose sentences are compared word for word, punctuation and digits included.
IN_LOGICAL_ORDER = {"ar", "ur", "bn", "pa", "cy"}
VARIANTS = NOTICE_VARIANTS
# Share of a page's sentences that must read back with their words in logical order.
REQUIRED_IN_ORDER = 0.99

PDF_CSS = Path(__file__).parents[3] / "notice_blocks/static/notice_blocks/css/pdf.css"


def script_fonts(code: str) -> list[str]:
    """The fonts pdf.css names for language ``code``, as embedded in the PDF ("Noto-Sans")."""
    css = re.sub(r"/\*.*?\*/", "", PDF_CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    for selectors, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        families = re.search(r"font-family:\s*([^;]+)", declarations)
        if families and f":lang({code})" in selectors.replace(" ", ""):
            names = re.findall(r'"([^"]+)"', families.group(1))
            return [name.replace(" ", "-") for name in names]
    return ["Noto-Sans"]


# Elements whose text is one run of the page's content.
TEXT_BLOCKS = ("p", "li", "h2", "h3", "h4", "dt", "dd", "th", "td", "caption")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# Bidi controls, which draw nothing: pdftotext marks right-to-left runs with embeddings, and
# PDFs and web pages isolate left-to-right runs and set marks.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_SENTENCE_END = re.compile(r"(?<=[.?!\u06d4\u061f\u0964])\s+")
# "(https://…)" or "(someone@example.gov.uk)", printed after a link's text on paper only.
_PRINTED_ADDRESS = re.compile(r"\s*\([^()\s]*(?:://|@)[^()]*\)")
# The page area above the footer (A4 in points, less the largest bottom margin, 26 mm).
XHTML = "{http://www.w3.org/1999/xhtml}"
BODY_AREA = ["-x", "0", "-y", "0", "-W", "595", "-H", "768"]


@dataclass
class LanguagePdf:
    code: str
    variant: str
    path: Path
    text: str
    web_blocks: list[str]


_RENDERED: dict[tuple[str, str], LanguagePdf] = {}


def pdftotext(path: Path, *options: str) -> str:
    """The text of the PDF in reading order, as pdftotext gives it."""
    command = ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", text.translate(_BIDI_CONTROLS))


def web_body_blocks(page) -> list[str]:
    """The text of each paragraph, item and heading of the notice's web page content."""
    html = Template("{% load wagtailcore_tags %}{% include_block page.body %}").render(
        Context({"page": page})
    )
    soup = BeautifulSoup(html, "html.parser")
    blocks = []
    for element in soup.find_all(TEXT_BLOCKS):
        if element.find(TEXT_BLOCKS):
            continue  # Its own blocks are read one by one.
        text = " ".join(element.get_text(" ").split())
        if text:
            blocks.append(unicodedata.normalize("NFC", text))
    return blocks


def render_language(code: str, variant: str, tmp_path_factory) -> LanguagePdf:
    """The sample notice in language ``code`` as a PDF, rendered once per test session."""
    if (code, variant) not in _RENDERED:
        sample = SAMPLES[code]
        page = make_notice_page(title=sample.title, slug=f"notice-{code}", body=sample.body())
        with translation.override(code):
            data = render_notice_pdf(page, variant)
            web_blocks = web_body_blocks(page)
        path = tmp_path_factory.mktemp("languages") / f"{code}-{variant}.pdf"
        path.write_bytes(data)
        _RENDERED[code, variant] = LanguagePdf(
            code=code,
            variant=variant,
            path=path,
            text=pdftotext(path, *BODY_AREA),
            web_blocks=web_blocks,
        )
    return _RENDERED[code, variant]


@pytest.fixture
def rendered(request, tmp_path_factory) -> LanguagePdf:
    return render_language(*request.param, tmp_path_factory)


EVERY_PDF = pytest.mark.parametrize(
    "rendered",
    [(code, variant) for code in LANGUAGES for variant in VARIANTS],
    indirect=True,
    ids=lambda param: "-".join(param),
)


def logical_words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (punctuation kept), bidi controls left out."""
    return unicodedata.normalize("NFC", text).translate(_BIDI_CONTROLS).split()


def sentences_of(blocks: list[str]) -> list[str]:
    """The sentences of a page's text blocks."""
    return [s for block in blocks for s in _SENTENCE_END.split(block) if logical_words(s)]


def out_of_order(sentences: list[str], text: str) -> list[str]:
    """The sentences whose words are not all in ``text``, together and in logical order.

    A word may run on to the next line, as a long web address does on paper. Addresses
    printed after links on paper only are left out of ``text``.
    """
    text = unicodedata.normalize("NFC", _PRINTED_ADDRESS.sub("", text)).translate(_BIDI_CONTROLS)
    return [sentence for sentence in sentences if not _sentence_pattern(sentence).search(text)]


def _sentence_pattern(sentence: str) -> re.Pattern:
    """The sentence's words in order, apart only by whitespace, each maybe broken by lines."""
    words = (r"(?:\n\s*)?".join(map(re.escape, word)) for word in logical_words(sentence))
    return re.compile(r"(?<!\S)" + r"\s+".join(words) + r"(?!\S)")


def in_order_share(sentences: list[str], text: str) -> float:
    """The share of ``sentences`` that ``text`` holds with their words in logical order."""
    return 1 - len(out_of_order(sentences, text)) / len(sentences)


def order_report(name: str, sentences: list[str], text: str) -> str:
    missing = out_of_order(sentences, text)
    return (
        f"{len(sentences) - len(missing)} of {len(sentences)} sentences of {name} read back in "
        "logical order; not:\n" + "\n".join(f"  {sentence}" for sentence in missing)
    )


# Tests --------------------------------------------------------------------------------


@EVERY_PDF
def test_complies_with_pdf_ua_1(rendered):
    failures = validation_failures(rendered.path)
    assert not failures, f"{rendered.path.name} breaks PDF/UA-1 rules:\n{failures}"


@EVERY_PDF
def test_language_is_the_active_one(rendered):
    assert read_pdf(rendered.path).lang == rendered.code


@EVERY_PDF
def test_text_reads_back_as_on_the_web_page(rendered):
    assert rendered.web_blocks, "the web page content has no text"
    if rendered.code in IN_LOGICAL_ORDER:
        # Word for word, right-to-left words, digits, brackets and punctuation in the order
        # they are read, including lines that mix directions.
        sentences = sentences_of(rendered.web_blocks)
        assert len(sentences) >= 12
        share = in_order_share(sentences, rendered.text)
        report = order_report(f"the {rendered.code} page", sentences, rendered.text)
        assert share >= REQUIRED_IN_ORDER, report
        return
    if rendered.code == "zh-hans":
        # Chinese lines wrap between characters, where extractors put a newline.
        pdf_text = "".join(rendered.text.split())
        missing = [block for block in rendered.web_blocks if "".join(block.split()) not in pdf_text]
    else:
        # pdftotext drops a word's own hyphen where a line breaks after it ("Utilizamo-las"
        # reads "Utilizamolas"): compare words with their inner hyphens removed.
        blocks = [_INNER_HYPHEN.sub("", block) for block in rendered.web_blocks]
        missing = missing_sentences(blocks, _INNER_HYPHEN.sub("", rendered.text))
    assert not missing, f"Not in the {rendered.code} PDF's text: {missing}"


@EVERY_PDF
def test_addresses_and_numbers_keep_their_order(rendered):
    assert EMAIL in rendered.text
    assert PHONE in rendered.text


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_script_is_set_in_its_noto_font(code, tmp_path_factory):
    fonts = read_pdf(render_language(code, STANDARD.value, tmp_path_factory).path).fonts
    families = {font.removesuffix("-Bold").removesuffix("-Regular") for font in fonts}
    named = script_fonts(code)
    assert named[0] in families
    # Latin text (addresses, the legal references) falls back to Noto Sans, and nothing else
    # is embedded than the stylesheet names: no Japanese forms for Chinese.
    assert families <= {*named, "Noto-Sans", "Noto-Sans-Italic"}, families


def _line_edges(path: Path) -> list[tuple[float, float, str]]:
    """The left and right edges (points) and text of each line of the PDF's first page."""
    xhtml = pdftotext(path, "-bbox-layout", "-f", "1", "-l", "1")
    lines = []
    for line in ET.fromstring(xhtml).iter(f"{XHTML}line"):
        text = " ".join(word.text or "" for word in line.iter(f"{XHTML}word"))
        lines.append((float(line.get("xMin")), float(line.get("xMax")), text))
    return lines


@pytest.mark.parametrize("code", ["en", "ur", "ar"])
def test_paragraphs_start_on_the_reading_side(code, tmp_path_factory):
    rendered = render_language(code, STANDARD.value, tmp_path_factory)
    page_width, margin = 595.28, 20 / 25.4 * 72
    # pdftotext gives a line's words in the order they are drawn: right-to-left words come
    # reversed, and last word first.
    first_words = {
        word[::-1] if code in RIGHT_TO_LEFT else word for word in SAMPLES[code].summary.split()[:3]
    }
    edges = [
        (x0, x1) for x0, x1, text in _line_edges(rendered.path) if first_words <= set(text.split())
    ]
    assert edges, f"The summary's first line is not on page 1 of the {code} PDF"
    x0, x1 = edges[0]
    if code in RIGHT_TO_LEFT:
        assert x1 == pytest.approx(page_width - margin, abs=2) and x0 > margin + 2
    else:
        assert x0 == pytest.approx(margin, abs=2) and x1 < page_width - margin - 2


BENGALI_WORDS = "গোপনীয়তা বিজ্ঞপ্তি পরিষেবা"


def _bengali_pdf(path: Path, **options) -> str:
    html = (
        '<html lang="bn"><head><title>বিজ্ঞপ্তি</title></head>'
        "<body style=\"font-family: 'Noto Sans Bengali', 'Noto Sans', sans-serif\">"
        f"<h1>{BENGALI_WORDS}</h1><p>{BENGALI_WORDS}</p></body></html>"
    )
    path.write_bytes(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", **options))
    return " ".join(pdftotext(path).split())


def test_finisher_maps_bengali_vowel_signs_back_to_their_text(tmp_path):
    expected = f"{BENGALI_WORDS} {BENGALI_WORDS}"
    # WeasyPrint alone maps the glyph of া to the ো it first drew, and loses ি (#2841).
    plain = _bengali_pdf(tmp_path / "plain.pdf")
    assert plain != expected
    assert validation_failures(tmp_path / "plain.pdf")
    finisher = ExactTextFinisher()
    assert _bengali_pdf(tmp_path / "mapped.pdf", finisher=finisher) == expected
    assert not validation_failures(tmp_path / "mapped.pdf")
    assert finisher.stats["lines_rewritten"] == 2


# Passages in another language ---------------------------------------------------------------


def declared_languages(path: Path) -> tuple[str, set[tuple[str, str, str]]]:
    """The document's language, and (structure type, language, text) of each structure
    element that declares one."""
    with tagged_content(path) as content:
        document, chars, page_index = (
            content.document,
            content.chars_by_page,
            content.page_index,
        )
        found = set()

        def text_below(node, page: int | None) -> str:
            node = resolve1(node)
            if isinstance(node, int):
                return "".join(char.get_text() for char in chars[page][node])
            if isinstance(node, list):
                return " ".join(text_below(kid, page) for kid in node)
            if not isinstance(node, dict) or "K" not in node:
                return ""
            if isinstance(node.get("Pg"), PDFObjRef):
                page = page_index[node["Pg"].objid]
            text = text_below(node["K"], page)
            if "Lang" in node:
                kind, language = resolve1(node["S"]).name, decode_text(node["Lang"])
                found.add((kind, language, " ".join(text.split())))
            return text

        text_below(resolve1(document.catalog["StructTreeRoot"])["K"], None)
    return decode_text(document.catalog["Lang"]), found


PASSAGES = {
    "cy": "Mae'r hysbysiad hwn ar gael yn Saesneg:",
    "ur": "یہ نوٹس انگریزی میں بھی دستیاب ہے:",
}
ENGLISH = "This notice is also available in English."


@pytest.mark.parametrize("code", ["cy", "ur"])
def test_passages_in_another_language_declare_it(code, tmp_path):
    direction = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    html = (
        f'<html lang="{code}" dir="{direction}"><head><title>{SAMPLES[code].title}</title></head>'
        "<body style=\"font-family: 'Noto Sans', 'Noto Naskh Arabic'\">"
        f'<p>{PASSAGES[code]} <span lang="en">Children\'s services team</span></p>'
        f'<p lang="en" dir="ltr">{ENGLISH}</p>'
        f'<ul><li>{SAMPLES[code].personal}</li><li lang="en">Names and addresses</li></ul>'
        "</body></html>"
    )
    path = tmp_path / f"{code}.pdf"
    path.write_bytes(
        weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=ExactTextFinisher())
    )

    language, declared = declared_languages(path)
    assert language == code
    assert declared == {
        ("Span", "en", "Children's services team"),
        ("P", "en", ENGLISH),
        ("LI", "en", "• Names and addresses"),
    }
    assert not validation_failures(path)

"""A notice in each of the ten languages, as a PDF: valid PDF/UA-1, and its text reads back.

Each notice of tests/language_samples.py is rendered in the language it is written in, in both
print variants, and its text is read back with pdftotext and compared with the text of the
same notice's web page content.
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

from notice_blocks.pdf.rendering import render_notice_pdf
from notice_blocks.pdf.text_mapping import ExactTextFinisher
from notice_blocks.pdf.variants import STANDARD
from tests.language_samples import EMAIL, PHONE, SAMPLES
from tests.notice_blocks.pdf.test_rendering import read_pdf, validation_failures
from tests.reference_text import missing_sentences
from tests.utils import NOTICE_VARIANTS, make_notice_page

pytestmark = pytest.mark.django_db

LANGUAGES = list(SAMPLES)
RIGHT_TO_LEFT = {"ar", "ur"}
VARIANTS = NOTICE_VARIANTS

# The family of the font that sets each language's own script, as embedded in the PDF.
SCRIPT_FONTS = {
    "en": "Noto-Sans",
    "cy": "Noto-Sans",
    "pl": "Noto-Sans",
    "ro": "Noto-Sans",
    "pt": "Noto-Sans",
    "zh-hans": "Noto-Sans-CJK-SC",
    "ar": "Noto-Naskh-Arabic",
    "ur": "Noto-Naskh-Arabic",
    "bn": "Noto-Sans-Bengali",
    "pa": "Noto-Sans-Gurmukhi",
}

# Elements whose text is one run of the page's content.
TEXT_BLOCKS = ("p", "li", "h2", "h3", "h4", "dt", "dd", "th", "td", "caption")
# Characters of right-to-left words: Arabic letters and the marks drawn on them.
_RTL_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# pdftotext marks right-to-left runs with embedding controls.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
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


def rtl_words(text: str) -> list[str]:
    """The Arabic-script words of ``text`` in order, without punctuation or digits."""
    words = []
    for run in _RTL_WORD.findall(text):
        word = "".join(char for char in run if unicodedata.category(char)[0] in "LM")
        if word:
            words.append(word)
    return words


def _contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` appears in ``haystack`` as a run of consecutive items."""
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
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
    if rendered.code in RIGHT_TO_LEFT:
        # Extractors move digits and punctuation within right-to-left lines: compare the
        # sequence of Arabic-script words, and check addresses and numbers separately.
        pdf_words = rtl_words(rendered.text)
        missing = [
            block
            for block in rendered.web_blocks
            if rtl_words(block) and not _contains(pdf_words, rtl_words(block))
        ]
        assert sum(len(rtl_words(block)) for block in rendered.web_blocks) > 100
    elif rendered.code == "zh-hans":
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
    assert SCRIPT_FONTS[code] in families
    # Latin text (addresses, the legal references) falls back to Noto Sans, and nothing else
    # is embedded: no Nastaliq for Urdu, no Japanese forms for Chinese.
    assert families <= {SCRIPT_FONTS[code], "Noto-Sans", "Noto-Sans-Italic"}, families


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

"""Each script reads as large as Latin text, on the web page and in the PDFs.

A script's apparent size is the geometric mean of its body height (the x-height, in Latin)
and its ascender height: how tall its letters are drawn, measured from the letters' ink. The
fonts' own outlines give each font's apparent size per em; the page (Chromium) and the PDF
(the sizes WeasyPrint drew the letters at) give the size each script is set at. Text in a
script is to read about as large as the Latin text around it, never smaller.
"""

import math
import re
import statistics
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer

from notice_blocks.pdf.rendering import render_notice_pdf
from tests.browser import visit
from tests.language_samples import SAMPLES
from tests.notice_blocks.test_i18n_pages import KEPT, TAG, translate_notice
from tests.utils import make_notice_page

NOTO = Path("/usr/share/fonts/truetype/noto")
# Letters whose tops mark each script's body and its ascenders, dots and marks left out.
LETTERS = {
    "Latin": ("acemnorsuvwxz", "bdhklt"),
    "Arabic": ("حدرسصعمهوىٮ", "الكط"),
    "Bengali": ("কনরমবতপযলসহ", "িীৈৌ"),
    "Gurmukhi": ("ਕਨਰਮਬਤਪਯਲਸਹ", "ਿੀੈੌ"),
}
SCRIPTS = {"en": "Latin", "ar": "Arabic", "ur": "Arabic", "bn": "Bengali", "pa": "Gurmukhi"}
# As large as Latin text, give or take; a script already drawn larger is not made smaller.
SAME_SIZE = (0.95, 1.3)


def median_top(font: TTFont, letters: str) -> float:
    """The median height of ``letters``' ink above the baseline, in ems."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    tops = []
    for letter in letters:
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(letter)]].draw(pen)
        tops.append(pen.bounds[3] / font["head"].unitsPerEm)
    return statistics.median(tops)


@cache
def apparent_size(font_file: str, script: str) -> float:
    """How large the letters of ``script`` are drawn in ``font_file``, per em."""
    font = TTFont(NOTO / font_file)
    body, ascenders = LETTERS[script]
    return math.sqrt(median_top(font, body) * median_top(font, ascenders))


CSS = Path(__file__).parents[2] / "notice_blocks/static/notice_blocks/css"
# The scale a stylesheet gives the language: the rule for :lang(ar), alone or with others.
ARABIC_SCALE = re.compile(r":lang\(ar\)[^{]*\{[^}]*--script-scale:\s*([\d.]+)")


@pytest.mark.parametrize("stylesheet", ["notice.css", "pdf.css"])
def test_arabic_is_scaled_as_its_naskh_measures(stylesheet):
    """Naskh is drawn smaller than Latin; Nastaliq, Bengali and Gurmukhi are not."""
    latin = apparent_size("NotoSans-Regular.ttf", "Latin")
    measured = latin / apparent_size("NotoNaskhArabic-Regular.ttf", "Arabic")
    declared = float(ARABIC_SCALE.search((CSS / stylesheet).read_text()).group(1))
    assert declared == pytest.approx(measured, abs=0.05)
    for font_file, script in [
        ("NotoNastaliqUrdu-Regular.ttf", "Arabic"),
        ("NotoSansBengali-Regular.ttf", "Bengali"),
        ("NotoSansGurmukhi-Regular.ttf", "Gurmukhi"),
    ]:
        assert apparent_size(font_file, script) > latin, font_file


# The PDFs


PDF_FONTS = {
    "en": "NotoSans-Regular.ttf",
    "ar": "NotoNaskhArabic-Regular.ttf",
    "ur": "NotoNastaliqUrdu-Regular.ttf",
    "bn": "NotoSansBengali-Regular.ttf",
    "pa": "NotoSansGurmukhi-Regular.ttf",
}


def chars_of(container):
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from chars_of(item)


def body_text_size(data: bytes, tmp_path, code: str) -> float:
    """The size most of the PDF's letters of the language's script are drawn at, in points."""
    path = tmp_path / f"{code}.pdf"
    path.write_bytes(data)
    font_name = PDF_FONTS[code].removesuffix("-Regular.ttf").replace("Noto", "Noto-", 1)
    sizes = Counter(
        round(char.size, 1)
        for page in extract_pages(path)
        for char in chars_of(page)
        if char.fontname.split("+")[-1].replace("-", "") == font_name.replace("-", "")
        and char.get_text().isalpha()
    )
    assert sizes, f"No letters in {font_name} in the {code} PDF"
    return sizes.most_common(1)[0][0]


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["standard", "large-print"])
def test_each_script_reads_as_large_as_english_in_the_pdf(variant, tmp_path):
    sizes = {}
    for code in PDF_FONTS:
        sample = SAMPLES[code]
        page = make_notice_page(title=sample.title, slug=f"notice-{code}", body=sample.body())
        with translation.override(code):
            data = render_notice_pdf(page, variant)
        drawn = body_text_size(data, tmp_path, code)
        sizes[code] = drawn * apparent_size(PDF_FONTS[code], SCRIPTS[code])
    ratios = {code: size / sizes["en"] for code, size in sizes.items() if code != "en"}
    low, high = SAME_SIZE
    assert all(low <= ratio <= high for ratio in ratios.values()), ratios


# The web pages

MEASURE = """([selector, body, ascenders]) => {
    const element = document.querySelector(selector);
    const style = getComputedStyle(element);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const median = (letters) => {
        const tops = [...letters]
            .map((letter) => context.measureText(letter).actualBoundingBoxAscent)
            .sort((a, b) => a - b);
        const middle = Math.floor(tops.length / 2);
        return tops.length % 2 ? tops[middle] : (tops[middle - 1] + tops[middle]) / 2;
    };
    return {
        size: parseFloat(style.fontSize),
        apparent: Math.sqrt(median(body) * median(ascenders)),
    };
}"""
WEB_LANGUAGES = ["ur", "ar", "bn", "pa"]


def sample_translator(code: str):
    """Translates every segment into the sample sentence of ``code``, keeping markup."""
    sentence = SAMPLES[code].personal

    def translate(context: str, source: str, number: int) -> str:
        if KEPT.search(context):
            return source
        return "".join(
            part if TAG.fullmatch(part) or not part.strip() else f"{sentence} {number}"
            for part in TAG.split(source)
        )

    return translate


def measure(page, selector: str, script: str) -> dict:
    return page.evaluate(MEASURE, [selector, *LETTERS[script]])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_script_reads_as_large_as_english_on_the_web(new_page, live_server):
    notice = make_notice_page()
    pages = {"en": notice} | {
        code: translate_notice(notice, code, sample_translator(code)) for code in WEB_LANGUAGES
    }
    browser_page = new_page()
    text = ".app-section p"
    switcher = ".app-language-switcher a[lang={}]"
    measured, names = {}, {}
    for code, page in pages.items():
        visit(browser_page, live_server, page.url)
        measured[code] = measure(browser_page, text, SCRIPTS[code])
        names[code] = {
            other: measure(browser_page, switcher.format(other), SCRIPTS[other]) for other in pages
        }

    english = measured["en"]["apparent"]
    ratios = {code: found["apparent"] / english for code, found in measured.items()}
    low, high = SAME_SIZE
    assert all(low <= ratio <= high for ratio in ratios.values()), ratios
    # A language's name is sized for its script wherever it is shown: Latin in Urdu is not
    # made larger, and Arabic within Arabic is not scaled twice.
    for code in pages:
        assert {other: found["size"] for other, found in names[code].items()} == {
            other: found["size"] for other, found in names["en"].items()
        }, code
    assert names["en"]["ar"]["size"] > names["en"]["en"]["size"]

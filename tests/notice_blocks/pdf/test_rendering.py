"""Notices rendered as tagged PDF/UA-1 documents, read back from the PDF itself.

Text is read in the order of the PDF's structure tree (what a screen reader follows), so
the running footers, which are not tagged, never interrupt a sentence.
"""

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import page as page_validation
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.dateformat import format as date_format
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from notice_blocks.models import NoticePage
from notice_blocks.pdf.rendering import PdfRenderingError, render_notice_pdf
from notice_blocks.pdf.variants import LARGE_PRINT, STANDARD
from tests.reference_text import missing_sentences, reference_sentences
from tests.utils import NOTICE_VARIANTS, make_notice_page

pytestmark = pytest.mark.django_db

ADOPTION = "adoption"
DEMO_NOTICES = ["manchester-childrens-social-care", "bolton-childrens-social-care"]
NOTICES = [ADOPTION, *DEMO_NOTICES]
VARIANTS = NOTICE_VARIANTS

# Sentences of tests.utils.EVERY_BLOCK_BODY, one or more from each block.
ADOPTION_SENTENCES = [
    "This notice explains how the adoption service uses personal information.",
    "Health and disability",
    "You do not have to give us this information.",
    "assess prospective adopters",
    "The Adoption and Children Act 2002.",
    "Safeguarding children.",
    "your GP",
    "Adoption panels to decide on a match",
    "assessment reports",
    "Adoption case files",
    "100 years from the order",
    "Retention schedule (https://example.gov.uk/retention)",
    "You can also ask for your adoption records when you are 18.",
    "Write to our DPO.",
    "adoption@example.gov.uk",
    "You can complain to the ICO.",
    "We review this notice every year.",
]

# "(https://…)" or "(someone@example.gov.uk)", as printed after a link's text.
PRINTED_ADDRESS = re.compile(r"\s*\([^()]*(?:://|@)[^()]*\)")

XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
}


# Reading PDFs back ------------------------------------------------------------------


@dataclass
class PdfFacts:
    """What a PDF says about itself, read with pdfminer and poppler."""

    page_count: int
    lang: str
    info_title: str
    xmp_title: str
    outline: list[str]
    tagged_text: str
    tagged_font_sizes: list[float]
    figure_alts: list[str | None]
    fonts: set[str]
    layout_text: str = field(repr=False)


class MarkedContentCollector(PDFLayoutAnalyzer):
    """Collects a page's characters by the marked-content id (MCID) that encloses them."""

    def __init__(self, resources: PDFResourceManager) -> None:
        super().__init__(resources, pageno=1, laparams=None)
        self.open_mcids: list[int | None] = []
        self.chars: dict[int, list[LTChar]] = defaultdict(list)
        self.fonts: set[str] = set()

    def begin_tag(self, tag, props=None) -> None:
        self.open_mcids.append(props.get("MCID") if isinstance(props, dict) else None)

    def end_tag(self) -> None:
        if self.open_mcids:
            self.open_mcids.pop()

    def render_char(self, *args, **kwargs) -> float:
        advance = super().render_char(*args, **kwargs)
        char = self.cur_item._objs[-1]
        self.fonts.add(char.fontname.partition("+")[2] or char.fontname)
        mcid = next((m for m in reversed(self.open_mcids) if m is not None), None)
        if mcid is not None:
            self.chars[mcid].append(char)
        return advance


@dataclass
class TaggedContent:
    """A parsed PDF, the characters of each page by MCID, and each page's number by id."""

    document: PDFDocument
    chars_by_page: list[dict[int, list[LTChar]]]
    page_index: dict[int, int]


@contextmanager
def tagged_content(path: Path) -> Iterator[TaggedContent]:
    """The PDF at ``path`` with its marked content read, while the file is open."""
    with path.open("rb") as file:
        document = PDFDocument(PDFParser(file))
        resources = PDFResourceManager()
        pages = list(PDFPage.create_pages(document))
        chars_by_page = []
        for pdf_page in pages:
            collector = MarkedContentCollector(resources)
            PDFPageInterpreter(resources, collector).process_page(pdf_page)
            chars_by_page.append(collector.chars)
        page_index = {pdf_page.pageid: number for number, pdf_page in enumerate(pages)}
        yield TaggedContent(document, chars_by_page, page_index)


def _name(value) -> str | None:
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else None


def _text(value) -> str:
    value = resolve1(value)
    return decode_text(value) if isinstance(value, bytes) else str(value or "")


def _structure(node, page: int | None, page_index: dict[int, int], out: dict) -> None:
    """Walk the structure tree in order, collecting (page, MCID) pairs and figures."""
    if isinstance(node, PDFObjRef):
        node = node.resolve()
    if isinstance(node, int):
        out["mcids"].append((page, node))
    elif isinstance(node, list):
        for kid in node:
            _structure(kid, page, page_index, out)
    elif isinstance(node, dict):
        if _name(node.get("Type")) == "OBJR":
            return
        if isinstance(node.get("Pg"), PDFObjRef):
            page = page_index[node["Pg"].objid]
        if _name(node.get("Type")) == "MCR":
            out["mcids"].append((page, resolve1(node["MCID"])))
            return
        if _name(node.get("S")) == "Figure":
            out["figures"].append(_text(node["Alt"]) if "Alt" in node else None)
        if "K" in node:
            _structure(node["K"], page, page_index, out)


def read_pdf(path: Path) -> PdfFacts:
    with path.open("rb") as file:
        document = PDFDocument(PDFParser(file))
        resources = PDFResourceManager()
        pages = list(PDFPage.create_pages(document))
        chars_by_page = []
        fonts = set()
        for pdf_page in pages:
            collector = MarkedContentCollector(resources)
            PDFPageInterpreter(resources, collector).process_page(pdf_page)
            chars_by_page.append(collector.chars)
            fonts |= collector.fonts

        catalog = document.catalog
        structure = {"mcids": [], "figures": []}
        page_index = {pdf_page.pageid: number for number, pdf_page in enumerate(pages)}
        _structure(resolve1(catalog["StructTreeRoot"])["K"], None, page_index, structure)
        tagged_chars = [chars_by_page[p][mcid] for p, mcid in structure["mcids"]]

        xmp = ET.fromstring(resolve1(catalog["Metadata"]).get_data())
        xmp_title = xmp.find(".//dc:title//rdf:li", XMP_NS)
        outline = [_text(title) for _level, title, *_ in document.get_outlines()]
        facts = PdfFacts(
            page_count=len(pages),
            lang=_text(catalog.get("Lang")),
            info_title=_text(document.info[0].get("Title")),
            xmp_title=xmp_title.text if xmp_title is not None else "",
            outline=outline,
            tagged_text=" ".join("".join(c.get_text() for c in chars) for chars in tagged_chars),
            tagged_font_sizes=[c.size for chars in tagged_chars for c in chars],
            figure_alts=structure["figures"],
            fonts=fonts,
            layout_text=subprocess.run(
                ["pdftotext", "-layout", str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout,
        )
    return facts


def validation_failures(path: Path) -> str:
    """The PDF/UA-1 rules the PDF breaks, one per line (empty when it complies)."""
    report = page_validation.validate_pdf(str(path), profile="ua1")
    if report.is_compliant:
        return ""
    return "\n".join(
        f"{failure['rule_id']}: {failure['message']} ({failure.get('object_id')})"
        for failure in report.to_dict()["failures"]
    ) or str(report)


# Rendering once per notice and variant ------------------------------------------------


@dataclass
class RenderedNotice:
    name: str
    variant: str
    path: Path
    facts: PdfFacts
    title: str
    language: str
    full_url: str
    section_headings: list[str]
    review_line: str


_RENDERED: dict[tuple[str, str], RenderedNotice] = {}


def get_notice(name: str) -> NoticePage:
    if name == ADOPTION:
        return make_notice_page()
    call_command("load_demo_notices", stdout=StringIO())
    return NoticePage.objects.get(slug=name, locale__language_code=settings.LANGUAGE_CODE)


def expected_review_line(page: NoticePage) -> str:
    """The web page's review line: "Reviewed November 2021 V3.0", or what of it is known."""
    reviewed = f"Reviewed {date_format(page.last_reviewed, 'F Y')}" if page.last_reviewed else ""
    return " ".join(part for part in (reviewed, page.version_label) if part)


def render_once(name: str, variant: str, tmp_path_factory) -> RenderedNotice:
    """The PDF of notice ``name`` in ``variant``, rendered once per test session."""
    if (name, variant) not in _RENDERED:
        page = get_notice(name)
        language = page.locale.language_code
        with translation.override(language):
            data = render_notice_pdf(page, variant)
        path = tmp_path_factory.mktemp("pdfs") / f"{name}-{variant}.pdf"
        path.write_bytes(data)
        _RENDERED[name, variant] = RenderedNotice(
            name=name,
            variant=variant,
            path=path,
            facts=read_pdf(path),
            title=page.title,
            language=language,
            full_url=page.full_url,
            section_headings=[section.heading for section in page.sections],
            review_line=expected_review_line(page),
        )
    return _RENDERED[name, variant]


@pytest.fixture
def rendered(request, tmp_path_factory) -> RenderedNotice:
    return render_once(*request.param, tmp_path_factory)


EVERY_PDF = pytest.mark.parametrize(
    "rendered",
    [(name, variant) for name in NOTICES for variant in VARIANTS],
    indirect=True,
    ids=lambda param: "-".join(param),
)
DEMO_PDFS = pytest.mark.parametrize(
    "rendered",
    [(name, variant) for name in DEMO_NOTICES for variant in VARIANTS],
    indirect=True,
    ids=lambda param: "-".join(param),
)


# Tests --------------------------------------------------------------------------------


@EVERY_PDF
def test_complies_with_pdf_ua_1(rendered):
    failures = validation_failures(rendered.path)
    assert not failures, f"{rendered.path.name} breaks PDF/UA-1 rules:\n{failures}"


@EVERY_PDF
def test_language_and_title_are_the_notice_s(rendered):
    facts = rendered.facts
    assert facts.lang.casefold() == rendered.language.casefold()
    assert facts.info_title == rendered.title
    assert facts.xmp_title == rendered.title


@EVERY_PDF
def test_outline_has_the_title_and_every_section(rendered):
    outline = rendered.facts.outline
    assert outline[0] == rendered.title
    missing = [heading for heading in rendered.section_headings if heading not in outline]
    assert not missing, f"Sections missing from the outline: {missing}"


@EVERY_PDF
def test_title_block_prints_review_line_and_web_address(rendered):
    text = rendered.facts.tagged_text
    if rendered.name != "manchester-childrens-social-care":  # published without either
        assert rendered.review_line
    assert rendered.review_line in " ".join(text.split())
    assert rendered.full_url.startswith("http")
    assert rendered.full_url in "".join(text.split())


@EVERY_PDF
def test_every_page_is_numbered(rendered):
    facts = rendered.facts
    assert facts.page_count > 1
    for number in range(1, facts.page_count + 1):
        assert f"Page {number} of {facts.page_count}" in facts.layout_text


@EVERY_PDF
def test_every_character_is_set_in_noto_sans(rendered):
    # A character Noto Sans lacks would be set in a fallback font embedded for it.
    fonts = rendered.facts.fonts
    assert fonts <= {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Italic", "Noto-Sans-BoldItalic"}
    if rendered.variant == LARGE_PRINT.value:
        assert fonts == {"Noto-Sans", "Noto-Sans-Bold"}  # bold for emphasis, no italics


@DEMO_PDFS
def test_every_sentence_of_the_reference_notice_is_in_the_pdf(rendered):
    sentences = reference_sentences(rendered.name)
    assert len(sentences) > 50
    # On paper a link's address follows its text, within the sentence: leave it out.
    text = PRINTED_ADDRESS.sub("", rendered.facts.tagged_text)
    missing = missing_sentences(sentences, text)
    assert not missing, "Sentences missing from the PDF:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    "rendered", [(ADOPTION, variant) for variant in VARIANTS], indirect=True, ids=VARIANTS
)
def test_every_block_s_content_is_in_the_pdf(rendered):
    missing = missing_sentences(ADOPTION_SENTENCES, rendered.facts.tagged_text)
    assert not missing, "Sentences missing from the PDF:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", NOTICES)
def test_large_print_text_is_at_least_16pt(tmp_path_factory, name):
    sizes = {
        variant: render_once(name, variant, tmp_path_factory).facts.tagged_font_sizes
        for variant in VARIANTS
    }
    large = sizes[LARGE_PRINT.value]
    assert len(large) > 1000
    assert min(large) >= 15.95, f"Smallest large print text: {min(large):.2f}pt"
    # The standard variant is smaller, so the check above can tell them apart.
    assert min(sizes[STANDARD.value]) < 15.95


def test_renders_a_revision_in_the_active_language(tmp_path):
    page = make_notice_page(title="Fostering")
    revision = page.save_revision()
    page.title = "Fostering (draft)"
    page.save_revision()
    with translation.override("cy"):
        data = render_notice_pdf(revision.as_object(), STANDARD.value)
    path = tmp_path / "fostering.pdf"
    path.write_bytes(data)
    facts = read_pdf(path)
    assert facts.lang == "cy"
    assert facts.info_title == "Fostering"
    assert not validation_failures(path)


def test_images_in_rich_text_never_reach_the_pdf(tmp_path):
    """A notice's rich text holds no images: one in a file or a translation is dropped."""
    text = (
        '<p>Our office:</p><p><img src="/media/pictures/map.png" alt="Map of the town hall"></p>'
        '<p>Decoration <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""> left out.</p>'
    )
    body = [("summary", {"heading": "", "text": text})]
    page = make_notice_page(title="Libraries", body=body)
    path = tmp_path / "libraries.pdf"
    path.write_bytes(render_notice_pdf(page, LARGE_PRINT.value))
    facts = read_pdf(path)
    assert facts.figure_alts == []
    assert "Our office: Decoration left out." in " ".join(facts.tagged_text.split())
    assert not validation_failures(path)


def test_a_missing_stylesheet_fails_the_render(settings, tmp_path):
    page = make_notice_page()
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = []
    settings.STATIC_ROOT = tmp_path / "empty-static-root"
    with pytest.raises(PdfRenderingError, match="standard PDF of notice"):
        render_notice_pdf(page, STANDARD.value)


def test_unknown_variant_is_refused():
    page = make_notice_page()
    with pytest.raises(ValueError):
        render_notice_pdf(page, "huge-print")


def test_large_print_sets_italics_in_bold(tmp_path):
    text = "<p>Read this <i>before</i> you sign the form.</p>"
    page = make_notice_page(title="Parking", body=[("summary", {"heading": "", "text": text})])
    fonts = {}
    for variant in VARIANTS:
        path = tmp_path / f"{variant}.pdf"
        path.write_bytes(render_notice_pdf(page, variant))
        fonts[variant] = read_pdf(path).fonts
    assert "Noto-Sans-Italic" in fonts[STANDARD.value]
    assert fonts[LARGE_PRINT.value] == {"Noto-Sans", "Noto-Sans-Bold"}


def test_urdu_is_set_right_to_left_in_nastaliq_and_extracts_exactly(tmp_path):
    sentence = "یہ نوٹس بتاتا ہے کہ ہم آپ کی ذاتی معلومات کیسے استعمال کرتے ہیں۔"
    body = [("summary", {"heading": "خلاصہ", "text": f"<p>{sentence}</p>"})]
    page = make_notice_page(title="بچوں کی سماجی نگہداشت", body=body)
    with translation.override("ur"):
        data = render_notice_pdf(page, STANDARD.value)
    path = tmp_path / "urdu.pdf"
    path.write_bytes(data)
    facts = read_pdf(path)
    assert facts.lang == "ur"
    # Urdu is set in Nastaliq, as on the web page, not in Arabic's Naskh.
    assert "Noto-Nastaliq-Urdu" in facts.fonts
    assert not any("Naskh" in font for font in facts.fonts)
    assert not missing_sentences([sentence, page.title], facts.layout_text)
    assert not validation_failures(path)

"""Notice PDFs as laid out on paper: headings stay with their text, footers stay apart.

Each demo notice (and easy read version) is laid out by WeasyPrint in each of its languages
and print variants, and the laid-out pages are read: what ends each page, and where the
footer's title and page number are drawn.
"""

from dataclasses import dataclass

import pytest
from django.utils import translation
from weasyprint.formatting_structure import boxes

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticePage
from notice_blocks.pdf.rendering import PDF_OPTIONS, prepare_notice
from notice_blocks.pdf.variants import get_variant, variants_for

pytestmark = pytest.mark.django_db

NOTICES = ["bolton-childrens-social-care", "manchester-childrens-social-care"]
LANGUAGES = ["en", "cy", "ur"]
# Elements that head the text after them, though not all are h-elements.
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption"}
HEADING_CLASSES = {"app-provision__title", "app-rights__title", "app-word-list__word"}
MM = 96 / 25.4  # CSS pixels, WeasyPrint's layout unit, in a millimetre
# The least room between the footer's title and page number, and between the footer and the
# edge of the paper, which many printers cannot print on.
FOOTER_GAP = 3 * MM
PRINTABLE_EDGE = 5 * MM


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    def gap(self, other: "Rect") -> float:
        """How far apart the two are side by side (negative when they overlap)."""
        return max(other.left - self.right, self.left - other.right)


_LAID_OUT: dict[tuple[int, str], object] = {}


def laid_out(page, variant: str):
    """The notice's PDF document as WeasyPrint lays it out, once per page and variant."""
    key = (page.pk, variant)
    if key not in _LAID_OUT:
        with translation.override(page.locale.language_code):
            html, stylesheets = prepare_notice(page, get_variant(variant))
            document = html.render(stylesheets=stylesheets, **PDF_OPTIONS)
        parents = {child: parent for parent in html.etree_element.iter() for child in parent}
        _LAID_OUT[key] = (document, parents)
    return _LAID_OUT[key]


def demo_documents():
    for model in (NoticePage, EasyReadNoticePage):
        for page in model.objects.live().filter(locale__language_code__in=LANGUAGES):
            if not any(slug in page.url_path for slug in NOTICES):
                continue
            for variant in variants_for(model):
                yield page, variant


def text_boxes(box):
    """Every text box below ``box``, in the order it is drawn."""
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from text_boxes(child)


def heading_of(element, parents) -> object | None:
    """The heading-like element ``element`` is part of, if any."""
    while element is not None:
        classes = set((element.get("class") or "").split())
        if element.tag in HEADING_TAGS or classes & HEADING_CLASSES:
            return element
        element = parents.get(element)
    return None


def describe(element) -> str:
    return f"<{element.tag} class={element.get('class')!r}> {''.join(element.itertext()).strip()!r}"


def page_body(page) -> list:
    return [child for child in page._page_box.children if not isinstance(child, boxes.MarginBox)]


def margin_text_rect(page, at_keyword: str) -> Rect | None:
    """Where the text of the page's margin box ``at_keyword`` is drawn."""
    for box in page._page_box.children:
        if isinstance(box, boxes.MarginBox) and box.at_keyword == at_keyword:
            texts = [text for text in text_boxes(box) if text.text.strip()]
            if texts:
                return Rect(
                    min(text.position_x for text in texts),
                    min(text.position_y for text in texts),
                    max(text.position_x + text.width for text in texts),
                    max(text.position_y + text.height for text in texts),
                )
    return None


@pytest.fixture
def documents(demo):
    found = list(demo_documents())
    assert {page.locale.language_code for page, _variant in found} == set(LANGUAGES)
    assert {variant for _page, variant in found} == {"standard", "large-print", "easy-read"}
    return found


def test_no_page_ends_with_a_heading(documents):
    stranded = []
    for page, variant in documents:
        document, parents = laid_out(page, variant)
        for number, pdf_page in enumerate(document.pages[:-1], start=1):
            last = [text for box in page_body(pdf_page) for text in text_boxes(box)]
            heading = heading_of(last[-1].element, parents) if last else None
            if heading is not None:
                stranded.append(f"{page.url_path} {variant} page {number}: {describe(heading)}")
    assert not stranded, "\n".join(stranded)


def test_the_footer_title_and_page_number_stay_apart_and_on_the_paper(documents):
    faults = []
    for page, variant in documents:
        document, _parents = laid_out(page, variant)
        for number, pdf_page in enumerate(document.pages, start=1):
            where = f"{page.url_path} {variant} page {number}"
            left = margin_text_rect(pdf_page, "@bottom-left")
            right = margin_text_rect(pdf_page, "@bottom-right")
            assert left and right, f"{where} lacks its footer"
            if left.gap(right) < FOOTER_GAP:
                faults.append(f"{where}: title and page number {left.gap(right) / MM:.1f} mm apart")
            if max(left.bottom, right.bottom) > pdf_page.height - PRINTABLE_EDGE:
                faults.append(f"{where}: footer runs to the edge of the paper")
    assert not faults, "\n".join(faults)

"""The contents list prints the page each section starts on, laid out in two passes."""

import re

import pytest
from django.utils import translation
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.layout import page as page_layout

from notice_blocks.models import NoticePage
from notice_blocks.pdf.rendering import lay_out, prepare_notice
from notice_blocks.pdf.variants import LARGE_PRINT, STANDARD

pytestmark = pytest.mark.django_db

BOLTON = "bolton-childrens-social-care"
NUMBER = re.compile(r"\d+")


def contents_and_anchors(page, variant) -> tuple[dict[str, int], dict[str, int]]:
    """The page each contents entry prints, and the page each anchor is on, by anchor."""
    with translation.override(page.locale.language_code):
        document = lay_out(*prepare_notice(page, variant))
    anchors = {}  # a section over several pages has its anchor on each: the first counts
    for number, laid_out in enumerate(document.pages, 1):
        for name in laid_out.anchors:
            anchors.setdefault(name, number)
    printed = {}
    for laid_out in document.pages:
        for box in laid_out._page_box.descendants():
            element = box.element
            if box.element_tag != "a::after" or "pdf-contents__link" not in element.get("class"):
                continue
            text = "".join(child.text for child in box.descendants() if isinstance(child, TextBox))
            printed[element.get("href").removeprefix("#")] = int(NUMBER.search(text)[0])
    return printed, anchors


@pytest.mark.parametrize("variant", [STANDARD, LARGE_PRINT], ids=str)
def test_each_contents_entry_prints_the_page_of_its_section(demo, variant):
    page = NoticePage.objects.get(slug=BOLTON, locale__language_code="en")
    printed, anchors = contents_and_anchors(page, variant)
    assert len(printed) == len(page.sections)
    assert printed == {name: anchors[name] for name in printed}
    assert len(set(printed.values())) > 2  # the sections are spread over several pages


def test_the_contents_page_is_laid_out_twice_not_three_times(demo, monkeypatch):
    made = []
    remake_page = page_layout.remake_page

    def counted(index, *args):
        made.append(index)
        return remake_page(index, *args)

    monkeypatch.setattr(page_layout, "remake_page", counted)
    page = NoticePage.objects.get(slug=BOLTON, locale__language_code="en")
    printed, _ = contents_and_anchors(page, STANDARD)
    assert made.count(0) == 2  # once to find the sections' pages, once to print them
    assert all(made.count(index) == 1 for index in set(made) - {0})

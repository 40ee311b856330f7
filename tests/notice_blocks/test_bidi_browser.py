"""Numbers, postcodes, addresses and references inside right-to-left pages, as Chromium shows them.

A phone number laid out right to left shows its digit groups from the right (“1113 123
0303”): a resident would dial the wrong number. These tests read where each character of
every such run is drawn on screen and check that it reads from left to right.
"""

import io

import pytest
from django.core.management import call_command

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticePage
from tests.browser import DESKTOP, NARROW, visit
from tests.notice_blocks.test_i18n_pages import sentence_translator, translate_notice
from tests.utils import make_notice_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Left-to-right runs a resident must read in order: phone numbers, references such as
# 6(1)(d), UK postcodes, web and email addresses, version labels.
LEFT_TO_RIGHT_RUNS = (
    r"\+?\d{2,5}(?:[ \u00a0]\d{2,5}){1,3}"
    r"|\d+(?:\(\d+\))+(?:\([a-z]\))?"
    r"|[A-Z]{1,2}\d[A-Z\d]?[ \u00a0]\d[A-Z]{2}"
    r"|https?://[\w./-]+\w/?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|V\d+(?:\.\d+)+"
)

# For each run found in the text of <main>: its text, and the left edge and vertical centre
# of each of its characters as drawn (spaces left out).
RUN_POSITIONS = """(pattern) => {
    const expression = new RegExp(pattern, "g");
    const main = document.querySelector("main");
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const runs = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(expression)) {
            const characters = [];
            for (let i = match.index; i < match.index + match[0].length; i++) {
                if (/\\s/.test(node.data[i])) continue;
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getBoundingClientRect();
                if (box.width) characters.push([box.left, box.top + box.height / 2]);
            }
            runs.push({text: match[0], characters});
        }
    }
    return runs;
}"""


def misordered_runs(page) -> tuple[list[dict], list[str]]:
    """Every run on the page, and those whose characters do not go left to right on a line."""
    runs = page.evaluate(RUN_POSITIONS, LEFT_TO_RIGHT_RUNS)
    wrong = []
    for run in runs:
        characters = run["characters"]
        for (x0, y0), (x1, y1) in zip(characters, characters[1:], strict=False):
            if abs(y1 - y0) < 4 and x1 <= x0:
                wrong.append(run["text"])
                break
    return runs, wrong


def test_the_urdu_demo_notices_show_every_number_and_address_in_order(new_page, live_server):
    call_command("load_demo_notices", stdout=io.StringIO())
    urdu = [
        page
        for model in (NoticePage, EasyReadNoticePage)
        for page in model.objects.live().filter(locale__language_code="ur")
    ]
    assert urdu, "the demo has no Urdu pages"
    found = set()
    for notice in urdu:
        for viewport in (DESKTOP, NARROW):
            runs, wrong = misordered_runs(visit(new_page(viewport), live_server, notice.url))
            assert not wrong, f"{notice.url} at {viewport['width']}px shows reversed: {wrong}"
            found.update(run["text"] for run in runs)
    # The ICO's telephone number and postcode, and a reference, were among those checked.
    assert {"0303 123 1113", "SK9 5AF"} <= found
    assert any("(" in text for text in found), found


ARABIC = (
    "اتصل بنا على 0303 123 1113 أو اكتب إلى SK9 5AF أو زر https://ico.org.uk/"
    " (UK GDPR المادة 6(1)(d))."
)


def test_an_arabic_notice_shows_numbers_addresses_and_references_in_order(new_page, live_server):
    notice = make_notice_page()
    translate = sentence_translator("ar")

    def into_arabic(context: str, source: str, number: int) -> str:
        return ARABIC if context.endswith(".text") else translate(context, source, number)

    arabic = translate_notice(notice, "ar", into_arabic)
    page = visit(new_page(), live_server, arabic.url)
    runs, wrong = misordered_runs(page)
    assert not wrong, f"shown reversed: {wrong}"
    found = {run["text"] for run in runs}
    assert {"0303 123 1113", "SK9 5AF", "https://ico.org.uk/", "6(1)(d)"} <= found
    # The words around them keep their right-to-left order: “اتصل” (call) is drawn to the
    # right of the number that follows it in the sentence.
    call, number = page.evaluate(
        """() => {
            const paragraph = [...document.querySelectorAll("main p")]
                .find((p) => p.textContent.includes("اتصل بنا"));
            const node = [...paragraph.childNodes].find((n) => n.nodeType === 3);
            const range = document.createRange();
            range.setStart(node, 0);
            range.setEnd(node, 4);
            const bdi = paragraph.querySelector("bdi");
            return [range.getBoundingClientRect().left, bdi.getBoundingClientRect().right];
        }"""
    )
    assert call > number

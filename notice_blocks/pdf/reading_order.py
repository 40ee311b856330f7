"""Text that extractors read back in logical order, for lines mixing writing directions.

PDF draws glyphs where they go on the page; extractors then guess the order in which the
text is read. Poppler (pdftotext, and the many readers built on it) sorts a line's characters
from left to right and reorders them with a bidi algorithm of its own (``reorderText`` in
``TextOutputDev.cc``), much simpler than Unicode's:

* a page reads right to left when it holds more right-to-left letters (bidi classes R and AL)
  than left-to-right ones (class L); digits and number punctuation are not counted;
* numbers and number punctuation (``.``, ``,``, ``/``, ``:``, ``+``, ``-``, the Arabic comma)
  count as left to right, and every other neutral (spaces, brackets, apostrophes) joins the
  run it happens to be scanned with. On a right-to-left page “(1989/2004) Children's Acts”
  reads “( 1989/2004 )Children's Acts”, and “نومبر 2021، V3.0” reads “نومبر V3.0 ،2021”.

Each line is therefore wrapped in a marked-content sequence with an ``/ActualText`` (ISO
32000-1, 14.9.4), which poppler reads instead of the glyphs' own text, and then reorders like
any text that was drawn. The ActualText is the line's logical text *arranged so that poppler's
reordering gives it back*: right-to-left runs reversed, runs placed in visual order, and a
left-to-right or right-to-left mark (U+200E, U+200F, which draw and say nothing) where a
neutral would otherwise join the wrong run. Marks at both ends keep runs of neighbouring
lines (inline elements of the same line of text) apart. ToUnicode maps are not touched: copying
text keeps its exact characters.

Only lines that poppler would misread get one: on a right-to-left page, lines holding
left-to-right letters or numbers; on a left-to-right page, lines holding right-to-left letters.
A document in left-to-right scripts only needs none.

A page reads in the direction of its document (right to left if the document is and the page
holds right-to-left letters), whatever its letters: a page of an Urdu notice may hold little
more than an email address (“ای میل: childrens.services@example.gov.uk”), and poppler would
read it left to right, the address first. Where a page's letters would tip poppler the other
way, the ActualText of its line holding most letters of the other direction ends with as many
marks of the page's direction as needed (poppler counts them as letters), counting the page
both with and without its margin boxes, which extractors are often told to leave out.

pdfminer.six ignores ActualText and keeps the characters of a line in drawing order, which
for right-to-left text is visual order; see ``tests/notice_blocks/pdf/test_reading_order.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..bidi import RTL_SCRIPT

__all__ = [
    "actual_text_operator",
    "direction_marks",
    "extractor_text",
    "holds_right_to_left",
    "letter_balance",
    "needs_actual_text",
]

LRM, RLM = "\u200e", "\u200f"
#: Closes the marked-content sequence that ``actual_text_operator`` opens.
END_ACTUAL_TEXT = b"EMC"

# Bidi controls of the laid-out text (isolates around left-to-right runs, embeddings, marks)
# and soft hyphens: they draw nothing, and the ActualText sets its own marks.
_INVISIBLE = re.compile("[\u00ad\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Poppler's classes: L (left to right), R (right to left), and numbers, which it lays out
# left to right. Everything else is neutral.
_NUMBER_CLASSES = frozenset({"EN", "ES", "ET", "CS", "AN"})
_RIGHT_TO_LEFT = re.compile(f"[{RTL_SCRIPT}]")


def _direction(char: str) -> str:
    """``"L"`` (letters and numbers laid out left to right), ``"R"``, or ``""`` (neutral)."""
    bidi = unicodedata.bidirectional(char)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L" or bidi in _NUMBER_CLASSES:
        return "L"
    return ""


def letter_balance(texts: Iterable[str]) -> int:
    """Left-to-right letters less right-to-left ones (marks included), as poppler counts them.

    Poppler reads a page right to left when its letters' balance is negative.
    """
    count = 0
    for text in texts:
        for char in text:
            bidi = unicodedata.bidirectional(char)
            if bidi == "L":
                count += 1
            elif bidi in ("R", "AL"):
                count -= 1
    return count


def direction_marks(balance: int, right_to_left_page: bool) -> str:
    """Marks that make poppler read a page whose letters weigh ``balance`` in that direction."""
    if right_to_left_page:
        return RLM * max(0, balance + 1)
    return LRM * max(0, -balance)


def holds_right_to_left(text: str) -> bool:
    """Whether ``text`` holds letters of a right-to-left script."""
    return _RIGHT_TO_LEFT.search(text) is not None


def needs_actual_text(text: str, right_to_left_page: bool) -> bool:
    """Whether poppler would misread a line of ``text`` drawn on such a page."""
    if right_to_left_page:
        return any(_direction(char) == "L" for char in text)
    return holds_right_to_left(text)


def extractor_text(logical: str, right_to_left_page: bool) -> str:
    """The ActualText of a line whose text is ``logical``: poppler reorders it into ``logical``.

    Poppler scans a right-to-left page's line from its right end: a run of characters that
    are not L (kept in scan order, so reversed), then a run of characters that are not R
    (given left to right), and so on; a left-to-right page is scanned from the left the other
    way round. The line's text is cut into such runs, a mark ending or starting a run where a
    neutral would otherwise change sides, and the runs are laid out in the order poppler
    scans them.
    """
    text = _INVISIBLE.sub("", logical)
    paragraph = "R" if right_to_left_page else "L"
    runs: list[list[str]] = []  # [direction, text] in logical order
    neutrals = ""
    for char in text:
        direction = _direction(char)
        if not direction:
            neutrals += char
            continue
        if not runs:
            runs.append([direction, neutrals + char])
        elif runs[-1][0] == direction:
            runs[-1][1] += neutrals + char
        elif direction == paragraph:
            # Neutrals between an embedded run and one in the paragraph's direction belong
            # to the paragraph; a mark of its direction keeps them out of the embedded run.
            mark = RLM if paragraph == "R" else LRM
            runs.append([direction, mark + neutrals + char])
        else:
            runs[-1][1] += neutrals
            runs.append([direction, char])
        neutrals = ""
    if not runs:
        runs.append([paragraph, neutrals])
    elif runs[-1][0] == paragraph:
        runs[-1][1] += neutrals
    else:
        # An embedded run must end on one of its own letters, else poppler moves the
        # neutrals across it.
        runs[-1][1] += neutrals + (LRM if paragraph == "R" else RLM)
    pieces = [run if direction == "L" else run[::-1] for direction, run in runs]
    mark = RLM if right_to_left_page else LRM
    if right_to_left_page:
        pieces.reverse()
    text = mark + "".join(pieces) + mark
    if all(_direction(char) == "R" for char in text):
        # Poppler reverses a text made of right-to-left letters only, as it does the text of
        # a ligature glyph, before reordering the line.
        text = text[::-1]
    return text


def actual_text_operator(text: str) -> bytes:
    """The operator opening a marked-content sequence that reads as ``text``."""
    utf16 = text.encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <FEFF{utf16}>>> BDC".encode()

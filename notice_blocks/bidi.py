"""Runs of one direction isolated inside text of the other, so that each reads in its order.

Laid out right to left, “Call 0303 123 1113” shows its digit groups from the right
(“1113 123 0303”), and “UK GDPR Article 6(1)(d)” loses its brackets, wherever the text
came from: an editor, a shared detail, a translation or an interface string. This module
holds the one rule that finds such runs (``opposite_runs``) and applies it to a whole HTML
document (``isolate_opposite_runs``), which the web pages and the PDFs both go through:

* in right-to-left text, every run that starts and ends with a Latin letter or a digit
  (phone numbers, postcodes, web and email addresses, references such as 6(1)(d), version
  labels, dates written in Latin digits, names in Latin script) is wrapped in
  ``<bdi dir="ltr">``, keeping balanced brackets, a URL's closing slash and a percent sign;
  a lone number (“2021”) reads right as it is and is left alone;
* in left-to-right text, every run of right-to-left script is wrapped in ``<bdi dir="rtl">``.

Arabic-script punctuation (“،”, “۔”) ends a run, so “نومبر 2021، V3.0” keeps its order.
Text inside an element with a ``dir`` of its own follows that direction; the text of a
``<bdi>`` without one (already isolated), scripts, styles and the document's title are left
as they are. Runs are found within one
text node: a run split by inline markup is isolated piece by piece.
"""

import html
import re
from collections.abc import Iterator

from .html_tokens import TOKEN, opens_element

LTR, RTL = "ltr", "rtl"

#: Blocks of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their
# presentation forms, and the right-to-left planes of the supplementary range).
RTL_SCRIPT = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
# Digits of the Arabic script, which read left to right like any other digits.
_RTL_DIGITS = "\u0660-\u0669\u06f0-\u06f9"
# A letter or digit that is not of a right-to-left script.
_LTR_STRONG = rf"(?:[^\W_{RTL_SCRIPT}]|[{_RTL_DIGITS}])"
# Anything that may stand inside a left-to-right run: all but right-to-left script.
_LTR_INNER = rf"(?:[^{RTL_SCRIPT}]|[{_RTL_DIGITS}])"
_LTR_RUN = re.compile(rf"[-+(\[£$€#]*{_LTR_STRONG}(?:{_LTR_INNER}*{_LTR_STRONG})?[)\]/%=+]*")
# A letter of a right-to-left script, and what may stand inside such a run: all but
# letters of left-to-right scripts.
_RTL_STRONG = rf"[{RTL_SCRIPT}]"
_RTL_INNER = rf"(?:[{RTL_SCRIPT}]|[\W\d_])"
_RTL_RUN = re.compile(rf"{_RTL_STRONG}(?:{_RTL_INNER}*(?:{_RTL_STRONG}|\d))?")
_HAS_RTL = re.compile(rf"[{RTL_SCRIPT}]")
_ONLY_DIGITS = re.compile(r"\d+")
_OPENERS = {")": "(", "]": "["}  # closing bracket -> its opening one
_CLOSERS = {"(": ")", "[": "]"}
# What a run cut at an unpaired bracket does not end or start with.
_LOOSE_ENDS = frozenset(" \t\n\u00a0,.;:")

_DIR = re.compile(r"""(?:^|\s)dir\s*=\s*["']?\s*(\w+)""", re.IGNORECASE)


def opposite_runs(text: str, direction: str) -> Iterator[tuple[int, int]]:
    """The start and end of each run in ``text`` that needs isolating in ``direction`` text."""
    if direction == RTL:
        for match in _LTR_RUN.finditer(text):
            start, end = _balanced(text, *match.span())
            if start < end and not _ONLY_DIGITS.fullmatch(text, start, end):
                yield start, end
    elif _HAS_RTL.search(text):
        for match in _RTL_RUN.finditer(text):
            start, end = _balanced(text, *match.span())
            if start < end:
                yield start, end


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The run without brackets it does not both open and close, and the text beyond them.

    Brackets at its ends that it does not pair are left out; an unpaired bracket inside it
    ends the run there (an opening one) or starts it after (a closing one).
    """
    while start < end and text[start] in _CLOSERS:
        opener, closer = text[start], _CLOSERS[text[start]]
        if text.count(closer, start, end) >= text.count(opener, start, end):
            break
        start += 1
    while start < end and text[end - 1] in _OPENERS:
        opener, closer = _OPENERS[text[end - 1]], text[end - 1]
        if text.count(opener, start, end) >= text.count(closer, start, end):
            break
        end -= 1
    unpaired: list[int] = []  # positions of opening brackets not yet closed
    for index in range(start, end):
        char = text[index]
        if char in _CLOSERS:
            unpaired.append(index)
        elif char in _OPENERS:
            if unpaired and text[unpaired[-1]] == _OPENERS[char]:
                unpaired.pop()
            else:
                start, unpaired = index + 1, []
    if unpaired:
        end = unpaired[0]
    while start < end and text[start] in _LOOSE_ENDS:
        start += 1
    while start < end and text[end - 1] in _LOOSE_ENDS:
        end -= 1
    return start, end


def isolate_text(text: str, direction: str) -> str:
    """``text`` (HTML-escaped) with its opposite-direction runs in ``<bdi>`` elements."""
    plain = html.unescape(text)
    runs = list(opposite_runs(plain, direction))
    if not runs:
        return text
    isolated_direction = LTR if direction == RTL else RTL
    parts, position = [], 0
    for start, end in runs:
        parts.append(html.escape(plain[position:start], quote=False))
        parts.append(f'<bdi dir="{isolated_direction}">')
        parts.append(html.escape(plain[start:end], quote=False))
        parts.append("</bdi>")
        position = end
    parts.append(html.escape(plain[position:], quote=False))
    return "".join(parts)


def isolate_opposite_runs(document: str, direction: str) -> str:
    """The HTML ``document`` with every opposite-direction run of its text isolated.

    ``direction`` is the direction of the document's text outside any element with a
    ``dir`` of its own (the page's language's direction).
    """
    if direction != RTL and not _HAS_RTL.search(document):
        return document
    parts: list[str] = []
    # The open elements and the direction of the text inside each (None: left as it is).
    open_elements: list[tuple[str, str | None]] = []
    current: str | None = direction
    position = 0
    for token in TOKEN.finditer(document):
        text = document[position : token.start()]
        if text:
            parts.append(isolate_text(text, current) if current and text.strip() else text)
        parts.append(token.group())
        position = token.end()
        if opens_element(token):
            current = _inner_direction(
                token.group("name").lower(), token.group("attributes"), current
            )
            open_elements.append((token.group("name").lower(), current))
        elif token.group("end"):
            name = token.group("name").lower()
            for index in range(len(open_elements) - 1, -1, -1):
                if open_elements[index][0] == name:
                    del open_elements[index:]
                    current = open_elements[-1][1] if open_elements else direction
                    break
    text = document[position:]
    if text:
        parts.append(isolate_text(text, current) if current and text.strip() else text)
    return "".join(parts)


def _inner_direction(name: str, attributes: str, outer: str | None) -> str | None:
    """The direction of the text inside an element, or None where it is left as it is."""
    declared = _DIR.search(attributes)
    value = declared.group(1).lower() if declared else ""
    if value in (LTR, RTL):
        return value
    if name == "bdi" or value == "auto":
        return None
    return outer

"""Compare what a resident reads with the text of the published reference notices.

The reference notices live in ``tests/reference/<name>.txt``. Sentences are compared as
sequences of words, so punctuation, apostrophe styles, case and the markup around them do
not matter, but every word must appear, in order, with nothing in between.
"""

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

REFERENCE_DIR = Path(__file__).parent / "reference"

# Lines of the published web pages that belong to the site, not to the notice.
PAGE_FURNITURE = (
    "Was this page helpful?",
    "Fields marked * cannot be left blank",
    "Feedback submitted to us on this form is monitored but you won’t receive a reply.",
)

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
HIDDEN_TAGS = ("script", "style", "template", "noscript")

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LIST_MARKER = re.compile(r"^(?:[•\-*]\s+|\d+\.\s+)")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"'})
_WORD = re.compile(r"\w+")


def _lines(text: str) -> list[str]:
    """The notice's lines, with markdown and list markers removed."""
    text = _BOLD.sub(lambda match: " ".join(match.group(1).split()), text)
    text = _LINK.sub(r"\1", text)
    lines = []
    for line in text.splitlines():
        line = _LIST_MARKER.sub("", line.strip()).strip()
        if line:
            lines.append(line)
    return lines


def _is_furniture(line: str) -> bool:
    return any(line.startswith(furniture) for furniture in PAGE_FURNITURE)


def reference_sentences(name: str) -> list[str]:
    """The sentences of ``tests/reference/<name>.txt``, page furniture left out."""
    return text_sentences((REFERENCE_DIR / f"{name}.txt").read_text(encoding="utf-8"))


def text_sentences(text: str) -> list[str]:
    """The sentences of a notice's text in the reference form, page furniture left out."""
    sentences = []
    for line in _lines(text):
        if _is_furniture(line):
            continue
        sentences.extend(s for s in _SENTENCE_END.split(line) if words(s))
    return sentences


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded, with curly and straight quotes unified."""
    return _WORD.findall(text.casefold().translate(_QUOTES))


def missing_sentences(sentences: list[str], text: str) -> list[str]:
    """The sentences whose words do not appear, in order and together, in ``text``."""
    haystack = f" {' '.join(words(text))} "
    return [s for s in sentences if f" {' '.join(words(s))} " not in haystack]


def visible_text(html: str) -> str:
    """The text a resident sees in the page's ``<main>``, block elements kept apart."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("main") or soup
    for element in root.find_all(HIDDEN_TAGS):
        element.decompose()
    for element in root.find_all(hidden=True):
        element.decompose()
    for element in root.find_all(BLOCK_TAGS):
        element.insert_before(NavigableString(" "))
        element.insert_after(NavigableString(" "))
    return " ".join(root.get_text("").split())

"""Rich text reduced to the features its field allows, whatever road it came in by.

Editors' rich text reaches the database through Draftail, which can only produce the
features a field allows. Notice files, PO files and the translation editor bring HTML
written elsewhere: anything in it (scripts, event handlers, ``javascript:`` links, frames,
forms, attachments) would otherwise be served as it is. ``sanitise`` keeps only the
elements and attributes that the field's features store in Wagtail's database format,
with nh3 (an allow-list sanitiser built on Rust's ammonia); the rich text blocks apply it
to every value they read or store, so nothing else reaches a page or a PDF, whatever is
already in the database.
"""

import re
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser

import nh3

#: The elements (and their attributes) each of Wagtail's rich text features stores.
FEATURE_ELEMENTS: dict[str, dict[str, set[str]]] = {
    "bold": {"b": set()},
    "italic": {"i": set()},
    "h2": {"h2": set()},
    "h3": {"h3": set()},
    "h4": {"h4": set()},
    "h5": {"h5": set()},
    "h6": {"h6": set()},
    "ol": {"ol": set(), "li": set()},
    "ul": {"ul": set(), "li": set()},
    "link": {"a": {"href", "linktype", "id"}},
    "document-link": {"a": {"linktype", "id"}},
    "hr": {"hr": set()},
    "blockquote": {"blockquote": set()},
    "code": {"code": set()},
    "superscript": {"sup": set()},
    "subscript": {"sub": set()},
    "strikethrough": {"s": set()},
}
#: Paragraphs and line breaks belong to every rich text field.
ALWAYS_ALLOWED: dict[str, set[str]] = {"p": set(), "br": set()}
#: The link types each feature stores as ``<a linktype="…" id="…">``.
FEATURE_LINK_TYPES = {"link": "page", "document-link": "document"}
#: Addresses a link may have: web pages, email and telephone.
URL_SCHEMES = {"http", "https", "mailto", "tel"}
#: Elements removed with everything inside them.
REMOVED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "title"}

_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")
_SPACE = re.compile(r"\s")
_DIGITS = re.compile(r"\d{1,18}")
# nh3 writes every attribute as name="value", with quotes in values escaped.
_LINK = re.compile(r"<a((?: [a-z]+=\"[^\"]*\")*)>")
_LINK_REFERENCE = re.compile(r' (?:linktype|id)="[^"]*"')


@lru_cache(maxsize=64)
def _cleaner(features: tuple[str, ...]) -> nh3.Cleaner:
    elements = {name: set(attributes) for name, attributes in ALWAYS_ALLOWED.items()}
    for feature in features:
        for name, attributes in FEATURE_ELEMENTS.get(feature, {}).items():
            elements.setdefault(name, set()).update(attributes)
    link_types = {FEATURE_LINK_TYPES[f] for f in features if f in FEATURE_LINK_TYPES}

    def allowed_value(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "linktype":
            return value if value in link_types else None
        if element == "a" and attribute == "id":
            return value if _DIGITS.fullmatch(value) else None
        return value

    return nh3.Cleaner(
        tags=set(elements),
        clean_content_tags=REMOVED_WITH_CONTENT - set(elements),
        attributes={**elements, "*": set()},  # no attribute on every element (title, lang)
        attribute_filter=allowed_value,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


@lru_cache(maxsize=4096)
def _sanitise(html: str, features: tuple[str, ...]) -> str:
    cleaned = _cleaner(features).clean(_UNENCODABLE.sub("\ufffd", html))
    return _LINK.sub(_internal_link, cleaned)


def _internal_link(match: re.Match) -> str:
    """A link to a page or document keeps its type only with the id it needs."""
    attributes = match.group(1)
    if ("linktype=" in attributes) == (" id=" in attributes):
        return match.group(0)
    return "<a" + _LINK_REFERENCE.sub("", attributes) + ">"


def sanitise(html: str | None, features) -> str:
    """``html`` with only the elements and attributes that ``features`` allow."""
    if not html:
        return ""
    return _sanitise(str(html), tuple(features))


class _Inventory(HTMLParser):
    """The elements of some HTML, and the attributes of each (a link's by its scheme)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        self.attributes: dict[str, set[str]] = {}
        self.feed(_UNENCODABLE.sub("\ufffd", html))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[tag] += 1
        found = self.attributes.setdefault(tag, set())
        for name, value in attrs:
            scheme, colon, _rest = (value or "").partition(":")
            if name in ("href", "src") and colon and "/" not in scheme:
                found.add(f"{name}=“{_SPACE.sub('', scheme).lower()}:…”")
            else:
                found.add(name)


def removed_markup(before: str, after: str) -> list[str]:
    """What sanitising took out of ``before``, such as ``["<script>", "<a onclick>"]``."""
    if not before:
        return []
    given, kept = _Inventory(before), _Inventory(after)
    removed = []
    for tag in given.elements:
        if not kept.elements[tag]:
            removed.append(f"<{tag}>")
            continue
        removed.extend(
            f"<{tag} {attribute}>"
            for attribute in sorted(given.attributes[tag] - kept.attributes.get(tag, set()))
        )
    return removed

"""The tokens of a rendered HTML document, for passes that change its text but not its markup.

The documents are the app's own pages and PDFs, written by Django templates and sanitised
rich text: well formed, but a pass must never break on odd input.
"""

import re

#: Comments, elements whose content is not text of the page (scripts, styles, the title, SVG
#: pictures…) with that content, tags (``end``, ``name``, ``attributes``, quoted values kept
#: whole) and declarations. The text of the page lies between the tokens.
TOKEN = re.compile(
    r"<(?:"
    r"!--.*?-->"
    r"|(?P<raw_name>script|style|textarea|title|template|svg|math)\b[^>]*>.*?</(?P=raw_name)\s*>"
    r"|(?P<end>/)?(?P<name>[a-zA-Z][\w:-]*)(?P<attributes>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|[!?][^>]*>"
    r")",
    re.DOTALL | re.IGNORECASE,
)
#: Elements that have no end tag.
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr".split())


def opens_element(token: re.Match) -> bool:
    """Whether ``token`` starts an element that an end tag closes."""
    name = (token.group("name") or "").lower()
    return bool(
        name
        and not token.group("end")
        and name not in VOID_ELEMENTS
        and not token.group("attributes").rstrip().endswith("/")
    )

"""A ``/Lang`` on the structure element of every passage in another language than the document.

WeasyPrint gives the document its language (the catalog's ``/Lang``, from ``<html lang>``) but
no structure element one of its own, so a screen reader reads an English passage of a Welsh
notice (``<p lang="en">``, ``<span lang="en">``) with a Welsh voice. ISO 32000-1, 14.9.2: a
structure element's ``/Lang`` applies to everything below it.

The finisher in ``text_mapping`` finds the marked-content id (MCID) of each line drawn in
another language; ``declare_languages`` then walks the structure tree and gives ``/Lang`` to
the highest elements whose lines are all in one language other than the one they inherit.
"""

from __future__ import annotations

from typing import Any

import pydyf

__all__ = ["declare_languages", "enclosing_mcid", "same_language"]

#: A line's language by page number and MCID.
Languages = dict[tuple[int, int], str]


def enclosing_mcid(ops: list, index: int) -> int | None:
    """The MCID of the marked-content sequence that the operator at ``index`` is drawn in.

    WeasyPrint draws each line of text in a sequence of its own, ``/Span <</MCID n>> BDC``
    just before the text object: the nearest property list with an MCID is that sequence's,
    unless an ``EMC`` closes it first.
    """
    for op in reversed(ops[:index]):
        if op == b"EMC":
            return None
        if isinstance(op, dict) and "MCID" in op:
            return int(op["MCID"])
    return None


def same_language(first: str, second: str) -> bool:
    """Whether two language tags are the same (``en-GB``, ``en_gb``)."""
    return first.replace("_", "-").casefold() == second.replace("_", "-").casefold()


def declare_languages(pdf: pydyf.PDF, languages: Languages) -> int:
    """Set ``/Lang`` on structure elements whose lines are all in one other language.

    ``languages`` gives the language of lines that differ from the document's, or ``""`` for
    lines in no language (bullets, numbers); every other line is in the document's language.
    Returns how many elements were given a language.
    """
    if not languages or "StructTreeRoot" not in pdf.catalog:
        return 0
    document = _string(pdf.catalog.get("Lang"))
    pages = {_number(reference): n for n, reference in enumerate(pdf.pages["Kids"][::3])}
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    kids = [_object(pdf, kid) for kid in root["K"]]
    below = {}  # id(element) -> set of the languages of its lines
    for kid in kids:
        _languages_below(pdf, kid, None, pages, languages, document, below)
    count = 0
    stack = [(kid, document) for kid in kids]
    while stack:
        element, inherited = stack.pop()
        found = below.get(id(element), set())
        if len(found) == 1:
            (language,) = found
            if not same_language(language, inherited):
                element["Lang"] = pydyf.String(language)
                inherited = language
                count += 1
            continue  # Everything below reads in its parent's language.
        stack.extend(
            (_object(pdf, kid), inherited) for kid in _kids(element) if not isinstance(kid, int)
        )
    return count


def _languages_below(
    pdf: pydyf.PDF,
    element: Any,
    page: int | None,
    pages: dict[int, int],
    languages: Languages,
    document: str,
    below: dict[int, set[str]],
) -> set[str]:
    if not isinstance(element, dict) or element.get("Type") != "/StructElem":
        return set()
    if "Pg" in element:
        page = pages.get(_number(element["Pg"]), page)
    found = set()
    for kid in _kids(element):
        if isinstance(kid, int):
            found.add(languages.get((page, kid), document))
            found.discard("")
        else:
            child = _object(pdf, kid)
            found |= _languages_below(pdf, child, page, pages, languages, document, below)
    below[id(element)] = found
    return found


def _kids(element: dict) -> list:
    kids = element.get("K", [])
    return list(kids) if isinstance(kids, list) else [kids]


def _object(pdf: pydyf.PDF, reference: Any) -> Any:
    return pdf.objects[_number(reference)] if isinstance(reference, (bytes, str)) else reference


def _number(reference: bytes | str | int) -> int:
    if isinstance(reference, int):
        return reference
    if isinstance(reference, bytes):
        reference = reference.decode()
    return int(reference.split()[0])


def _string(value: Any) -> str:
    return getattr(value, "string", "") or ""

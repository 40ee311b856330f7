"""Where something is in an easy read body: in words an editor understands, and as an anchor.

A point is “Section 2 “Who we share with”, point 3”, its element ``section-2-point-3``; a
meaning of the word list is “Word list, “Consent””, its element ``word-list-meaning-4``;
findings about the notice as a whole are marked on its title, ``whole-notice``. Sections are
counted as the editor sees them, easy read sections only, from 1. The anchors are the ids of
the elements that the preview marks, so that the Checks panel names them by these ids.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.utils.text import Truncator
from django.utils.translation import gettext

#: The anchor of the notice as a whole: its title.
WHOLE_NOTICE_ANCHOR = "whole-notice"
HEADING_LENGTH = 40


def point_anchor(section_number: int | None, point_number: int | None) -> str | None:
    """The id of a point's element; ``None`` for a point rendered on its own."""
    if not section_number or not point_number:
        return None
    return f"section-{section_number}-point-{point_number}"


def meaning_anchor(word_number: int | None) -> str | None:
    """The id of the element holding the meaning of the word list's ``word_number``-th word."""
    return f"word-list-meaning-{word_number}" if word_number else None


def short(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(HEADING_LENGTH)


@dataclass(frozen=True)
class Place:
    """A field of a point, or a word's meaning: where in the body, in words and as an anchor.

    ``section_index`` is the position of the section (or word list) in the body's stream,
    ``item_index`` the position of the point in its section (or of the word in its list),
    ``list_name`` the list that holds it (``points`` or ``words``) and ``field`` its field.
    """

    section_index: int
    list_name: str
    item_index: int
    field: str
    block_id: str | None
    name: str
    anchor: str

    def at(self, field: str) -> "Place":
        """The same point (or word), another of its fields."""
        return replace(self, field=field)


def point_name(section_number: int, heading: str, point_number: int) -> str:
    """“Section 2 “Who we share with”, point 3”."""
    context = {"section": section_number, "heading": short(heading), "point": point_number}
    if context["heading"]:
        return gettext("Section %(section)d “%(heading)s”, point %(point)d") % context
    return gettext("Section %(section)d, point %(point)d") % context


def word_name(word: str, word_number: int) -> str:
    """“Word list, “Consent””, or the word's number when it has none."""
    if short(word):
        return gettext("Word list, “%(word)s”") % {"word": short(word)}
    return gettext("Word list, word %(number)d") % {"number": word_number}


def whole_notice_name() -> str:
    return gettext("The whole notice")


@dataclass(frozen=True)
class Item:
    """A point of a section, or a word of the word list, with its place."""

    place: Place
    value: dict


def section_numbers(body) -> Iterator[tuple[int, object, int | None]]:
    """Each child of the body with its position, and its number if it is a section."""
    number = 0
    for index, child in enumerate(body):
        if child.block_type == "section":
            number += 1
            yield index, child, number
        else:
            yield index, child, None


def points_of(body) -> Iterator[Item]:
    """Every point of the body's sections, with its place."""
    for index, child, number in section_numbers(body):
        if number is None:
            continue
        heading = child.value.get("heading") or ""
        for point_index, point in enumerate(child.value["points"].bound_blocks):
            place = Place(
                section_index=index,
                list_name="points",
                item_index=point_index,
                field="text",
                block_id=point.id,
                name=point_name(number, heading, point_index + 1),
                anchor=point_anchor(number, point_index + 1),
            )
            yield Item(place, point.value)


def words_of(body) -> Iterator[Item]:
    """Every word of the body's word list, with the place of its meaning."""
    for index, child in enumerate(body):
        if child.block_type != "word_list":
            continue
        for word_index, entry in enumerate(child.value["words"].bound_blocks):
            place = Place(
                section_index=index,
                list_name="words",
                item_index=word_index,
                field="meaning",
                block_id=entry.id,
                name=word_name(entry.value.get("word") or "", word_index + 1),
                anchor=meaning_anchor(word_index + 1),
            )
            yield Item(place, entry.value)

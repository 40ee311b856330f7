"""The outline of a notice: sub-headings placed below their section, and a nested contents list."""

import re
from dataclasses import dataclass, field

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

#: The levels a section's rich text stores its sub-headings at: one and two below level 2.
STORED_SECTION_LEVEL = 2
#: HTML has no heading below h6.
LOWEST_LEVEL = 6
_SUBHEADING = re.compile(r"<(/?)h([34])(\s[^>]*)?>")


@register.filter
def shift_subheadings(html, section_level=None) -> SafeString:
    """Rich text with its ``<h3>``/``<h4>`` one and two levels below a ``section_level`` heading.

    Editors write sub-headings as if the section were at level 2; a level-3 section's
    ``<h3>`` becomes ``<h4>``, never lower than ``<h6>``. ``html`` is rendered rich text.
    """
    try:
        shift = int(section_level) - STORED_SECTION_LEVEL
    except (TypeError, ValueError):
        shift = 0
    if shift <= 0:
        return html

    def shifted(match: re.Match) -> str:
        level = min(int(match.group(2)) + shift, LOWEST_LEVEL)
        return f"<{match.group(1)}h{level}{match.group(3) or ''}>"

    return mark_safe(_SUBHEADING.sub(shifted, str(html)))  # noqa: S308 (only tags renamed)


@dataclass
class ContentsEntry:
    """A section in the contents list, with the sections beneath it (those at lower levels)."""

    section: object
    children: list["ContentsEntry"] = field(default_factory=list)


@register.filter
def contents_tree(sections) -> list[ContentsEntry]:
    """The contents list's entries, each section nested beneath the heading above its level.

    A part heading at level 2 holds the level-3 sections that follow it; a section at a lower
    level with nothing above it stays at the top, so the list keeps the page's order.
    """
    entries: list[ContentsEntry] = []
    open_entries: list[tuple[int, ContentsEntry]] = []
    for section in sections or ():
        level = getattr(section, "level", STORED_SECTION_LEVEL)
        entry = ContentsEntry(section)
        while open_entries and open_entries[-1][0] >= level:
            open_entries.pop()
        (open_entries[-1][1].children if open_entries else entries).append(entry)
        open_entries.append((level, entry))
    return entries

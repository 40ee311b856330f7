"""What changed between two texts of a notice, section by section, in words.

A notice's text (``notice_text``) is its title, its shared details and its sections. A
section's words are its heading and its paragraphs: the text of its blocks, the fields of its
structures, the items of its lists, rich text read as plain text and choices as the words
they stand for. Sections are matched by their block's id, which stays the same from version
to version, else by their heading; paragraphs and then words are compared with difflib.
Comparing two revisions is kept in Django's cache (see ``compare_revisions``).
"""

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from html import unescape

from django.core.cache import cache
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail import blocks
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from ..revisions import revision_as_page
from ..snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)

#: Fields of a block that shape the page rather than say something: a heading's level and
#: whether it shows, how a list is laid out, the topic that gives a section its heading.
LAYOUT_FIELDS = frozenset(
    {"heading_level", "show_heading", "standard_subheadings", "layout", "topic"}
)
#: How alike two paragraphs' words must be (difflib's ratio) to be shown as one changed
#: paragraph rather than one removed and another added.
SAME_PARAGRAPH_RATIO = 0.5
#: How many pairs of paragraphs, of those replaced by others, are scored for likeness before
#: the rest are shown as removed and added: scoring every pair of hundreds takes seconds.
MAX_PAIRS_SCORED = 1000
#: How long a comparison is kept in the cache, in seconds.
CACHE_SECONDS = 7 * 24 * 60 * 60
#: The shared details compared, each with the fields a resident reads of it (in its fields'
#: order); a page's other foreign keys and a detail's other fields are not published.
RESIDENT_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    DataController: ("name", "address", "website", "email", "phone", "registration_number"),
    DataProtectionOfficer: ("name", "email", "phone", "phone_note", "address", "website"),
    SupervisoryAuthority: ("name", "email", "phone", "phone_note", "address", "website"),
    GeneralPrivacyNotice: ("name", "url"),
}

_BLOCK_BOUNDARY = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|blockquote)\b[^>]*>|<br\s*/?>", re.I)
#: A word (letters and digits, with inner apostrophes, hyphens or points), a character of a
#: script written without spaces (Chinese, Japanese), or a punctuation mark.
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"|(?:(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\w)+(?:['’.\-]\w+)*"
    r"|[^\w\s]"
)


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Part:
    """A titled part of a notice's text (a section, a shared detail) as paragraphs of words."""

    key: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class NoticeText:
    """The words of one revision of a notice."""

    title: str
    details: tuple[Part, ...]
    sections: tuple[Part, ...]


@dataclass(frozen=True)
class Words:
    """A run of words, the same in both texts, or only in the new (added) or old (removed)."""

    change: Change
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    change: Change
    words: tuple[Words, ...]


@dataclass(frozen=True)
class PartChange:
    """How a section or shared detail changed; ``heading_words`` when its heading did."""

    change: Change
    heading: str
    heading_words: tuple[Words, ...]
    paragraphs: tuple[ParagraphChange, ...]


@dataclass(frozen=True)
class Comparison:
    """What changed from an old text of a notice to a new one."""

    title: tuple[Words, ...]
    title_changed: bool
    details: tuple[PartChange, ...]
    sections: tuple[PartChange, ...]

    @property
    def changed_details(self) -> list[PartChange]:
        return [detail for detail in self.details if detail.change != Change.SAME]

    @property
    def changed_sections(self) -> list[PartChange]:
        """The sections added, removed or changed, in the new text's order."""
        return [section for section in self.sections if section.change != Change.SAME]

    @property
    def unchanged_sections(self) -> list[PartChange]:
        return [section for section in self.sections if section.change == Change.SAME]

    @property
    def has_changes(self) -> bool:
        return self.title_changed or bool(self.changed_details or self.changed_sections)

    @property
    def added_count(self) -> int:
        return self._count(Change.ADDED)

    @property
    def removed_count(self) -> int:
        return self._count(Change.REMOVED)

    @property
    def changed_count(self) -> int:
        return self._count(Change.CHANGED)

    def _count(self, change: Change) -> int:
        return sum(1 for section in self.sections if section.change == change)


# The text of a revision


def notice_text(page: Page) -> NoticeText:
    """The words of ``page`` (a revision's page object): title, shared details, sections."""
    body = getattr(page, "body", None) or ()
    return NoticeText(
        title=page.title,
        details=tuple(shared_details(page)),
        sections=tuple(section_text(child) for child in body),
    )


def section_text(child) -> Part:
    """A section of a notice's body (a stream child): its heading and paragraphs."""
    block, value = child.block, child.value
    heading = block.get_heading(value) if hasattr(block, "get_heading") else ""
    if isinstance(block, blocks.StructBlock):
        # The heading is the part's own; the other fields are its paragraphs.
        paragraphs = [
            paragraph
            for name, child_block in block.child_blocks.items()
            if name != "heading"
            for paragraph in block_paragraphs(child_block, value.get(name), name)
        ]
    else:
        paragraphs = list(block_paragraphs(block, value))
    return Part(child.id or "", heading or str(block.label), tuple(paragraphs))


def block_paragraphs(block: blocks.Block, value, name: str = "") -> Iterator[str]:
    """The paragraphs a value of ``block`` says, in the order the editor gave them."""
    if value in (None, "") or name in LAYOUT_FIELDS or isinstance(block, blocks.BooleanBlock):
        return
    if isinstance(block, blocks.RichTextBlock):
        yield from rich_text_paragraphs(value)
    elif isinstance(block, blocks.StructBlock):
        for child_name, child_block in block.child_blocks.items():
            yield from block_paragraphs(child_block, value.get(child_name), child_name)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_paragraphs(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_paragraphs(child.block, child.value)
    elif isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
        yield from (label for label in block.get_searchable_content(value) if label)
    else:
        yield from lines(str(value))


def rich_text_paragraphs(value) -> list[str]:
    """The paragraphs, list items and sub-headings of rich text, as plain text."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    return [
        paragraph
        for piece in _BLOCK_BOUNDARY.split(source)
        if (paragraph := " ".join(unescape(strip_tags(piece)).split()))
    ]


def lines(text: str) -> list[str]:
    """The lines of plain text that say something, their spaces collapsed."""
    return [line for line in (" ".join(line.split()) for line in text.splitlines()) if line]


def shared_details(page: Page) -> Iterator[Part]:
    """The shared details the page chooses (such as its data controller), in words.

    Only the plugin's shared details are read, and only their fields a resident sees (see
    ``RESIDENT_FIELDS``): a page's other foreign keys (to a user, say) are not published. One
    chosen in only one of two texts was added or removed.
    """
    for field in type(page)._meta.concrete_fields:
        fields = resident_fields(field)
        chosen = getattr(page, field.name) if fields else None
        if chosen is not None:
            label = capfirst(str(field.verbose_name))
            yield Part(field.name, label, tuple(detail_paragraphs(chosen, fields)))


def resident_fields(field: models.Field) -> tuple[str, ...]:
    """The fields a resident sees of the shared detail ``field`` chooses, or () if it chooses
    none (it is not a foreign key to a shared detail)."""
    if not isinstance(field, models.ForeignKey):
        return ()
    return next(
        (
            names
            for model, names in RESIDENT_FIELDS.items()
            if issubclass(field.related_model, model)
        ),
        (),
    )


def detail_paragraphs(instance: models.Model, fields: Sequence[str]) -> list[str]:
    """The words of a chosen shared detail: each of ``fields``, line by line."""
    return [line for name in fields for line in lines(str(getattr(instance, name) or ""))]


# Comparing two texts


def compare_revisions(old: Revision, new: Revision) -> Comparison:
    """What changed from one revision of a page to another, kept in Django's cache.

    A revision never changes, but the shared details it chooses are read as they are now, and
    labels (of blocks, choices, fields) in the active language: the key holds all three.
    """
    old_page, new_page = revision_as_page(old), revision_as_page(new)
    key = cache_key(old, new, [*shared_details(old_page), *shared_details(new_page)])
    comparison = cache.get(key)
    if comparison is None:
        comparison = compare_texts(notice_text(old_page), notice_text(new_page))
        cache.set(key, comparison, CACHE_SECONDS)
    return comparison


def cache_key(old: Revision, new: Revision, details: Sequence[Part]) -> str:
    """The cache key of the comparison of two revisions whose shared details read ``details``."""
    words = json.dumps([asdict(detail) for detail in details], ensure_ascii=False)
    digest = hashlib.sha256(words.encode()).hexdigest()
    return f"notice_blocks:comparison:{old.pk}:{new.pk}:{get_language()}:{digest}"


def compare_texts(old: NoticeText, new: NoticeText) -> Comparison:
    """What changed from ``old`` to ``new``."""
    return Comparison(
        title=word_changes(old.title, new.title),
        title_changed=old.title != new.title,
        details=tuple(compare_parts(old.details, new.details)),
        sections=tuple(compare_parts(old.sections, new.sections)),
    )


def compare_parts(old: Sequence[Part], new: Sequence[Part]) -> list[PartChange]:
    """Each part of ``new`` as changed, added or unchanged, and the parts ``old`` lost.

    Parts are matched by key, else by heading; a removed part is placed after the part that
    came before it in the old text.
    """
    matches = match_parts(old, new)
    matched_new = {new_index: old_index for old_index, new_index in matches.items()}
    removed_after: dict[int, list[Part]] = defaultdict(list)
    position = -1
    for old_index, part in enumerate(old):
        if old_index in matches:
            position = matches[old_index]
        else:
            removed_after[position].append(part)

    changes = [removed_part(part) for part in removed_after[-1]]
    for new_index, part in enumerate(new):
        if new_index in matched_new:
            changes.append(changed_part(old[matched_new[new_index]], part))
        else:
            changes.append(added_part(part))
        changes += [removed_part(removed) for removed in removed_after[new_index]]
    return changes


def match_parts(old: Sequence[Part], new: Sequence[Part]) -> dict[int, int]:
    """Old parts' positions mapped to the new parts they became: by key, then by heading."""
    matches: dict[int, int] = {}
    new_by_key = {part.key: index for index, part in enumerate(new) if part.key}
    for old_index, part in enumerate(old):
        if part.key and part.key in new_by_key:
            matches[old_index] = new_by_key[part.key]
    taken = set(matches.values())
    for old_index, part in enumerate(old):
        if old_index in matches:
            continue
        heading = part.heading.casefold()
        for new_index, candidate in enumerate(new):
            if new_index not in taken and candidate.heading.casefold() == heading:
                matches[old_index] = new_index
                taken.add(new_index)
                break
    return matches


def added_part(part: Part) -> PartChange:
    paragraphs = tuple(whole(Change.ADDED, paragraph) for paragraph in part.paragraphs)
    return PartChange(Change.ADDED, part.heading, (), paragraphs)


def removed_part(part: Part) -> PartChange:
    paragraphs = tuple(whole(Change.REMOVED, paragraph) for paragraph in part.paragraphs)
    return PartChange(Change.REMOVED, part.heading, (), paragraphs)


def changed_part(old: Part, new: Part) -> PartChange:
    paragraphs = tuple(paragraph_changes(old.paragraphs, new.paragraphs))
    heading_changed = old.heading != new.heading
    changed = heading_changed or any(p.change != Change.SAME for p in paragraphs)
    return PartChange(
        Change.CHANGED if changed else Change.SAME,
        new.heading,
        word_changes(old.heading, new.heading) if heading_changed else (),
        paragraphs,
    )


def whole(change: Change, paragraph: str) -> ParagraphChange:
    return ParagraphChange(change, (Words(change, paragraph),))


def paragraph_changes(old: Sequence[str], new: Sequence[str]) -> Iterator[ParagraphChange]:
    """The paragraphs of ``new`` and those ``old`` lost, with the words of each that changed.

    Of the paragraphs replaced, one that reads much like an old one is shown as that one
    changed; the others as removed and added.
    """
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            yield from (whole(Change.SAME, paragraph) for paragraph in new[new_start:new_end])
        elif tag == "delete":
            yield from (whole(Change.REMOVED, paragraph) for paragraph in old[old_start:old_end])
        elif tag == "insert":
            yield from (whole(Change.ADDED, paragraph) for paragraph in new[new_start:new_end])
        else:
            yield from replaced_paragraphs(old[old_start:old_end], new[new_start:new_end])


def replaced_paragraphs(old: Sequence[str], new: Sequence[str]) -> Iterator[ParagraphChange]:
    """Old paragraphs replaced by new ones, paired in order where they read alike.

    Once ``MAX_PAIRS_SCORED`` pairs have been scored, the paragraphs left are shown as
    removed and added.
    """
    new_index = 0
    scored = 0
    for old_index, paragraph in enumerate(old):
        match = None
        for index in range(new_index, len(new)):
            if scored == MAX_PAIRS_SCORED:
                yield from (whole(Change.REMOVED, removed) for removed in old[old_index:])
                yield from (whole(Change.ADDED, added) for added in new[new_index:])
                return
            scored += 1
            if read_alike(paragraph, new[index]):
                match = index
                break
        if match is None:
            yield whole(Change.REMOVED, paragraph)
            continue
        yield from (whole(Change.ADDED, added) for added in new[new_index:match])
        yield ParagraphChange(Change.CHANGED, word_changes(paragraph, new[match]))
        new_index = match + 1
    yield from (whole(Change.ADDED, added) for added in new[new_index:])


def read_alike(old: str, new: str) -> bool:
    """Whether two paragraphs' words are alike enough (``SAME_PARAGRAPH_RATIO``) to be shown
    as one changed; the quick upper bounds of difflib's ratio are tried first."""
    matcher = SequenceMatcher(None, words_of(old), words_of(new), autojunk=False)
    return (
        matcher.real_quick_ratio() >= SAME_PARAGRAPH_RATIO
        and matcher.quick_ratio() >= SAME_PARAGRAPH_RATIO
        and matcher.ratio() >= SAME_PARAGRAPH_RATIO
    )


def words_of(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_changes(old: str, new: str) -> tuple[Words, ...]:
    """``new`` as runs of words kept and added, with the runs of ``old`` removed between them.

    The spaces between words are those of the text each run comes from; a space after a run
    added or removed stands outside it.
    """
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(
        None, [t[0] for t in old_tokens], [t[0] for t in new_tokens], autojunk=False
    )
    runs: list[Words] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            _append_run(runs, Change.REMOVED, old_tokens[old_start:old_end])
        if tag in ("insert", "replace"):
            _append_run(runs, Change.ADDED, new_tokens[new_start:new_end])
        if tag == "equal":
            _append_run(runs, Change.SAME, new_tokens[new_start:new_end])
    if runs and runs[-1].change == Change.SAME:
        runs[-1] = Words(Change.SAME, runs[-1].text.rstrip())
    return tuple(run for run in runs if run.text)


def _tokens(text: str) -> list[tuple[str, str]]:
    """Each word or mark of ``text`` with the spaces that follow it (those before the first
    are dropped)."""
    matches = list(_TOKEN.finditer(text))
    return [
        (
            match.group(),
            text[match.end() : matches[i + 1].start() if i + 1 < len(matches) else None],
        )
        for i, match in enumerate(matches)
    ]


def _append_run(runs: list[Words], change: Change, tokens: list[tuple[str, str]]) -> None:
    """Add ``tokens`` as a run; the space after a marked run is added as kept text."""
    if not tokens:
        return
    text = "".join(word + space for word, space in tokens)
    trailing = text[len(text.rstrip()) :] if change != Change.SAME else ""
    text = text.rstrip() if trailing else text
    _merge(runs, Words(change, text))
    if trailing:
        _merge(runs, Words(Change.SAME, " "))


def _merge(runs: list[Words], run: Words) -> None:
    if runs and runs[-1].change == run.change:
        runs[-1] = Words(run.change, runs[-1].text + run.text)
    else:
        runs.append(run)

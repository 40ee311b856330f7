"""What changed between two texts of a notice, section by section, in words.

A notice's text (``notice_text``) is its title, its shared details and its sections. A
section's words are its heading and its paragraphs: the text of its blocks, the fields of its
structures, the items of its lists, rich text read as plain text and choices as the words
they stand for. Sections are matched by their block's id, which stays the same from version
to version, else by their heading; paragraphs and then words are compared with difflib.
"""

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from ..revisions import revision_as_page

#: Fields of a block that shape the page rather than say something: a heading's level and
#: whether it shows, how a list is laid out, the topic that gives a section its heading.
LAYOUT_FIELDS = frozenset(
    {"heading_level", "show_heading", "standard_subheadings", "layout", "topic"}
)
#: How alike two paragraphs' words must be (difflib's ratio) to be shown as one changed
#: paragraph rather than one removed and another added.
SAME_PARAGRAPH_RATIO = 0.5

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
    """The shared details the page chooses (its own foreign keys, such as its data controller).

    A detail is compared by the words of the snippet chosen: its name, address and the like;
    one chosen in only one of two texts was added or removed.
    """
    for field in type(page)._meta.concrete_fields:
        if (
            not isinstance(field, models.ForeignKey)
            or field.model is not type(page)
            or field.remote_field.parent_link
        ):
            continue
        chosen = getattr(page, field.name)
        if chosen is not None:
            label = capfirst(str(field.verbose_name))
            yield Part(field.name, label, tuple(detail_paragraphs(chosen)))


def detail_paragraphs(instance: models.Model) -> list[str]:
    """The words of a chosen snippet: each of its text fields, line by line."""
    return [
        line
        for field in instance._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        for line in lines(str(getattr(instance, field.name) or ""))
    ]


# Comparing two texts


def compare_pages(old: Page, new: Page) -> Comparison:
    """What changed from one revision's page object to another's."""
    return compare_texts(notice_text(old), notice_text(new))


def compare_revisions(old: Revision, new: Revision) -> Comparison:
    """What changed from one revision of a page to another."""
    return compare_pages(revision_as_page(old), revision_as_page(new))


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
    """Old paragraphs replaced by new ones, paired in order where they read alike."""
    new_index = 0
    for paragraph in old:
        match = next(
            (
                index
                for index in range(new_index, len(new))
                if similarity(paragraph, new[index]) >= SAME_PARAGRAPH_RATIO
            ),
            None,
        )
        if match is None:
            yield whole(Change.REMOVED, paragraph)
            continue
        yield from (whole(Change.ADDED, added) for added in new[new_index:match])
        yield ParagraphChange(Change.CHANGED, word_changes(paragraph, new[match]))
        new_index = match + 1
    yield from (whole(Change.ADDED, added) for added in new[new_index:])


def similarity(old: str, new: str) -> float:
    return SequenceMatcher(None, words_of(old), words_of(new), autojunk=False).ratio()


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

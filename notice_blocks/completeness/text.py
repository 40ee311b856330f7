"""The words a section shows, as plain text, for rules that accept an item said in prose."""

import html
import re
from collections.abc import Iterator

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.rich_text import RichText

#: Blocks whose values are codes or settings, not words a reader sees.
NOT_WORDS = (blocks.ChoiceBlock, blocks.MultipleChoiceBlock, blocks.BooleanBlock)


def plain_text(markup: str) -> str:
    """Rich text's words, its tags removed and its spaces collapsed."""
    # Paragraphs and list items end in a space, so that their words do not run together.
    spaced = re.sub(r"<(/p|/li|br\s*/?|/h\d)>", " ", markup)
    return " ".join(html.unescape(strip_tags(spaced)).split())


def prose(value: object) -> str:
    """The words of a rich text or plain text value ("" for None)."""
    if value is None:
        return ""
    return plain_text(value.source if isinstance(value, RichText) else str(value))


def words(block: blocks.Block, value: object) -> Iterator[str]:
    """Every piece of text an editor wrote in ``value``, a value of ``block``.

    Codes (choices, ticks) are left out; link addresses are kept in their link's text only.
    """
    if value is None or isinstance(block, NOT_WORDS):
        return
    if isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else str(value)
        yield plain_text(source)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from words(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from words(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from words(child.block, child.value)
    elif isinstance(value, str):
        yield value

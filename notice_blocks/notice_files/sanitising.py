"""What an import takes out of a notice file's rich text, reported where it was."""

from django.utils.translation import gettext as _
from wagtail import blocks

from ..rich_text import removed_markup, sanitise
from .body import is_list_item_form
from .errors import NoticeProblem
from .reading import child_location


def removed_markup_problems(
    block: blocks.Block, value: object, location: str
) -> list[NoticeProblem]:
    """One problem for each rich text in ``value`` (a file's body) that loses markup on import.

    Rich text keeps only its field's features (``notice_blocks.rich_text``); the rest is
    dropped, not refused, as the editor would drop it: these say what and where.
    """
    if isinstance(block, blocks.RichTextBlock):
        if not isinstance(value, str):
            return []
        removed = removed_markup(value, sanitise(value, block.features or ()))
        if not removed:
            return []
        return [
            NoticeProblem(
                location,
                _("Removed what this text may not hold: %(markup)s.")
                % {"markup": ", ".join(removed)},
            )
        ]
    problems: list[NoticeProblem] = []
    if isinstance(block, blocks.BaseStreamBlock) and isinstance(value, list):
        for index, item in enumerate(value):
            block_type = item.get("type") if isinstance(item, dict) else None
            if isinstance(block_type, str) and block_type in block.child_blocks:
                problems += removed_markup_problems(
                    block.child_blocks[block_type],
                    item.get("value"),
                    child_location(child_location(location, index), "value"),
                )
    elif isinstance(block, blocks.ListBlock) and isinstance(value, list):
        for index, item in enumerate(value):
            item_location = child_location(location, index)
            if is_list_item_form(item):
                item, item_location = item.get("value"), child_location(item_location, "value")
            problems += removed_markup_problems(block.child_block, item, item_location)
    elif isinstance(block, blocks.BaseStructBlock) and isinstance(value, dict):
        for name, child_block in block.child_blocks.items():
            if name in value:
                problems += removed_markup_problems(
                    child_block, value[name], child_location(location, name)
                )
    return problems

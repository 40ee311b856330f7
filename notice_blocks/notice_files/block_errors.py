"""Wagtail's nested block validation errors, as problems located in a notice file."""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .body import codes_of, is_list_item_form, shorthand_field
from .errors import NoticeProblem
from .locations import child_location
from .suggestions import unknown_code


def block_problems(
    error: ValidationError, location: str, raw: object, block: blocks.Block | None = None
) -> Iterator[NoticeProblem]:
    """Every error inside a Wagtail block validation error, located in the file.

    ``raw`` is the file's data at ``location``: it tells whether a list item was written in
    Wagtail's form (its value is then at ``[i].value``) or as a plain value (at ``[i]``), and
    whether a block was given by its shorthand field alone (its value is then at ``[i]``).
    ``block``, the block that raised ``error``, names the valid codes where a code is not
    one of them.
    """
    if isinstance(
        error, StreamBlockValidationError | ListBlockValidationError | StructBlockValidationError
    ):
        for non_block_error in error.non_block_errors.as_data():
            for message in non_block_error.messages:
                yield NoticeProblem(location, message)
        for key, child_error in error.block_errors.items():
            child_block = _child_block(block, key, raw)
            if isinstance(error, StructBlockValidationError):
                child_loc = child_location(location, key)
                child_raw = raw.get(key) if isinstance(raw, dict) else None
                if isinstance(raw, str) and block is not None and key == shorthand_field(block):
                    child_loc, child_raw = location, raw
            else:
                item = raw[key] if isinstance(raw, list) and key < len(raw) else None
                child_loc = child_location(location, key)
                child_raw = item
                if isinstance(error, StreamBlockValidationError) or is_list_item_form(item):
                    child_loc = child_location(child_loc, "value")
                    child_raw = item.get("value") if isinstance(item, dict) else None
            yield from block_problems(child_error, child_loc, child_raw, child_block)
    else:
        for message in _messages(error, block):
            yield NoticeProblem(location, message)


def _messages(error: ValidationError, block: blocks.Block | None) -> Iterator[str]:
    """The messages of a field's error; a code that is not valid is told the valid ones."""
    if not hasattr(error, "error_list"):
        yield from error.messages
        return
    for item in error.error_list:
        if (
            isinstance(block, blocks.ChoiceBlock)
            and item.code == "invalid_choice"
            and isinstance(item.params, dict)
        ):
            yield unknown_code(str(item.params.get("value")), codes_of(block))
        else:
            yield from item.messages


def _child_block(block: blocks.Block | None, key: str | int, raw: object) -> blocks.Block | None:
    """The block of the child at ``key`` (a field, or an index into ``raw``)."""
    if isinstance(block, blocks.BaseStructBlock):
        return block.child_blocks.get(key)
    if isinstance(block, blocks.ListBlock):
        return block.child_block
    if isinstance(block, blocks.BaseStreamBlock) and isinstance(raw, list) and key < len(raw):
        item = raw[key]
        block_type = item.get("type") if isinstance(item, dict) else None
        if isinstance(block_type, str):
            return block.child_blocks.get(block_type)
    return None

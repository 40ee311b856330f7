"""Wagtail's nested block validation errors, as problems located in a notice file."""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .body import is_list_item_form
from .errors import NoticeProblem
from .locations import child_location


def block_problems(error: ValidationError, location: str, raw: object) -> Iterator[NoticeProblem]:
    """Every error inside a Wagtail block validation error, located in the file.

    ``raw`` is the file's data at ``location``: it tells whether a list item was written in
    Wagtail's form (its value is then at ``[i].value``) or as a plain value (at ``[i]``).
    """
    if isinstance(
        error, StreamBlockValidationError | ListBlockValidationError | StructBlockValidationError
    ):
        for non_block_error in error.non_block_errors.as_data():
            for message in non_block_error.messages:
                yield NoticeProblem(location, message)
        for key, child_error in error.block_errors.items():
            if isinstance(error, StructBlockValidationError):
                child_loc = child_location(location, key)
                child_raw = raw.get(key) if isinstance(raw, dict) else None
            else:
                item = raw[key] if isinstance(raw, list) and key < len(raw) else None
                child_loc = child_location(location, key)
                child_raw = item
                if isinstance(error, StreamBlockValidationError) or is_list_item_form(item):
                    child_loc = child_location(child_loc, "value")
                    child_raw = item.get("value") if isinstance(item, dict) else None
            yield from block_problems(child_error, child_loc, child_raw)
    else:
        for message in error.messages:
            yield NoticeProblem(location, message)

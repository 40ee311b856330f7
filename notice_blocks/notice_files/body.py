"""Checking the shape of a notice's body: Wagtail's StreamField representation.

``BodyReader`` checks the file's data (mappings, lists, text, block types, ids, field names)
and returns it in Wagtail's full form, every list item as ``{"type": "item", "value": …,
"id": …}``, ready for the blocks' own validation.
"""

import datetime
import re

from django.utils.translation import gettext as _
from wagtail import blocks

from .errors import NoticeProblem, shown
from .locations import child_location
from .schema import BLOCK_KEYS, FORMAT_VERSION, LIST_ITEM_TYPE
from .suggestions import choice_codes, did_you_mean, unknown_code
from .upgrading import added_in, newer_format_message

#: An id is an anchor in the page: letters, digits, hyphens and underscores.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

TEXT_BLOCKS = (
    blocks.CharBlock,
    blocks.TextBlock,
    blocks.RegexBlock,
    blocks.URLBlock,
    blocks.EmailBlock,
    blocks.ChoiceBlock,
    blocks.RichTextBlock,
    blocks.RawHTMLBlock,
)


def is_list_item_form(item: object) -> bool:
    """Whether a list item is written in Wagtail's ``{type: item, value, id}`` form."""
    return isinstance(item, dict) and item.get("type") == LIST_ITEM_TYPE


def describe(value: object) -> str:
    """What a value from a file is, in words."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, datetime.date):
        return _("a date")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return _("text")


def expected_text(value: object) -> str:
    """The message for a value that should have been text."""
    message = _("Expected text, found %(found)s.") % {"found": describe(value)}
    if isinstance(value, bool | int | float | datetime.date):
        # YAML reads 3.0, yes and 2021-11-01 as a number, true and a date.
        message += " " + _("Put it in quotes.")
    return message


def allowed(names) -> str:
    return ", ".join(names)


def shorthand_field(block: blocks.Block) -> str | None:
    """The field that a file may give alone, as a bare value, in place of the block's mapping.

    A ``StructBlock`` names it in its ``Meta.shorthand_field``: a right is written as its
    code, ``access``, or as ``{right: access, wording: …}``.
    """
    return getattr(block.meta, "shorthand_field", None)


class BodyReader:
    """Checks the shape of a body and returns it in Wagtail's full form.

    Every problem found is added to ``problems``. Where a value has the wrong shape, the
    block's default takes its place so that the rest of the body can still be validated,
    and its location joins ``reported``: Wagtail's own errors there would only repeat it.
    ``format_version`` is the version the file follows: a field or block type added by a
    later version is refused, with a message to say the version that has it.
    """

    def __init__(self, format_version: int = FORMAT_VERSION) -> None:
        self.problems: list[NoticeProblem] = []
        self.reported: list[str] = []
        self.format_version = format_version

    def error(self, location: str, message: str, *, replaced: bool = False) -> None:
        self.problems.append(NoticeProblem(location, message))
        if replaced:
            self.reported.append(location)

    def read(self, block: blocks.Block, value: object, location: str) -> object:
        if isinstance(block, blocks.BaseStreamBlock):
            return self.read_stream(block, value, location)
        if isinstance(block, blocks.ListBlock):
            return self.read_list(block, value, location)
        if isinstance(block, blocks.BaseStructBlock):
            return self.read_struct(block, value, location)
        if isinstance(block, blocks.MultipleChoiceBlock):
            return self.read_choices(block, value, location)
        if isinstance(block, blocks.BooleanBlock):
            if not isinstance(value, bool):
                self.error(
                    location,
                    _("Expected true or false, found %(found)s.") % {"found": describe(value)},
                    replaced=True,
                )
                return block.get_prep_value(block.get_default())
            return value
        if isinstance(block, blocks.IntegerBlock):
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(
                    location,
                    _("Expected a whole number, found %(found)s.") % {"found": describe(value)},
                    replaced=True,
                )
                return block.get_default()
            return value
        if isinstance(block, TEXT_BLOCKS):
            return self.read_text(value, location)
        if isinstance(block, blocks.ChooserBlock):
            return self.read_chosen(block, value, location)
        return value

    def read_text(self, value: object, location: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error(location, expected_text(value), replaced=True)
            return ""
        return value

    def read_chosen(self, block: blocks.ChooserBlock, value: object, location: str) -> int | None:
        """The id of a chosen object (an image, for example), which must exist."""
        if value is None:
            return None
        name = block.model_class._meta.verbose_name
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                location,
                _("Expected the number of the %(model)s (its id), found %(found)s.")
                % {"model": name, "found": describe(value)},
                replaced=True,
            )
            return None
        if not block.model_class.objects.filter(pk=value).exists():
            self.error(
                location,
                _("There is no %(model)s with id %(id)d.") % {"model": name, "id": value},
                replaced=True,
            )
            return None
        return value

    def read_choices(self, block: blocks.MultipleChoiceBlock, value: object, location: str):
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(
                location,
                _("Expected a list of codes, found %(found)s.") % {"found": describe(value)},
                replaced=True,
            )
            return []
        codes = []
        for index, code in enumerate(value):
            item_location = child_location(location, index)
            if not isinstance(code, str):
                self.error(
                    item_location,
                    _("Expected a code, found %(found)s.") % {"found": describe(code)},
                )
            elif not block.field.valid_value(code):
                self.error(item_location, unknown_code(code, codes_of(block)))
            else:
                codes.append(code)
                continue
            self.reported.append(location)
        return codes

    def read_struct(self, block: blocks.BaseStructBlock, value: object, location: str) -> dict:
        names = list(block.child_blocks)
        shorthand = shorthand_field(block)
        if shorthand is not None and isinstance(value, str):
            return self.read_shorthand(block, shorthand, value, location)
        if not isinstance(value, dict):
            if shorthand is None:
                message = _("Expected a mapping with the fields %(fields)s; found %(found)s.")
            else:
                message = _(
                    "Expected the %(field)s alone, or a mapping with the fields %(fields)s; "
                    "found %(found)s."
                )
            self.error(
                location,
                message % {"fields": allowed(names), "field": shorthand, "found": describe(value)},
                replaced=True,
            )
            return block.get_prep_value(block.get_default())
        for key in value:
            if key not in block.child_blocks:
                self.error(
                    child_location(location, shown(str(key))),
                    _("Unknown field “%(key)s”. Allowed fields: %(fields)s.")
                    % {"key": shown(str(key)), "fields": allowed(names)}
                    + did_you_mean(str(key), names),
                )
        result = {}
        for name, child_block in block.child_blocks.items():
            if name in value and self.known_to_file(block, name, child_location(location, name)):
                result[name] = self.read(child_block, value[name], child_location(location, name))
            elif isinstance(child_block, blocks.ListBlock):
                # A list left out has no items (the editor's default is one blank item).
                result[name] = []
        return result

    def read_shorthand(
        self, block: blocks.BaseStructBlock, field: str, value: str, location: str
    ) -> dict:
        """A block given by its shorthand field alone: the other fields take their defaults."""
        result = {
            name: []
            for name, child in block.child_blocks.items()
            if isinstance(child, blocks.ListBlock)
        }
        result[field] = self.read(block.child_blocks[field], value, location)
        return result

    def known_to_file(self, block: blocks.Block, name: str, location: str) -> bool:
        """Whether the file's version has the field or block type ``name``; if not, say so."""
        version = added_in(block, name)
        if version <= self.format_version:
            return True
        self.error(location, newer_format_message(name, version), replaced=True)
        return False

    def read_id(self, item: dict, location: str, seen: dict[str, str]) -> str | None:
        block_id = item.get("id")
        id_location = child_location(location, "id")
        if block_id is None:
            return None
        if not isinstance(block_id, str) or not ID_PATTERN.match(block_id):
            self.error(
                id_location,
                _(
                    "An id is text made of letters, digits, hyphens and underscores, "
                    "found %(found)s."
                )
                % {
                    "found": repr(shown(block_id))
                    if isinstance(block_id, str)
                    else describe(block_id)
                },
            )
            return None
        if block_id in seen:
            self.error(
                id_location,
                _("The id “%(id)s” is already used by %(other)s.")
                % {"id": block_id, "other": seen[block_id]},
            )
            return None
        seen[block_id] = location
        return block_id

    def read_block_keys(self, item: dict, location: str) -> bool:
        """Report unknown keys of a ``{type, id, value}`` mapping; False if value is missing."""
        for key in item:
            if key not in BLOCK_KEYS:
                self.error(
                    child_location(location, shown(str(key))),
                    _("Unknown key “%(key)s”. Allowed keys: %(keys)s.")
                    % {"key": shown(str(key)), "keys": allowed(BLOCK_KEYS)}
                    + did_you_mean(str(key), BLOCK_KEYS),
                )
        if "value" not in item:
            self.error(location, _("This block has no “value”."), replaced=True)
            return False
        return True

    def read_stream(self, block: blocks.BaseStreamBlock, value: object, location: str) -> list:
        types = list(block.child_blocks)
        if not isinstance(value, list):
            self.error(
                location,
                _("Expected a list of blocks, each with a type (%(types)s) and a value.")
                % {"types": allowed(types)},
                replaced=True,
            )
            return []
        result = []
        seen: dict[str, str] = {}
        for index, item in enumerate(value):
            item_location = child_location(location, index)
            result.append(self.read_stream_child(block, item, item_location, seen))
        return result

    def read_stream_child(self, block, item: object, location: str, seen: dict) -> dict:
        types = list(block.child_blocks)
        # Stands in for a block that cannot be read, keeping the indexes of the others.
        placeholder_type = types[0]
        placeholder = {
            "type": placeholder_type,
            "value": block.child_blocks[placeholder_type].get_prep_value(
                block.child_blocks[placeholder_type].get_default()
            ),
            "id": None,
        }
        if not isinstance(item, dict):
            self.error(
                location,
                _(
                    "Expected a block: a mapping with a type (%(types)s) and a value; "
                    "found %(found)s."
                )
                % {"types": allowed(types), "found": describe(item)},
                replaced=True,
            )
            return placeholder
        block_type = item.get("type")
        has_value = self.read_block_keys(item, location)
        block_id = self.read_id(item, location, seen)
        if not isinstance(block_type, str) or block_type not in block.child_blocks:
            if "type" not in item:
                message = _("This block has no “type”. Allowed types: %(types)s.")
            elif not isinstance(block_type, str):
                message = _("Expected a block type (%(types)s), found %(found)s.")
            else:
                message = _("Unknown block type “%(type)s”. Allowed types: %(types)s.")
            message %= {
                "type": shown(str(block_type)),
                "types": allowed(types),
                "found": describe(block_type),
            }
            if isinstance(block_type, str):
                message += did_you_mean(block_type, types)
            self.error(child_location(location, "type") if "type" in item else location, message)
            self.reported.append(location)
            return placeholder
        if not self.known_to_file(block, block_type, child_location(location, "type")):
            self.reported.append(location)
            return placeholder
        child_block = block.child_blocks[block_type]
        if not has_value:
            return {"type": block_type, "value": placeholder_value(child_block), "id": block_id}
        child_value = self.read(child_block, item["value"], child_location(location, "value"))
        return {"type": block_type, "value": child_value, "id": block_id}

    def read_list(self, block: blocks.ListBlock, value: object, location: str) -> list:
        if not isinstance(value, list):
            self.error(
                location,
                _("Expected a list, found %(found)s.") % {"found": describe(value)},
                replaced=True,
            )
            return []
        result = []
        seen: dict[str, str] = {}
        for index, item in enumerate(value):
            item_location = child_location(location, index)
            if is_list_item_form(item):
                block_id = self.read_id(item, item_location, seen)
                if self.read_block_keys(item, item_location):
                    item_value = self.read(
                        block.child_block, item["value"], child_location(item_location, "value")
                    )
                else:
                    item_value = placeholder_value(block.child_block)
            else:
                block_id = None
                item_value = self.read(block.child_block, item, item_location)
            result.append({"type": LIST_ITEM_TYPE, "value": item_value, "id": block_id})
        return result


def codes_of(block: blocks.ChoiceBlock | blocks.MultipleChoiceBlock) -> list[str]:
    """The codes a choice block accepts, in the order of its choices."""
    return choice_codes(block.field.choices)


def placeholder_value(block: blocks.Block) -> object:
    return block.get_prep_value(block.get_default())

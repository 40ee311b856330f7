"""A notice's body as stored, in the file's form, with the id of every item."""

import uuid

from wagtail import blocks

from ..blocks.base import SECTION_SETTINGS
from .body import shorthand_field
from .schema import LIST_ITEM_TYPE

#: A section's settings, written only when they differ from their default, so that notices
#: which never set them export as they did before the settings existed.
OPTIONAL_FIELDS = SECTION_SETTINGS

# Ids made for items that a file leaves without one derive from the item's place, so that
# the same file gives the same ids in every database (anchors and translation segments match).
ID_NAMESPACE = uuid.UUID("0f6f3b52-6a53-4f7e-9d43-2b9b1e3c8a10")


def new_id(place: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, place))


def assign_ids(block: blocks.Block, value: object, current: object, place: str) -> None:
    """Give an id to every section and list item in ``value`` (read by ``BodyReader``).

    One without an id keeps the id of the item at the same place in ``current`` (the page's
    body as ``body_data`` gives it) when that is of the same type and not taken by another
    item, so that anchors stay stable across imports of a file that has no ids; otherwise it
    gets one derived from ``place`` (the notice's slug, then the item's position).
    """
    if isinstance(block, blocks.BaseStreamBlock | blocks.ListBlock):
        current_items = [item for item in current if isinstance(item, dict)] if current else []
        current_by_id = {item.get("id"): item for item in current_items}
        taken = {item["id"] for item in value if item["id"]}
        for index, item in enumerate(value):
            match = None
            if item["id"]:
                match = current_by_id.get(item["id"])
            elif index < len(current_items):
                candidate = current_items[index]
                if candidate.get("type") == item["type"] and candidate.get("id") not in taken:
                    match = candidate
                    item["id"] = candidate["id"]
            item_place = f"{place}[{index}]"
            if not item["id"]:
                item["id"] = new_id(item_place)
            taken.add(item["id"])
            if match is not None and match.get("type") != item["type"]:
                match = None
            child_block = (
                block.child_blocks[item["type"]]
                if isinstance(block, blocks.BaseStreamBlock)
                else block.child_block
            )
            assign_ids(
                child_block, item["value"], match.get("value") if match else None, item_place
            )
    elif isinstance(block, blocks.BaseStructBlock) and isinstance(value, dict):
        for name, child_block in block.child_blocks.items():
            if name in value:
                child_current = current.get(name) if isinstance(current, dict) else None
                assign_ids(child_block, value[name], child_current, f"{place}.{name}")


def body_data(block: blocks.Block, value: object) -> object:
    """A block value in the file's form: every section and list item with its id.

    Struct fields and block keys come in the block's own order, so that an export reads in
    the order an editor sees the fields; an optional field at its default is left out. A
    block whose other fields are all at their default is written as its shorthand field
    alone (a right as its code), and such a list item without its id: it has nothing to
    link to or translate, and an import gives it the id of the item in its place.
    """
    if isinstance(block, blocks.BaseStreamBlock):
        return [
            {
                "type": child.block_type,
                "id": child.id,
                "value": body_data(child.block, child.value),
            }
            for child in value or []
        ]
    if isinstance(block, blocks.ListBlock):
        items = block.normalize(value).bound_blocks
        return [_list_item(block.child_block, item.id, item.value) for item in items]
    if isinstance(block, blocks.BaseStructBlock):
        fields = {
            name: value[name] if name in value else child_block.get_default()
            for name, child_block in block.child_blocks.items()
        }
        data = {
            name: body_data(child_block, fields[name])
            for name, child_block in block.child_blocks.items()
            if not (name in OPTIONAL_FIELDS and fields[name] == child_block.get_default())
        }
        return _shorthand(block, data)
    return block.get_prep_value(value)


def _list_item(block: blocks.Block, item_id: str, value: object) -> object:
    data = body_data(block, value)
    if shorthand_field(block) is not None and not isinstance(data, dict):
        return data
    return {"type": LIST_ITEM_TYPE, "id": item_id, "value": data}


def _shorthand(block: blocks.BaseStructBlock, data: dict) -> object:
    """``data``'s shorthand field alone, if the block has one and nothing else is set."""
    field = shorthand_field(block)
    if field is None or not isinstance(data.get(field), str):
        return data
    for name, child_block in block.child_blocks.items():
        if name != field and name in data:
            if data[name] != body_data(child_block, child_block.get_default()):
                return data
    return data[field]

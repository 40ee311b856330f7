"""Builds the form data the Wagtail page editor posts, from a block value."""

from typing import Any

from django.urls import reverse
from wagtail import blocks
from wagtail.test.utils.form_data import rich_text


def block_form_data(block: blocks.Block, value: Any, prefix: str) -> dict[str, Any]:
    """The editor's form fields for ``value`` of ``block``, named under ``prefix``."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value):
            data.update(
                {
                    f"{prefix}-{index}-type": child.block_type,
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-id": child.id or "",
                }
            )
            data.update(block_form_data(child.block, child.value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value.bound_blocks):
            data.update(
                {
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-id": child.id or "",
                }
            )
            data.update(block_form_data(block.child_block, child.value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            child_value = value[name] if name in value else child_block.get_default()
            data.update(block_form_data(child_block, child_value, f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.RichTextBlock):
        # Draftail posts "null" for an empty editor.
        source = value.source if value else ""
        return {prefix: rich_text(source, features=block.features) if source else "null"}
    if isinstance(block, blocks.MultipleChoiceBlock):
        return {prefix: list(value)}
    form_value = block.value_for_form(block.get_prep_value(value))
    return {prefix: "" if form_value is None else form_value}


def edit_url(page) -> str:
    """The page editor's address for ``page``."""
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))

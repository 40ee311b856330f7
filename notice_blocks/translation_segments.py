"""Where each segment in wagtail-localize's translation editor comes from, in editors' words.

The editor heads each segment of a stream field with the label of its top-level block and of
one field inside it: every field of a service contact reads “Contacts › Contacts”, every
field of a recipient “Sharing › Recipients”. Here a segment is labelled with the whole path
of block and field labels instead: “Sections › Contacts” above “Service contact ›
Telephone”.
"""

from collections.abc import Callable

from django.utils.text import capfirst
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail_localize.views import edit_translation

#: Between the labels of a segment's path.
SEPARATOR = " › "

_library_location: Callable[..., dict] = edit_translation.get_segment_location_info


def block_labels(block: blocks.Block, names: list[str]) -> list[str]:
    """The labels of the blocks that ``names`` (a field path's names) lead to below ``block``.

    A list's item adds no label (the list names its items); a label that repeats the one
    before it is given once (the contacts of a “Contacts” section).
    """
    labels: list[str] = []
    for name in names:
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
            continue
        block = block.child_blocks[name]
        label = str(capfirst(block.label))
        if not labels or labels[-1] != label:
            labels.append(label)
    return labels


def segment_location(source_instance, tab_helper, content_path, field_path, widget=False) -> dict:
    """wagtail-localize's location of a segment, labelled with its stream field's whole path.

    ``field`` (the group heading) names the stream field and its section, ``subField`` the
    blocks and field within the section.
    """
    location = _library_location(
        source_instance, tab_helper, content_path, field_path, widget=widget
    )
    field_name, *names = field_path.split(".")
    field = source_instance._meta.get_field(field_name)
    if isinstance(field, StreamField) and names:
        section, *within = block_labels(field.stream_block, names)
        location["field"] = SEPARATOR.join([str(capfirst(field.verbose_name)), section])
        location["subField"] = SEPARATOR.join(within) or None
    return location


def install() -> None:
    """Label the translation editor's segments with :func:`segment_location`."""
    edit_translation.get_segment_location_info = segment_location

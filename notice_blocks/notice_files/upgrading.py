"""The versions of the format: what each one added, and reading a file of an older version.

Format 2 gives each right its own wording and the conditions it applies under, and an empty
list of rights a new meaning: where no further rights are given either, the rights that
follow from the notice's lawful bases. In
format 1 a right was its code alone, and a rights block without ``rights`` showed all eight
standard rights. ``upgrade_body`` reads a format-1 body as format 2 by making that list
explicit; everything else format 1 holds means the same in format 2.

What a version added is declared once, here, so that a file of an earlier version that uses
it is told which version to say.
"""

from django.utils.translation import gettext as _
from wagtail import blocks

from ..blocks import NoticeBodyBlock, SectionBlock
from ..blocks.contacts import ContactBlock, ContactsBlock
from ..blocks.lawful_basis import (
    Article6BasisBlock,
    Article9ConditionBlock,
    LawfulBasisBlock,
    Schedule1ConditionBlock,
)
from ..blocks.personal_data import DataGroupBlock
from ..blocks.retention import RetentionBlock, RetentionPeriodBlock
from ..blocks.rights import RightBlock, RightsBlock
from ..blocks.sharing import RecipientBlock, SharingBlock
from ..blocks.sources import SourcesBlock

#: The rights a format-1 rights block without ``rights`` showed.
FORMAT_1_RIGHTS = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "automated-decisions",
    "withdraw-consent",
)

#: The block types and fields each version added, by the block that has them (its
#: subclasses included). A stream block's types are its fields. A right in format 1 is its
#: code alone: the fields of its mapping form are all new.
BLOCK_ADDITIONS: dict[int, tuple[tuple[type[blocks.Block], tuple[str, ...]], ...]] = {
    2: (
        (
            NoticeBodyBlock,
            ("heading", "legitimate_interests", "transfers", "automated_decisions", "requirement"),
        ),
        (SectionBlock, ("show_heading", "standard_subheadings")),
        (ContactBlock, ("show_heading",)),
        (ContactsBlock, ("outro",)),
        (DataGroupBlock, ("kind",)),
        (Article6BasisBlock, ("title", "wording", "purposes")),
        (Article9ConditionBlock, ("title", "wording")),
        (Schedule1ConditionBlock, ("title", "wording")),
        (LawfulBasisBlock, ("schedule_1_statement",)),
        (SourcesBlock, ("publicly_available",)),
        (RecipientBlock, ("conditions",)),
        (SharingBlock, ("conditions_intro", "conditions")),
        (RetentionPeriodBlock, ("notes",)),
        (RetentionBlock, ("criteria", "holds")),
        (RightBlock, ("right", "title", "wording", "conditions")),
        (RightsBlock, ("layout",)),
    ),
}

#: The keys of the notice, and the fields of its shared details, that each version added.
NOTICE_ADDITIONS: dict[int, dict[str, tuple[str, ...]]] = {
    2: {
        # A version's change note, and the notice's history, came later, with no file that
        # was valid reading differently: they belong to the current version, 2.
        "notice": ("for_children", "change_note", "history"),
        "data_controller": ("email", "phone", "public_authority"),
    },
}


def added_in(block: blocks.Block, name: str) -> int:
    """The version that added the field or block type ``name`` of ``block`` (1: the first)."""
    for version, additions in sorted(BLOCK_ADDITIONS.items()):
        for block_class, names in additions:
            if isinstance(block, block_class) and name in names:
                return version
    return 1


def key_added_in(place: str, key: str) -> int:
    """The version that added ``key`` to ``place``: ``notice`` or a shared detail's key."""
    for version, additions in sorted(NOTICE_ADDITIONS.items()):
        if key in additions.get(place, ()):
            return version
    return 1


def newer_format_message(name: str, version: int) -> str:
    return _(
        "“%(name)s” is new in format version %(version)d: write “format_version: %(version)d” "
        "at the top of the file to use it."
    ) % {"name": name, "version": version}


def upgrade_body(block: blocks.StreamBlock, body: object, version: int) -> object:
    """A body of format ``version`` read in the current version's terms.

    The file's own data is left as it is: what changes is copied.
    """
    if version < 2 and isinstance(body, list):
        body = [_format_1_rights(block, section) for section in body]
    return body


def _format_1_rights(block: blocks.StreamBlock, section: object) -> object:
    """A format-1 rights section with its list of rights explicit: all eight when left out."""
    if not isinstance(section, dict) or not isinstance(section.get("type"), str):
        return section
    if not isinstance(block.child_blocks.get(section["type"]), RightsBlock):
        return section
    value = section.get("value")
    if not isinstance(value, dict):
        return section
    if "rights" not in value:
        rights = list(FORMAT_1_RIGHTS)
    elif value["rights"] is None:
        rights = []  # format 1 read it as an empty list
    else:
        return section
    return {**section, "value": {**value, "rights": rights}}

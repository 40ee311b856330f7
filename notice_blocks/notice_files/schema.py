"""The keys of a notice file, in their documented order (see docs/notice-format.md)."""

from django.db import models

from ..snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)

FORMAT_NAME = "privacy-notice"
#: The version an export writes.
FORMAT_VERSION = 2
#: The versions an import reads: an older file is read as the current version
#: (see ``upgrading``).
FORMAT_VERSIONS = (1, 2)

TOP_LEVEL_KEYS = ("format", "format_version", "notice")

#: Page fields held as plain values, in the order a notice file lists them.
PAGE_FIELDS = (
    "title",
    "slug",
    "search_description",
    "version_label",
    "change_note",
    "last_reviewed",
)
#: The notice's fields held as true or false (false when a file leaves them out).
NOTICE_FLAGS = ("for_children",)

#: Shared details: the notice's key and the snippet model it names.
SNIPPET_MODELS: dict[str, type[models.Model]] = {
    "data_controller": DataController,
    "data_protection_officer": DataProtectionOfficer,
    "supervisory_authority": SupervisoryAuthority,
    "general_privacy_notice": GeneralPrivacyNotice,
}

#: The notice's own keys, in the order an export writes them.
NOTICE_KEYS = (*PAGE_FIELDS, *NOTICE_FLAGS, *SNIPPET_MODELS, "body")

#: The keys of a block in a stream, and of an item in Wagtail's form of a list.
BLOCK_KEYS = ("type", "id", "value")
LIST_ITEM_TYPE = "item"


def snippet_fields(model: type[models.Model]) -> list[str]:
    """The fields of a shared detail that a notice file holds, in the model's order."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and not field.is_relation
    ]

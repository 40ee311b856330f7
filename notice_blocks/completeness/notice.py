"""A notice as the completeness rules read it: its sections, bases, data and contacts.

Whether UK GDPR Article 13, Article 14 or both apply is decided here, once
(``Notice.article_14_applies``).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist
from wagtail import blocks

from ..legal import rights_for_bases
from .text import prose, words

#: The kinds of data the law protects further (``DataCategoryBlock.kind``).
SPECIAL_CATEGORY = "special_category"
CRIMINAL_OFFENCE = "criminal_offence"
#: The ways to reach a contact, on shared details and service contacts.
CONTACT_FIELDS = ("address", "email", "phone", "website")


@dataclass(frozen=True)
class Section:
    """One section of a notice's body: its place, id, block type and value."""

    index: int
    id: str | None
    type: str
    block: blocks.Block
    value: object

    def get(self, name: str, default=None):
        """A field of the section's value, or ``default`` when its block has no such field."""
        value = self.value.get(name) if hasattr(self.value, "get") else None
        return default if value is None else value

    def items(self, name: str) -> list:
        """The items of one of the section's lists (none when the block has no such list)."""
        return list(self.get(name) or [])

    @cached_property
    def text(self) -> str:
        """Everything the section says, as plain text."""
        return " ".join(words(self.block, self.value))

    def says(self, *names: str) -> bool:
        """Whether any of the section's text fields ``names`` holds any words."""
        return any(self._says(name) for name in names)

    def _says(self, name: str) -> bool:
        field = self.block.child_blocks.get(name) if hasattr(self.block, "child_blocks") else None
        if field is None:
            return False
        return any(text.strip() for text in words(field, self.value.get(name)))


def has_words(value: object) -> bool:
    """Whether rich text or plain text holds anything but spaces and empty tags."""
    return bool(prose(value))


def right_code(item: object) -> str:
    """The code of a right in a rights list: a ``RightBlock`` value or a bare code."""
    if isinstance(item, str):
        return item
    return (item.get("right") if hasattr(item, "get") else "") or ""


def contact_details(contact: object) -> dict[str, str]:
    """The ways to reach a contact (shared detail or service contact) that are filled in."""
    if contact is None:
        return {}
    get = contact.get if isinstance(contact, dict) else lambda name: getattr(contact, name, "")
    return {name: str(get(name)).strip() for name in CONTACT_FIELDS if (get(name) or "").strip()}


class Notice:
    """What the rules read from a notice page, saved or not."""

    def __init__(self, page):
        self.page = page
        body = getattr(page, "body", None) or ()
        self.sections = tuple(
            Section(index, child.id, child.block_type, child.block, child.value)
            for index, child in enumerate(body)
        )

    # Sections

    def of_type(self, *types: str) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.type in types)

    def first(self, *types: str) -> Section | None:
        return next(iter(self.of_type(*types)), None)

    def general(self, topic: str) -> tuple[Section, ...]:
        """The general sections on ``topic``."""
        return tuple(s for s in self.of_type("general") if s.get("topic") == topic)

    def label(self, block_type: str) -> str:
        """The name editors choose a kind of section by, such as “Transfers”."""
        block = self.body_block.child_blocks.get(block_type) if self.body_block else None
        return str(block.label) if block is not None else block_type

    @cached_property
    def body_block(self) -> blocks.StreamBlock | None:
        try:
            return type(self.page)._meta.get_field("body").stream_block
        except FieldDoesNotExist:  # a notice model without a body
            return None

    def mentions(self, pattern: str, sections: Iterable[Section] | None = None) -> Section | None:
        """The first section whose words match ``pattern`` (a regular expression, any case)."""
        expression = re.compile(pattern, re.IGNORECASE)
        for section in self.sections if sections is None else sections:
            if expression.search(section.text):
                return section
        return None

    # Which articles apply

    @property
    def article_13_applies(self) -> bool:
        """Article 13: information collected from the person, which every notice covers."""
        return True

    @cached_property
    def article_14_applies(self) -> bool:
        """Article 14: information obtained from others, where the notice lists its sources."""
        return any(
            any(str(source).strip() for source in section.items("sources"))
            for section in self.of_type("sources")
        )

    # Lawful bases and conditions, with the section and item that state each

    @cached_property
    def article_6(self) -> list[tuple[Section, object]]:
        return self._items("lawful_basis", "bases")

    @cached_property
    def article_9(self) -> list[tuple[Section, object]]:
        return self._items("lawful_basis", "special_category_conditions")

    @cached_property
    def criminal_offence_conditions(self) -> list[tuple[Section, object]]:
        return self._items("lawful_basis", "criminal_offence_conditions")

    @cached_property
    def article_6_codes(self) -> set[str]:
        return {item.get("provision") for _section, item in self.article_6}

    @cached_property
    def article_9_codes(self) -> set[str]:
        return {item.get("provision") for _section, item in self.article_9}

    def _items(self, block_type: str, name: str) -> list[tuple[Section, object]]:
        return [
            (section, item) for section in self.of_type(block_type) for item in section.items(name)
        ]

    # Data

    def data_of_kind(self, kind: str) -> list[tuple[Section, str]]:
        """The sections and descriptions of the data of ``kind`` the notice lists."""
        found = []
        for section in self.of_type("personal_data"):
            for group in section.items("groups"):
                if group.get("kind") == kind:
                    found.append((section, ""))
                for category in group.get("categories") or []:
                    if category.get("kind") == kind:
                        found.append((section, str(category.get("description") or "")))
        return found

    @cached_property
    def automated_decisions_used(self) -> bool:
        return any(s.get("used") == "yes" for s in self.of_type("automated_decisions"))

    # Rights

    @cached_property
    def rights_following_bases(self) -> list[str]:
        return rights_for_bases(
            self.article_6_codes, self.article_9_codes, self.automated_decisions_used
        )

    def listed_rights(self, section: Section) -> list[str]:
        """The rights a rights section lists itself (none when it follows the bases)."""
        return [code for code in map(right_code, section.items("rights")) if code]

    @cached_property
    def rights_shown(self) -> set[str]:
        """The codes of the rights the notice's rights sections show, as the page shows them."""
        body = getattr(self.page, "body", None)
        return {
            right.provision.code
            for section in self.of_type("rights")
            for right in section.value.shown_rights(body)
        }

    @cached_property
    def rights_listed_explicitly(self) -> list[Section]:
        """The rights sections that list their rights rather than follow the bases."""
        return [section for section in self.of_type("rights") if self.listed_rights(section)]

    # Shared details of the page

    @property
    def controller(self):
        return getattr(self.page, "data_controller", None)

    @property
    def data_protection_officer(self):
        return getattr(self.page, "data_protection_officer", None)

    @property
    def public_authority(self) -> bool:
        """Whether the controller is a public authority (assumed when none is chosen)."""
        return getattr(self.controller, "public_authority", True) is not False

    @property
    def for_children(self) -> bool:
        return bool(getattr(self.page, "for_children", False))

    def contacts(self, contact_type: str) -> list[tuple[Section, object]]:
        """The contacts of ``contact_type`` in contacts sections, with their section."""
        return [
            (section, child.value)
            for section in self.of_type("contacts")
            for child in section.get("contacts", ())
            if child.block_type == contact_type
        ]

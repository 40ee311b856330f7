"""The section blocks a privacy notice is composed from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import SectionBlock
from .contacts import ContactsBlock
from .general import GeneralSectionBlock
from .lawful_basis import LawfulBasisBlock
from .personal_data import PersonalDataBlock
from .purposes import PurposesBlock
from .retention import RetentionBlock
from .rights import RightsBlock
from .sharing import SharingBlock
from .sources import SourcesBlock
from .summary import SummaryBlock


class NoticeBodyBlock(blocks.StreamBlock):
    """The body of a privacy notice: its sections, in the order residents read them."""

    summary = SummaryBlock()
    personal_data = PersonalDataBlock()
    purposes = PurposesBlock()
    lawful_basis = LawfulBasisBlock()
    sources = SourcesBlock()
    sharing = SharingBlock()
    retention = RetentionBlock()
    rights = RightsBlock()
    contacts = ContactsBlock()
    general = GeneralSectionBlock()

    class Meta:
        label = _("Sections")
        template = "notice_blocks/blocks/notice_body.html"


__all__ = [
    "ContactsBlock",
    "GeneralSectionBlock",
    "LawfulBasisBlock",
    "NoticeBodyBlock",
    "PersonalDataBlock",
    "PurposesBlock",
    "RetentionBlock",
    "RightsBlock",
    "SectionBlock",
    "SharingBlock",
    "SourcesBlock",
    "SummaryBlock",
]

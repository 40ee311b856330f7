"""The section blocks a privacy notice is composed from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .automated_decisions import AutomatedDecisionsBlock
from .base import SectionBlock
from .contacts import ContactsBlock
from .general import GeneralSectionBlock
from .heading import PartHeadingBlock
from .lawful_basis import LawfulBasisBlock
from .legitimate_interests import LegitimateInterestsBlock
from .personal_data import PersonalDataBlock
from .purposes import PurposesBlock
from .requirement import RequirementBlock
from .retention import RetentionBlock
from .rights import RightBlock, RightsBlock
from .sharing import SharingBlock
from .sources import SourcesBlock
from .summary import SummaryBlock
from .transfers import TransfersBlock


class NoticeBodyBlock(blocks.StreamBlock):
    """The body of a privacy notice: its sections, in the order residents read them."""

    summary = SummaryBlock()
    heading = PartHeadingBlock()
    personal_data = PersonalDataBlock()
    purposes = PurposesBlock()
    lawful_basis = LawfulBasisBlock()
    legitimate_interests = LegitimateInterestsBlock()
    sources = SourcesBlock()
    sharing = SharingBlock()
    transfers = TransfersBlock()
    retention = RetentionBlock()
    rights = RightsBlock()
    automated_decisions = AutomatedDecisionsBlock()
    requirement = RequirementBlock()
    contacts = ContactsBlock()
    general = GeneralSectionBlock()

    class Meta:
        label = _("Sections")
        template = "notice_blocks/blocks/notice_body.html"


__all__ = [
    "AutomatedDecisionsBlock",
    "ContactsBlock",
    "GeneralSectionBlock",
    "LawfulBasisBlock",
    "LegitimateInterestsBlock",
    "NoticeBodyBlock",
    "PartHeadingBlock",
    "PersonalDataBlock",
    "PurposesBlock",
    "RequirementBlock",
    "RetentionBlock",
    "RightBlock",
    "RightsBlock",
    "SectionBlock",
    "SharingBlock",
    "SourcesBlock",
    "SummaryBlock",
    "TransfersBlock",
]

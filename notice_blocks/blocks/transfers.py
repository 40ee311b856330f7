from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..legal import TRANSFER_SAFEGUARDS, choices, get_provision
from .base import NoticeRichTextBlock, SectionBlock, SectionTextBlock, list_block


class TransferStructValue(blocks.StructValue):
    def safeguard_provision(self):
        try:
            return get_provision(self.get("safeguard"))
        except KeyError:
            return None


class TransferBlock(blocks.StructBlock):
    """A country or organisation outside the UK that receives data, and the safeguard used."""

    destination = blocks.TextBlock(
        label=_("Where it goes"),
        rows=2,
        help_text=_("The country, or the organisation and where it is."),
    )
    safeguard = blocks.ChoiceBlock(label=_("Safeguard"), choices=choices(TRANSFER_SAFEGUARDS))
    details = NoticeRichTextBlock(
        label=_("Details"),
        help_text=_("What is sent and why, and how to get a copy of the safeguard."),
    )

    class Meta:
        icon = "globe"
        label = _("Transfer")
        value_class = TransferStructValue


class TransfersBlock(SectionBlock):
    """Transfers outside the UK and their safeguards (UK GDPR Art 13(1)(f), 14(1)(f)).

    With no transfers listed, the introduction says that none are made.
    """

    intro = SectionTextBlock(
        label=_("Introduction"),
        help_text=_("Where nothing is sent outside the UK, say so here and list no transfers."),
    )
    transfers = list_block(TransferBlock(), label=_("Transfers"))
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "globe"
        label = _("Transfers outside the UK")
        description = _(
            "Whether personal information is sent outside the UK, where to and under which "
            "safeguard."
        )
        template = "notice_blocks/blocks/transfers.html"
        default_heading = _("Do we send your information outside the UK?")
        preview_value = {
            "heading": "",
            "intro": "<p>Some of our case management system is supported from abroad.</p>",
            "transfers": [
                {
                    "destination": "The European Economic Area",
                    "safeguard": "adequacy",
                    "details": "",
                }
            ],
            "outro": "",
        }

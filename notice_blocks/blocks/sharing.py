from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock, SectionTextBlock, list_block


class RecipientBlock(blocks.StructBlock):
    """An organisation or kind of organisation that receives data, what it gets and why."""

    name = blocks.TextBlock(label=_("Recipient"), rows=2)
    purpose = blocks.TextBlock(label=_("Why we share"), rows=2, required=False)
    data_shared = blocks.TextBlock(label=_("What we share"), rows=2, required=False)
    conditions = NoticeRichTextBlock(
        label=_("When we share"),
        help_text=_("The circumstances in which we share with them, if not always."),
    )

    class Meta:
        icon = "group"
        label = _("Recipient")


class SharingBlock(SectionBlock):
    """Who receives the data (UK GDPR Art 13(1)(e)), what they get, why and when."""

    intro = SectionTextBlock(label=_("Introduction"))
    recipients = list_block(RecipientBlock(), label=_("Recipients"))
    conditions_intro = SectionTextBlock(
        label=_("When we share: introduction"),
        help_text=_("For example “We may also share your information without your consent:”."),
    )
    conditions = list_block(
        blocks.TextBlock(label=_("Circumstance"), rows=2),
        label=_("When we share"),
        help_text=_("The circumstances in which we share, such as “to protect a child from harm”."),
    )
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "group"
        label = _("Sharing")
        description = _("Who the personal information is shared with, what is shared and why.")
        template = "notice_blocks/blocks/sharing.html"
        default_heading = _("Who do we share your personal information with?")
        preview_value = {
            "heading": "",
            "intro": "<p>We share your personal information with:</p>",
            "recipients": [
                {
                    "name": "Health services",
                    "purpose": "to plan your care together",
                    "data_shared": "",
                    "conditions": "",
                },
                {"name": "Schools", "purpose": "", "data_shared": "", "conditions": ""},
            ],
            "conditions_intro": "",
            "conditions": [],
            "outro": "",
        }

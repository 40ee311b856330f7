from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock


class RecipientBlock(blocks.StructBlock):
    """An organisation or kind of organisation that receives data, what it gets and why."""

    name = blocks.TextBlock(label=_("Recipient"), rows=2)
    purpose = blocks.TextBlock(label=_("Why we share"), rows=2, required=False)
    data_shared = blocks.TextBlock(label=_("What we share"), rows=2, required=False)

    class Meta:
        icon = "group"
        label = _("Recipient")


class SharingBlock(SectionBlock):
    """Who receives the data (UK GDPR Art 13(1)(e)), what they get and why."""

    intro = NoticeRichTextBlock(label=_("Introduction"))
    recipients = blocks.ListBlock(RecipientBlock(), label=_("Recipients"), min_num=0)
    outro = NoticeRichTextBlock(label=_("Closing text"))

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
                },
                {"name": "Schools", "purpose": "", "data_shared": ""},
            ],
            "outro": "",
        }

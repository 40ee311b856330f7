from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock


class PurposesBlock(SectionBlock):
    """Why the service uses personal data (UK GDPR Art 13(1)(c))."""

    intro = NoticeRichTextBlock(label=_("Introduction"))
    purposes = blocks.ListBlock(
        blocks.TextBlock(label=_("Purpose"), rows=2), label=_("Purposes"), min_num=1
    )
    outro = NoticeRichTextBlock(label=_("Closing text"))

    class Meta:
        icon = "tasks"
        label = _("Purposes")
        description = _("What the personal information is used for.")
        template = "notice_blocks/blocks/purposes.html"
        default_heading = _("What do we use your personal information for?")
        preview_value = {
            "heading": "",
            "intro": "<p>We use your personal information to:</p>",
            "purposes": ["assess your needs", "plan and provide our services"],
            "outro": "",
        }

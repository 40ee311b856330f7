from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import SectionBlock, SectionTextBlock, list_block


class PurposesBlock(SectionBlock):
    """Why the service uses personal data (UK GDPR Art 13(1)(c))."""

    intro = SectionTextBlock(label=_("Introduction"))
    purposes = list_block(
        blocks.TextBlock(label=_("Purpose"), rows=2),
        label=_("Purposes"),
        help_text=_("Leave empty where the introduction describes the purposes in prose."),
    )
    outro = SectionTextBlock(label=_("Closing text"))

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

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import SectionBlock, SectionTextBlock, list_block

PUBLICLY_AVAILABLE_CHOICES = [
    ("yes", _("Some of it comes from publicly available sources")),
    ("no", _("None of it comes from publicly available sources")),
]


class SourcesBlock(SectionBlock):
    """Where the data comes from (UK GDPR Art 14(2)(f)) and whether giving it is required."""

    intro = SectionTextBlock(label=_("Introduction"))
    sources = list_block(blocks.TextBlock(label=_("Source"), rows=2), label=_("Sources"))
    publicly_available = blocks.ChoiceBlock(
        label=_("Publicly available sources"),
        choices=PUBLICLY_AVAILABLE_CHOICES,
        required=False,
        default="",
        help_text=_("Whether any of the information comes from publicly available sources."),
    )
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "folder-open-1"
        label = _("Sources of the data")
        description = _("Where the personal information comes from.")
        template = "notice_blocks/blocks/sources.html"
        default_heading = _("Where does your personal information come from?")
        preview_value = {
            "heading": "",
            "intro": "<p>We may receive information from:</p>",
            "sources": ["your GP or the NHS", "your school"],
            "publicly_available": "",
            "outro": "",
        }

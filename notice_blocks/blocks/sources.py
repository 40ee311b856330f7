from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock


class SourcesBlock(SectionBlock):
    """Where the data comes from (UK GDPR Art 14(2)(f)) and whether giving it is required."""

    intro = NoticeRichTextBlock(label=_("Introduction"))
    sources = blocks.ListBlock(
        blocks.TextBlock(label=_("Source"), rows=2), label=_("Sources"), min_num=0
    )
    outro = NoticeRichTextBlock(label=_("Closing text"))

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
            "outro": "",
        }

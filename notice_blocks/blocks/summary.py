from django.utils.translation import gettext_lazy as _

from .base import SectionBlock, SectionTextBlock


class SummaryBlock(SectionBlock):
    """What the notice covers and who it is for, in a few sentences."""

    text = SectionTextBlock(label=_("Summary"), required=True)

    class Meta:
        icon = "doc-full"
        label = _("Summary")
        description = _("What this notice covers, and how it relates to the general notice.")
        template = "notice_blocks/blocks/summary.html"
        default_heading = _("Summary")
        preview_value = {
            "heading": "",
            "text": "<p>This privacy notice explains what personal information our children’s "
            "social care service collects, what it is used for and who it is shared with.</p>",
        }

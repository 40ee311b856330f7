from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .base import SectionBlock, SectionTextBlock

TOPIC_HEADINGS = {
    "nhs_number": _("Your NHS number"),
    "cp_is": _("Child Protection Information Sharing (CP-IS)"),
    "automated_decisions": _("Automated decisions"),
    "transfers": _("Transfers outside the UK"),
    "updates": _("Updates to this notice"),
    "security": _("How we keep your information safe"),
    "data_matching": _("Data matching"),
    "social_media": _("Social media"),
    "equalities": _("Equality monitoring"),
    "other": "",
}


class GeneralSectionBlock(SectionBlock):
    """Any further topic a council needs: NHS number, CP-IS, security, updates and others."""

    topic = blocks.ChoiceBlock(
        label=_("Topic"),
        choices=[
            ("nhs_number", _("NHS number")),
            ("cp_is", _("Child Protection Information Sharing (CP-IS)")),
            ("automated_decisions", _("Automated decisions")),
            ("transfers", _("Transfers outside the UK")),
            ("updates", _("Updates to this notice")),
            ("security", _("Security")),
            ("data_matching", _("Data matching")),
            ("social_media", _("Social media")),
            ("equalities", _("Equality monitoring")),
            ("other", _("Other")),
        ],
        default="other",
        help_text=_("Sets the standard heading; an “Other” section needs a heading of its own."),
    )
    text = SectionTextBlock(label=_("Text"), required=True)

    class Meta:
        icon = "pilcrow"
        label = _("General section")
        description = _(
            "Anything else residents need to know: NHS number, CP-IS, security, data "
            "matching, social media, equality monitoring, updates to this notice."
        )
        template = "notice_blocks/blocks/general.html"
        preview_value = {
            "heading": "",
            "topic": "updates",
            "text": "<p>We may update this notice at any time.</p>",
        }

    def get_heading(self, value) -> str:
        return value.get("heading") or str(TOPIC_HEADINGS.get(value.get("topic"), ""))

    def clean(self, value):
        value = super().clean(value)
        if self.shows_heading(value) and not self.get_heading(value):
            raise StructBlockValidationError(
                block_errors={
                    "heading": ValidationError(_("A section on another topic needs a heading."))
                }
            )
        return value

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import SectionBlock, SectionTextBlock, list_block


class LegitimateInterestsBlock(SectionBlock):
    """The legitimate interests relied on (UK GDPR Art 6(1)(f); Art 13(1)(d), 14(2)(b))."""

    intro = SectionTextBlock(label=_("Introduction"))
    interests = list_block(
        blocks.TextBlock(label=_("Interest"), rows=2),
        label=_("Legitimate interests"),
        help_text=_("Each interest we or others have in using the information."),
    )
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "thumbtack"
        label = _("Legitimate interests")
        description = _(
            "The legitimate interests relied on where Article 6(1)(f) is a lawful basis, "
            "outside the council's public tasks."
        )
        template = "notice_blocks/blocks/legitimate_interests.html"
        default_heading = _("Our legitimate interests")
        preview_value = {
            "heading": "",
            "intro": "<p>Where we rely on legitimate interests, our interests are:</p>",
            "interests": ["to keep our buildings and the people in them safe"],
            "outro": "",
        }

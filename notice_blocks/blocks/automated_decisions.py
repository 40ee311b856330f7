from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import SectionBlock, SectionTextBlock

USED_CHOICES = [
    ("no", _("No: a person makes every decision")),
    ("yes", _("Yes: some decisions are made by automated means alone")),
]


class AutomatedDecisionsBlock(SectionBlock):
    """Automated decisions and profiling (UK GDPR Art 13(2)(f), 14(2)(g), Art 22).

    Where decisions are made by automated means alone, the notice explains the logic
    involved, its significance and the consequences for the person.
    """

    used = blocks.ChoiceBlock(
        label=_("Do we make decisions by automated means alone?"),
        choices=USED_CHOICES,
        default="no",
        help_text=_(
            "Decisions with legal or similarly significant effects made without a person "
            "involved, including profiling."
        ),
    )
    intro = SectionTextBlock(label=_("Introduction"))
    logic = SectionTextBlock(label=_("How the decisions are made"))
    significance = SectionTextBlock(label=_("What the decisions mean for you"))
    consequences = SectionTextBlock(label=_("What could happen as a result"))
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "cogs"
        label = _("Automated decisions")
        description = _(
            "Whether decisions are made about people by automated means alone, and if so the "
            "logic, significance and consequences."
        )
        template = "notice_blocks/blocks/automated_decisions.html"
        default_heading = _("Do we make automated decisions about you?")
        preview_value = {
            "heading": "",
            "used": "no",
            "intro": "<p>A person always makes the decisions about your case.</p>",
            "logic": "",
            "significance": "",
            "consequences": "",
            "outro": "",
        }

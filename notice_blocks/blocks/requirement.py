from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..legal import REQUIREMENTS, get_provision, title_choices
from .base import SectionBlock, SectionTextBlock


class RequirementStructValue(blocks.StructValue):
    def requirement_provision(self):
        try:
            return get_provision(self.get("requirement"))
        except KeyError:
            return None


class RequirementBlock(SectionBlock):
    """Whether people must give their information, and what follows if not (Art 13(2)(e))."""

    requirement = blocks.ChoiceBlock(
        label=_("Do people have to give us the information?"),
        choices=title_choices(REQUIREMENTS),
        help_text=_("Its standard wording is shown before your text."),
    )
    text = SectionTextBlock(
        label=_("Which information, and why"),
        help_text=_("Which information the law or a contract requires, and why."),
    )
    consequences = SectionTextBlock(
        label=_("If you do not give it"),
        help_text=_("What follows if someone does not give the information."),
    )

    class Meta:
        icon = "help"
        label = _("If you do not give us the information")
        description = _(
            "Whether giving the information is required by law or a contract, or a choice, "
            "and what happens if it is not given."
        )
        template = "notice_blocks/blocks/requirement.html"
        default_heading = _("If you do not give us the information")
        value_class = RequirementStructValue
        preview_value = {
            "heading": "",
            "requirement": "statutory",
            "text": "<p>The law requires you to tell us about changes to your household.</p>",
            "consequences": "<p>We may not be able to work out your council tax reduction.</p>",
        }

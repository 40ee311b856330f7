from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..legal import STANDARD_RIGHTS, choices, get_provision
from .base import NoticeRichTextBlock, SectionBlock

ALL_STANDARD_RIGHTS = [provision.code for provision in STANDARD_RIGHTS]


class RightsStructValue(blocks.StructValue):
    def standard_rights(self):
        return [get_provision(code) for code in self.get("rights") or []]


class RightsBlock(SectionBlock):
    """The rights residents have (UK GDPR Art 13(2)(b)-(d)), in standard wording."""

    intro = NoticeRichTextBlock(label=_("Introduction"))
    rights = blocks.MultipleChoiceBlock(
        label=_("Standard rights"),
        choices=choices(STANDARD_RIGHTS),
        default=ALL_STANDARD_RIGHTS,
        required=False,
        help_text=_("Each right chosen is shown with its standard wording."),
    )
    further_rights = blocks.ListBlock(
        NoticeRichTextBlock(label=_("Further right")),
        label=_("Further rights and details"),
        min_num=0,
    )
    outro = NoticeRichTextBlock(label=_("Closing text"))

    class Meta:
        icon = "key"
        label = _("Rights")
        description = _("The rights residents have over their information, in standard wording.")
        template = "notice_blocks/blocks/rights.html"
        default_heading = _("Your rights")
        value_class = RightsStructValue
        preview_value = {
            "heading": "",
            "intro": "",
            "rights": ALL_STANDARD_RIGHTS,
            "further_rights": [],
            "outro": "",
        }

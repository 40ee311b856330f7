from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..legal import (
    ARTICLE_6_BASES,
    ARTICLE_9_CONDITIONS,
    SCHEDULE_1_CONDITIONS,
    choices,
    get_provision,
)
from .base import (
    NoticeRichTextBlock,
    SectionBlock,
    SectionTextBlock,
    list_block,
    provision_title,
    provision_wording,
)


class ProvisionStructValue(blocks.StructValue):
    """Gives templates the provision behind the stored code."""

    def provision(self):
        return get_provision(self["provision"])

    def schedule_1(self):
        return [get_provision(code) for code in self.get("schedule_1_conditions") or []]


def _explanation() -> NoticeRichTextBlock:
    return NoticeRichTextBlock(
        label=_("Our explanation"),
        help_text=_("How this applies to the service, in the council's own words."),
    )


class Article6BasisBlock(blocks.StructBlock):
    provision = blocks.ChoiceBlock(label=_("Lawful basis"), choices=choices(ARTICLE_6_BASES))
    title = provision_title()
    wording = provision_wording()
    purposes = blocks.TextBlock(
        label=_("What we rely on it for"),
        rows=2,
        required=False,
        default="",
        help_text=_("Leave blank when it covers every purpose of this notice."),
    )
    explanation = _explanation()

    class Meta:
        label = _("Lawful basis (UK GDPR Article 6)")
        value_class = ProvisionStructValue


class Article9ConditionBlock(blocks.StructBlock):
    provision = blocks.ChoiceBlock(label=_("Condition"), choices=choices(ARTICLE_9_CONDITIONS))
    title = provision_title()
    schedule_1_conditions = blocks.MultipleChoiceBlock(
        label=_("Data Protection Act 2018 Schedule 1 conditions"),
        choices=choices(SCHEDULE_1_CONDITIONS),
        required=False,
        help_text=_("Needed with Article 9(2)(b), (g), (h), (i) and (j)."),
    )
    wording = provision_wording()
    explanation = _explanation()

    class Meta:
        label = _("Special category condition (UK GDPR Article 9)")
        value_class = ProvisionStructValue


class Schedule1ConditionBlock(blocks.StructBlock):
    provision = blocks.ChoiceBlock(label=_("Condition"), choices=choices(SCHEDULE_1_CONDITIONS))
    title = provision_title()
    wording = provision_wording()
    explanation = _explanation()

    class Meta:
        label = _("Criminal offence data condition (DPA 2018 Schedule 1)")
        value_class = ProvisionStructValue


class LawfulBasisBlock(SectionBlock):
    """The lawful basis for each kind of data (UK GDPR Art 6, 9 and 10; DPA 2018 Sch 1)."""

    intro = SectionTextBlock(label=_("Introduction"))
    bases = list_block(Article6BasisBlock(), label=_("Lawful bases"), min_num=1)
    special_category_intro = SectionTextBlock(label=_("Special category data: introduction"))
    special_category_conditions = list_block(
        Article9ConditionBlock(), label=_("Special category conditions")
    )
    criminal_offence_intro = SectionTextBlock(label=_("Criminal offence data: introduction"))
    criminal_offence_conditions = list_block(
        Schedule1ConditionBlock(), label=_("Criminal offence data conditions")
    )
    schedule_1_statement = SectionTextBlock(
        label=_("Schedule 1 and appropriate policy statement"),
        help_text=_(
            "What the council says once for all the Data Protection Act 2018 Schedule 1 "
            "conditions it relies on, such as where its appropriate policy document is."
        ),
    )
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "clipboard-list"
        label = _("Lawful basis")
        description = _(
            "The UK GDPR Article 6 and 9 bases and DPA 2018 Schedule 1 conditions relied on, "
            "each with the council's explanation."
        )
        template = "notice_blocks/blocks/lawful_basis.html"
        default_heading = _("What is our lawful basis for using your information?")
        preview_value = {
            "heading": "",
            "intro": "<p>We only use your information where it is necessary and:</p>",
            "bases": [{"provision": "art6-1-e", "wording": "", "purposes": "", "explanation": ""}],
            "special_category_intro": "",
            "special_category_conditions": [
                {
                    "provision": "art9-2-h",
                    "schedule_1_conditions": ["dpa2018-s1-2"],
                    "wording": "",
                    "explanation": "",
                }
            ],
            "criminal_offence_intro": "",
            "criminal_offence_conditions": [],
            "schedule_1_statement": "",
            "outro": "",
        }

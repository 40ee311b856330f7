from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import SectionBlock, SectionTextBlock, list_block

PERSONAL = "personal"
SPECIAL_CATEGORY = "special_category"
CRIMINAL_OFFENCE = "criminal_offence"


KIND_CHOICES = [
    (PERSONAL, _("Personal data")),
    (SPECIAL_CATEGORY, _("Special category data")),
    (CRIMINAL_OFFENCE, _("Criminal offence data")),
]
KIND_HELP = _(
    "Special category data: health, ethnicity, religion, sexual orientation and the "
    "like (UK GDPR Article 9). Criminal offence data: convictions, offences and "
    "allegations (UK GDPR Article 10)."
)


class DataCategoryBlock(blocks.StructBlock):
    """One kind of personal data, marked when the law gives it extra protection."""

    description = blocks.TextBlock(label=_("Description"), rows=2)
    kind = blocks.ChoiceBlock(
        label=_("Kind of data"), choices=KIND_CHOICES, default=PERSONAL, help_text=KIND_HELP
    )

    class Meta:
        icon = "user"
        label = _("Category of data")


class DataGroupBlock(blocks.StructBlock):
    """An introduction followed by the categories of data it introduces."""

    intro = SectionTextBlock(label=_("Introduction"))
    kind = blocks.ChoiceBlock(
        label=_("Kind of data the introduction describes"),
        choices=KIND_CHOICES,
        required=False,
        default="",
        help_text=KIND_HELP,
    )
    categories = list_block(DataCategoryBlock(), label=_("Categories"))

    class Meta:
        icon = "list-ul"
        label = _("Group of categories")


class PersonalDataBlock(SectionBlock):
    """The categories of personal data the service uses (UK GDPR Art 14(1)(d))."""

    groups = list_block(DataGroupBlock(), label=_("Groups"), min_num=1)
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "user"
        label = _("Personal data used")
        description = _(
            "The categories of personal information used, with special category and "
            "criminal offence data marked."
        )
        template = "notice_blocks/blocks/personal_data.html"
        default_heading = _("What personal information do we use?")
        preview_value = {
            "heading": "",
            "groups": [
                {
                    "intro": "<p>We use personal information such as:</p>",
                    "kind": "",
                    "categories": [
                        {"description": "Name, date of birth and address", "kind": PERSONAL},
                        {"description": "Information about your health", "kind": SPECIAL_CATEGORY},
                        {"description": "Criminal allegations", "kind": CRIMINAL_OFFENCE},
                    ],
                }
            ],
            "outro": "",
        }

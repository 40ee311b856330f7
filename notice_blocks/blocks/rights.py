from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from ..legal import STANDARD_RIGHTS, LegalProvision, choices, get_provision, rights_for_bases
from .base import (
    NoticeRichTextBlock,
    SectionBlock,
    SectionTextBlock,
    list_block,
    provision_title,
    provision_wording,
)

#: How the rights are shown: a list of titles and wording, or each under a sub-heading.
LIST = "list"
HEADINGS = "headings"
LAYOUT_CHOICES = [
    (LIST, _("A list: each right's title, then its wording")),
    (HEADINGS, _("Sub-headings: each right's title is a sub-heading above its wording")),
]


class RightStructValue(blocks.StructValue):
    def provision(self) -> LegalProvision | None:
        try:
            return get_provision(self.get("right"))
        except KeyError:
            return None


class RightBlock(blocks.StructBlock):
    """A right, in standard title and wording or the council's own, and when it applies.

    A bare code (``"access"``) is read as ``{"right": "access"}``: notices stored before a
    right had wording of its own hold lists of codes.
    """

    right = blocks.ChoiceBlock(label=_("Right"), choices=choices(STANDARD_RIGHTS))
    title = provision_title()
    wording = provision_wording()
    conditions = NoticeRichTextBlock(
        label=_("When it applies"),
        help_text=_("For example “This right only applies where we rely on your consent.”"),
    )

    class Meta:
        icon = "key"
        label = _("Right")
        value_class = RightStructValue
        #: A notice file may give a right as its code alone: ``access``.
        shorthand_field = "right"

    @staticmethod
    def from_code(value):
        return {"right": value} if isinstance(value, str) else value

    def to_python(self, value):
        return super().to_python(self.from_code(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self.from_code(value) for value in values])

    def normalize(self, value):
        if isinstance(value, str):
            return super().normalize({**self.get_default(), "right": value})
        return super().normalize(value)


@dataclass(frozen=True)
class ShownRight:
    """A right as the notice shows it: its provision, and the council's words if any."""

    provision: LegalProvision
    wording: RichText | None = None
    conditions: RichText | None = None
    title: str = ""

    @property
    def shown_title(self) -> str:
        """The council's own title; else the standard one, unless the council words the right.

        A right in the council's own words and without a title of its own has none: the
        council's sentence is shown as written, with nothing put before it.
        """
        if self.title:
            return self.title
        return "" if self.wording else str(self.provision.title)


def notice_rights_codes(body) -> list[str]:
    """The rights that follow from the lawful bases and automated decisions of ``body``."""
    article_6, article_9, automated = [], [], False
    for child in body or ():
        if child.block_type == "lawful_basis":
            article_6 += [basis.get("provision") for basis in child.value.get("bases") or ()]
            article_9 += [
                condition.get("provision")
                for condition in child.value.get("special_category_conditions") or ()
            ]
        elif child.block_type == "automated_decisions":
            automated = automated or child.value.get("used") == "yes"
    return rights_for_bases(article_6, article_9, automated)


class RightsStructValue(blocks.StructValue):
    def shown_rights(self, body=None) -> list[ShownRight]:
        """The rights the section shows: those it lists, else those that follow from the bases.

        The rights that follow from ``body``'s lawful bases are shown only where the section
        lists neither rights nor further rights: a section that gives only rights of its own
        words (``further_rights``) shows those alone.
        """
        entries = self.get("rights") or []
        if not entries:
            if any(self.get("further_rights") or ()):
                return []
            return [ShownRight(get_provision(code)) for code in notice_rights_codes(body)]
        shown = []
        for entry in entries:
            provision = entry.provision()
            if provision is not None:
                shown.append(
                    ShownRight(
                        provision,
                        entry.get("wording"),
                        entry.get("conditions"),
                        entry.get("title") or "",
                    )
                )
        return shown


class RightsBlock(SectionBlock):
    """The rights residents have (UK GDPR Art 13(2)(b)-(d), Art 77)."""

    intro = SectionTextBlock(label=_("Introduction"))
    rights = list_block(
        RightBlock(),
        label=_("Rights"),
        help_text=_(
            "Each right is shown with its standard wording unless you give your own. Leave "
            "this list and the further rights empty to show the rights that follow from the "
            "lawful bases of this notice."
        ),
    )
    layout = blocks.ChoiceBlock(
        label=_("How the rights are shown"),
        choices=LAYOUT_CHOICES,
        default=LIST,
        help_text=_(
            "With sub-headings, each right's title (your own, or else the standard one) is a "
            "sub-heading of this section."
        ),
    )
    further_rights = list_block(
        NoticeRichTextBlock(label=_("Further right")),
        label=_("Further rights and details"),
        help_text=_(
            "Rights or details in your own words. With further rights and no rights listed, "
            "only the further rights are shown."
        ),
    )
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "key"
        label = _("Rights")
        description = _(
            "The rights residents have over their information, in standard wording or the "
            "council's own."
        )
        template = "notice_blocks/blocks/rights.html"
        default_heading = _("Your rights")
        value_class = RightsStructValue
        preview_value = {
            "heading": "",
            "intro": "",
            "rights": [],
            "layout": LIST,
            "further_rights": [],
            "outro": "",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = context.get("page")
        context["rights"] = value.shown_rights(getattr(page, "body", None))
        context["rights_titled"] = all(right.shown_title for right in context["rights"])
        return context

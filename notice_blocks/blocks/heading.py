from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import PREVIEW_TEMPLATE, HeadingLevelBlock, SectionTextBlock


class PartHeadingBlock(blocks.StructBlock):
    """A heading over the sections that follow it, such as “Children’s services”.

    The sections below it take a level one lower (3), so that the page's headings stay in
    order; the contents list shows them beneath it.
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    heading_level = HeadingLevelBlock(
        help_text=_("2 for a part of the page; 3 for a part inside another part.")
    )
    text = SectionTextBlock(label=_("Text"))

    class Meta:
        icon = "title"
        label = _("Heading over several sections")
        description = _(
            "A heading over the sections that follow it; give those sections heading level 3."
        )
        template = "notice_blocks/blocks/part_heading.html"
        preview_template = PREVIEW_TEMPLATE
        form_classname = "struct-block notice-part-heading"
        preview_value = {
            "heading": "Children’s services",
            "heading_level": 2,
            "text": "<p>The sections below cover our services for children and families.</p>",
        }

    def get_heading(self, value) -> str:
        return value.get("heading") or ""

    def get_heading_level(self, value) -> int:
        return value.get("heading_level") or self.child_blocks["heading_level"].get_default()

    def shows_heading(self, value) -> bool:
        return bool(self.get_heading(value))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.get_heading(value)
        context["show_heading"] = True
        context["heading_level"] = self.get_heading_level(value)
        context["subheading_level"] = context["heading_level"] + 1
        return context

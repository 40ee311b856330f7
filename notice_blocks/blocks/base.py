"""What every section of a notice shares: a heading with a standard default."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from ..rich_text import sanitise

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
#: The admin's preview of a block: the block in a page's width, with the app's stylesheet.
PREVIEW_TEMPLATE = "notice_blocks/block_preview.html"


class NoticeRichTextBlock(blocks.RichTextBlock):
    """Rich text limited to what a plain, accessible notice needs.

    Whatever road a value comes in by (the editor, a notice file, a PO file, the
    translation editor), it is read and stored with only its features' markup (see
    ``notice_blocks.rich_text``).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return RichText(sanitise(value, self.features))

    def normalize(self, value):
        source = value.source if isinstance(value, RichText) else value
        return RichText(sanitise(source, self.features))

    def get_prep_value(self, value):
        return sanitise(value.source, self.features)


class HeadingLevelBlock(blocks.IntegerBlock):
    """The level of a section's heading, 2 to 4; its sub-headings are one level below.

    A section placed inside another block takes a lower level, so that the page's headings
    stay in order.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Heading level"))
        kwargs.setdefault("default", 2)
        kwargs.setdefault("min_value", 2)
        kwargs.setdefault("max_value", 4)
        kwargs.setdefault(
            "help_text", _("2 for a section of the page; 3 or 4 inside another section.")
        )
        super().__init__(**kwargs)


class SectionBlock(blocks.StructBlock):
    """A titled section of a notice; its heading appears in the contents list.

    ``Meta.default_heading`` is used when the editor leaves the heading blank, so the
    standard wording stays translated through the gettext catalogues. The heading's level
    is among the block's settings, collapsed in the editor.
    """

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the standard heading."),
    )
    heading_level = HeadingLevelBlock()

    class Meta:
        default_heading = ""
        form_classname = "struct-block notice-section"
        preview_template = PREVIEW_TEMPLATE

    def get_form_layout(self):
        # Wagtail 7.0 does not call this, and shows the heading level among the other fields.
        names = [name for name in self.child_blocks if name != "heading_level"]
        return blocks.BlockGroup(children=names, settings=["heading_level"])

    def get_heading(self, value) -> str:
        return value.get("heading") or str(self.meta.default_heading)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.get_heading(value)
        context["heading_level"] = (
            value.get("heading_level") or self.child_blocks["heading_level"].get_default()
        )
        context["subheading_level"] = context["heading_level"] + 1
        return context

"""What every section of a notice shares: a heading with a standard default."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from ..rich_text import sanitise

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
#: A section's own prose may hold sub-headings, shown one and two levels below its heading.
SECTION_TEXT_FEATURES = ["h3", "h4", *RICH_TEXT_FEATURES]
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


class SectionTextBlock(NoticeRichTextBlock):
    """A section's own prose, which may hold sub-headings (see ``SECTION_TEXT_FEATURES``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", SECTION_TEXT_FEATURES)
        super().__init__(**kwargs)


def provision_title() -> blocks.CharBlock:
    """A basis's, condition's or right's own title, shown instead of the standard one."""
    return blocks.CharBlock(
        label=_("Our title"),
        required=False,
        default="",
        max_length=255,
        help_text=_(
            "Shown instead of the standard title, for example “Your right of access” or "
            "“Employment and social security”. With your own wording and no title of your "
            "own, no title is shown."
        ),
    )


def provision_wording() -> NoticeRichTextBlock:
    """A basis's, condition's or right's own wording, shown instead of the standard one."""
    return NoticeRichTextBlock(
        label=_("Our wording"),
        help_text=_(
            "Shown instead of the standard title and wording, followed by the law's "
            "reference. Leave blank to use the standard wording."
        ),
    )


def list_block(child_block: blocks.Block, **kwargs) -> blocks.ListBlock:
    """A list that starts empty: a new block shows no blank item."""
    kwargs.setdefault("default", [])
    kwargs.setdefault("min_num", 0)
    return blocks.ListBlock(child_block, **kwargs)


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


#: The settings of a section, collapsed in the editor below its fields.
SECTION_SETTINGS = ("heading_level", "show_heading", "standard_subheadings")


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
    show_heading = blocks.BooleanBlock(
        label=_("Show the heading"),
        required=False,
        default=True,
        help_text=_(
            "Untick to show no heading: the section then continues the one before, and is "
            "left out of the contents list."
        ),
    )
    standard_subheadings = blocks.BooleanBlock(
        label=_("Show the standard sub-headings"),
        required=False,
        default=True,
        help_text=_(
            "Untick to show none of the sub-headings the section adds in standard wording, "
            "such as “Special category data”: write your own in its text instead."
        ),
    )

    class Meta:
        default_heading = ""
        form_classname = "struct-block notice-section"
        preview_template = PREVIEW_TEMPLATE

    def get_form_layout(self):
        # Wagtail 7.0 does not call this, and shows the heading level among the other fields.
        names = [name for name in self.child_blocks if name not in SECTION_SETTINGS]
        return blocks.BlockGroup(children=names, settings=list(SECTION_SETTINGS))

    def get_heading(self, value) -> str:
        return value.get("heading") or str(self.meta.default_heading)

    def get_heading_level(self, value) -> int:
        return value.get("heading_level") or self.child_blocks["heading_level"].get_default()

    def shows_heading(self, value) -> bool:
        """False when the editor hid the heading: the section continues the one before."""
        return value.get("show_heading", True) is not False

    def shows_standard_subheadings(self, value) -> bool:
        """False when the council writes its own sub-headings in the section's text."""
        return value.get("standard_subheadings", True) is not False

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.get_heading(value)
        context["show_heading"] = self.shows_heading(value)
        context["standard_subheadings"] = self.shows_standard_subheadings(value)
        context["heading_level"] = self.get_heading_level(value)
        context["subheading_level"] = context["heading_level"] + 1
        return context

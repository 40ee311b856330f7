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


class SectionBlock(blocks.StructBlock):
    """A titled section of a notice; its heading appears in the contents list.

    ``Meta.default_heading`` is used when the editor leaves the heading blank, so the
    standard wording stays translated through the gettext catalogues.
    """

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the standard heading."),
    )

    class Meta:
        default_heading = ""
        form_classname = "struct-block notice-section"
        preview_template = PREVIEW_TEMPLATE

    def get_heading(self, value) -> str:
        return value.get("heading") or str(self.meta.default_heading)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.get_heading(value)
        return context

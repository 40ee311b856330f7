"""The blocks an easy read notice is composed from: points with pictures, and a word list."""

import uuid

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from ..blocks import NoticeBodyBlock, SectionBlock
from ..blocks.base import PREVIEW_TEMPLATE
from .pictures import get_picture, picture_choices
from .places import meaning_anchor, point_anchor, section_numbers
from .point_text import point_lines
from .widgets import PictureRadioSelect

#: The size an editor's own picture is scaled to: twice the printed size, for sharp print.
IMAGE_RENDITION = "max-240x240"


def is_topic(block) -> bool:
    """Whether a block of the full notice is a topic that an easy read section covers.

    Sections are; a heading over several sections is not.
    """
    return isinstance(block, SectionBlock)


def topic_choices() -> list[tuple[str, str]]:
    """The kinds of section a full notice has: each easy read section covers one of them."""
    return [
        (name, block.label)
        for name, block in NoticeBodyBlock().child_blocks.items()
        if is_topic(block)
    ]


class ItemListBlock(blocks.ListBlock):
    """A list block whose default items have no id, so that each new item gets its own.

    The editor inserts a new section with the form state of the section's default value,
    made once for the page: ids in it would be shared by the first point of every section
    added, and the server gives an item without an id a new one.
    """

    def get_default(self):
        value = super().get_default()
        for item in value.bound_blocks:
            item.id = None
        return value


class EasyReadPointBlock(blocks.StructBlock):
    """A picture beside one to three short sentences."""

    picture = blocks.ChoiceBlock(
        label=_("Picture"),
        choices=picture_choices,
        required=False,
        widget=PictureRadioSelect,
        help_text=_("A picture from the library. It comes with alt text in every language."),
    )
    image = ImageChooserBlock(
        label=_("Or your own picture"),
        required=False,
        help_text=_("Shown instead of the library picture."),
    )
    alt_text = blocks.CharBlock(
        label=_("Alt text for your own picture"),
        required=False,
        max_length=255,
        help_text=_("Say what the picture shows, for people who cannot see it."),
    )
    text = blocks.TextBlock(
        label=_("Words"),
        rows=3,
        help_text=_(
            "One to three short sentences. Put each sentence on its own line. For a short "
            "list, write the line that leads into it, then each item on its own line, "
            "starting with “- ”."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Point")
        template = "notice_blocks/easy_read/blocks/point.html"
        form_classname = "struct-block easy-read-point"

    def get_context(self, value, parent_context=None):
        """The picture, the lines and lists, and the anchor its section's number gives it."""
        context = super().get_context(value, parent_context=parent_context)
        context["picture"] = point_picture(value)
        context["lines"] = point_lines(value["text"])
        context["anchor"] = point_anchor(context.get("section_number"), context.get("point_number"))
        return context


class PointPicture:
    """The picture a point shows: its address, alt text and size."""

    def __init__(self, url: str, alt: str, width: int = 120, height: int = 120):
        self.url = url
        self.alt = alt
        self.width = width
        self.height = height


def point_picture(value) -> PointPicture | None:
    """The editor's own picture if there is one, else the library picture, else ``None``."""
    image = value.get("image")
    if image is not None:
        rendition = image.get_rendition(IMAGE_RENDITION)
        return PointPicture(
            rendition.url, value.get("alt_text", ""), rendition.width // 2, rendition.height // 2
        )
    picture = get_picture(value.get("picture") or "")
    if picture is None:
        return None
    return PointPicture(static(picture.static_path), str(picture.alt))


class EasyReadSectionBlock(blocks.StructBlock):
    """A topic of the full notice, told as a few points."""

    topic = blocks.ChoiceBlock(
        label=_("Topic"),
        choices=topic_choices,
        help_text=_("The section of the full notice that this part explains."),
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    points = ItemListBlock(EasyReadPointBlock(), label=_("Points"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Easy read section")
        description = _("A topic of the notice as points, each with a picture.")
        template = "notice_blocks/easy_read/blocks/section.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "topic": "sharing",
            "heading": "Who we share it with",
            "points": [
                {
                    "picture": "sharing",
                    "text": "We share your information with people who help you.",
                },
                {"picture": "police", "text": "We share it with the police to keep you safe."},
            ],
        }

    def get_heading(self, value) -> str:
        return value["heading"]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.get_heading(value)
        return context


class WordBlock(blocks.StructBlock):
    word = blocks.CharBlock(label=_("Word"), max_length=100)
    meaning = blocks.TextBlock(
        label=_("What it means"),
        rows=2,
        help_text=_("In easy words, in one or two short sentences."),
    )

    class Meta:
        icon = "help"
        label = _("Word")


class WordListBlock(blocks.StructBlock):
    """Hard words and what they mean."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=255,
        help_text=_("Leave blank to use “Hard words”."),
    )
    words = ItemListBlock(WordBlock(), label=_("Words"), min_num=1)

    class Meta:
        icon = "openquote"
        label = _("Word list")
        description = _("Explains the hard words the notice uses.")
        template = "notice_blocks/easy_read/blocks/word_list.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "heading": "",
            "words": [
                {"word": "Personal information", "meaning": "Information about you."},
                {"word": "Consent", "meaning": "When you say yes to something."},
            ],
        }

    def get_heading(self, value) -> str:
        return value.get("heading") or str(_("Hard words"))

    def get_context(self, value, parent_context=None):
        """The heading, and each word with the anchor of its meaning."""
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.get_heading(value)
        context["entries"] = [
            (entry, meaning_anchor(number)) for number, entry in enumerate(value["words"], 1)
        ]
        return context


class EasyReadBodyBlock(blocks.StreamBlock):
    """The body of an easy read notice: its sections, then the word list."""

    section = EasyReadSectionBlock()
    word_list = WordListBlock()

    class Meta:
        label = _("Easy read sections")
        template = "notice_blocks/easy_read/blocks/body.html"
        block_counts = {"word_list": {"max_num": 1}}

    def get_context(self, value, parent_context=None):
        """Each child with its number among the sections, which its points' anchors use."""
        context = super().get_context(value, parent_context=parent_context)
        context["children"] = [(child, number) for _index, child, number in section_numbers(value)]
        return context

    def clean(self, value, *args, **kwargs):
        """The cleaned body, each of its blocks and items with an id of its own.

        Blocks copied in the editor, or saved before new items got ids of their own, may
        share one; translations name each point's words, and the contents list each section,
        by their ids.
        """
        # Wagtail 7.0 passes ``ignore_required_constraints`` when a draft is saved.
        value = super().clean(value, *args, **kwargs)
        seen: set[str] = set()
        for child in value:
            child.id = unique_id(child.id, seen)
            for name in ("points", "words"):
                if name in child.value:
                    for item in child.value[name].bound_blocks:
                        item.id = unique_id(item.id, seen)
        return value


def unique_id(block_id: str | None, seen: set[str]) -> str:
    """``block_id``, or a new id if it is blank or already taken; remembered in ``seen``."""
    if not block_id or block_id in seen:
        block_id = str(uuid.uuid4())
    seen.add(block_id)
    return block_id

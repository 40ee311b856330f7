"""The picture library: pictograms for the topics of a notice, each with its alt text."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

PICTURE_DIR = "notice_blocks/easy-read/pictures"


@dataclass(frozen=True)
class Picture:
    """A picture of the library: its key and what it shows, for people who cannot see it."""

    key: str
    alt: Promise

    @property
    def static_path(self) -> str:
        return f"{PICTURE_DIR}/{self.key}.svg"


_LIBRARY = (
    # You and your information
    Picture(
        "personal-information",
        pgettext_lazy(
            "easy read picture", "A person next to an identity card: information about you"
        ),
    ),
    Picture(
        "records",
        pgettext_lazy("easy read picture", "A folder full of papers: the records we keep"),
    ),
    Picture(
        "number-card",
        pgettext_lazy(
            "easy read picture", "A card with a row of dots: a number that belongs to you"
        ),
    ),
    Picture(
        "keeping-safe",
        pgettext_lazy("easy read picture", "A padlock: your information is kept safe"),
    ),
    Picture(
        "sharing",
        pgettext_lazy(
            "easy read picture", "Two people passing a paper between them: sharing information"
        ),
    ),
    Picture(
        "how-long",
        pgettext_lazy("easy read picture", "An hourglass: how long we keep your information"),
    ),
    Picture("clock", pgettext_lazy("easy read picture", "A clock")),
    Picture("computer", pgettext_lazy("easy read picture", "A computer screen")),
    Picture(
        "automated-decision",
        pgettext_lazy(
            "easy read picture", "A computer screen with a cog: a computer makes a decision"
        ),
    ),
    Picture(
        "decision",
        pgettext_lazy(
            "easy read picture", "A person choosing between a tick and a cross: making a decision"
        ),
    ),
    # People and places
    Picture(
        "family",
        pgettext_lazy("easy read picture", "A family: two adults and a child"),
    ),
    Picture("child", pgettext_lazy("easy read picture", "A child holding a balloon")),
    Picture(
        "protecting-children",
        pgettext_lazy("easy read picture", "A child inside a shield: keeping children safe"),
    ),
    Picture(
        "social-worker",
        pgettext_lazy("easy read picture", "A social worker wearing a work badge, with a child"),
    ),
    Picture(
        "health",
        pgettext_lazy("easy read picture", "A heart with a cross: health and care"),
    ),
    Picture("doctor", pgettext_lazy("easy read picture", "A doctor with a stethoscope")),
    Picture("police", pgettext_lazy("easy read picture", "A police officer")),
    Picture("school", pgettext_lazy("easy read picture", "A school building")),
    Picture(
        "court",
        pgettext_lazy("easy read picture", "A judge's hammer: a court"),
    ),
    Picture(
        "council",
        pgettext_lazy("easy read picture", "A building with columns and a flag: the council"),
    ),
    Picture("law", pgettext_lazy("easy read picture", "Weighing scales: the law")),
    # Your rights
    Picture(
        "rights",
        pgettext_lazy("easy read picture", "A person with a list of ticks: your rights"),
    ),
    Picture(
        "see-information",
        pgettext_lazy(
            "easy read picture", "An eye over a paper: you can see the information about you"
        ),
    ),
    Picture(
        "change",
        pgettext_lazy(
            "easy read picture", "A pencil writing on a paper: putting information right"
        ),
    ),
    Picture(
        "delete",
        pgettext_lazy("easy read picture", "A bin: getting rid of information"),
    ),
    Picture(
        "complaint",
        pgettext_lazy(
            "easy read picture", "A speech bubble with an exclamation mark: making a complaint"
        ),
    ),
    Picture(
        "regulator",
        pgettext_lazy(
            "easy read picture",
            "A shield with a tick: the independent body that protects your information rights",
        ),
    ),
    # Talking to us
    Picture(
        "contact",
        pgettext_lazy("easy read picture", "A person with a speech bubble: contact us"),
    ),
    Picture("phone", pgettext_lazy("easy read picture", "A telephone")),
    Picture(
        "email",
        pgettext_lazy("easy read picture", "An envelope with an at sign: email"),
    ),
    Picture(
        "letter",
        pgettext_lazy("easy read picture", "An envelope with a stamp: a letter"),
    ),
    Picture(
        "website",
        pgettext_lazy("easy read picture", "A web page with a mouse pointer: a website"),
    ),
    Picture(
        "meeting",
        pgettext_lazy("easy read picture", "Three people sitting at a table: a meeting"),
    ),
    Picture(
        "help",
        pgettext_lazy(
            "easy read picture", "A person with an arm round another person: getting help"
        ),
    ),
    Picture(
        "languages",
        pgettext_lazy(
            "easy read picture", "Two speech bubbles in different colours: other languages"
        ),
    ),
    # Signs
    Picture("question", pgettext_lazy("easy read picture", "A question mark")),
    Picture("yes", pgettext_lazy("easy read picture", "A green tick: yes")),
    Picture("no", pgettext_lazy("easy read picture", "A red cross: no")),
    Picture(
        "important",
        pgettext_lazy("easy read picture", "A red warning triangle: this is important"),
    ),
    Picture(
        "update",
        pgettext_lazy(
            "easy read picture", "Arrows going round a paper: the notice has been updated"
        ),
    ),
)

PICTURES: dict[str, Picture] = {picture.key: picture for picture in _LIBRARY}


def picture_choices() -> list[tuple[str, Promise]]:
    """The library as choices for a ``ChoiceBlock``: key and alt text."""
    return [(picture.key, picture.alt) for picture in PICTURES.values()]


def get_picture(key: str) -> Picture | None:
    """The library picture with this key, or ``None``."""
    return PICTURES.get(key)

"""What an import did."""

from dataclasses import dataclass, field

from wagtail.models import Page

from .errors import NoticeProblem


@dataclass(frozen=True)
class ImportResult:
    """The notice an import created or updated.

    ``changed`` is False when the file matched what was already there and nothing was
    written. ``parts`` holds the results of the file's sections that other apps own, by key
    (such as ``easy_read``). ``removed`` says what was taken out of the file's rich text, and
    where: markup its fields may not hold, such as scripts. ``summary`` is what a section
    that writes no page of its own (such as the notice's history) did, in a few words.
    """

    page: Page
    created: bool
    changed: bool
    parts: dict[str, "ImportResult"] = field(default_factory=dict)
    removed: tuple[NoticeProblem, ...] = ()
    summary: str = ""

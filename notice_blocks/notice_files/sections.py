"""Parts of a notice file that other apps own, such as the easy read version.

An app registers a ``NoticeFileSection`` when it is ready: the key it reads under
``notice``, how it checks and writes that part on import, and what it adds on export. A file
that holds the key of a section whose app is not installed is refused with a clear message.
"""

from typing import Protocol

from wagtail.models import Page

from .checking import FileChecker
from .results import ImportResult

#: Keys of the format that an app owns, with the app that reads them.
OPTIONAL_SECTION_APPS = {
    "easy_read": "notice_blocks.easy_read",
    "history": "notice_blocks.versions",
}


class NoticeFileSection(Protocol):
    """One part of a notice file under ``notice.<key>``, read and written by its app."""

    key: str

    def check(self, checker: FileChecker, notice: dict, page: Page | None) -> object | None:
        """Check ``notice[key]`` (when present), adding problems to ``checker``.

        Returns what to write (``None``: leave this part as it is). ``page`` is the notice
        that the file updates, if it exists.
        """

    def write(self, plan: object, notice: Page, publish: bool) -> ImportResult:
        """Write ``plan`` below ``notice``, as saved; raise ``NoticeFileError`` on a problem."""

    def export(self, notice: Page) -> dict | None:
        """This part of ``notice``'s file, or ``None`` when it has none."""

    def notice_of(self, page: Page) -> Page | None:
        """The notice whose file holds ``page``, when the section owns that page."""


_SECTIONS: dict[str, NoticeFileSection] = {}


def register_section(section: NoticeFileSection) -> None:
    """Read and write ``notice.<section.key>`` with ``section`` (call it in ``ready``)."""
    _SECTIONS[section.key] = section


def sections() -> list[NoticeFileSection]:
    """The registered sections, in the order of registration."""
    return list(_SECTIONS.values())


def section_keys() -> tuple[str, ...]:
    return tuple(_SECTIONS)

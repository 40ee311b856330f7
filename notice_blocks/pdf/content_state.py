"""What a live notice's PDF shows besides its revision's text, as a string to compare.

A PDF prints its revision, but apps may add lines that depend on more, such as a warning
that the text a translation translates has changed since. Each app registers a function
giving a page's state as a string, which changes when what the app adds to the PDF changes.
The state is stored with each PDF of a live revision when it is built; a stored PDF whose
state is no longer the page's is built again, and served meanwhile. PDFs of earlier
revisions stay as they were built.
"""

from collections.abc import Callable

from wagtail.models import Page

#: Given a live notice page (its row, not a revision), its state: "" for nothing added.
ContentState = Callable[[Page], str]

_STATES: list[ContentState] = []


def register_content_state(state: ContentState) -> None:
    """Rebuild a live notice's PDFs when ``state`` changes (call it in ``ready``)."""
    if state not in _STATES:
        _STATES.append(state)


def content_state(page: Page) -> str:
    """The states of ``page`` that are not empty, each named by its function, one a line."""
    lines = []
    for state in _STATES:
        value = state(page)
        if value:
            lines.append(f"{state.__module__}.{state.__qualname__}: {value}")
    return "\n".join(lines)

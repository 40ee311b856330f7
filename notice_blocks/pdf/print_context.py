"""What apps add to the template context of a stored PDF, given the revision it prints.

A stored PDF's templates are given ``revision_id``, the revision printed, and what each
registered function adds: the versions app, for instance, names the version whose PDF an
earlier revision's is, so that the lines under its title speak of that version.
"""

from collections.abc import Callable, Mapping
from typing import Any

from wagtail.models import Page

#: Given the page printed (a revision, with the page's current live revision) and the
#: revision's id, what to add to the context.
PrintContext = Callable[[Page, int], Mapping[str, Any]]

_CONTEXTS: list[PrintContext] = []


def register_print_context(context: PrintContext) -> None:
    """Add what ``context`` gives to the template context of stored PDFs (call it in ``ready``)."""
    if context not in _CONTEXTS:
        _CONTEXTS.append(context)


def print_context(page: Page, revision_id: int) -> dict[str, Any]:
    """The context stored PDFs of ``revision_id`` are rendered with, besides the page's own."""
    context: dict[str, Any] = {"revision_id": revision_id}
    for extra in _CONTEXTS:
        context.update(extra(page, revision_id))
    return context

"""Aliases: a synchronised copy of a page (in another locale's tree, say) shows its original's.

An alias has no revisions, versions or PDFs of its own: whatever it shows is its original's.
"""

from wagtail.models import Page


def original(page: Page) -> Page:
    """The page whose content ``page`` shows: ``page`` itself, or the page it is an alias of.

    An alias's original is given as Wagtail's ``Page``; ask for ``.specific`` when needed.
    """
    while page.alias_of_id is not None:
        page = page.alias_of
    return page

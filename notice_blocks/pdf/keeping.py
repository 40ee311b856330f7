"""Revisions whose PDFs are kept after the live revision's replace them.

A replaced revision's PDFs are deleted once the live revision's are stored, unless an app
keeps the revision: the versions app keeps the last revision of each version of a notice,
so that residents can download the PDF a version was given in. Kept revisions of live pages
may also be built, when their PDF is asked for and not stored.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet
from wagtail.models import Revision

#: Returns the ids of the revisions to keep, preferably as a query (``values("pk")``), which
#: is then read as a subquery of the query it narrows.
KeptRevisions = Callable[[], QuerySet | Iterable[int]]

_KEEPERS: list[KeptRevisions] = []


def register_kept_revisions(keeper: KeptRevisions) -> None:
    """Keep the PDFs of the revisions that ``keeper`` gives (call it in ``ready``)."""
    if keeper not in _KEEPERS:
        _KEEPERS.append(keeper)


def kept(field: str = "revision_id") -> Q:
    """A filter matching rows whose ``field`` is a kept revision (none when none is kept)."""
    condition = Q(pk__in=[])
    for keeper in _KEEPERS:
        condition |= Q(**{f"{field}__in": keeper()})
    return condition


def is_kept(revision_id: int, page_id: int) -> bool:
    """Whether an app keeps the PDFs of the revision, a revision of page ``page_id``."""
    revisions = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id))
    return revisions.filter(kept("pk")).exists()

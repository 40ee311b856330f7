"""The paths of a notice's versions, for frontend caches to purge with the notice.

Each version's page and PDFs (``versions/<number>/…``) are named; the version in force on a
day and comparisons are too many to name, and are sent so that caches in front revalidate.
"""

from wagtail import hooks

from ..aliases import original
from ..models import CACHED_PATHS_HOOK
from .models import NoticeVersion


@hooks.register(CACHED_PATHS_HOOK)
def version_paths(page) -> list[str]:
    """``versions/<number>/`` and the routes below it, for every version of ``page``."""
    numbers = NoticeVersion.objects.filter(page_id=original(page).pk).values_list(
        "number", flat=True
    )
    names = [
        pattern.name
        for pattern in page.get_subpage_urls()
        if pattern.name and set(getattr(pattern.pattern, "converters", {})) == {"number"}
    ]
    return [
        page.reverse_subpage(name, kwargs={"number": number})
        for number in numbers
        for name in names
    ]

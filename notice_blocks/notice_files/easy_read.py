"""The easy read version that a notice file may hold under ``notice.easy_read``."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlock, StreamValue

from ..models import EasyReadNoticePage, NoticePage
from .body import allowed, describe
from .checking import FileChecker, is_blank
from .easy_read_body import EasyReadBodyReader
from .errors import shown
from .locations import child_location
from .schema import EASY_READ_KEY, EASY_READ_KEYS, EASY_READ_SLUG
from .streams import body_data

LOCATION = child_location("notice", EASY_READ_KEY)


@dataclass
class EasyReadPlan:
    """A checked easy read version: what an import writes below the notice."""

    page: EasyReadNoticePage | None  # the notice's easy read version, if it has one
    current: EasyReadNoticePage | None  # that version's latest content (its latest revision)
    fields: dict[str, object]
    body: StreamValue

    def page_values(self) -> dict[str, object]:
        return {**self.fields, "body": self.body}


def easy_read_block() -> StreamBlock:
    return EasyReadNoticePage._meta.get_field("body").stream_block


def easy_read_of(notice: NoticePage) -> EasyReadNoticePage | None:
    """The notice's easy read version (a child page; there is at most one)."""
    return EasyReadNoticePage.objects.child_of(notice).order_by("path").first()


def check_easy_read(
    checker: FileChecker, notice: dict, page: NoticePage | None
) -> EasyReadPlan | None:
    """Check ``notice.easy_read``, adding problems to ``checker``.

    None when the file has no easy read version (or it cannot be used): a notice's easy
    read version is left as it is by a file that leaves the key out.
    """
    if EASY_READ_KEY not in notice:
        return None
    easy_read = notice[EASY_READ_KEY]
    if not isinstance(easy_read, dict):
        checker.error(
            LOCATION,
            _(
                "Expected the easy read version: a mapping with the keys %(keys)s; found "
                "%(found)s. Leave the key out to keep the notice's easy read version as it is."
            )
            % {"keys": allowed(EASY_READ_KEYS), "found": describe(easy_read)},
        )
        return None
    for key in easy_read:
        if key not in EASY_READ_KEYS:
            checker.error(
                child_location(LOCATION, shown(str(key))),
                _("Unknown key “%(key)s”. Allowed keys: %(keys)s.")
                % {"key": shown(str(key)), "keys": allowed(EASY_READ_KEYS)},
            )
    if is_blank(easy_read.get("title")):
        checker.error(
            child_location(LOCATION, "title"),
            _("Missing: every easy read version has a title."),
        )
    fields = checker.check_page_fields(easy_read, LOCATION, EasyReadNoticePage)
    fields.setdefault("slug", EASY_READ_SLUG)
    existing = easy_read_of(page) if page is not None else None
    current = existing.get_latest_revision_as_object() if existing is not None else None
    body_location = child_location(LOCATION, "body")
    if "body" not in easy_read:
        checker.error(
            body_location, _("Missing: every easy read version has a body, a list of sections.")
        )
        return None
    block = easy_read_block()
    body = checker.check_stream(
        block,
        EasyReadBodyReader(),
        easy_read["body"],
        body_location,
        body_data(block, current.body) if current else None,
        f"{notice.get('slug') or notice.get('title')}.{EASY_READ_KEY}.body",
    )
    return EasyReadPlan(existing, current, fields, body)

"""The easy read version that a notice file may hold under ``notice.easy_read``."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlock, StreamValue
from wagtail.models import Page

from ..notice_files.body import allowed, describe
from ..notice_files.checking import FileChecker, is_blank
from ..notice_files.errors import NoticeFileError, NoticeProblem, shown
from ..notice_files.exporting import page_fields
from ..notice_files.locations import child_location
from ..notice_files.results import ImportResult
from ..notice_files.saving import model_problems, save_page
from ..notice_files.schema import PAGE_FIELDS
from ..notice_files.sections import register_section
from ..notice_files.streams import body_data
from .checks import Finding
from .models import EasyReadNoticePage
from .notice_file_body import EasyReadBodyReader
from .publishing import publish_findings

KEY = "easy_read"
KEYS = (*PAGE_FIELDS, "body")
LOCATION = child_location("notice", KEY)
#: The slug of an easy read version whose file gives none.
DEFAULT_SLUG = "easy-read"


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


def easy_read_of(notice: Page) -> EasyReadNoticePage | None:
    """The notice's easy read version (a child page; there is at most one)."""
    return EasyReadNoticePage.objects.child_of(notice).order_by("path").first()


def check_easy_read(checker: FileChecker, notice: dict, page: Page | None) -> EasyReadPlan | None:
    """Check ``notice.easy_read``, adding problems to ``checker``.

    None when the file has no easy read version (or it cannot be used): a notice's easy
    read version is left as it is by a file that leaves the key out.
    """
    if KEY not in notice:
        return None
    easy_read = notice[KEY]
    if not isinstance(easy_read, dict):
        checker.error(
            LOCATION,
            _(
                "Expected the easy read version: a mapping with the keys %(keys)s; found "
                "%(found)s. Leave the key out to keep the notice's easy read version as it is."
            )
            % {"keys": allowed(KEYS), "found": describe(easy_read)},
        )
        return None
    for key in easy_read:
        if key not in KEYS:
            checker.error(
                child_location(LOCATION, shown(str(key))),
                _("Unknown key “%(key)s”. Allowed keys: %(keys)s.")
                % {"key": shown(str(key)), "keys": allowed(KEYS)},
            )
    if is_blank(easy_read.get("title")):
        checker.error(
            child_location(LOCATION, "title"),
            _("Missing: every easy read version has a title."),
        )
    fields = checker.check_page_fields(easy_read, LOCATION, EasyReadNoticePage)
    fields.setdefault("slug", DEFAULT_SLUG)
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
        f"{notice.get('slug') or notice.get('title')}.{KEY}.body",
    )
    return EasyReadPlan(existing, current, fields, body)


def write_easy_read(plan: EasyReadPlan, notice: Page, publish: bool) -> ImportResult:
    """Create or update the easy read version below ``notice``, as the import saved it.

    It is published only if it may be (``publish_findings``); else the import is refused,
    each problem at its place in the file.
    """
    # Read again, below the notice as now saved: the check's copy was read before it.
    page = easy_read_of(notice) if plan.page is not None else None
    current = page.get_latest_revision_as_object() if page is not None else None
    try:
        return save_page(
            EasyReadNoticePage,
            notice,
            page,
            current,
            plan.page_values(),
            publish,
            before_publish=check_plain_language,
        )
    except ValidationError as error:
        raise NoticeFileError(problems=model_problems(error, LOCATION, KEYS)) from error


def check_plain_language(page: EasyReadNoticePage) -> None:
    """Refuse to publish an easy read version that may not be, as the editor does."""
    findings = publish_findings(page)
    if findings:
        raise NoticeFileError(
            problems=[
                NoticeProblem(finding_location(finding), finding.problem) for finding in findings
            ]
        )


def finding_location(finding: Finding) -> str:
    """Where in a notice file a finding is: a point's or a word's field, or the body."""
    location = child_location(LOCATION, "body")
    place = finding.place
    if place is None:
        return location
    item = f"{location}[{place.section_index}].value.{place.list_name}[{place.item_index}]"
    return child_location(item, place.field)


def export_easy_read(notice: Page) -> dict | None:
    """The notice's easy read version as its file holds it, if it has one."""
    easy_read = easy_read_of(notice)
    if easy_read is None:
        return None
    return {
        **page_fields(easy_read),
        "body": body_data(easy_read.body.stream_block, easy_read.body),
    }


def full_notice_of(page: Page) -> Page | None:
    """The notice whose file holds an easy read page."""
    return page.full_notice if isinstance(page, EasyReadNoticePage) else None


class EasyReadSection:
    """``notice.easy_read`` of a notice file: the notice's easy read version."""

    key = KEY

    def check(self, checker: FileChecker, notice: dict, page: Page | None):
        return check_easy_read(checker, notice, page)

    def write(self, plan: EasyReadPlan, notice: Page, publish: bool) -> ImportResult:
        return write_easy_read(plan, notice, publish)

    def export(self, notice: Page) -> dict | None:
        return export_easy_read(notice)

    def notice_of(self, page: Page) -> Page | None:
        return full_notice_of(page)


def register_notice_file_section() -> None:
    register_section(EasyReadSection())

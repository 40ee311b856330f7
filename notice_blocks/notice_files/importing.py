"""Importing a notice file: create or update a notice and its easy read version, all or nothing."""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ..models import AbstractNoticePage, EasyReadNoticePage, NoticePage
from .easy_read import LOCATION as EASY_READ_LOCATION
from .easy_read import EasyReadPlan, easy_read_of
from .errors import NoticeFileError, NoticeProblem, shown
from .reading import NoticeFileData, child_location
from .sanitising import removed_markup_problems
from .schema import EASY_READ_KEYS, NOTICE_KEYS, PAGE_FIELDS, SNIPPET_MODELS
from .streams import body_data
from .validation import NoticePlan, check_notice


@dataclass(frozen=True)
class ImportResult:
    """The notice an import created or updated.

    ``changed`` is False when the file matched what was already there and nothing was
    written. ``easy_read`` is the result for the notice's easy read version, when the file
    has one. ``removed`` says what was taken out of the file's rich text, and where: markup
    its fields may not hold, such as scripts.
    """

    page: AbstractNoticePage
    created: bool
    changed: bool
    easy_read: "ImportResult | None" = None
    removed: tuple[NoticeProblem, ...] = ()


def import_notice(data: dict, *, parent: Page | None = None, publish: bool = True) -> ImportResult:
    """Create or update the notice that ``data`` (a notice file's content) describes.

    The notice is the ``NoticePage`` child of ``parent`` (the default site's root page if
    None) whose slug matches. An update is saved as a new revision, published unless
    ``publish`` is False. The file's easy read version, if it has one, is created or updated
    in the same way as the ``EasyReadNoticePage`` child of the notice; a file without one
    leaves the notice's easy read version as it is. Everything is checked first and written
    in one transaction: a problem anywhere raises ``NoticeFileError`` and leaves the database
    as it was.
    """
    source = data.source if isinstance(data, NoticeFileData) else ""
    parent = parent or _default_parent(source)
    if not NoticePage.can_exist_under(parent):
        raise NoticeFileError(
            _("A privacy notice cannot be placed under “%(title)s” (a %(kind)s).")
            % {"title": parent.title, "kind": parent.specific_class._meta.verbose_name},
            source=source,
        )
    try:
        plan = check_notice(data, parent)
        try:
            with transaction.atomic():
                result = _write(plan, publish)
                if publish and result.easy_read is not None and result.easy_read.changed:
                    check_plain_language(result.easy_read.page)
            return replace(result, removed=_removed_markup(data))
        except ValidationError as error:
            # A check made only on saving, such as a slug already used by another page.
            raise NoticeFileError(problems=_model_problems(error)) from error
        except DatabaseError as error:
            # Anything the checks let through that the database refuses: the transaction
            # has rolled back, so nothing is written.
            raise NoticeFileError(
                _("The database refused the notice, so nothing was written: %(error)s")
                % {"error": shown(" ".join(str(error).split()), 200)}
            ) from error
    except NoticeFileError as error:
        if isinstance(data, NoticeFileData):
            raise error.located(data.line_of, source) from error.__cause__
        raise


def _removed_markup(data: dict) -> tuple[NoticeProblem, ...]:
    """What importing took out of the notice's rich text, with its line where known."""
    block = NoticePage._meta.get_field("body").stream_block
    problems = removed_markup_problems(block, data["notice"]["body"], "notice.body")
    if isinstance(data, NoticeFileData):
        problems = [replace(problem, line=data.line_of(problem.location)) for problem in problems]
    return tuple(problems)


def check_plain_language(page: EasyReadNoticePage) -> None:
    """Refuse to publish an easy read version that fails its checks, as the editor does.

    Runs where ``NOTICE_EASY_READ_ENFORCE_ON_PUBLISH`` says so, on the page as written; the
    problems name the places in the file, and the surrounding transaction undoes the import.
    """
    from ..easy_read.forms import enforced_on_publish
    from ..easy_read.review import EasyReadReview

    if not enforced_on_publish():
        return
    findings = EasyReadReview.of(page).findings
    if findings:
        raise NoticeFileError(
            problems=[
                NoticeProblem(finding_location(finding), finding.message) for finding in findings
            ]
        )


def finding_location(finding) -> str:
    """Where in a notice file a plain-language finding is: a point's field, or the body."""
    location = child_location(EASY_READ_LOCATION, "body")
    if finding.section_index is None or finding.point_index is None:
        return location
    point = f"{location}[{finding.section_index}].value.points[{finding.point_index}]"
    return child_location(point, finding.field or "text")


def _default_parent(source: str) -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise NoticeFileError(
            _("There is no default site to import into: choose a parent page."), source=source
        )
    return site.root_page


def _write(plan: NoticePlan, publish: bool) -> ImportResult:
    details_changed = False
    for detail in plan.shared_details.values():
        if detail is not None and detail.changed:
            detail.instance.save()
            details_changed = True
    notice = _save_page(
        NoticePage, plan.parent, plan.page, plan.current, plan.page_values(), publish
    )
    easy_read = None
    if plan.easy_read is not None:
        try:
            easy_read = _save_easy_read(plan.easy_read, notice.page, publish)
        except ValidationError as error:
            # Raised inside the transaction: the notice is rolled back too.
            raise NoticeFileError(
                problems=_model_problems(error, EASY_READ_LOCATION, EASY_READ_KEYS)
            ) from error
    changed = notice.changed or details_changed or bool(easy_read and easy_read.changed)
    return ImportResult(notice.page, notice.created, changed, easy_read)


def _save_easy_read(plan: EasyReadPlan, notice: NoticePage, publish: bool) -> ImportResult:
    # Read again, below the notice as now saved: the check's copy was read before it.
    page = easy_read_of(notice) if plan.page is not None else None
    current = page.get_latest_revision_as_object() if page is not None else None
    return _save_page(EasyReadNoticePage, notice, page, current, plan.page_values(), publish)


def _save_page(
    model: type[AbstractNoticePage],
    parent: Page,
    page: AbstractNoticePage | None,
    current: AbstractNoticePage | None,
    values: dict[str, object],
    publish: bool,
) -> ImportResult:
    """Create ``page`` under ``parent``, or save a revision of it when its content changed."""
    if page is None:
        page = model(**values)
        page.live = publish
        parent.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
        return ImportResult(model.objects.get(pk=page.pk), created=True, changed=True)

    if content_of(current) == content_of(model(**values)):
        if not publish or (page.live and not page.has_unpublished_changes):
            return ImportResult(page, created=False, changed=False)
        # The file matches a draft: publish it.
        revision = page.get_latest_revision() or current.save_revision(log_action=True)
    else:
        for name, value in values.items():
            setattr(current, name, value)
        revision = current.save_revision(log_action=True)
    if publish:
        revision.publish()
    return ImportResult(model.objects.get(pk=page.pk), created=False, changed=True)


def content_of(page: AbstractNoticePage) -> dict:
    """What a notice file says about a page, with shared details as their ids."""
    content: dict[str, object] = {name: getattr(page, name) for name in PAGE_FIELDS}
    if isinstance(page, NoticePage):
        content.update({key: getattr(page, f"{key}_id") for key in SNIPPET_MODELS})
    content["body"] = body_data(page.body.stream_block, page.body)
    return content


def _model_problems(
    error: ValidationError, location: str = "notice", keys: tuple[str, ...] = NOTICE_KEYS
) -> list[NoticeProblem]:
    """A page's own validation errors, at the location of their field in the file."""
    if not hasattr(error, "error_dict"):
        return [NoticeProblem(location, message) for message in error.messages]
    return [
        NoticeProblem(child_location(location, field) if field in keys else location, message)
        for field, messages in error.message_dict.items()
        for message in messages
    ]

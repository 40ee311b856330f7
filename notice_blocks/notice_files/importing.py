"""Importing a notice file: create or update a notice and its easy read version, all or nothing."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ..models import AbstractNoticePage, NoticePage
from .errors import NoticeFileError, NoticeProblem, shown
from .reading import NoticeFileData
from .results import ImportResult
from .sanitising import removed_markup_problems
from .saving import model_problems, save_page
from .sections import sections
from .validation import NoticePlan, check_notice


def import_notice(
    data: dict,
    *,
    parent: Page | None = None,
    publish: bool = True,
    model: type[AbstractNoticePage] = NoticePage,
) -> ImportResult:
    """Create or update the notice that ``data`` (a notice file's content) describes.

    The notice is the ``model`` child of ``parent`` (the default site's root page if None)
    whose slug matches. An update is saved as a new revision, published unless ``publish``
    is False. The parts of the file that other apps own (see ``sections``), such as its easy
    read version, are written by them below the notice; a file without one leaves that part
    as it is. Everything is checked first and written in one transaction: a problem anywhere
    raises ``NoticeFileError`` and leaves the database as it was.
    """
    source = data.source if isinstance(data, NoticeFileData) else ""
    parent = parent or _default_parent(source)
    if not model.can_exist_under(parent):
        raise NoticeFileError(
            _("A privacy notice cannot be placed under “%(title)s” (a %(kind)s).")
            % {"title": parent.title, "kind": parent.specific_class._meta.verbose_name},
            source=source,
        )
    try:
        plan = check_notice(data, parent, model)
        try:
            with transaction.atomic():
                result = _write(plan, publish)
            return replace(result, removed=_removed_markup(data, model))
        except ValidationError as error:
            # A check made only on saving, such as a slug already used by another page.
            raise NoticeFileError(problems=model_problems(error)) from error
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


def _removed_markup(data: dict, model: type[AbstractNoticePage]) -> tuple[NoticeProblem, ...]:
    """What importing took out of the notice's rich text, with its line where known."""
    block = model._meta.get_field("body").stream_block
    problems = removed_markup_problems(block, data["notice"]["body"], "notice.body")
    if isinstance(data, NoticeFileData):
        problems = [replace(problem, line=data.line_of(problem.location)) for problem in problems]
    return tuple(problems)


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
    notice = save_page(
        plan.model, plan.parent, plan.page, plan.current, plan.page_values(), publish
    )
    # Raised inside the transaction, a section's problem rolls the notice back too.
    parts = {
        section.key: section.write(plan.parts[section.key], notice.page, publish)
        for section in sections()
        if plan.parts.get(section.key) is not None
    }
    changed = notice.changed or details_changed or any(part.changed for part in parts.values())
    return ImportResult(notice.page, notice.created, changed, parts)

"""Importing a notice file: create or update a notice, all or nothing."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ..models import NoticePage
from .errors import NoticeFileError, NoticeProblem
from .reading import NoticeFileData
from .schema import NOTICE_KEYS, PAGE_FIELDS, SNIPPET_MODELS
from .streams import body_data
from .validation import NoticePlan, body_block, check_notice


@dataclass(frozen=True)
class ImportResult:
    """The notice an import created or updated.

    ``changed`` is False when the file matched what was already there and nothing was
    written.
    """

    page: NoticePage
    created: bool
    changed: bool


def import_notice(data: dict, *, parent: Page | None = None, publish: bool = True) -> ImportResult:
    """Create or update the notice that ``data`` (a notice file's content) describes.

    The notice is the ``NoticePage`` child of ``parent`` (the default site's root page if
    None) whose slug matches. An update is saved as a new revision, published unless
    ``publish`` is False. Everything is checked first and written in one transaction: a
    problem anywhere raises ``NoticeFileError`` and leaves the database as it was.
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
                return _write(plan, publish)
        except ValidationError as error:
            # A check made only on saving, such as a slug already used by another page.
            raise NoticeFileError(problems=_model_problems(error)) from error
    except NoticeFileError as error:
        if isinstance(data, NoticeFileData):
            raise error.located(data.line_of, source) from error.__cause__
        raise


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
    values = plan.page_values()

    if plan.page is None:
        page = NoticePage(**values)
        page.live = publish
        plan.parent.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
        return ImportResult(NoticePage.objects.get(pk=page.pk), created=True, changed=True)

    page, current = plan.page, plan.current
    if content_of(current) == content_of(NoticePage(**values)):
        if not publish or (page.live and not page.has_unpublished_changes):
            return ImportResult(page, created=False, changed=details_changed)
        # The file matches a draft: publish it.
        revision = page.get_latest_revision() or current.save_revision(log_action=True)
    else:
        for name, value in values.items():
            setattr(current, name, value)
        revision = current.save_revision(log_action=True)
    if publish:
        revision.publish()
    return ImportResult(NoticePage.objects.get(pk=page.pk), created=False, changed=True)


def content_of(page: NoticePage) -> dict:
    """What a notice file says about a page, with shared details as their ids."""
    return {
        **{name: getattr(page, name) for name in PAGE_FIELDS},
        **{key: getattr(page, f"{key}_id") for key in SNIPPET_MODELS},
        "body": body_data(body_block(), page.body),
    }


def _model_problems(error: ValidationError) -> list[NoticeProblem]:
    if not hasattr(error, "error_dict"):
        return [NoticeProblem("notice", message) for message in error.messages]
    return [
        NoticeProblem(f"notice.{field}" if field in NOTICE_KEYS else "notice", message)
        for field, messages in error.message_dict.items()
        for message in messages
    ]

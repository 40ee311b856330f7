"""Writing one page of a notice file: a new page, or a new revision when its content changed."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from wagtail.models import Page

from ..models import AbstractNoticePage
from .errors import NoticeProblem
from .locations import child_location
from .results import ImportResult
from .schema import NOTICE_KEYS, SNIPPET_MODELS
from .streams import body_data

#: Called with the page as it is about to be published; raises to refuse publishing it.
BeforePublish = Callable[[AbstractNoticePage], None]


def save_page(
    model: type[AbstractNoticePage],
    parent: Page,
    page: AbstractNoticePage | None,
    current: AbstractNoticePage | None,
    values: dict[str, object],
    publish: bool,
    before_publish: BeforePublish | None = None,
) -> ImportResult:
    """Create ``page`` under ``parent``, or save a revision of it when its content changed."""
    if page is None:
        page = model(**values)
        page.live = publish
        parent.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if publish:
            _publish(revision, before_publish)
        return ImportResult(model.objects.get(pk=page.pk), created=True, changed=True)

    if content_of(current, values) == content_of(model(**values), values):
        if not publish or (page.live and not page.has_unpublished_changes):
            return ImportResult(page, created=False, changed=False)
        # The file matches a draft: publish it.
        revision = page.get_latest_revision() or current.save_revision(log_action=True)
    else:
        for name, value in values.items():
            setattr(current, name, value)
        revision = current.save_revision(log_action=True)
    if publish:
        _publish(revision, before_publish)
    return ImportResult(model.objects.get(pk=page.pk), created=False, changed=True)


def _publish(revision, before_publish: BeforePublish | None) -> None:
    if before_publish is not None:
        before_publish(revision.as_object())
    revision.publish()


def content_of(page: AbstractNoticePage, names: Iterable[str]) -> dict:
    """What a notice file says about a page: its fields ``names``, shared details as ids."""
    content: dict[str, object] = {}
    for name in names:
        if name == "body":
            content[name] = body_data(page.body.stream_block, page.body)
        elif name in SNIPPET_MODELS:
            content[name] = getattr(page, f"{name}_id")
        else:
            content[name] = getattr(page, name)
    return content


def model_problems(
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

"""Whether a notice may be published: the one completeness gate every road to publishing uses.

The editor's form, the admin's publish actions and ``AbstractNoticePage.publish`` (which
workflows, scheduled publishing, imports of notice files and translations go through) all
ask ``publish_findings``.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from wagtail.log_actions import log

from ..conf import setting
from .check import check_notice_page, is_checked
from .findings import Finding, Severity

logger = logging.getLogger(__name__)

#: The log action of a scheduled publication the completeness check refused.
REFUSED_ACTION = "notice_blocks.publish_refused"
SCHEDULED_ACTION = "wagtail.publish.scheduled"


def enforced_on_publish() -> bool:
    """Whether a notice missing a required item is kept from publication (a setting)."""
    return setting("NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH")


def publish_findings(page) -> tuple[Finding, ...]:
    """What keeps ``page`` (saved or not) from being published; empty when it may be.

    The “required” findings of the completeness check, where
    ``NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH`` says so, on pages of a type it checks. A notice
    the check fails on is not published either: the error is logged, and the finding says so.
    """
    if not enforced_on_publish() or not is_checked(page):
        return ()
    try:
        findings = check_notice_page(page)
    except Exception:
        logger.exception("The completeness of page %s could not be checked", page.pk)
        return (not_checked(),)
    return tuple(finding for finding in findings if finding.severity == Severity.ERROR)


def not_checked() -> Finding:
    return Finding(
        rule="not-checked",
        article="",
        severity=Severity.ERROR,
        message=gettext(
            "The notice could not be checked for completeness, so it cannot be published yet. "
            "Save it as a draft, and ask the site's maintainers to look at the error logged."
        ),
    )


def describe(finding: Finding) -> str:
    """A finding as one message: what is wrong, and the provisions that require it."""
    return f"{finding.message} ({finding.article})" if finding.article else finding.message


def refusal(page, findings: tuple[Finding, ...]) -> ValidationError:
    """The error that refuses publishing, each message on the field it is about.

    Findings about a section are given on the body, the others on the page field they name
    (where the page has it) or on the page as a whole.
    """
    fields = {field.name for field in page._meta.get_fields()}
    errors: dict[str, list[str]] = {}
    for finding in findings:
        if finding.section_index is not None and "body" in fields:
            name = "body"
        elif finding.field in fields:
            name = finding.field
        else:
            name = NON_FIELD_ERRORS
        errors.setdefault(name, []).append(describe(finding))
    return ValidationError(errors)


def may_publish(revision, log_action=True) -> bool:
    """Whether ``revision`` of a notice may be published; raises if it may not.

    The ``ValidationError`` names each finding. A scheduled publication (``log_action``
    ``"wagtail.publish.scheduled"``) is not raised on, so that the scheduler goes on with the
    other pages: its schedule is withdrawn, the refusal is logged in the page's history, and
    False is returned.
    """
    page = revision.as_object()
    findings = publish_findings(page)
    if not findings:
        return True
    if log_action != SCHEDULED_ACTION:
        raise refusal(page, findings)
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    log(
        instance=page,
        action=REFUSED_ACTION,
        revision=revision,
        data={"findings": [describe(finding) for finding in findings]},
    )
    logger.warning(
        "The scheduled publication of page %s was withdrawn: %s",
        page.pk,
        "; ".join(describe(finding) for finding in findings),
    )
    return False

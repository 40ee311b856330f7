"""Reminder emails: each notice due for review is sent to its recipients once per kind.

A notice is reminded of once when its review date comes within ``NOTICE_REVIEW_DUE_SOON_DAYS``
(“due soon”) and once when the date has passed (“overdue”); a new review date starts again.
Each recipient gets one email a run, listing the notices newly due, in their language.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.admin.mail import send_mail
from wagtail.admin.utils import get_admin_base_url

from .due import DueNotice, due_notices
from .models import ReviewReminder
from .recipients import Recipient, recipients_of

logger = logging.getLogger("notice_blocks.review")

SUBJECT_TEMPLATE = "notice_blocks/review/email/subject.txt"
BODY_TEMPLATE = "notice_blocks/review/email/body.txt"


@dataclass
class Sending:
    """What a run sent (or, in a dry run, would send): the notices, and each address's list."""

    reminded: list[DueNotice] = field(default_factory=list)
    emails: dict[str, list[DueNotice]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


def send_due_reminders(*, today: date | None = None, dry_run: bool = False) -> Sending:
    """Send the reminders not sent yet about the notices due for review."""
    sending = Sending()
    by_recipient: dict[Recipient, list[DueNotice]] = defaultdict(list)
    for due in due_notices(today=today):
        if already_sent(due):
            continue
        recipients = recipients_of(due.page)
        if not recipients or (not dry_run and not claim(due, len(recipients))):
            continue
        sending.reminded.append(due)
        for recipient in recipients:
            by_recipient[recipient].append(due)
    unsent: set[DueNotice] = set()
    for recipient, notices in by_recipient.items():
        sending.emails[recipient.email] = notices
        if dry_run:
            continue
        try:
            send_reminder(recipient, notices)
        except Exception:
            logger.exception("Could not send the review reminder to %s", recipient.email)
            sending.failed.append(recipient.email)
            unsent.update(notices)
    for due in unsent:
        # Tried again by the next run.
        release(due)
    return sending


def already_sent(due: DueNotice) -> bool:
    return ReviewReminder.objects.filter(
        page_id=due.page.pk, due_on=due.due_on, kind=due.kind
    ).exists()


def claim(due: DueNotice, recipients: int) -> bool:
    """Record the reminder before it is sent; False if another run recorded it first."""
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(
                page_id=due.page.pk, due_on=due.due_on, kind=due.kind, recipients=recipients
            )
    except IntegrityError:
        return False
    return True


def release(due: DueNotice) -> None:
    ReviewReminder.objects.filter(page_id=due.page.pk, due_on=due.due_on, kind=due.kind).delete()


@dataclass(frozen=True)
class Line:
    """A notice in a reminder email, with the admin's links to it."""

    due: DueNotice
    edit_url: str
    findings_url: str


def send_reminder(recipient: Recipient, notices: list[DueNotice]) -> None:
    """One email to ``recipient`` listing ``notices``, in the recipient's language."""
    base_url = (get_admin_base_url() or "").rstrip("/")
    lines = [
        Line(
            due,
            base_url + reverse("wagtailadmin_pages:edit", args=[due.page.pk]),
            base_url + reverse("notice_completeness:page", args=[due.page.pk]),
        )
        for due in notices
    ]
    context = {
        "overdue": [line for line in lines if line.due.overdue],
        "due_soon": [line for line in lines if not line.due.overdue],
        "report_url": base_url + reverse("notice_review:report"),
    }
    with translation.override(recipient.language_code):
        subject = " ".join(render_to_string(SUBJECT_TEMPLATE, context).split())
        body = render_to_string(BODY_TEMPLATE, context)
    send_mail(subject, body, [recipient.email])

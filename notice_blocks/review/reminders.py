"""Reminder emails: each notice due for review is sent to each recipient once per kind.

A notice is reminded of once when its review date comes within ``NOTICE_REVIEW_DUE_SOON_DAYS``
(“due soon”) and once when the date has passed (“overdue”); a new review date starts again.
Each recipient gets one email a run, listing the notices newly due for them, in their
language. Each (notice, review date, kind, address) is recorded before its email goes; an
email that cannot be sent has its records removed, so that the next run retries that address
alone and the others are not written to again.
"""

import logging
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
    recipients: dict[str, Recipient] = {}
    for due in due_notices(today=today):
        reached = [
            recipient
            for recipient in unreminded(due, recipients_of(due.page))
            if dry_run or claim(due, recipient)
        ]
        if reached:
            sending.reminded.append(due)
        for recipient in reached:
            # One email an address: in the language of the first notice that names it.
            recipient = recipients.setdefault(recipient.address, recipient)
            sending.emails.setdefault(recipient.email, []).append(due)
    if not dry_run:
        for recipient in recipients.values():
            notices = sending.emails[recipient.email]
            try:
                send_reminder(recipient, notices)
            except Exception:
                logger.exception("Could not send the review reminder to %s", recipient.email)
                sending.failed.append(recipient.email)
                # Tried again by the next run, for this address alone.
                release(notices, recipient)
    return sending


def unreminded(due: DueNotice, recipients: list[Recipient]) -> list[Recipient]:
    """The ``recipients`` not reminded yet of ``due`` (its notice, review date and kind)."""
    reminded = set(reminders_of(due).values_list("email", flat=True))
    return [recipient for recipient in recipients if recipient.address not in reminded]


def reminders_of(due: DueNotice):
    return ReviewReminder.objects.filter(page_id=due.page.pk, due_on=due.due_on, kind=due.kind)


def claim(due: DueNotice, recipient: Recipient) -> bool:
    """Record the reminder to one address before it is sent; False if a run recorded it first."""
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(
                page_id=due.page.pk, due_on=due.due_on, kind=due.kind, email=recipient.address
            )
    except IntegrityError:
        return False
    return True


def release(notices: list[DueNotice], recipient: Recipient) -> None:
    """Forget the reminders of an email that could not be sent."""
    for due in notices:
        reminders_of(due).filter(email=recipient.address).delete()


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

"""What the reminders remember: each reminder sent, and the next run of the daily task."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    """Why a notice's owners are reminded: its review is near, or its review date has passed."""

    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")


class ReviewReminder(models.Model):
    """A reminder about one notice, review date and kind to one address: sent once.

    The row is written before the email goes, so that two runs at once send it once; it is
    removed again if the email could not be sent, for the next run to try that address alone.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_on = models.DateField(_("review by"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    #: The recipient's address, in lower case.
    email = models.EmailField(_("email address"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "due_on", "kind", "email"],
                name="one_review_reminder_per_due_date_kind_and_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.kind} {self.due_on} {self.email}"


class ReminderSchedule(models.Model):
    """The next queued run of the daily reminder task (one row).

    Each run queues the next with a new ``token``; a run whose token is not the current one
    (queued twice by mistake) stops, so that one chain of daily runs goes on.
    """

    next_run_at = models.DateTimeField(_("next run"))
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("review reminder schedule")
        verbose_name_plural = _("review reminder schedules")

    def __str__(self) -> str:
        return f"{self.next_run_at:%Y-%m-%d %H:%M}"

"""The daily reminder task: each run sends the reminders due, then queues the next run.

The next run is queued with ``run_after`` on the site's own task backend, at
``NOTICE_REVIEW_REMINDER_HOUR`` the next day, so any backend that defers tasks (RQ with its
scheduler, which the PDF workers already run) keeps the reminders going without another
process. ``manage.py send_review_reminders --schedule`` queues the first run. A backend that
runs tasks at once cannot defer them: such a site runs the command daily from cron instead.
See docs/review.md.
"""

import logging
import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from ..conf import setting
from .models import ReminderSchedule
from .reminders import send_due_reminders

logger = logging.getLogger("notice_blocks.review")

#: How late a queued run may be before ``ensure_scheduled`` takes it for lost.
LATE_AFTER = timedelta(hours=1)


class CannotSchedule(Exception):
    """The task backend cannot defer a task: reminders need cron instead."""


@task()
def send_review_reminders_task(token: str | None = None) -> dict:
    """Send the reminders due; a scheduled run (with its ``token``) then queues the next.

    The next run is queued even when sending fails, so that one bad day does not end the
    daily runs; the failure is logged and fails this run.
    """
    if token is not None and current_token() != token:
        return {"superseded": True}
    try:
        sending = send_due_reminders()
    except Exception:
        logger.exception("Could not send the review reminders")
        raise
    finally:
        if token is not None:
            queue_next_run()
    return {
        "notices": len(sending.reminded),
        "emails": len(sending.emails) - len(sending.failed),
        "failed": len(sending.failed),
    }


def queue_next_run() -> None:
    """Queue tomorrow's run, logging (not raising) a queue that refuses it."""
    try:
        schedule_next_run()
    except Exception:
        logger.exception("Could not queue the next run of the review reminders")


def current_schedule() -> ReminderSchedule | None:
    """The queued daily run, if one was ever queued."""
    return ReminderSchedule.objects.first()


def current_token() -> str | None:
    schedule = current_schedule()
    return str(schedule.token) if schedule else None


def next_run_time(now: datetime | None = None) -> datetime:
    """The next time the daily run is due: the configured hour, today or tomorrow (site time)."""
    now = timezone.localtime(now)
    hour = time(setting("NOTICE_REVIEW_REMINDER_HOUR"))
    run_at = timezone.make_aware(datetime.combine(now.date(), hour))
    if run_at <= now:
        run_at = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), hour))
    return run_at


def can_schedule() -> bool:
    return send_review_reminders_task.get_backend().supports_defer


def schedule_next_run() -> ReminderSchedule:
    """Queue the next daily run; the runs queued before it will stop when they start."""
    if not can_schedule():
        raise CannotSchedule(
            "The task backend runs tasks at once and cannot defer them: run "
            "`manage.py send_review_reminders` daily from cron instead."
        )
    run_at = next_run_time()
    token = uuid.uuid4()
    send_review_reminders_task.using(run_after=run_at).enqueue(str(token))
    schedule = current_schedule() or ReminderSchedule(next_run_at=run_at)
    schedule.next_run_at, schedule.token = run_at, token
    schedule.save()
    return schedule


def ensure_scheduled() -> tuple[ReminderSchedule, bool]:
    """The queued daily run, queued now if there is none or it is long overdue (lost).

    Returns the schedule and whether it was queued now.
    """
    schedule = current_schedule()
    if schedule is not None and schedule.next_run_at >= timezone.now() - LATE_AFTER:
        return schedule, False
    return schedule_next_run(), True

"""Send the review reminders due, for cron: ``manage.py send_review_reminders``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone

from ...reminders import send_due_reminders
from ...tasks import CannotSchedule, ensure_scheduled


class Command(BaseCommand):
    help = (
        "Email the owners of the notices due for review the reminders not sent yet (once per "
        "notice, review date and kind), or with --schedule queue the daily reminder task."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the reminders that would be sent, and send none.",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the daily reminder task on the task backend (it must defer tasks).",
        )

    def handle(self, *args, dry_run: bool = False, schedule: bool = False, **options):
        if schedule:
            self.schedule()
            return
        sending = send_due_reminders(dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for email, notices in sending.emails.items():
            if email in sending.failed:
                continue
            titles = ", ".join(f"“{due.page.title}” ({due.kind.label})" for due in notices)
            self.stdout.write(f"{verb} to {email}: {titles}")
        if not sending.emails:
            self.stdout.write("No review reminder to send.")
        if sending.failed:
            raise CommandError(
                "Could not send the review reminders to " + ", ".join(sending.failed) + "."
            )

    def schedule(self) -> None:
        try:
            schedule, queued = ensure_scheduled()
        except CannotSchedule as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # the task queue refused or cannot be reached
            raise CommandError(f"Could not queue the daily review reminders: {error}") from error
        when = formats.date_format(timezone.localtime(schedule.next_run_at), "DATETIME_FORMAT")
        if queued:
            self.stdout.write(f"Queued the daily review reminders: next run {when}.")
        else:
            self.stdout.write(f"The daily review reminders are already queued: next run {when}.")

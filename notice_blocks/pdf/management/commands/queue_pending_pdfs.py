"""Queue again the PDF builds that wait for one, for cron: ``manage.py queue_pending_pdfs``."""

from django.core.management.base import BaseCommand, CommandError

from ...tasks import queue_pending_pdfs


class Command(BaseCommand):
    help = (
        "Queue the builds of live notices' PDFs that no queued job will run: never queued "
        "(the task queue was unreachable), or queued longer than NOTICE_PDF_LEASE_SECONDS ago."
    )

    def handle(self, *args, **options):
        outcomes = queue_pending_pdfs()
        for revision_id, queued in outcomes.items():
            if queued:
                self.stdout.write(f"Queued the PDF build of revision {revision_id}.")
            else:
                self.stderr.write(
                    f"Could not queue the PDF build of revision {revision_id}: "
                    "the task queue cannot be reached."
                )
        if not outcomes:
            self.stdout.write("No PDF build to queue.")
        if not all(outcomes.values()):
            raise CommandError("The task queue cannot be reached.")

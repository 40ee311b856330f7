"""Make every cached page stale, as a change that public pages show does."""

from django.core.management.base import BaseCommand, CommandError

from ...purging import purge_all


class Command(BaseCommand):
    help = "Make every cached page stale (the next request for each page renders it again)."

    def handle(self, *args, **options):
        if not purge_all():
            raise CommandError("The page cache cannot be reached; its pages expire in time.")
        self.stdout.write("Every cached page is stale.")

"""Export a privacy notice as a notice file (docs/notice-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from notice_blocks.models import NoticePage
from notice_blocks.notice_files import dump_notice, export_notice
from notice_blocks.notice_files.writing import FORMATS, format_for


class Command(BaseCommand):
    help = (
        "Write a privacy notice's live content as a notice file, to standard output or a "
        "file, with the id of every section and list item so that it imports back the same."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("page_id", type=int, metavar="PAGE_ID", help="The notice's page id.")
        parser.add_argument("--output", "-o", metavar="FILE", help="Write to FILE.")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="yaml or json (default: from the output file's extension, else yaml).",
        )

    def handle(self, *args, page_id: int, output: str | None, format: str | None, **options):
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"There is no page with id {page_id}.")
        page = page.specific
        if not isinstance(page, NoticePage):
            raise CommandError(
                f"Page {page_id} (“{page.title}”) is a {page._meta.verbose_name}, "
                "not a privacy notice."
            )
        text = dump_notice(export_notice(page), format or format_for(output or ""))
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        self.stdout.write(f"Wrote “{page.title}” (id {page.pk}) to {output}")

"""Export a privacy notice as a notice file (docs/notice-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from notice_blocks.notice_files import dump_notice, export_notice
from notice_blocks.notice_files.exporting import notice_of
from notice_blocks.notice_files.writing import FORMATS, format_for


class Command(BaseCommand):
    help = (
        "Write a privacy notice's live content, with its easy read version, as a notice file, "
        "to standard output or a file, with the id of every section and list item so that it "
        "imports back the same. The id of an easy read page exports its notice's file."
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
        try:
            notice = notice_of(page)
        except TypeError:
            raise CommandError(
                f"Page {page_id} (“{page.title}”) is a {page._meta.verbose_name}, "
                "not a privacy notice."
            ) from None
        if notice.pk != page.pk:
            self.stderr.write(
                f"Page {page_id} (“{page.title}”) is the {page._meta.verbose_name} of "
                f"“{notice.title}” (id {notice.pk}): exporting that notice's file, which holds "
                "both."
            )
            page = notice
        text = dump_notice(export_notice(page), format or format_for(output or ""))
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        parts = "".join(
            f" and its {child._meta.verbose_name} (id {child.pk})"
            for child in page.get_children().specific()
            if notice_of(child).pk == page.pk
        )
        self.stdout.write(f"Wrote “{page.title}” (id {page.pk}){parts} to {output}")

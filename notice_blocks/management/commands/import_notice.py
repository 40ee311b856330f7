"""Import privacy notices from notice files (docs/notice-format.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import capfirst
from wagtail.models import Page

from notice_blocks.notice_files import (
    ImportResult,
    NoticeFileError,
    import_notice,
    read_notice_file,
)


class Command(BaseCommand):
    help = (
        "Create or update privacy notices from notice files (.yaml, .yml or .json). Each file "
        "is imported on its own, with the easy read version it holds, all or nothing; a notice "
        "that already matches its file is left unchanged."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="Notice files to import.")
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="The page the notices are children of (default: the default site's root page).",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save changes as draft revisions, leaving live notices as they are.",
        )

    def handle(self, *args, files: list[str], parent: int | None, draft: bool, **options):
        parent_page = None
        if parent is not None:
            parent_page = Page.objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(f"There is no page with id {parent}.")
        failures = []
        for path in files:
            try:
                result = import_notice(
                    read_notice_file(path), parent=parent_page, publish=not draft
                )
            except NoticeFileError as error:
                failures.append(str(error) if error.source else f"{path}: {error}")
                continue
            for problem in result.removed:
                self.stderr.write(problem.format(path), style_func=self.style.WARNING)
            page = result.page
            self.stdout.write(
                f"{status_of(result, draft)}: “{page.title}” (id {page.pk}) {url_path(page)}"
            )
            for part in result.parts.values():
                if part.summary:
                    self.stdout.write(f"  {part.summary}")
                    continue
                kind = capfirst(part.page._meta.verbose_name)
                status = status_of(part, draft).lower()
                self.stdout.write(
                    f"  {kind} {status}: “{part.page.title}” (id {part.page.pk}) "
                    f"{url_path(part.page)}"
                )
        if failures:
            count = len(failures)
            heading = f"{count} file{'s' if count > 1 else ''} not imported:"
            raise CommandError("\n".join([heading, *failures]))


def status_of(result: ImportResult, draft: bool) -> str:
    """Created, Updated or Unchanged, and whether the change is a draft."""
    if result.created:
        status = "Created"
    elif result.changed:
        status = "Updated"
    else:
        status = "Unchanged"
    if draft and result.changed:
        status += " (draft)"
    return status


def url_path(page: Page) -> str:
    """The page's path on its site, or its path in the page tree if it has no site."""
    parts = page.get_url_parts()
    if parts and parts[2]:
        return parts[2]
    return page.url_path

"""Check privacy notices against UK GDPR Articles 13 and 14 (docs/completeness.md)."""

import json
import sys
from collections import Counter

from django.core.management.base import BaseCommand
from wagtail.models import Page, Site

from notice_blocks.completeness import Finding, Severity, check_notice_page, is_checked
from notice_blocks.completeness.table import rules_table
from notice_blocks.models import AbstractNoticePage, NoticePage
from notice_blocks.notice_files import NoticeFileData, NoticeFileError, read_notice_file
from notice_blocks.notice_files.validation import check_notice

#: Exit statuses: no required item missing; a required item missing; a file or page that
#: could not be checked.
OK, REQUIRED_MISSING, NOT_CHECKED = 0, 1, 2


class Command(BaseCommand):
    help = (
        "Check privacy notices for what UK GDPR Articles 13 and 14 require: notice files "
        "(.yaml, .yml or .json, without importing them) and notices on the site by page id. "
        "Prints one line per finding; exits with 1 when a required item is missing, with 2 "
        "when a file or page cannot be checked."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="*", metavar="FILE", help="Notice files to check.")
        parser.add_argument(
            "--page",
            type=int,
            action="append",
            default=[],
            dest="pages",
            metavar="ID",
            help="A notice on the site to check, in its latest revision (repeatable).",
        )
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="text: one line per finding (the default); json: a list of findings.",
        )
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="The page the files' notices belong under (default: the default site's root).",
        )
        parser.add_argument(
            "--rules", action="store_true", help="List the rules checked, as a table, and stop."
        )

    def handle(self, *args, files, pages, format, parent, rules, **options):
        if rules:
            self.stdout.write(rules_table(), ending="")
            return
        if not files and not pages:
            self.stderr.write("Give notice files to check, or --page ID.")
            sys.exit(NOT_CHECKED)
        notices: list[tuple[dict, AbstractNoticePage]] = []
        failed = False
        for path in files:
            try:
                notices.append(({"file": path}, notice_from_file(path, parent)))
            except NoticeFileError as error:
                failed = True
                self.stderr.write(str(error) if error.source else f"{path}: {error}")
        for page_id in pages:
            page = notice_page(page_id)
            if page is None:
                failed = True
                self.stderr.write(f"page {page_id}: there is no privacy notice with this id.")
            elif not is_checked(page):
                failed = True
                self.stderr.write(
                    f"page {page_id}: pages of its type ({page._meta.verbose_name}) are not "
                    "checked for completeness."
                )
            else:
                notices.append(({"page": page_id}, page))
        checked = [
            (where, finding) for where, page in notices for finding in check_notice_page(page)
        ]
        if format == "json":
            self.stdout.write(
                json.dumps(
                    [as_json(where, f) for where, f in checked], indent=2, ensure_ascii=False
                )
            )
        else:
            for where, finding in checked:
                self.stdout.write(as_line(where, finding))
            self.stderr.write(summary(len(notices), checked))
        if failed:
            sys.exit(NOT_CHECKED)
        if any(finding.severity == Severity.ERROR for _where, finding in checked):
            sys.exit(REQUIRED_MISSING)


def notice_from_file(path: str, parent_id: int | None) -> AbstractNoticePage:
    """The notice a file describes, as an unsaved page; raises ``NoticeFileError``."""
    data = read_notice_file(path)
    try:
        plan = check_notice(data, parent_page(parent_id, path), NoticePage)
    except NoticeFileError as error:
        if isinstance(data, NoticeFileData):
            raise error.located(data.line_of, data.source) from error
        raise
    return plan.model(**plan.page_values())


def parent_page(parent_id: int | None, path: str) -> Page:
    if parent_id is not None:
        page = Page.objects.filter(pk=parent_id).first()
        if page is None:
            raise NoticeFileError(f"There is no page with id {parent_id}.", source=path)
        return page
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise NoticeFileError("There is no default site: give a parent page.", source=path)
    return site.root_page


def notice_page(page_id: int) -> AbstractNoticePage | None:
    """The latest revision of the notice with ``page_id``, draft or live."""
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, AbstractNoticePage):
        return None
    return page.get_latest_revision_as_object()


def as_line(where: dict, finding: Finding) -> str:
    """``FILE: Art 13(1)(b): required: message [section ID]`` (``page ID`` for a page)."""
    place = where["file"] if "file" in where else f"page {where['page']}"
    section = f" [section {finding.section_id}]" if finding.section_id else ""
    return f"{place}: {finding.article}: {finding.severity.value}: {finding.message}{section}"


def as_json(where: dict, finding: Finding) -> dict:
    return {
        **where,
        "rule": finding.rule,
        "article": finding.article,
        "severity": finding.severity.value,
        "message": finding.message,
        "section_id": finding.section_id,
        "field": finding.field,
    }


def summary(notices: int, checked: list[tuple[dict, Finding]]) -> str:
    """``2 notices checked; findings: required 3, advised 1, reminder 0``."""
    counts = Counter(finding.severity for _where, finding in checked)
    found = ", ".join(f"{severity.value} {counts[severity]}" for severity in Severity)
    return f"{notices} notice{'s' if notices != 1 else ''} checked; findings: {found}"

"""Queue, or build at once, the PDFs of the live revision of notices."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, get_page_models

from ....models import AbstractNoticePage
from ...building import build_revision_pdfs
from ...models import NoticePdf
from ...tasks import queue_notice_pdfs
from ...variants import variants_for


class Command(BaseCommand):
    help = "Queue (or with --sync, build now) the PDFs of the live revision of notices."

    def add_arguments(self, parser):
        parser.add_argument("page_ids", nargs="*", type=int, metavar="PAGE_ID")
        parser.add_argument("--all", action="store_true", help="Every live notice.")
        parser.add_argument(
            "--sync", action="store_true", help="Render in this process instead of queueing."
        )

    def handle(self, *args, page_ids: list[int], all: bool, sync: bool, **options):
        if all == bool(page_ids):
            raise CommandError("Give either PAGE_ID arguments or --all.")
        notices = self.notices(page_ids if not all else None)
        failures = 0
        for page in notices:
            described = f"{page.title} (page {page.pk}, revision {page.live_revision_id})"
            if not sync:
                queue_notice_pdfs(
                    page.pk,
                    page.live_revision_id,
                    page.locale.language_code,
                    list(variants_for(type(page))),
                )
                self.stdout.write(f"Queued the PDFs of {described}")
                continue
            outcomes = build_revision_pdfs(page.live_revision_id)
            for variant, pdf in outcomes.items():
                if pdf is not None and pdf.status == NoticePdf.Status.READY:
                    self.stdout.write(
                        f"Built the {variant} PDF of {described}: {pdf.file_size} bytes"
                    )
                else:
                    failures += 1
                    error = pdf.error_summary if pdf is not None else "not built"
                    self.stderr.write(f"Could not build the {variant} PDF of {described}: {error}")
        if not notices:
            self.stdout.write("No live notices.")
        if failures:
            raise CommandError(f"{failures} PDF(s) could not be built.")

    def notices(self, page_ids: list[int] | None) -> list[Page]:
        """The live notices asked for, in the order given (or by id for --all)."""
        notice_models = [m for m in get_page_models() if issubclass(m, AbstractNoticePage)]
        pages = Page.objects.type(*notice_models).live().select_related("locale")
        if page_ids is None:
            return list(pages.order_by("pk").specific())
        found = pages.specific().in_bulk(page_ids)
        unknown = [str(pk) for pk in page_ids if pk not in found]
        if unknown:
            raise CommandError(f"No live notice with id {', '.join(unknown)}.")
        return [found[pk] for pk in page_ids]

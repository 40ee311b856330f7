"""Serve a notice's stored PDF from its routes, building it on demand only when none exists.

Wagtail routes the request and checks the page's view restrictions before these views run,
so a PDF is only ever served to someone who may read the page itself. Only the live
revision is built here; an earlier revision's PDF is served while the live one is queued.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext

from .building import (
    build_claimed,
    claim_pdf,
    lease_duration,
    mark_pending,
    max_attempts,
    pdf_storage,
)
from .models import NoticePdf
from .variants import PdfVariant


@dataclass
class Lookup:
    """The live revision's PDF row (in any state) and the newest ready PDF to fall back on."""

    live: NoticePdf | None
    previous: NoticePdf | None

    @property
    def live_is_ready(self) -> bool:
        return self.live is not None and self.live.status == NoticePdf.Status.READY


def wait_seconds() -> float:
    """How long a request waits for a PDF that someone else is building."""
    return getattr(settings, "NOTICE_PDF_WAIT_SECONDS", 10)


def download_filename(page, variant: str, language_code: str) -> str:
    """For example ``childrens-social-care-large-print.pdf``."""
    parts = [page.pdf_download_name]
    if variant != PdfVariant.STANDARD:
        parts.append(variant)
    if language_code.lower() != settings.LANGUAGE_CODE.lower():
        parts.append(language_code.lower())
    return "-".join(parts) + ".pdf"


def serve_notice_pdf(request: HttpRequest, page, variant: str) -> HttpResponse:
    """The response to a request for one of a live notice's PDFs.

    An alias (a synchronised copy of a notice in another locale's tree) has no revisions of its
    own and shows its original's text: it serves its original's PDFs.
    """
    if page.alias_of_id is not None and page.live:
        page = page.alias_of.specific
    if not page.live or page.live_revision_id is None:
        raise Http404
    found = find_pdf(page, variant)
    if found is None:
        return unavailable_response()
    pdf, file = found
    etag = f'"{pdf.checksum[:32]}"'
    last_modified = int(pdf.built_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        file.close()
        return not_modified
    response = FileResponse(
        file,
        content_type="application/pdf",
        filename=download_filename(page, variant, pdf.language_code),
    )
    response["Content-Language"] = pdf.language_code
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "max-age=0, must-revalidate"
    return response


def unavailable_response() -> HttpResponse:
    """503 with Retry-After, for a PDF that is not ready yet or cannot be built now."""
    response = HttpResponse(
        gettext("This PDF is being prepared. Please try again in a minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(getattr(settings, "NOTICE_PDF_RETRY_AFTER_SECONDS", 30))
    add_never_cache_headers(response)
    return response


def find_pdf(page, variant: str) -> tuple[NoticePdf, File] | None:
    """The PDF to serve and its open file, or ``None`` if none could be had in time.

    Serves the live revision's PDF, else the newest earlier one (making sure the live one
    is queued). With neither, this request builds the live one, or waits for whoever is
    building it; it renders at most once.
    """
    deadline = time.monotonic() + wait_seconds()
    poll = getattr(settings, "NOTICE_PDF_POLL_SECONDS", 0.1)
    rendered = False
    while True:
        found = lookup(page, variant)
        missing_file = ""
        if found.live_is_ready:
            file = open_stored(found.live)
            if file is not None:
                return found.live, file
            missing_file = found.live.file_name
        elif found.previous is not None:
            file = open_stored(found.previous)
            if file is not None:
                ensure_queued(page, variant, found)
                return found.previous, file
            NoticePdf.objects.filter(
                pk=found.previous.pk, file_name=found.previous.file_name
            ).delete()
            continue

        live = found.live
        if not rendered:
            pdf = claim_pdf(
                page.pk,
                page.live_revision_id,
                variant,
                live.language_code if live else page.locale.language_code,
                missing_file=missing_file,
                respect_attempts=True,
            )
            if pdf is not None:
                rendered = True
                build_claimed(pdf)
                continue
        if live is not None and live.status == NoticePdf.Status.FAILED:
            if rendered or live.attempts >= max_attempts():
                return None
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll)


def lookup(page, variant: str) -> Lookup:
    """One query: the live revision's row and the ready rows, in the page's language."""
    rows = list(
        NoticePdf.objects.filter(
            page_id=page.pk,
            variant=variant,
            language_code=F("page__locale__language_code"),
        ).filter(Q(revision_id=page.live_revision_id) | Q(status=NoticePdf.Status.READY))
    )
    live = next((row for row in rows if row.revision_id == page.live_revision_id), None)
    ready = [row for row in rows if row.status == NoticePdf.Status.READY and row is not live]
    previous = max(ready, key=lambda row: row.built_at, default=None)
    return Lookup(live=live, previous=previous)


def open_stored(pdf: NoticePdf) -> File | None:
    """The stored file opened for reading, or ``None`` if it has gone from storage."""
    try:
        return pdf_storage().open(pdf.file_name, "rb")
    except FileNotFoundError:
        return None


def ensure_queued(page, variant: str, found: Lookup) -> None:
    """Make sure the live revision's PDF is queued while an earlier one is served."""
    from .tasks import enqueue_build

    live = found.live
    if live is None:
        language_code = found.previous.language_code
        if mark_pending(page.pk, page.live_revision_id, language_code, [variant]):
            enqueue_build(page.live_revision_id, [variant])
        return
    waiting = (NoticePdf.Status.PENDING, NoticePdf.Status.BUILDING)
    now = timezone.now()
    if live.status in waiting and live.updated_at < now - lease_duration():
        # The queued build seems lost (or its builder died): queue it once more.
        requeued = NoticePdf.objects.filter(pk=live.pk, updated_at=live.updated_at).update(
            updated_at=now
        )
        if requeued:
            enqueue_build(live.revision_id, [variant])

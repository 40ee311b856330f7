"""Serve a notice's stored PDF from its routes; never render one, never wait for one.

Wagtail routes the request and checks the page's view restrictions before these views run,
so a PDF is only ever served to someone who may read the page itself. The live revision's
PDF is served when it is stored; else the newest earlier one (which names its version) while
the live one is queued; else, at once, a page saying that the PDF is being prepared (or
cannot be offered now), with a link to the notice's web page. A stored live PDF whose
content state is no longer the page's is served while it is built again. The PDF of a kept
revision (such as a version's) is served only as that revision's. Task workers build them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date

from ..aliases import original
from .building import mark_missing, mark_outdated, mark_pending, pdf_storage
from .conf import retry_after_seconds
from .content_state import content_state
from .keeping import is_kept
from .models import NoticePdf
from .tasks import builds_in_process, enqueue_build, queue_pending_pdfs
from .variants import STANDARD

UNAVAILABLE_TEMPLATE = "notice_blocks/pdf_unavailable.html"


@dataclass
class Lookup:
    """The live revision's PDF row (in any state) and the earlier stored PDFs, newest first."""

    live: NoticePdf | None
    previous: list[NoticePdf]

    @property
    def live_is_stored(self) -> bool:
        return self.live is not None and self.live.is_stored

    @property
    def servable(self) -> NoticePdf | None:
        """The PDF the route serves first: the live revision's if stored, else the newest."""
        return self.live if self.live_is_stored else next(iter(self.previous), None)


@dataclass
class Found:
    """What a PDF route answers with: a stored PDF and its open file, or neither."""

    pdf: NoticePdf | None
    file: File | None
    live: NoticePdf | None

    @property
    def gave_up(self) -> bool:
        """Whether the live PDF failed as often as it may, so none is on its way."""
        return self.live is not None and self.live.gave_up


def download_filename(page, variant: str, language_code: str, *, qualifier: str = "") -> str:
    """For example ``childrens-social-care-large-print.pdf``.

    ``qualifier`` follows the page's name, such as ``version-2``.
    """
    parts = [page.pdf_download_name]
    if qualifier:
        parts.append(qualifier)
    if variant != STANDARD.value:
        parts.append(variant)
    if language_code.lower() != settings.LANGUAGE_CODE.lower():
        parts.append(language_code.lower())
    return "-".join(parts) + ".pdf"


def served_page(page):
    """The live page whose PDFs ``page`` serves, else 404.

    An alias (a synchronised copy of a notice in another locale's tree) has no revisions of
    its own and shows its original's text: it serves its original's PDFs.
    """
    if page.live:
        page = original(page).specific
    if not page.live or page.live_revision_id is None:
        raise Http404
    return page


def serve_notice_pdf(request: HttpRequest, page, variant: str) -> HttpResponse:
    """The response to a request for one of a live notice's PDFs (an alias: its original's)."""
    page = served_page(page)
    found = find_pdf(page, variant)
    if found.pdf is None:
        return unavailable_response(request, page, gave_up=found.gave_up)
    return pdf_response(
        request, found.pdf, found.file, download_filename(page, variant, found.pdf.language_code)
    )


def serve_revision_pdf(
    request: HttpRequest,
    page,
    revision_id: int,
    variant: str,
    *,
    filename_qualifier: str,
    web_address: str,
) -> HttpResponse:
    """The response to a request for the PDF of one revision of a live notice.

    The revision is the live one or one an app keeps, else 404. Only that revision's PDF is
    served (kept ones not to be indexed): when it is not stored, it is queued (once) and a
    page at ``web_address`` is offered instead, as the live route does.
    """
    page = served_page(page)
    is_live = revision_id == page.live_revision_id
    if not is_live and not is_kept(revision_id, page.pk):
        raise Http404
    language_code = page.locale.language_code
    pdf = NoticePdf.objects.filter(
        revision_id=revision_id, variant=variant, language_code=language_code
    ).first()
    if pdf is not None and pdf.is_stored:
        file = open_stored(pdf)
        if file is not None:
            if is_live:
                keep_up_to_date(page, pdf)
            filename = download_filename(page, variant, language_code, qualifier=filename_qualifier)
            response = pdf_response(request, pdf, file, filename)
            if not is_live:
                # Search engines offer the notice as it is, not the text it replaced.
                response["X-Robots-Tag"] = "noindex"
            return response
        if mark_missing(pdf) and not builds_in_process():
            enqueue_build(revision_id, [variant])
    else:
        request_build(page, revision_id, variant, pdf)
    gave_up = pdf is not None and pdf.gave_up
    return unavailable_response(request, page, gave_up=gave_up, web_address=web_address)


def pdf_response(request: HttpRequest, pdf: NoticePdf, file: File, filename: str) -> HttpResponse:
    """The stored PDF, or 304 when the reader has it; cached only once revalidated."""
    etag = f'"{pdf.checksum[:32]}"'
    last_modified = int(pdf.built_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        file.close()
        return not_modified
    response = FileResponse(file, content_type="application/pdf", filename=filename)
    response["Content-Language"] = pdf.language_code
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "max-age=0, must-revalidate"
    return response


def unavailable_response(
    request: HttpRequest, page, *, gave_up: bool, web_address: str = ""
) -> HttpResponse:
    """503 with Retry-After, never cached: the PDF is being prepared, or cannot be offered now.

    The page is in the notice's language and links to the notice's web page, or to
    ``web_address``.
    """
    language_code = page.locale.language_code
    with translation.override(language_code):
        html = render_to_string(
            UNAVAILABLE_TEMPLATE,
            {
                "page": page,
                "gave_up": gave_up,
                "web_address": web_address or page.get_full_url(request),
            },
            request=request,
        )
    response = HttpResponse(html, status=503)
    response["Content-Language"] = language_code
    response["Retry-After"] = str(retry_after_seconds())
    add_never_cache_headers(response)
    return response


def find_pdf(page, variant: str) -> Found:
    """The PDF to serve and its open file, found at once; never rendered here.

    Serves the live revision's PDF, else the newest earlier one, making sure the live one is
    on its way to being built, or built again when it no longer shows the page's state.
    """
    found = servable_pdfs(page, [variant])[variant]
    live = found.live
    if found.live_is_stored:
        file = open_stored(live)
        if file is not None:
            keep_up_to_date(page, live)
            return Found(live, file, live)
        if mark_missing(live):
            live.status = NoticePdf.Status.PENDING
            if not builds_in_process():
                enqueue_build(live.revision_id, [variant])
    else:
        request_build(page, page.live_revision_id, variant, live)
    for previous in found.previous:
        file = open_stored(previous)
        if file is not None:
            return Found(previous, file, live)
        NoticePdf.objects.filter(pk=previous.pk, file_name=previous.file_name).delete()
    return Found(None, None, live)


def serving_order(stored: list[NoticePdf], live_revision_id: int) -> list[NoticePdf]:
    """Stored PDFs in the order the routes try them: the live revision's, then the newest.

    Newest by revision, not by when they were built: a kept revision's PDF may be built long
    after the revisions that followed it.
    """
    return sorted(
        stored,
        key=lambda pdf: (pdf.revision_id == live_revision_id, pdf.revision_id),
        reverse=True,
    )


def servable_pdfs(page, variants: list[str]) -> dict[str, Lookup]:
    """One query: for each variant, the live revision's row and the earlier stored rows.

    In the page's language. The PDF routes serve from it, and the download links give the
    size of the PDF a route would serve.
    """
    rows = list(
        NoticePdf.objects.filter(
            page_id=page.pk,
            variant__in=variants,
            language_code=F("page__locale__language_code"),
        ).filter(Q(revision_id=page.live_revision_id) | ~Q(file_name=""))
    )
    found = {}
    for variant in variants:
        of_variant = [row for row in rows if row.variant == variant]
        live = next((row for row in of_variant if row.revision_id == page.live_revision_id), None)
        stored = [row for row in of_variant if row.is_stored and row is not live]
        found[variant] = Lookup(live=live, previous=serving_order(stored, page.live_revision_id))
    return found


def open_stored(pdf: NoticePdf) -> File | None:
    """The stored file opened for reading, or ``None`` if it has gone from storage."""
    try:
        return pdf_storage().open(pdf.file_name, "rb")
    except FileNotFoundError:
        return None


def keep_up_to_date(page, live: NoticePdf) -> None:
    """Make sure a stored live PDF is built again if it no longer shows the page's state.

    When it is already being built again, makes sure that build is not lost. Its file is
    served meanwhile.
    """
    if live.status != NoticePdf.Status.READY:
        request_build(page, live.revision_id, live.variant, live)
    elif (
        live.content_state != content_state(page)
        and mark_outdated(live)
        and not builds_in_process()
    ):
        enqueue_build(live.revision_id, [live.variant])


def request_build(page, revision_id: int, variant: str, pdf: NoticePdf | None) -> None:
    """Make sure a revision's PDF is queued, without building it or waiting for it.

    A PDF nobody has queued yet is recorded as pending and queued. One whose queued build
    seems lost is queued again, by at most one request per Retry-After period. When the task
    backend runs tasks in this process (the immediate backend of development), queueing
    would render the PDF in this request: the PDF is only recorded as pending then, for
    publishing or ``manage.py queue_pending_pdfs`` to build.
    """
    if pdf is None:
        language_code = page.locale.language_code
        created = mark_pending(page.pk, revision_id, language_code, [variant])
        if created and not builds_in_process():
            enqueue_build(revision_id, [variant])
        return
    if builds_in_process() or pdf.gave_up:
        return
    now = timezone.now()
    if pdf.updated_at >= now - timedelta(seconds=retry_after_seconds()):
        return
    # Only the request that moves ``updated_at`` on checks whether the build is lost.
    if NoticePdf.objects.filter(pk=pdf.pk, updated_at=pdf.updated_at).update(updated_at=now):
        queue_pending_pdfs(pk=pdf.pk)

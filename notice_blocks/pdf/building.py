"""Claim, render and store the PDFs of a notice's live revision, or of a revision kept.

This runs in task workers (or in a management command), never in a resident's request.
A ``NoticePdf`` row is the lock: a builder inserts it, or claims it when it is queued,
failed, missing its file, showing an outdated content state (the live revision's only) or
held by a builder whose lease has run out. Whoever holds the claim renders; the routes
serve what is stored. Once the live revision's PDF is stored, the PDFs of the revisions it
replaces are deleted, except those of revisions an app keeps (``keeping.py``).
"""

import hashlib
import logging
import secrets
import traceback
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone, translation
from wagtail.models import Page, Revision

from ..conf import PDF_STORAGE_ALIAS, setting
from ..revisions import revision_as_page
from .conf import lease_duration, max_attempts
from .content_state import content_state
from .events import pdf_stored
from .keeping import is_kept, kept
from .models import NoticePdf
from .print_context import print_context
from .rendering import render_notice_pdf
from .variants import variants_for

logger = logging.getLogger("notice_blocks.pdf")

MAX_ERROR_LENGTH = 10_000


def pdf_storage() -> Storage:
    """Where PDFs are kept: the ``notice_pdfs`` alias of ``STORAGES``, not public media.

    A site without the alias keeps them in ``NOTICE_PDF_FALLBACK_ROOT`` (a system check warns).
    """
    try:
        return storages[PDF_STORAGE_ALIAS]
    except InvalidStorageError:
        return FileSystemStorage(location=setting("NOTICE_PDF_FALLBACK_ROOT"))


def live_revision(revision_id: int) -> Revision | None:
    """The revision if it is the live revision of a live page, otherwise ``None``."""
    revision = Revision.page_revisions.filter(pk=revision_id).first()
    if revision is None:
        return None
    is_live = Page.objects.filter(
        pk=revision.object_id, live=True, live_revision_id=revision.pk
    ).exists()
    return revision if is_live else None


def buildable_revision(revision_id: int) -> Revision | None:
    """The revision if its page is live and it is the live revision or a kept one."""
    revision = Revision.page_revisions.filter(pk=revision_id).first()
    if revision is None:
        return None
    page = Page.objects.filter(pk=revision.object_id, live=True).first()
    if page is None:
        return None
    if page.live_revision_id == revision.pk or is_kept(revision.pk, page.pk):
        return revision
    return None


def printed_page(revision: Revision) -> Page:
    """The revision as a page, with the page's publication details as they are now.

    A revision holds the live revision and publication date the page had when the revision
    was saved, before it was published; the templates of a PDF are given the current ones,
    so that they can tell whether it prints the live revision.
    """
    page = revision_as_page(revision)
    current = revision.content_object
    page.live_revision_id = current.live_revision_id
    page.last_published_at = current.last_published_at
    return page


def pdf_variants_of(revision_id: int) -> tuple[str, ...]:
    """The PDFs that the page of a revision (live or not) is printed in."""
    revision = Revision.page_revisions.filter(pk=revision_id).select_related("content_type").first()
    model = revision.content_type.model_class() if revision else None
    return variants_for(model) if model else ()


def claim_pdf(
    page_id: int,
    revision_id: int,
    variant: str,
    language_code: str,
    *,
    replacing: NoticePdf | None = None,
) -> NoticePdf | None:
    """Take the right to build one PDF, or ``None`` if it is built or another builder has it.

    ``replacing`` is a ready row to build again (its file is missing, or its content state
    outdated), as it was read: it is claimed only if no one has changed it since.
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    claim = {
        "status": NoticePdf.Status.BUILDING,
        "claim_token": token,
        "lease_expires_at": now + lease_duration(),
        "waiting_reason": "",
        "updated_at": now,
    }
    key = {"revision_id": revision_id, "variant": variant, "language_code": language_code}
    try:
        with transaction.atomic():
            return NoticePdf.objects.create(page_id=page_id, attempts=1, **key, **claim)
    except IntegrityError:
        pass

    claimable = (
        Q(status=NoticePdf.Status.PENDING)
        | Q(status=NoticePdf.Status.BUILDING, lease_expires_at__lt=now)
        | Q(status=NoticePdf.Status.FAILED)
    )
    if replacing is not None:
        claimable |= Q(
            status=NoticePdf.Status.READY,
            file_name=replacing.file_name,
            content_state=replacing.content_state,
        )
    claimed = (
        NoticePdf.objects.filter(**key)
        .filter(claimable)
        .update(
            attempts=Case(
                When(status=NoticePdf.Status.READY, then=Value(1)), default=F("attempts") + 1
            ),
            **claim,
        )
    )
    if not claimed:
        return None
    return NoticePdf.objects.filter(claim_token=token, **key).first()


def render_and_store(pdf: NoticePdf, page: Page, state: str = "") -> bool:
    """Render a claimed PDF from ``page`` (its revision as a page) and store it.

    ``state`` is the page's content state, stored with the PDF. Returns whether the PDF is
    now stored. A failure is recorded on the row and logged; its earlier file, if any, stays.
    """
    try:
        with translation.override(pdf.language_code):
            data = render_notice_pdf(page, pdf.variant, print_context(page, pdf.revision_id))
        name = pdf_storage().save(_file_name(pdf), ContentFile(data))
    except Exception as error:
        _record_failure(pdf, error)
        return False

    now = timezone.now()
    completed = NoticePdf.objects.filter(pk=pdf.pk, claim_token=pdf.claim_token).update(
        status=NoticePdf.Status.READY,
        claim_token="",
        lease_expires_at=None,
        file_name=name,
        file_size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
        content_state=state,
        built_at=now,
        last_error="",
        failed_at=None,
        waiting_reason="",
        updated_at=now,
    )
    if not completed:
        # Another builder took the claim over and stores its own copy.
        pdf_storage().delete(name)
        return True
    if pdf.file_name and pdf.file_name != name:
        pdf_storage().delete(pdf.file_name)
    logger.info(
        "Stored the %s PDF of notice %s (revision %s, %s) as %s, %d bytes",
        pdf.variant,
        pdf.page_id,
        pdf.revision_id,
        pdf.language_code,
        name,
        len(data),
    )
    prune_replaced(pdf)
    pdf_stored.send(sender=NoticePdf, pdf=pdf)
    return True


def build_revision_pdfs(
    revision_id: int, variants: list[str] | None = None
) -> dict[str, NoticePdf | None]:
    """Build the missing PDFs of a live or kept revision, in the page's language.

    The live revision's stored PDFs whose content state is not the page's are built again.
    Returns each variant's row after the attempt (``None`` when the revision is neither
    live nor kept, in which case nothing is rendered).
    """
    revision = buildable_revision(revision_id)
    if revision is None:
        logger.info("Not building PDFs of revision %s: it is neither live nor kept", revision_id)
        return dict.fromkeys(variants or pdf_variants_of(revision_id))
    page = printed_page(revision)
    is_live = page.live_revision_id == revision.pk
    # PDFs of earlier revisions stay as they were given: only the live one follows the state.
    state = content_state(revision.content_object) if is_live else ""
    variants = list(variants or variants_for(type(page)))
    language_code = page.locale.language_code
    outcomes: dict[str, NoticePdf | None] = {}
    for variant in variants:
        key = {"revision_id": revision.pk, "variant": variant, "language_code": language_code}
        existing = NoticePdf.objects.filter(**key).first()
        replacing = None
        if existing is not None and existing.status == NoticePdf.Status.READY:
            stored = pdf_storage().exists(existing.file_name)
            if stored and not (is_live and existing.content_state != state):
                outcomes[variant] = existing
                continue
            replacing = existing
        pdf = claim_pdf(page.pk, revision.pk, variant, language_code, replacing=replacing)
        if pdf is not None:
            render_and_store(pdf, page, state)
        outcomes[variant] = NoticePdf.objects.filter(**key).first()
    return outcomes


def prune_replaced(pdf: NoticePdf) -> None:
    """Delete the PDFs that ``pdf`` replaces, once it is stored for the live revision.

    The PDFs of kept revisions stay.
    """
    if live_revision(pdf.revision_id) is None:
        return
    NoticePdf.objects.filter(
        page_id=pdf.page_id, variant=pdf.variant, language_code=pdf.language_code
    ).exclude(revision_id=pdf.revision_id).exclude(kept()).delete()


def mark_pending(
    page_id: int, revision_id: int, language_code: str, variants: list[str]
) -> list[str]:
    """Record that the PDFs of a revision are queued; returns the variants newly recorded."""
    existing = set(
        NoticePdf.objects.filter(
            revision_id=revision_id, language_code=language_code, variant__in=variants
        ).values_list("variant", flat=True)
    )
    created = []
    for variant in variants:
        if variant in existing:
            continue
        try:
            with transaction.atomic():
                NoticePdf.objects.create(
                    page_id=page_id,
                    revision_id=revision_id,
                    variant=variant,
                    language_code=language_code,
                    status=NoticePdf.Status.PENDING,
                )
        except IntegrityError:
            continue
        created.append(variant)
    return created


def mark_missing(pdf: NoticePdf) -> bool:
    """Record that a stored PDF's file has gone from storage.

    A ready PDF is to be built again: returns whether this call recorded that (another may
    have done so first). One already being built again only forgets its file.
    """
    rows = NoticePdf.objects.filter(pk=pdf.pk, file_name=pdf.file_name)
    forgotten = {"file_name": "", "file_size": None, "checksum": "", "updated_at": timezone.now()}
    if rows.filter(status=NoticePdf.Status.READY).update(
        status=NoticePdf.Status.PENDING, attempts=0, queued_at=None, **forgotten
    ):
        return True
    rows.update(**forgotten)
    return False


def mark_outdated(pdf: NoticePdf) -> bool:
    """Record that a ready PDF shows an outdated content state: it is to be built again.

    Its file stays, and is served until the new one replaces it. Returns whether this call
    recorded it (another may have done so first).
    """
    return bool(
        NoticePdf.objects.filter(
            pk=pdf.pk,
            status=NoticePdf.Status.READY,
            file_name=pdf.file_name,
            content_state=pdf.content_state,
        ).update(
            status=NoticePdf.Status.PENDING,
            attempts=0,
            queued_at=None,
            updated_at=timezone.now(),
        )
    )


def delete_stored_file(name: str) -> None:
    """Remove a stored PDF, ignoring one that is already gone."""
    if name:
        pdf_storage().delete(name)


def describe_error(error: BaseException) -> str:
    """One line naming the exception and the ones that caused it."""
    parts = []
    while error is not None and len(parts) < 5:
        message = str(error).strip().splitlines()
        parts.append(f"{type(error).__name__}: {message[0]}" if message else type(error).__name__)
        error = error.__cause__ or error.__context__
    return " ← ".join(parts)


def _file_name(pdf: NoticePdf) -> str:
    token = secrets.token_urlsafe(12)
    return f"{pdf.page_id}/{pdf.revision_id}/{pdf.variant}-{pdf.language_code}-{token}.pdf"


def _record_failure(pdf: NoticePdf, error: BaseException) -> None:
    now = timezone.now()
    trace = "".join(traceback.format_exception(error))
    details = f"{describe_error(error)}\n\n{trace}"[:MAX_ERROR_LENGTH]
    NoticePdf.objects.filter(pk=pdf.pk, claim_token=pdf.claim_token).update(
        status=NoticePdf.Status.FAILED,
        claim_token="",
        lease_expires_at=None,
        last_error=details,
        failed_at=now,
        updated_at=now,
    )
    logger.error(
        "Rendering the %s PDF of notice %s (revision %s, %s) failed, attempt %d of %d",
        pdf.variant,
        pdf.page_id,
        pdf.revision_id,
        pdf.language_code,
        pdf.attempts,
        max_attempts(),
        exc_info=error,
    )

"""The background task that builds a notice's PDFs, and how it is queued."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .building import build_revision_pdfs, mark_pending, max_attempts
from .models import NoticePdf

logger = logging.getLogger("notice_blocks.pdf")


@task()
def build_notice_pdfs_task(revision_id: int, variants: list[str] | None = None) -> dict:
    """Render and store the PDFs of a live revision; retry the failed ones later."""
    outcomes = build_revision_pdfs(revision_id, variants)
    failed = [
        pdf
        for pdf in outcomes.values()
        if pdf is not None and pdf.status == NoticePdf.Status.FAILED
    ]
    retryable = [pdf.variant for pdf in failed if pdf.attempts < max_attempts()]
    if retryable:
        attempts = min(pdf.attempts for pdf in failed if pdf.variant in retryable)
        enqueue_build(revision_id, retryable, delay=retry_delay(attempts))
    for pdf in failed:
        if pdf.variant not in retryable:
            logger.error(
                "Gave up on the %s PDF of notice %s (revision %s) after %d attempts",
                pdf.variant,
                pdf.page_id,
                pdf.revision_id,
                pdf.attempts,
            )
    return {variant: pdf.status if pdf else None for variant, pdf in outcomes.items()}


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after ``attempts`` failed renders."""
    base = getattr(settings, "NOTICE_PDF_RETRY_SECONDS", 30)
    return timedelta(seconds=base * 2 ** max(attempts - 1, 0))


def enqueue_build(
    revision_id: int, variants: list[str] | None = None, *, delay: timedelta | None = None
) -> bool:
    """Queue a build; returns whether the backend accepted it (failures are logged)."""
    queued = build_notice_pdfs_task.using(
        queue_name=getattr(settings, "NOTICE_PDF_TASK_QUEUE", "default")
    )
    if delay and queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + delay)
    try:
        queued.enqueue(revision_id, list(variants) if variants else None)
    except Exception:
        logger.exception("Could not queue the PDF build of revision %s", revision_id)
        return False
    return True


def queue_notice_pdfs(
    page_id: int, revision_id: int, language_code: str, variants: list[str]
) -> bool:
    """Record the PDFs of a revision as queued and queue their build."""
    mark_pending(page_id, revision_id, language_code, variants)
    return enqueue_build(revision_id, variants)

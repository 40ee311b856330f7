"""The background task that builds a notice's PDFs, and how builds are queued.

Each PDF of a revision (one variant, in the page's language) is queued as a job of its own,
so that several workers build a notice's PDFs side by side.

A build is recorded on its ``NoticePdf`` rows before it is queued, so a build the task queue
never received (the queue was unreachable, or lost its jobs) is still known: its rows stay
pending, with ``queued_at`` empty or old, until ``queue_pending_pdfs`` queues it again. Task
workers do that when they start and every few minutes (see ``worker.py``), and
``manage.py queue_pending_pdfs`` does it from cron.
"""

import logging
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .building import (
    build_revision_pdfs,
    describe_error,
    mark_outdated,
    mark_pending,
    pdf_variants_of,
)
from .conf import lease_duration, max_attempts, retry_delay, task_queue
from .content_state import content_state
from .keeping import kept
from .models import NoticePdf

logger = logging.getLogger("notice_blocks.pdf")

WAITING_FOR_QUEUE = "Waiting for the task queue"


@task()
def build_notice_pdfs_task(revision_id: int, variants: list[str] | None = None) -> dict:
    """Render and store PDFs of a live or kept revision; retry each failed one later.

    ``enqueue_build`` gives each job one variant; a job given several builds them in turn.
    """
    outcomes = build_revision_pdfs(revision_id, variants)
    failed = [
        pdf
        for pdf in outcomes.values()
        if pdf is not None and pdf.status == NoticePdf.Status.FAILED
    ]
    for pdf in failed:
        if pdf.attempts < max_attempts():
            enqueue_build(revision_id, [pdf.variant], delay=retry_delay(pdf.attempts))
        else:
            logger.error(
                "Gave up on the %s PDF of notice %s (revision %s) after %d attempts",
                pdf.variant,
                pdf.page_id,
                pdf.revision_id,
                pdf.attempts,
            )
    return {variant: pdf.status if pdf else None for variant, pdf in outcomes.items()}


def builds_in_process() -> bool:
    """Whether queueing a build runs it at once in this process (the immediate backend).

    Web requests of residents then queue nothing, so that they never render a PDF.
    """
    return isinstance(build_notice_pdfs_task.get_backend(), ImmediateBackend)


def enqueue_build(
    revision_id: int, variants: list[str] | None = None, *, delay: timedelta | None = None
) -> bool:
    """Queue the build of a revision's PDFs, one job per variant (by default, each variant
    its page is printed in); returns whether the task queue accepted them all.

    The rows of the build record when it was queued (or when a delayed retry is due); if the
    queue cannot be reached they record why they wait instead, for ``queue_pending_pdfs``.
    """
    queued = build_notice_pdfs_task.using(queue_name=task_queue())
    due = timezone.now()
    if delay and queued.get_backend().supports_defer:
        due += delay
        queued = queued.using(run_after=due)
    variants = list(variants or pdf_variants_of(revision_id))
    rows = NoticePdf.objects.filter(revision_id=revision_id).exclude(status=NoticePdf.Status.READY)
    for position, variant in enumerate(variants):
        rows.filter(variant=variant).update(queued_at=due, waiting_reason="")
        try:
            queued.enqueue(revision_id, [variant])
        except Exception as error:
            logger.warning(
                "Could not queue the PDF build of revision %s; it waits for the task queue",
                revision_id,
                exc_info=True,
            )
            # The queue is unreachable: the variants after this one are not tried either.
            reason = f"{WAITING_FOR_QUEUE}: {describe_error(error)}"
            rows.filter(variant__in=variants[position:]).update(
                queued_at=None, waiting_reason=reason[:255], updated_at=timezone.now()
            )
            return False
    return True


def queue_notice_pdfs(
    page_id: int, revision_id: int, language_code: str, variants: list[str]
) -> bool:
    """Record the PDFs of a revision as queued and queue their build."""
    mark_pending(page_id, revision_id, language_code, variants)
    return enqueue_build(revision_id, variants)


def queue_outdated_pdfs(page) -> list[str]:
    """Queue the build of the live notice's stored PDFs that no longer show its state.

    Their files are served until the new ones replace them. Returns their variants.
    """
    ready = list(
        NoticePdf.objects.filter(
            page_id=page.pk,
            revision_id=page.live_revision_id,
            language_code=page.locale.language_code,
            status=NoticePdf.Status.READY,
        ).order_by("variant")
    )
    if not ready:
        # Nothing stored to compare, so the page's state is not worked out: publishing a
        # notice asks this of each of its translations.
        return []
    state = content_state(page)
    variants = [pdf.variant for pdf in ready if pdf.content_state != state and mark_outdated(pdf)]
    if variants:
        enqueue_build(page.live_revision_id, variants)
    return variants


def waiting_for_a_build() -> Q:
    """PDFs of live or kept revisions of live pages that a build is still to store."""
    now = timezone.now()
    waiting = (
        Q(status=NoticePdf.Status.PENDING)
        | Q(status=NoticePdf.Status.BUILDING, lease_expires_at__lt=now)
        | Q(status=NoticePdf.Status.FAILED, attempts__lt=max_attempts())
    )
    return waiting & Q(page__live=True) & (Q(revision_id=F("page__live_revision_id")) | kept())


def without_a_queued_job(now: datetime) -> Q:
    """PDFs whose build never reached the queue, or reached it longer than a lease ago."""
    return Q(queued_at__isnull=True) | Q(queued_at__lt=now - lease_duration())


def queue_pending_pdfs(**filters) -> dict[int, bool]:
    """Queue again every build of a live or kept revision's PDF that no queued job will run.

    A PDF waits for a build when it is pending, failed with attempts left, or held by a
    builder whose lease ran out. Its job is taken for lost when it never reached the queue or
    was queued longer than a lease ago (a duplicate job is harmless: the first build to claim
    the PDF stores it and the other finds it built). ``filters`` narrow the rows, such as
    ``pk=``. Returns each revision whose build was queued again, with whether the task queue
    took it.
    """
    now = timezone.now()
    lost = without_a_queued_job(now)
    rows = (
        NoticePdf.objects.filter(waiting_for_a_build() & lost, **filters)
        .order_by("revision_id", "variant")
        .values_list("pk", "revision_id", "variant")
    )
    claimed: dict[int, list[str]] = {}
    for pk, revision_id, variant in rows:
        # Several workers may reconcile at once: each build is queued by one of them.
        if NoticePdf.objects.filter(lost, pk=pk).update(queued_at=now):
            claimed.setdefault(revision_id, []).append(variant)
    outcomes = {
        revision_id: enqueue_build(revision_id, variants)
        for revision_id, variants in claimed.items()
    }
    if outcomes:
        logger.info(
            "Queued again the PDF builds of %d of %d revision(s) waiting for one",
            sum(outcomes.values()),
            len(outcomes),
        )
    return outcomes

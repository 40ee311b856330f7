"""The settings of notice PDFs, each with its default declared here and nowhere else."""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # Renders of one PDF tried before it waits for an editor to retry it.
    "NOTICE_PDF_MAX_ATTEMPTS": 3,
    # The delay before the first retry of a failed render, doubled after each failure.
    "NOTICE_PDF_RETRY_SECONDS": 30,
    # How long a builder may hold its claim on a PDF, and how long a queued build may wait
    # before it is taken for lost and queued again.
    "NOTICE_PDF_LEASE_SECONDS": 120,
    # The Retry-After of the page answered while a PDF is being prepared.
    "NOTICE_PDF_RETRY_AFTER_SECONDS": 30,
    # The task queue that PDF builds go to.
    "NOTICE_PDF_TASK_QUEUE": "default",
}


def setting(name: str):
    """The site's value of a NOTICE_PDF_* setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])


def max_attempts() -> int:
    """How many renders of one PDF are tried before waiting for an editor."""
    return setting("NOTICE_PDF_MAX_ATTEMPTS")


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after ``attempts`` failed renders."""
    base = setting("NOTICE_PDF_RETRY_SECONDS")
    return timedelta(seconds=base * 2 ** max(attempts - 1, 0))


def lease_duration() -> timedelta:
    """How long a builder may hold a claim, or a queued build wait, before it is retaken."""
    return timedelta(seconds=setting("NOTICE_PDF_LEASE_SECONDS"))


def retry_after_seconds() -> int:
    """What the page shown while a PDF is prepared asks readers to wait, in seconds."""
    return setting("NOTICE_PDF_RETRY_AFTER_SECONDS")


def task_queue() -> str:
    """The task queue of PDF builds."""
    return setting("NOTICE_PDF_TASK_QUEUE")

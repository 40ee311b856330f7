"""The settings of notice PDFs, read through the app's settings (``notice_blocks.conf``)."""

from datetime import timedelta

from ..conf import setting


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

"""System check: the extra addresses reminders are sent to must be email addresses."""

from django.core import checks

from .recipients import invalid_extra_addresses


def check_reminder_addresses(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Each entry of ``NOTICE_REVIEW_REMINDER_EMAILS`` that is blank or not an address."""
    return [
        checks.Error(
            f"NOTICE_REVIEW_REMINDER_EMAILS holds {value!r}, which is not an email address.",
            hint="Give each address as a string of its own, such as "
            '["dpo@example.gov.uk"], and remove blank ones.',
            id="notice_blocks_review.E001",
        )
        for value in invalid_extra_addresses()
    ]


def register() -> None:
    """Register the check with Django (from the app's ``ready``)."""
    checks.register(check_reminder_addresses, "notice_blocks")

"""Who is reminded of a notice's review, and in which language.

A notice's owner and the user who last published it, where they are active, have an email
address and may still edit the notice, each in the admin language of their profile; and the
addresses of ``NOTICE_REVIEW_REMINDER_EMAILS``, in the site's language (a system check
refuses blank or invalid ones; a run that meets one anyway leaves it out and logs it).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from ..conf import setting
from ..models import AbstractNoticePage

logger = logging.getLogger("notice_blocks.review")


@dataclass(frozen=True)
class Recipient:
    """An email address, and the language its reminders are written in."""

    email: str
    language_code: str

    @property
    def address(self) -> str:
        """The address as reminders are recorded and compared: in lower case."""
        return self.email.lower()


def last_publisher(page: AbstractNoticePage):
    """The user who last published ``page``, if a user did."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", user__isnull=False)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user if entry else None


def user_recipient(page: AbstractNoticePage, user) -> Recipient | None:
    if user is None or not user.is_active or not user.email:
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    language_code = UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
    return Recipient(user.email, language_code)


def recipients_of(page: AbstractNoticePage) -> list[Recipient]:
    """Everyone reminded of ``page``'s review, each address once."""
    found = [user_recipient(page, user) for user in (page.owner, last_publisher(page))]
    found += [Recipient(email, settings.LANGUAGE_CODE) for email in extra_addresses()]
    unique: dict[str, Recipient] = {}
    for recipient in found:
        if recipient is not None:
            unique.setdefault(recipient.address, recipient)
    return list(unique.values())


def configured_addresses() -> list:
    """The entries of ``NOTICE_REVIEW_REMINDER_EMAILS``: one address, or a list of them."""
    value = setting("NOTICE_REVIEW_REMINDER_EMAILS")
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def is_valid_address(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def invalid_extra_addresses() -> list:
    """The entries of the setting that are not email addresses (blank ones included)."""
    return [value for value in configured_addresses() if not is_valid_address(value)]


def extra_addresses() -> list[str]:
    """The valid addresses of the setting; the others are left out with a warning."""
    for value in invalid_extra_addresses():
        logger.warning("NOTICE_REVIEW_REMINDER_EMAILS: %r is not an email address; skipped", value)
    return [value for value in configured_addresses() if is_valid_address(value)]

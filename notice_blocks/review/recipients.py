"""Who is reminded of a notice's review, and in which language.

A notice's owner and the user who last published it, where they are active, have an email
address and may still edit the notice, each in the admin language of their profile; and the
addresses of ``NOTICE_REVIEW_REMINDER_EMAILS``, in the site's language.
"""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from ..conf import setting
from ..models import AbstractNoticePage


@dataclass(frozen=True)
class Recipient:
    """An email address, and the language its reminders are written in."""

    email: str
    language_code: str


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
            unique.setdefault(recipient.email.lower(), recipient)
    return list(unique.values())


def extra_addresses() -> list[str]:
    value = setting("NOTICE_REVIEW_REMINDER_EMAILS")
    return [value] if isinstance(value, str) else list(value)

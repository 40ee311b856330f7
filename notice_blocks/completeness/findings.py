"""What the completeness check finds: an item a notice is missing, or says inconsistently."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    """How much a finding matters, as an editor reads it."""

    ERROR = "required", _("required")
    WARNING = "advised", _("advised")
    INFO = "reminder", _("reminder")


@dataclass(frozen=True)
class Finding:
    """One thing a notice is missing or gets wrong, with where to fix it.

    ``article`` is the provision in the form ``Art 13(1)(b)`` (several joined with ", ");
    ``section_id`` is the id of the body section to fix, or None when the fix is a new
    section or a detail of the page.
    """

    rule: str
    article: str
    severity: Severity
    message: str
    section_id: str | None = None
    section_index: int | None = None
    field: str | None = None


def check_notice_page(page) -> tuple[Finding, ...]:
    """The findings for ``page``, in section order and then by severity."""
    return ()

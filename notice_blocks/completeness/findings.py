"""What the completeness check finds: an item a notice is missing, or says inconsistently."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    """How much a finding matters, as an editor reads it."""

    ERROR = "required", _("required")
    WARNING = "advised", _("advised")
    INFO = "reminder", _("reminder")

    @property
    def rank(self) -> int:
        """0 for the most serious, so that findings sort the most serious first."""
        return list(Severity).index(self)


@dataclass(frozen=True)
class Finding:
    """One thing a notice is missing or gets wrong, with where to fix it.

    ``rule`` is the slug of the rule that found it (see ``RULES``); ``article`` the
    provisions in the form ``Art 13(1)(b)``, several joined with ", "; ``section_id`` the id
    of the body section to fix (``section_index`` its position), or None when the fix is a
    new section or a detail of the page; ``field`` the block or page field at fault.
    """

    rule: str
    article: str
    severity: Severity
    message: str
    section_id: str | None = None
    section_index: int | None = None
    field: str | None = None

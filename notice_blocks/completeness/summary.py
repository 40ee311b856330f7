"""A notice's completeness as the admin shows it: its findings counted, or why it was not checked.

Every admin surface (the status side panel, the report and its list of findings) reads a
page through ``Completeness.of``, so that a notice the check fails on shows an error there
instead of breaking the page.
"""

import logging
from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from .check import check_notice_page
from .findings import Finding, Severity

logger = logging.getLogger(__name__)

ERROR_LENGTH = 200


@dataclass(frozen=True)
class Completeness:
    """The findings of one notice (saved or not), or the error that kept it from being checked."""

    findings: tuple[Finding, ...] = ()
    error: str = ""

    @classmethod
    def of(cls, page) -> "Completeness":
        """Check ``page``; a notice the check fails on is logged and reported, not raised."""
        try:
            return cls(check_notice_page(page))
        except Exception as error:
            return cls.failed(page, error)

    @classmethod
    def of_latest_revision(cls, page) -> "Completeness":
        """Check the latest revision of ``page``, published or not."""
        try:
            latest = page.get_latest_revision_as_object()
        except Exception as error:
            return cls.failed(page, error)
        return cls.of(latest)

    @classmethod
    def failed(cls, page, error: Exception) -> "Completeness":
        logger.exception("The completeness of page %s could not be checked", page.pk)
        return cls(error=Truncator(f"{type(error).__name__}: {error}").chars(ERROR_LENGTH))

    @property
    def checked(self) -> bool:
        return not self.error

    def count(self, severity: Severity) -> int | None:
        """The number of findings of ``severity``; None for a notice that was not checked."""
        if self.error:
            return None
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def required(self) -> int | None:
        return self.count(Severity.ERROR)

    @property
    def advised(self) -> int | None:
        return self.count(Severity.WARNING)

    @property
    def reminders(self) -> int | None:
        return self.count(Severity.INFO)

    @property
    def articles(self) -> list[str]:
        """The provisions the findings are about, each once, the most serious first."""
        ordered = sorted(self.findings, key=lambda finding: finding.severity.rank)
        return list(dict.fromkeys(p for finding in ordered for p in provisions_of(finding)))

    @property
    def articles_text(self) -> str:
        return ", ".join(self.articles)

    def has(self, severity: Severity | str | None = None, article: str | None = None) -> bool:
        """Whether a finding is of ``severity`` and under ``article`` (either may be left out)."""
        return any(
            (not severity or finding.severity == severity)
            and (not article or article in provisions_of(finding))
            for finding in self.findings
        )

    def summary(self) -> str:
        """“2 required items missing, 1 advised”, or that nothing is missing."""
        if self.error:
            return gettext("Not checked: %(error)s") % {"error": self.error}
        parts = []
        if self.required:
            parts.append(
                ngettext(
                    "%(count)d required item missing",
                    "%(count)d required items missing",
                    self.required,
                )
                % {"count": self.required}
            )
        if self.advised:
            parts.append(
                ngettext("%(count)d advised", "%(count)d advised", self.advised)
                % {"count": self.advised}
            )
        if self.reminders:
            parts.append(
                ngettext("%(count)d reminder", "%(count)d reminders", self.reminders)
                % {"count": self.reminders}
            )
        return ", ".join(parts) if parts else gettext("nothing missing")


def provisions_of(finding: Finding) -> list[str]:
    """The provisions of a finding's article: “Art 13(1)(b), Art 14(1)(b)” is two."""
    return [part.strip() for part in finding.article.split(",") if part.strip()]

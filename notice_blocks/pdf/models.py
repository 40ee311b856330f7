"""The stored PDFs of a notice: one row per revision, variant and language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .conf import max_attempts
from .variants import get_variant


class NoticePdf(models.Model):
    """A PDF of one published revision of a notice, and the state of its build.

    The row is also the build lock: a worker that claims it while it is queued, failed or
    held under an expired lease renders it; web requests never claim it. A row with a
    ``file_name`` has a stored file, which is served even while a new one is built to
    replace it (its status then says how that build goes). ``queued_at`` says
    when a build job was last handed to the task queue (empty when the queue could not be
    reached, with ``waiting_reason`` saying so), so that lost builds can be queued again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("notice"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    variant = models.CharField(
        _("variant"),
        max_length=20,
        help_text=_("The value of a PDF variant, such as “large-print”."),
    )
    language_code = models.CharField(_("language"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Renders tried since the last reset.")
    )
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    content_state = models.TextField(
        _("content state"),
        blank=True,
        editable=False,
        help_text=_("What the PDF shows besides its revision's text, as it was when built."),
    )
    queued_at = models.DateTimeField(
        _("queued at"),
        null=True,
        blank=True,
        help_text=_("When its build was handed to the task queue, or is due for a retry."),
    )
    waiting_reason = models.CharField(
        _("waiting reason"),
        max_length=255,
        blank=True,
        help_text=_("Why the PDF is not built yet, such as an unreachable task queue."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notice PDF")
        verbose_name_plural = _("notice PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "variant", "language_code"],
                name="notice_pdf_unique_revision_variant_language",
            )
        ]
        indexes = [
            models.Index(
                fields=["page", "variant", "language_code", "status"],
                name="notice_pdf_page_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id}/{self.revision_id}/{self.variant}/{self.language_code}"

    @property
    def variant_label(self) -> str:
        """The variant's name for people, such as “Large print”."""
        try:
            return str(get_variant(self.variant).label)
        except ValueError:
            return self.variant

    @property
    def is_stored(self) -> bool:
        """Whether a file of it is stored (it may be being built again)."""
        return bool(self.file_name)

    @property
    def gave_up(self) -> bool:
        """Whether its build failed as often as it may: an editor must retry it."""
        return self.status == self.Status.FAILED and self.attempts >= max_attempts()

    @property
    def error_summary(self) -> str:
        """The exception and its causes on one line, as stored above the traceback."""
        return self.last_error.strip().split("\n\n", 1)[0]

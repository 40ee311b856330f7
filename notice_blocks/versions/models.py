"""The public versions of a notice, one row each, in the order they came into force."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeVersion(models.Model):
    """A version of one notice page (in one language) as residents were given it.

    Publishing a notice with a new change note or version label starts a version; publishing
    without one is a minor correction, which moves the current version's ``revision`` on. A
    version imported from another site has no revision here: its text is not held.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="notice_versions",
    )
    number = models.PositiveIntegerField(_("number"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The last revision published in this version."),
    )
    version_label = models.CharField(_("version"), max_length=50, blank=True)
    change_note = models.TextField(_("change note"), blank=True)
    in_force_from = models.DateTimeField(_("in force from"))
    text_changed_at = models.DateTimeField(
        _("text changed at"), help_text=_("When the version's published text last changed.")
    )
    text_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("notice version")
        verbose_name_plural = _("notice versions")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="notice_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} v{self.number} {self.version_label}".strip()

"""The public versions of a notice, one row each, in the order they came into force."""

from django.db import models
from django.db.models.deletion import CASCADE, ProtectedError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


def protect_while_its_page_exists(collector, field, sub_objs, using) -> None:
    """``on_delete`` of a version's revision: refused, unless the version's page goes too.

    Wagtail's ``purge_revisions`` leaves a revision it cannot delete, so versions keep their
    text; deleting the notice deletes its versions with their revisions.
    """
    deleted_pages = {
        obj.pk
        for model, objects in collector.data.items()
        if issubclass(model, Page)
        for obj in objects
    }
    kept = [version for version in sub_objs if version.page_id not in deleted_pages]
    if kept:
        raise ProtectedError("The revision of a notice's version is kept with it.", set(kept))
    CASCADE(collector, field, sub_objs, using)


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
        on_delete=protect_while_its_page_exists,
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

"""Details that many notices share, entered once and chosen by each notice."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


def copied_fields(*names: str) -> list[SynchronizedField]:
    """Fields a translation copies as they are (numbers), which a language may override."""
    return [SynchronizedField(name, overridable=True) for name in names]


class SharedDetail(TranslatableMixin, index.Indexed, models.Model):
    """A named record that notices refer to rather than repeat.

    Web and email addresses are copied into translations as they are (wagtail-localize's
    default for such fields); so are the numbers that ``override_translatable_fields`` names.
    A postal address is translated whole: its postcode is part of its text.
    """

    name = models.CharField(_("name"), max_length=255)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.name


class DataController(SharedDetail):
    """The organisation that decides how personal data is used (UK GDPR Art 13(1)(a))."""

    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    registration_number = models.CharField(
        _("ICO registration number"),
        max_length=20,
        blank=True,
        help_text=_("The number on the ICO's register of fee payers, for example Z5725371."),
    )
    public_authority = models.BooleanField(
        _("public authority"),
        default=True,
        help_text=_(
            "A council is a public authority: it cannot rely on legitimate interests for its "
            "official tasks."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("registration_number"),
        FieldPanel("public_authority"),
    ]
    override_translatable_fields = copied_fields("phone", "registration_number")

    class Meta(SharedDetail.Meta):
        verbose_name = _("data controller")
        verbose_name_plural = _("data controllers")


class ContactDetail(SharedDetail):
    """A contact a resident can write to, email or phone."""

    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    phone_note = models.CharField(
        _("telephone note"),
        max_length=100,
        blank=True,
        help_text=_("Shown after the number, for example “(local rate)”."),
    )
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("phone_note"),
        FieldPanel("address"),
        FieldPanel("website"),
    ]
    override_translatable_fields = copied_fields("phone")

    class Meta(SharedDetail.Meta):
        abstract = True


class DataProtectionOfficer(ContactDetail):
    """The controller's data protection officer (UK GDPR Art 13(1)(b))."""

    class Meta(ContactDetail.Meta):
        verbose_name = _("data protection officer")
        verbose_name_plural = _("data protection officers")


class SupervisoryAuthority(ContactDetail):
    """Where residents can complain: in the UK, the Information Commissioner's Office."""

    class Meta(ContactDetail.Meta):
        verbose_name = _("supervisory authority")
        verbose_name_plural = _("supervisory authorities")


class GeneralPrivacyNotice(SharedDetail):
    """The council's general privacy notice, which service notices add to."""

    url = models.URLField(_("web address"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(SharedDetail.Meta):
        verbose_name = _("general privacy notice")
        verbose_name_plural = _("general privacy notices")

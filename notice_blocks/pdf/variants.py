"""The printed versions of a notice that residents can download."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TEMPLATE = "notice_blocks/pdf/notice.html"
BASE_STYLESHEET = "notice_blocks/css/pdf.css"


class PdfVariant(models.TextChoices):
    """A printed version of a notice; the value is used in its download URL."""

    STANDARD = "standard", _("Standard print")
    LARGE_PRINT = "large-print", _("Large print")

    @property
    def template(self) -> str:
        """The template that lays the notice out for paper."""
        return TEMPLATE

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """Static paths of the stylesheets, in cascade order."""
        return _STYLESHEETS[self]


_STYLESHEETS = {
    PdfVariant.STANDARD: (BASE_STYLESHEET,),
    PdfVariant.LARGE_PRINT: (BASE_STYLESHEET, "notice_blocks/css/pdf-large-print.css"),
}

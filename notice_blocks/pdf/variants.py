"""The printed versions of a notice that residents can download."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TEMPLATE = "notice_blocks/pdf/notice.html"
EASY_READ_TEMPLATE = "notice_blocks/pdf/easy_read_notice.html"
BASE_STYLESHEET = "notice_blocks/css/pdf.css"


class PdfVariant(models.TextChoices):
    """A printed version of a notice; the value is used in its download URL."""

    STANDARD = "standard", _("Standard print")
    LARGE_PRINT = "large-print", _("Large print")
    EASY_READ = "easy-read", _("Easy read")

    @property
    def template(self) -> str:
        """The template that lays the notice out for paper."""
        return EASY_READ_TEMPLATE if self is PdfVariant.EASY_READ else TEMPLATE

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """Static paths of the stylesheets, in cascade order."""
        return _STYLESHEETS[self]


LARGE_PRINT_STYLESHEETS = (BASE_STYLESHEET, "notice_blocks/css/pdf-large-print.css")

_STYLESHEETS = {
    PdfVariant.STANDARD: (BASE_STYLESHEET,),
    PdfVariant.LARGE_PRINT: LARGE_PRINT_STYLESHEETS,
    PdfVariant.EASY_READ: (*LARGE_PRINT_STYLESHEETS, "notice_blocks/css/pdf-easy-read.css"),
}

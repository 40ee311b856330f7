"""The easy read PDF: its variant, and the check of its length.

The app's ``ready`` imports it and calls ``register`` only where ``notice_blocks.pdf`` is
installed.
"""

from django.utils.translation import gettext_lazy as _

from ..pdf.rendering import count_notice_pdf_pages
from ..pdf.variants import LARGE_PRINT_STYLESHEETS, PdfVariant, register_variant
from .review import count_pdf_pages_with

EASY_READ = PdfVariant(
    value="easy-read",
    label=_("Easy read"),
    link_label=_("Download easy read PDF"),
    route="pdf/",
    route_name="pdf",
    template="notice_blocks/pdf/easy_read_notice.html",
    stylesheets=(*LARGE_PRINT_STYLESHEETS, "notice_blocks/css/pdf-easy-read.css"),
    page_types=("notice_blocks_easy_read.EasyReadNoticePage",),
)


def count_easy_read_pages(page) -> int:
    """How many pages the easy read PDF of ``page`` has, in the active language."""
    return count_notice_pdf_pages(page, EASY_READ.value)


def register() -> None:
    """Print easy read pages as easy read PDFs, and check their length."""
    register_variant(EASY_READ)
    count_pdf_pages_with(count_easy_read_pages)

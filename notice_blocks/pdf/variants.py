"""The printed versions of a notice that residents can download, each declared once.

A ``PdfVariant`` says everything about one printed version: its value (kept on stored PDFs
and used in file names), its labels, its route below the page, its template and stylesheets,
and the page types it is built for. This app declares the standard and large print versions
of notices; another app may register its own (the easy read version does).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEMPLATE = "notice_blocks/pdf/notice.html"
BASE_STYLESHEET = "notice_blocks/css/pdf.css"
LARGE_PRINT_STYLESHEETS = (BASE_STYLESHEET, "notice_blocks/css/pdf-large-print.css")


@dataclass(frozen=True)
class PdfVariant:
    """A printed version of the pages of some types, and the route it is served at."""

    value: str
    label: Promise  # its name for people, such as “Large print”
    link_label: Promise  # the text of its download link
    route: str  # below the page, such as "pdf/large-print/"
    route_name: str
    template: str
    stylesheets: tuple[str, ...]  # static paths, in cascade order
    page_types: tuple[str, ...]  # page models as "app_label.ModelName", subclasses included

    def __str__(self) -> str:
        return self.value

    def applies_to(self, page_class: type) -> bool:
        return any(issubclass(page_class, apps.get_model(label)) for label in self.page_types)


STANDARD = PdfVariant(
    value="standard",
    label=_("Standard print"),
    link_label=_("Download PDF"),
    route="pdf/",
    route_name="pdf",
    template=TEMPLATE,
    stylesheets=(BASE_STYLESHEET,),
    page_types=("notice_blocks.NoticePage",),
)
LARGE_PRINT = PdfVariant(
    value="large-print",
    label=_("Large print"),
    link_label=_("Download large print PDF"),
    route="pdf/large-print/",
    route_name="pdf_large_print",
    template=TEMPLATE,
    stylesheets=LARGE_PRINT_STYLESHEETS,
    page_types=("notice_blocks.NoticePage",),
)

_VARIANTS: dict[str, PdfVariant] = {}


def register_variant(variant: PdfVariant) -> None:
    """Make ``variant`` known; called once for each, before the apps are ready."""
    registered = _VARIANTS.setdefault(variant.value, variant)
    if registered is not variant:
        raise ValueError(f"Another PDF variant is registered as {variant.value!r}.")


def all_variants() -> tuple[PdfVariant, ...]:
    """Every registered variant, in the order they were registered."""
    return tuple(_VARIANTS.values())


def get_variant(value: str | PdfVariant) -> PdfVariant:
    """The variant registered as ``value``; ``ValueError`` for an unknown one."""
    try:
        return _VARIANTS[str(value)]
    except KeyError:
        raise ValueError(f"No PDF variant is registered as {str(value)!r}.") from None


def variants_for(page_class: type) -> tuple[str, ...]:
    """The values of the variants that the pages of ``page_class`` are printed in."""
    return tuple(variant.value for variant in _VARIANTS.values() if variant.applies_to(page_class))


register_variant(STANDARD)
register_variant(LARGE_PRINT)

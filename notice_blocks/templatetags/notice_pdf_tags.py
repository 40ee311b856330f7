"""The download links of a notice's PDFs."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.translation import get_language_info, gettext, ngettext

from ..pdf.models import NoticePdf
from ..pdf.serving import serving_order
from ..pdf.variants import PdfVariant

register = template.Library()

LINK_LABELS = {
    PdfVariant.STANDARD: ("pdf", lambda: gettext("Download PDF")),
    PdfVariant.LARGE_PRINT: ("pdf_large_print", lambda: gettext("Download large print PDF")),
    PdfVariant.EASY_READ: ("pdf", lambda: gettext("Download easy read PDF")),
}


@dataclass(frozen=True)
class PdfDownload:
    """One download link: where it goes, what it says, and the file it serves."""

    url: str
    label: str
    language_code: str
    language_name: str
    size: str


def language_name(language_code: str) -> str:
    """The language's name as the site lists it, translated into the active language."""
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    for code, name in languages:
        if code.lower() == language_code.lower():
            return str(name)
    try:
        return get_language_info(language_code)["name_translated"]
    except KeyError:
        return language_code


def file_size(size: int) -> str:
    """A file size in whole kilobytes (or megabytes to one decimal place), e.g. “84 KB”."""
    if size >= 1024 * 1024:
        return gettext("%(size).1f MB") % {"size": size / (1024 * 1024)}
    kilobytes = max(1, round(size / 1024))
    return ngettext("%(size)d KB", "%(size)d KB", kilobytes) % {"size": kilobytes}


@register.simple_tag(takes_context=True)
def notice_pdf_downloads(context, page) -> list[PdfDownload]:
    """The PDF download links of a live notice, with the sizes of the PDFs it would serve.

    One query: the ready PDFs of the notice in its language, taken in the order the PDF
    routes serve them (the live revision's, else the newest earlier one).
    """
    if not getattr(page, "live", False) or not page.pk or not hasattr(page, "reverse_subpage"):
        return []
    language_code = page.locale.language_code
    ready = NoticePdf.objects.filter(
        page_id=page.pk, language_code=language_code, status=NoticePdf.Status.READY
    ).only("variant", "revision_id", "file_size", "built_at")
    best: dict[str, NoticePdf] = {}
    for pdf in serving_order(list(ready), page.live_revision_id):
        best.setdefault(pdf.variant, pdf)
    page_url = page.get_url(request=context.get("request"))
    if not page_url:
        return []
    if not page_url.endswith("/"):
        page_url += "/"
    downloads = []
    for variant in page.pdf_variants:
        route_name, label = LINK_LABELS[variant]
        stored = best.get(variant)
        downloads.append(
            PdfDownload(
                url=page_url + page.reverse_subpage(route_name),
                label=label(),
                language_code=language_code,
                language_name=language_name(language_code),
                size=file_size(stored.file_size) if stored and stored.file_size else "",
            )
        )
    return downloads

"""The download links of a notice's PDFs, with the sizes of the PDFs its routes would serve."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info, gettext, ngettext

from ..links import NoticeLink
from .serving import servable_pdfs
from .variants import get_variant, variants_for


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


def pdf_downloads(page, request: HttpRequest | None = None) -> list[NoticeLink]:
    """The PDF download links of a live notice, one for each variant of its type.

    One query (``servable_pdfs``): each link gives the size of the PDF its route would serve.
    """
    variants = variants_for(type(page))
    if not variants or not getattr(page, "live", False) or not page.pk:
        return []
    page_url = page.get_url(request=request)
    if not page_url:
        return []
    if not page_url.endswith("/"):
        page_url += "/"
    language_code = page.locale.language_code
    found = servable_pdfs(page, list(variants))
    downloads = []
    for value in variants:
        variant = get_variant(value)
        stored = found[value].servable
        downloads.append(
            NoticeLink(
                url=page_url + page.reverse_subpage(variant.route_name),
                label=str(variant.link_label),
                language_code=language_code,
                language_name=language_name(language_code),
                size=file_size(stored.file_size) if stored and stored.file_size else "",
                media_type="application/pdf",
            )
        )
    return downloads

"""The PDFs of a notice's versions: kept, served below each version, and linked from it.

The versions app's ``ready`` imports this module and calls ``register`` only where
``notice_blocks.pdf`` is installed (and its routes ask it for the version PDF routes). A
version's PDFs are those of its last revision, which the PDF app keeps once the notice moves
on; one not stored is built once when asked for, never in the request, and speaks of its
version under its title. A translation's live
PDFs follow the warning that it may be out of date: they are built again when it appears or
goes, while the version PDFs stay as they were given.
"""

from functools import partial

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page
from wagtail.signals import page_published

from ..aliases import original
from ..links import NoticeLink
from ..models import AbstractNoticePage
from ..pdf.content_state import register_content_state
from ..pdf.downloads import file_size, language_name
from ..pdf.keeping import register_kept_revisions
from ..pdf.models import NoticePdf
from ..pdf.print_context import register_print_context
from ..pdf.serving import serve_revision_pdf, served_page
from ..pdf.tasks import queue_outdated_pdfs
from ..pdf.variants import PdfVariant, all_variants, get_variant, variants_for
from .models import NoticeVersion
from .staleness import out_of_date
from .views import PRINTED_VERSION, VERSION_DOWNLOADS_HOOK, below


def route_name(variant: PdfVariant) -> str:
    """The name of a variant's route below a version, such as ``version_pdf_large_print``."""
    return f"version_{variant.route_name}"


def version_pdf_view(variant: PdfVariant):
    """The view of a variant's route below a version: a function, bound to the page."""

    def serve(page, request: HttpRequest, number: int) -> HttpResponse:
        return serve_version_pdf(request, page, number, variant.value)

    serve.__name__ = route_name(variant)
    serve.__doc__ = f"A version of the notice as a {variant.value} PDF."
    return serve


def version_pdf_routes(page_class: type) -> list[URLPattern]:
    """``versions/<number>/pdf/`` and the routes of the other variants ``page_class`` has."""
    return [
        path(
            f"versions/<int:number>/{variant.route}",
            version_pdf_view(variant),
            name=route_name(variant),
        )
        for variant in all_variants()
        if variant.applies_to(page_class)
    ]


def serve_version_pdf(request: HttpRequest, page, number: int, variant: str) -> HttpResponse:
    """A version's PDF in ``variant``: 404 for a version unknown or whose text is not held."""
    notice = served_page(page)
    version = NoticeVersion.objects.filter(page_id=notice.pk, number=number).first()
    if version is None or version.revision_id is None:
        raise Http404("This notice has no version of that number with its text held here.")
    version_address = below(
        page.get_full_url(request) or "", page.reverse_subpage("version", kwargs={"number": number})
    )
    return serve_revision_pdf(
        request,
        page,
        version.revision_id,
        variant,
        filename_qualifier=f"version-{number}",
        web_address=version_address,
    )


def version_pdf_links(
    page, version: NoticeVersion, request: HttpRequest | None = None
) -> list[NoticeLink]:
    """The download links of a version's PDFs, with the size of those stored.

    None for a version whose text is not held here, or a page that is not live.
    """
    variants = variants_for(type(page))
    if version.revision_id is None or not variants or not getattr(page, "live", False):
        return []
    page_url = page.get_url(request=request)
    if not page_url:
        return []
    language_code = original(page).locale.language_code
    sizes = dict(
        NoticePdf.objects.filter(
            revision_id=version.revision_id, variant__in=variants, language_code=language_code
        )
        .exclude(file_name="")
        .values_list("variant", "file_size")
    )
    links = []
    for value in variants:
        variant = get_variant(value)
        subpage = page.reverse_subpage(route_name(variant), kwargs={"number": version.number})
        links.append(
            NoticeLink(
                url=below(page_url, subpage),
                label=str(variant.link_label),
                language_code=language_code,
                language_name=language_name(language_code),
                size=file_size(sizes[value]) if sizes.get(value) else "",
                media_type="application/pdf",
            )
        )
    return links


def version_revisions():
    """The revisions of versions whose text is held: their PDFs are kept."""
    return NoticeVersion.objects.filter(revision__isnull=False).values("revision_id")


def version_context(page: Page, revision_id: int) -> dict:
    """An earlier revision's PDF is its version's: the context names it (``printed_version``).

    As on a version's web page, the lines under the title then speak of that version, not of
    the notice as it is now (no warning that the live translation is out of date).
    """
    if revision_id == page.live_revision_id:
        return {}
    version = NoticeVersion.objects.filter(page_id=page.pk, revision_id=revision_id).first()
    return {PRINTED_VERSION: version} if version else {}


def translation_state(page: Page) -> str:
    """The day the text a live translation translates changed, when it warns of it, or ""."""
    stale = out_of_date(page)
    return timezone.localdate(stale.changed_at).isoformat() if stale else ""


def queue_translations_pdfs(sender, instance, revision=None, **kwargs) -> None:
    """Once a notice's publication is committed, rebuild its translations' outdated PDFs."""
    if revision is None or kwargs.get("alias") or not isinstance(instance, AbstractNoticePage):
        return
    transaction.on_commit(partial(queue_outdated_translation_pdfs, instance.pk))


def queue_outdated_translation_pdfs(page_id: int) -> None:
    """Queue the builds of the live PDFs of the page's translations that no longer warn right."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    translations = (
        Page.objects.filter(translation_key=page.translation_key, live=True, alias_of__isnull=True)
        .exclude(pk=page.pk)
        .select_related("locale")
        .specific()
    )
    for translation in translations:
        if isinstance(translation, AbstractNoticePage):
            queue_outdated_pdfs(translation)


def register() -> None:
    """Keep versions' PDFs, link them, and rebuild translations' PDFs when they fall behind."""
    register_kept_revisions(version_revisions)
    register_print_context(version_context)
    register_content_state(translation_state)
    hooks.register(VERSION_DOWNLOADS_HOOK, version_pdf_links)
    page_published.connect(queue_translations_pdfs, dispatch_uid="notice_version_pdfs_on_publish")

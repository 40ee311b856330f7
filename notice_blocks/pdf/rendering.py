"""Lay a notice out for paper as a tagged PDF/UA-1 document."""

import gc
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language_bidi, gettext

from ..readable_text import readable_html
from .fetcher import NoticeURLFetcher, leave_out_attachments
from .page_references import NoticeDocument
from .reuse import font_configuration, static_stylesheet, string_stylesheet
from .text_mapping import ExactTextFinisher
from .variants import PdfVariant, all_variants, get_variant

logger = logging.getLogger("notice_blocks.pdf")

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

_PLACEHOLDER = re.compile(r"(%\(\w+\)s)")

# Unicode's isolates (left-to-right, right-to-left, first strong) and the pop that ends them:
# the text between them is laid out in its own direction, whatever surrounds it.
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_ISOLATES = {"ltr": LRI, "rtl": RLI}


# A few words in each script that notices are printed in, so that their fonts are loaded.
_WARM_UP_HTML = """<!doctype html><html lang="en"><head><title>Notice</title></head><body>
<h1>Privacy notice</h1><p>How we use your information. <a href="#s">Summary</a></p>
<h2 id="s">Summary</h2><p lang="ar" dir="rtl">إشعار الخصوصية</p>
<p lang="ur" dir="rtl">رازداری کا نوٹس</p><p lang="bn">গোপনীয়তা বিজ্ঞপ্তি</p>
<p lang="pa">ਪਰਦੇਦਾਰੀ ਨੋਟਿਸ</p><p lang="zh-Hans">隐私声明</p>
</body></html>"""


class PdfRenderingError(Exception):
    """A notice could not be rendered as a PDF."""


def render_notice_pdf(page, variant: str, context: Mapping[str, Any] | None = None) -> bytes:
    """The notice ``page`` as a PDF in the active language, in print ``variant``.

    Reads the database and the site's files but writes nothing and needs no request.
    ``context`` adds to the template's context. Raises ``PdfRenderingError`` when the PDF
    cannot be made.
    """
    variant = get_variant(variant)
    try:
        with collection_deferred():
            html, stylesheets = prepare_notice(page, variant, context)
            # A finisher per document: it maps shaped text (Bengali, Gurmukhi, Arabic) back
            # to its characters, which WeasyPrint alone gets wrong.
            return lay_out(html, stylesheets).write_pdf(
                finisher=ExactTextFinisher(), stylesheets=stylesheets, **PDF_OPTIONS
            )
    except Exception as error:
        raise PdfRenderingError(
            f"Could not render the {variant.value} PDF of notice {page.pk} ({page.title!r})"
        ) from error


def count_notice_pdf_pages(page, variant: str) -> int:
    """How many pages the notice's PDF in ``variant`` has: it is laid out, not written."""
    variant = get_variant(variant)
    try:
        with collection_deferred():
            html, stylesheets = prepare_notice(page, variant)
            document = lay_out(html, stylesheets)
            pages = len(document.pages)
            del html, document  # left to the collection at the end of the block
    except Exception as error:
        raise PdfRenderingError(
            f"Could not lay out the {variant.value} PDF of notice {page.pk} ({page.title!r})"
        ) from error
    return pages


def lay_out(html: weasyprint.HTML, stylesheets: list[weasyprint.CSS]) -> weasyprint.Document:
    """The document laid out on pages, as ``HTML.render`` does, with this process's fonts
    and the contents' page numbers laid out in two passes (see ``page_references``)."""
    options = {**weasyprint.DEFAULT_OPTIONS, **PDF_OPTIONS, "stylesheets": stylesheets}
    return NoticeDocument._render(html, font_configuration(), None, None, options)


@contextmanager
def collection_deferred() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector, then collect what it made.

    A render makes hundreds of thousands of objects (boxes, styles, PDF objects) that live
    until it ends; the collector, triggered every few hundred allocations, would scan them
    again and again, and the more often the longer the notice. Collecting the youngest
    generation once at the end frees the render's reference cycles in one pass.
    """
    if not gc.isenabled():  # the caller manages the collector
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def prepare_notice(
    page, variant: str | PdfVariant, context: Mapping[str, Any] | None = None
) -> tuple[weasyprint.HTML, list[weasyprint.CSS]]:
    """The notice's document, made ready for paper, and its stylesheets."""
    variant = get_variant(variant)
    base_url = notice_base_url(page)
    fetcher = NoticeURLFetcher()
    html = weasyprint.HTML(
        string=render_notice_html(page, variant, context), base_url=base_url, url_fetcher=fetcher
    )
    leave_out_attachments(html.etree_element)
    show_link_addresses(html.etree_element, base_url)
    isolate_bidi_fragments(html.etree_element)
    leave_out_images_without_alt(html.etree_element)
    return html, variant_stylesheets(variant)


def variant_stylesheets(variant: str | PdfVariant) -> list[weasyprint.CSS]:
    """The variant's stylesheets and the generated content, parsed once per process."""
    stylesheets = [static_stylesheet(name) for name in get_variant(variant).stylesheets]
    stylesheets.append(string_stylesheet(generated_content_css()))
    return stylesheets


def warm_up() -> None:
    """Make this process ready to render PDFs quickly, before it forks workers that render.

    Loads the fonts of the scripts notices are printed in, parses every variant's
    stylesheets and renders a small document once, which imports what WeasyPrint imports
    on first use. Starts no thread.
    """
    for variant in all_variants():
        variant_stylesheets(variant)
    html = weasyprint.HTML(string=_WARM_UP_HTML, url_fetcher=NoticeURLFetcher(origins=()))
    stylesheets = variant_stylesheets(all_variants()[0])
    lay_out(html, stylesheets).write_pdf(
        finisher=ExactTextFinisher(), stylesheets=stylesheets, **PDF_OPTIONS
    )


def render_notice_html(page, variant: str, context: Mapping[str, Any] | None = None) -> str:
    """The HTML that WeasyPrint lays out for ``page`` (without its stylesheets).

    A stored PDF's ``context`` has ``revision_id``, the revision it prints: the live
    revision's (``page.live_revision_id``) or an earlier one an app keeps (see
    ``print_context``).
    """
    variant = get_variant(variant)
    context = {
        "page": page,
        "self": page,
        "variant": variant,
        "sections": page.sections,
        "web_address": page.full_url,
        **(context or {}),
    }
    return readable_html(render_to_string(variant.template, context), page)


def notice_base_url(page) -> str:
    """The root URL of the notice's site, against which relative links are resolved."""
    site = page.get_site()
    root = site.root_url if site else getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return f"{root.rstrip('/')}/"


def generated_content_css() -> str:
    """Translated generated content: the footer's “Page 2 of 6” and each contents entry's page.

    The footer's title and page number each have a share of the line, with a gap between
    them, so that a long title wraps (to two lines at most) within its share instead of into
    the page number. In a right-to-left language they change sides: page margin boxes have
    physical sides, and the title goes on the reading side.

    A contents entry reads “Summary (page 2)” rather than ending in a dotted leader, which
    costs WeasyPrint a fifth more layout work combined with the page reference.
    """
    page_of = _content(
        gettext("Page %(page)s of %(pages)s"), page="counter(page)", pages="counter(pages)"
    )
    section_page = _content(gettext("(page %(page)s)"), page="target-counter(attr(href url), page)")
    title_side, number_side = ("right", "left") if get_language_bidi() else ("left", "right")
    footer = (
        f"@page {{ @bottom-{title_side} {{ content: string(notice-title); width: 64%;"
        " max-lines: 2; white-space: normal }\n"
        f"  @bottom-{number_side} {{ content: {page_of}; width: 30%; white-space: nowrap }} }}"
    )
    return f'{footer}\n.pdf-contents__link::after {{ content: " " {section_page} }}'


def _content(text: str, **counters: str) -> str:
    """CSS ``content`` for ``text`` with its ``%(name)s`` placeholders replaced by counters."""
    tokens = []
    for part in _PLACEHOLDER.split(text):
        name = part[2:-2] if _PLACEHOLDER.fullmatch(part) else None
        if name in counters:
            tokens.append(counters[name])
        elif part:
            tokens.append(_css_string(part))
    return " ".join(tokens)


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def show_link_addresses(root: Element, base_url: str) -> None:
    """Print the address after each link whose text does not already show it.

    On paper a link cannot be followed, so ``<a href="https://…">our policy</a>`` becomes
    “our policy (https://…)”, the address isolated as left-to-right text. Links within the
    document and telephone links are left alone.
    """
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        address = urljoin(base_url, href)
        scheme = urlsplit(address).scheme.lower()
        if scheme == "mailto":
            address = address[len("mailto:") :].split("?")[0]
        elif scheme not in ("http", "https"):
            continue
        if _comparable(address) in _comparable("".join(link.itertext())):
            continue
        _append_text(link, f" ({LRI}{address}{PDI})")


def isolate_bidi_fragments(root: Element) -> None:
    """Lay addresses and numbers out in their own direction, whatever text surrounds them.

    WeasyPrint ignores ``unicode-bidi``, so each ``<bdi>`` (see ``notice_blocks.bidi``) is
    replaced by its content between Unicode isolate characters, which draw nothing. Removing the
    element also keeps a link's structure element free of nested inline elements, each of
    which WeasyPrint would give a link annotation of its own.
    """
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in reversed(list(root.iter("bdi"))):
        opener = _ISOLATES.get((element.get("dir") or "").strip().lower(), FSI)
        element.text = opener + (element.text or "")
        _append_text(element, PDI)
        _unwrap(parents[element], element)


def _unwrap(parent: Element, element: Element) -> None:
    """Replace ``element`` in ``parent`` by its text and children."""
    index = list(parent).index(element)
    _insert_text(parent, index, element.text or "")
    children = list(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    _insert_text(parent, index + len(children), element.tail or "")


def _insert_text(parent: Element, index: int, text: str) -> None:
    """Add ``text`` to ``parent`` just before its child number ``index``."""
    if not text:
        return
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def leave_out_images_without_alt(root: Element) -> None:
    """Remove images with no text alternative, which PDF/UA does not allow as figures.

    An empty ``alt`` marks a decorative image, which paper can do without; a missing one
    is logged, as the notice's web page lacks it too.
    """
    for parent in list(root.iter()):
        for image in [child for child in parent if child.tag == "img"]:
            if (image.get("alt") or "").strip():
                continue
            if image.get("alt") is None:
                logger.warning("Left an image without alt text out of a PDF: %s", image.get("src"))
            _remove_keeping_tail(parent, image)


def _remove_keeping_tail(parent: Element, child: Element) -> None:
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _append_text(element: Element, text: str) -> None:
    """Add ``text`` at the end of ``element``'s content, as text rather than a child element.

    A child element would become a structure element of its own, holding its own link
    annotation outside the Link structure element, which PDF/UA forbids.
    """
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _comparable(address: str) -> str:
    address = address.strip().casefold()
    for prefix in ("https://", "http://", "www."):
        address = address.removeprefix(prefix)
    return address.rstrip("/")

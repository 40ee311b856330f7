"""What the renders of notice PDFs in one process share: fonts and parsed stylesheets.

WeasyPrint starts each render afresh unless told otherwise: a new font configuration
(fontconfig loaded again, a new Pango font map whose font and shaping caches start empty)
and the stylesheets fetched and parsed again. A worker that renders many PDFs keeps them
instead. A process that forks workers fills them first (``rendering.warm_up``), so that each
fork starts warm.

The font configuration is kept per thread, as a Pango font map may not be used by two
threads at once. Parsed stylesheets are only read by a render, and are shared.
"""

import os
import threading

import weasyprint
from django.templatetags.static import static
from weasyprint.text.fonts import FontConfiguration

from .fetcher import NoticeURLFetcher, static_file_path

_local = threading.local()
_stylesheets: dict[tuple[str, str], tuple[tuple, weasyprint.CSS]] = {}
_strings: dict[str, weasyprint.CSS] = {}
# Generated stylesheets differ by language only; more than this would be a leak.
MAX_STRINGS = 64


def font_configuration() -> FontConfiguration:
    """This thread's font configuration, made on first use."""
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def static_stylesheet(name: str) -> weasyprint.CSS:
    """The static stylesheet ``name`` parsed, parsed again when its file changes.

    Its relative URLs resolve against its static URL, on whichever site renders it; the
    stylesheets of notices load nothing (a site's fetcher would serve ``/static/…``).
    """
    url = static(name)
    path = static_file_path(name)
    stat = os.stat(path)
    stamp = (path, stat.st_mtime_ns, stat.st_size)
    kept = _stylesheets.get((name, url))
    if kept is not None and kept[0] == stamp:
        return kept[1]
    with open(path, "rb") as file:
        css = weasyprint.CSS(
            string=file.read().decode("utf-8"),
            base_url=url,
            url_fetcher=NoticeURLFetcher(origins=()),
        )
    _stylesheets[name, url] = (stamp, css)
    return css


def string_stylesheet(text: str) -> weasyprint.CSS:
    """The stylesheet ``text`` parsed, kept for the next render that asks for it."""
    css = _strings.get(text)
    if css is None:
        if len(_strings) >= MAX_STRINGS:
            _strings.clear()
        css = _strings[text] = weasyprint.CSS(string=text)
    return css

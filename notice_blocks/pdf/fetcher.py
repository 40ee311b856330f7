"""What WeasyPrint may fetch while it lays a notice out: the site's own files, from disk.

A notice's rich text is written by editors and may point anywhere. The PDF is built in a
background worker that can reach internal services, so nothing is fetched over the
network: static files are read through the staticfiles finders (or ``STATIC_ROOT`` after
``collectstatic``) and media files through Django's default storage. Everything else is
refused and logged, and WeasyPrint lays the document out without it.

A public PDF only ever needs images, fonts and stylesheets, so only those are served, by
type. A media file must moreover be an image of the image library (or one of its
renditions) whose collection everyone may see: documents, restricted images and any other
upload are refused, and so never end up inside a PDF. Links that ask for their target to
be attached to the PDF are made plain links (``leave_out_attachments``).

``data:`` URLs of those types are decoded: they carry their content inline, so reading them
touches no network, file or service.
"""

import logging
import mimetypes
import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.utils._os import safe_join
from wagtail.images import get_image_model
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("notice_blocks.pdf")

DEFAULT_PORTS = {"http": 80, "https": 443}

#: Types a PDF may load besides ``image/*`` and ``font/*``: stylesheets, and fonts under
#: the names they had before ``font/*`` was registered.
OTHER_ALLOWED_TYPES = frozenset(
    {
        "text/css",
        "application/font-woff",
        "application/font-woff2",
        "application/x-font-ttf",
        "application/x-font-otf",
        "application/vnd.ms-opentype",
    }
)

Origin = tuple[str, int]


class FetchRefused(ValueError):
    """A PDF asked for a resource it may not have."""


def site_origins() -> frozenset[Origin]:
    """The (hostname, port) pairs this site answers on: its Wagtail Sites and admin URL."""
    from wagtail.models import Site

    origins = {
        (hostname.lower(), port) for hostname, port in Site.objects.values_list("hostname", "port")
    }
    for url in (getattr(settings, "WAGTAILADMIN_BASE_URL", ""),):
        if origin := _origin(url):
            origins.add(origin)
    return frozenset(origins)


def _origin(url: str) -> Origin | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def _clean_name(path: str, prefix: str) -> str:
    """The file name after ``prefix`` in a URL path, refused if it could leave its folder."""
    name = unquote(path[len(prefix) :])
    segments = name.split("/")
    if "\\" in name or "\x00" in name or any(s in ("", ".", "..") for s in segments):
        raise FetchRefused("the path leaves its folder or is not a file name")
    return name


def _guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _is_allowed_type(content_type: str) -> bool:
    """Whether a file of ``content_type`` is an image, a font or a stylesheet."""
    content_type = content_type.lower()
    return content_type.split("/")[0] in ("image", "font") or content_type in OTHER_ALLOWED_TYPES


def _check_type(name: str) -> None:
    content_type = _guess_type(name)
    if not _is_allowed_type(content_type):
        raise FetchRefused(f"{content_type} is not an image, font or stylesheet")


def _check_data_type(url: str) -> None:
    """Refuses a ``data:`` URL whose media type is not an image, font or stylesheet."""
    content_type = url[len("data:") :].split(",", 1)[0].split(";", 1)[0].strip()
    if not _is_allowed_type(content_type or "text/plain"):
        raise FetchRefused(f"{content_type or 'text/plain'} is not an image, font or stylesheet")


def _check_public_image(name: str) -> None:
    """Refuses a media file that is not an image of the library that everyone may see.

    The file is looked up by name among the images and their renditions; the image's
    collection, and every collection above it, must have no view restriction.
    """
    if not _guess_type(name).startswith("image/"):
        raise FetchRefused("only images are served from the media folder")
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).select_related("collection").first()
    if image is None:
        renditions = image_model.get_rendition_model().objects.filter(file=name)
        rendition = renditions.select_related("image__collection").first()
        image = rendition.image if rendition is not None else None
    if image is None:
        raise FetchRefused("the media file is not an image of the image library")
    if image.collection.get_view_restrictions().exists():
        raise FetchRefused("the image is in a restricted collection")


def static_file_path(name: str) -> str:
    """The file of static file ``name``: from the finders, or from STATIC_ROOT (collected,
    possibly hashed). ``FileNotFoundError`` when there is none.
    """
    try:
        path = finders.find(name)
        if not path and settings.STATIC_ROOT:
            candidate = Path(safe_join(str(settings.STATIC_ROOT), name))
            path = str(candidate) if candidate.is_file() else None
    except SuspiciousFileOperation as error:
        raise FetchRefused("the path leaves the static folders") from error
    if not path:
        raise FileNotFoundError(f"No static file named {name!r}")
    return path


def _open_static(name: str):
    """A static file, read from disk (see ``static_file_path``)."""
    _check_type(name)
    return open(static_file_path(name), "rb")  # WeasyPrint closes the response.


def _open_media(name: str):
    """A public image of the library, read through the default storage."""
    _check_public_image(name)
    try:
        return default_storage.open(name, "rb")
    except SuspiciousFileOperation as error:
        raise FetchRefused("the path leaves the media folder") from error


class NoticeURLFetcher(URLFetcher):
    """Serves the site's static and media files from disk and refuses everything else.

    URLs may be relative (``/static/…``) or absolute on one of ``origins`` (by default the
    Wagtail Sites and ``WAGTAILADMIN_BASE_URL``). A Site whose port is 80 is also matched
    on port 443, and the other way round, as sites behind a TLS proxy keep port 80.
    """

    def __init__(self, origins: Iterable[Origin] | None = None, **kwargs):
        # The parent fetcher is only ever asked to decode data: URLs.
        kwargs.update(allowed_protocols=("data",), allow_redirects=False)
        super().__init__(**kwargs)
        self.origins = frozenset(site_origins() if origins is None else origins)
        self.hostnames = frozenset(
            host for host, port in self.origins if port in DEFAULT_PORTS.values()
        )
        self.locations: list[tuple[Origin | None, str, Callable]] = []
        openers = [(settings.STATIC_URL, _open_static), (settings.MEDIA_URL, _open_media)]
        for setting, opener in openers:
            origin, prefix = self._location(setting or "/")
            if prefix != "/":  # a location at the site's root would serve every path
                self.locations.append((origin, prefix, opener))

    @staticmethod
    def _location(url: str) -> tuple[Origin | None, str]:
        """The origin (``None`` for this site's own) and path prefix of a URL setting."""
        path = urlsplit(url).path
        return _origin(url), path if path.endswith("/") else f"{path}/"

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        try:
            return self._fetch(url, headers)
        except FetchRefused as error:
            logger.warning("Refused to fetch %s for a PDF: %s", url[:200], error)
            raise
        except OSError as error:
            logger.warning("Could not read %s for a PDF: %s", url[:200], error)
            raise

    def _fetch(self, url: str, headers: dict | None) -> URLFetcherResponse:
        url = url.strip()
        try:
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            origin = _origin(url) if scheme else None
        except ValueError as error:
            raise FetchRefused("malformed URL") from error
        if scheme == "data":
            _check_data_type(url)
            return super().fetch(url, headers)
        if scheme and scheme not in DEFAULT_PORTS:
            raise FetchRefused(f"the {scheme}: scheme is not allowed")
        if (scheme or parts.netloc) and origin is None:
            raise FetchRefused("malformed host")

        path = posixpath.join("/", parts.path) if not parts.path.startswith("/") else parts.path
        for location_origin, prefix, opener in self.locations:
            if not path.startswith(prefix):
                continue
            if location_origin is None and not self._is_own(origin):
                continue
            if location_origin is not None and origin != location_origin:
                continue
            name = _clean_name(path, prefix)
            return URLFetcherResponse(
                url=url, body=opener(name), headers={"Content-Type": _guess_type(name)}
            )
        if origin is None or self._is_own(origin):
            raise FetchRefused("only static and media files can be fetched")
        raise FetchRefused("the host is not this site")

    def _is_own(self, origin: Origin | None) -> bool:
        """Whether a URL with ``origin`` (``None`` when relative) is on this site."""
        if origin is None:
            return True
        host, port = origin
        return origin in self.origins or (host in self.hostnames and port in DEFAULT_PORTS.values())


def leave_out_attachments(root: Element) -> None:
    """Make links that ask to be attached to the PDF (``rel="attachment"``) plain links.

    WeasyPrint embeds the target of ``<a rel="attachment">`` and ``<link rel="attachment">``
    in the PDF, and has no option to stop it; a public PDF embeds no files.
    """
    for element in root.iter():
        rel = element.get("rel")
        if rel is None:
            continue
        tokens = [token for token in rel.split() if token.lower() != "attachment"]
        if len(tokens) != len(rel.split()):
            element.set("rel", " ".join(tokens))

"""What WeasyPrint may fetch for a notice's PDF: the site's own static and media files only."""

import logging
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin

import page as page_validation
import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTContainer, LTImage
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Collection, CollectionViewRestriction

from notice_blocks.easy_read.pdf_version import EASY_READ
from notice_blocks.pdf import rendering
from notice_blocks.pdf.fetcher import FetchRefused, NoticeURLFetcher
from notice_blocks.pdf.rendering import notice_base_url, render_notice_pdf
from notice_blocks.pdf.variants import STANDARD
from tests.paths import PROJECT_DIR
from tests.utils import make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db

STYLESHEET = "notice_blocks/css/pdf.css"


@pytest.fixture
def fetcher() -> NoticeURLFetcher:
    return NoticeURLFetcher()


def fetch_bytes(fetcher: NoticeURLFetcher, url: str) -> bytes:
    response = fetcher(url)
    try:
        return response.read()
    finally:
        response.close()


def refusals(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "notice_blocks.pdf" and record.levelno == logging.WARNING
    ]


def inject_into_body(monkeypatch, html: str) -> None:
    """Adds ``html`` to the end of every notice's PDF body, past the cleaning of rich text.

    Saved rich text keeps only what its features allow; this stands for whatever markup a
    template, a block or an imported notice may yet put in front of WeasyPrint.
    """
    render = rendering.render_notice_html

    def render_with_extra(page, variant, context=None):
        return render(page, variant, context).replace("</main>", f"{html}</main>", 1)

    monkeypatch.setattr(rendering, "render_notice_html", render_with_extra)


@pytest.mark.parametrize(
    "url",
    [
        f"/static/{STYLESHEET}",
        f"http://localhost/static/{STYLESHEET}",  # the default Wagtail Site
        f"https://localhost/static/{STYLESHEET}",  # the same Site behind TLS
        f"http://127.0.0.1:8000/static/{STYLESHEET}",  # WAGTAILADMIN_BASE_URL
    ],
)
def test_serves_a_static_file_from_disk(fetcher, url):
    response = fetcher(url)
    with open(finders.find(STYLESHEET), "rb") as file:
        assert response.read() == file.read()
    response.close()
    assert response.content_type == "text/css"
    assert response.url == url


def test_serves_a_static_file_from_static_root_after_collectstatic(fetcher, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "notice_blocks").mkdir()
    (tmp_path / "notice_blocks" / "pdf.0123abcd.css").write_text("h1 { color: #000 }")
    url = "/static/notice_blocks/pdf.0123abcd.css"
    assert fetch_bytes(fetcher, url) == b"h1 { color: #000 }"


def png_bytes(colour: str = "#0b0c0c") -> bytes:
    image = BytesIO()
    Image.new("RGB", (4, 4), colour).save(image, "PNG")
    return image.getvalue()


def library_image(collection: Collection | None = None, title: str = "Dot") -> WagtailImage:
    """An image of the image library, in ``collection`` (the root collection by default)."""
    return WagtailImage.objects.create(
        title=title,
        file=ContentFile(png_bytes(), name="dot.png"),
        collection=collection or Collection.get_first_root_node(),
    )


def restricted_collection(name: str = "Staff only") -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def library_document(collection: Collection, name: str = "minutes.pdf") -> Document:
    return Document.objects.create(
        title=name, file=ContentFile(b"%PDF-1.4 secret minutes", name=name), collection=collection
    )


def test_serves_a_library_image_through_the_default_storage(fetcher, media_root, settings):
    image = library_image()
    assert (media_root / image.file.name).is_file()

    response = fetcher(f"http://localhost{settings.MEDIA_URL}{image.file.name}")
    assert response.read() == png_bytes()
    response.close()
    assert response.content_type == "image/png"


def test_serves_a_rendition_of_a_library_image(fetcher, settings):
    rendition = library_image().get_rendition("width-2")

    assert fetch_bytes(fetcher, f"{settings.MEDIA_URL}{rendition.file.name}").startswith(b"\x89PNG")


def test_decodes_data_urls_of_images_and_stylesheets(fetcher):
    assert fetch_bytes(fetcher, "data:text/css;base64,aDEge30=") == b"h1 {}"
    assert fetch_bytes(fetcher, "data:image/svg+xml,<svg/>") == b"<svg/>"


@pytest.mark.parametrize(
    "url",
    [
        "data:text/plain;base64,SGVsbG8=",
        "data:,Hello",
        "data:application/pdf;base64,JVBERi0=",
        "data:text/html,<p>Hi</p>",
    ],
)
def test_refuses_data_urls_of_other_types(fetcher, caplog, url):
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        with pytest.raises(FetchRefused):
            fetcher(url)
    assert len(refusals(caplog)) == 1


def test_refuses_static_files_that_are_not_images_fonts_or_stylesheets(fetcher, caplog):
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        with pytest.raises(FetchRefused):
            fetcher("/static/wagtailadmin/js/core.js")
    assert "is not an image, font or stylesheet" in refusals(caplog)[0]


@pytest.mark.parametrize("where", ["collection", "parent collection"])
def test_refuses_an_image_in_a_restricted_collection(fetcher, caplog, settings, where):
    collection = restricted_collection()
    if where == "parent collection":
        collection = collection.add_child(name="Case photos")
    image = library_image(collection)
    rendition = image.get_rendition("width-2")

    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        for name in (image.file.name, rendition.file.name):
            with pytest.raises(FetchRefused):
                fetcher(f"{settings.MEDIA_URL}{name}")
    messages = refusals(caplog)
    assert len(messages) == 2
    assert all(message.endswith("the image is in a restricted collection") for message in messages)


@pytest.mark.parametrize("restricted", [True, False])
def test_refuses_documents_and_other_media_files(fetcher, caplog, settings, restricted):
    collection = restricted_collection() if restricted else Collection.get_first_root_node()
    document = library_document(collection)
    picture_document = library_document(collection, name="scan.png")
    loose_image = default_storage.save("pictures/dot.png", ContentFile(png_bytes()))

    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        for name in (document.file.name, picture_document.file.name, loose_image):
            with pytest.raises(FetchRefused):
                fetcher(f"http://localhost{settings.MEDIA_URL}{name}")
    assert len(refusals(caplog)) == 3


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.css",
        "https://example.com/static/notice_blocks/css/pdf.css",
        "//example.com/static/notice_blocks/css/pdf.css",
        f"http:///static/{STYLESHEET}",
        f"http://localhost@example.com/static/{STYLESHEET}",
        "http://127.0.0.1:6379/",
        f"http://127.0.0.1:6379/static/{STYLESHEET}",
        "http://169.254.169.254/latest/meta-data/",
        f"http://169.254.169.254/static/{STYLESHEET}",
        f"http://10.0.0.1/static/{STYLESHEET}",
        "http://[::1]/static/notice_blocks/css/pdf.css",
        "file:///etc/passwd",
        (PROJECT_DIR / "notice_blocks" / "static" / STYLESHEET).as_uri(),
        "/static/../../etc/passwd",
        "http://localhost/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static//etc/passwd",
        "/media/../settings.py",
        "/media/..%2f..%2fcms/settings/base.py",
        "http://localhost/admin/",
        "ftp://localhost/static/notice_blocks/css/pdf.css",
        "gopher://127.0.0.1:6379/_INFO",
        "javascript:alert(1)",
    ],
)
def test_refuses_and_logs_everything_else(fetcher, caplog, url):
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        with pytest.raises(FetchRefused):
            fetcher(url)
    messages = refusals(caplog)
    assert len(messages) == 1
    assert messages[0].startswith(f"Refused to fetch {url} for a PDF")


def test_a_missing_own_file_is_logged_not_served(fetcher, caplog):
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        with pytest.raises(FileNotFoundError):
            fetcher("/static/notice_blocks/css/no-such-file.css")
    assert refusals(caplog) == [
        "Could not read /static/notice_blocks/css/no-such-file.css for a PDF: "
        "No static file named 'notice_blocks/css/no-such-file.css'"
    ]


def test_pdf_is_made_without_the_images_it_may_not_fetch(caplog, tmp_path, monkeypatch):
    # With alt text, so that they are not left out before WeasyPrint tries to fetch them.
    inject_into_body(
        monkeypatch,
        '<p>Our pictures: <img src="http://example.com/tracker.png" alt="Pixel">'
        '<img src="file:///etc/passwd" alt="Passwords">'
        '<img src="/static/../../etc/passwd" alt="Passwords">'
        '<img src="http://169.254.169.254/latest/meta-data/" alt="Metadata"></p>'
        "<p>The rest of the summary.</p>",
    )
    page = make_notice_page(title="Tracking")
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        data = render_notice_pdf(page, STANDARD.value)

    assert data.startswith(b"%PDF-")
    path = tmp_path / "tracking.pdf"
    path.write_bytes(data)
    assert "The rest of the summary." in extract_text(path)
    assert page_validation.validate_pdf(str(path), profile="ua1").is_compliant
    refused = refusals(caplog)
    assert len(refused) == 4
    for url in (
        "http://example.com/tracker.png",
        "file:///etc/passwd",
        # /static/../../etc/passwd, resolved by WeasyPrint against the site's root URL
        urljoin(notice_base_url(page), "/etc/passwd"),
        "http://169.254.169.254/latest/meta-data/",
    ):
        assert any(message.startswith(f"Refused to fetch {url} ") for message in refused), url


def embedded_files(path: Path) -> tuple[list[str], list[str]]:
    """The names of the PDF's embedded files, and the subtypes of its file attachments."""
    with open(path, "rb") as file:
        document = PDFDocument(PDFParser(file))
        names = resolve1(resolve1(document.catalog.get("Names")) or {})
        tree = resolve1(names.get("EmbeddedFiles")) or {}
        embedded = [
            resolve1(name).decode() if isinstance(resolve1(name), bytes) else str(name)
            for name in (resolve1(tree.get("Names")) or [])[::2]
        ]
        attachments = [
            str(resolve1(annotation).get("Subtype"))
            for pdf_page in PDFPage.create_pages(document)
            for annotation in resolve1(pdf_page.annots) or []
            if "FileAttachment" in str(resolve1(annotation).get("Subtype"))
        ]
    return embedded, attachments


def images_in(path: Path) -> int:
    def count(item) -> int:
        if isinstance(item, LTImage):
            return 1
        return sum(count(child) for child in item) if isinstance(item, LTContainer) else 0

    return sum(count(layout) for layout in extract_pages(path))


def test_pdf_embeds_no_attachments_and_only_public_images(caplog, tmp_path, settings, monkeypatch):
    secret = library_document(restricted_collection(), name="minutes.pdf")
    public = library_document(Collection.get_first_root_node(), name="leaflet.pdf")
    secret_image = library_image(restricted_collection("Case photos"), title="Secret")
    public_image = library_image(title="Public")
    media = settings.MEDIA_URL
    inject_into_body(
        monkeypatch,
        f'<p>Read <a rel="attachment" href="{media}{secret.file.name}">the minutes</a> and '
        f'<a rel="noopener attachment" href="{media}{public.file.name}">our leaflet</a>.</p>'
        f'<link rel="attachment" href="{media}{secret.file.name}">'
        # A file the PDF may load (as a stylesheet), which is still not to be attached.
        f'<p><a rel="attachment" href="/static/{STYLESHEET}">Styles</a></p>'
        f'<p><img src="{media}{secret_image.file.name}" alt="A child’s bedroom">'
        f'<img src="{media}{public_image.file.name}" alt="The council building"></p>'
        "<p>The rest of the summary.</p>",
    )
    page = make_notice_page(title="Attached")
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        data = render_notice_pdf(page, STANDARD.value)

    path = tmp_path / "attached.pdf"
    path.write_bytes(data)
    assert embedded_files(path) == ([], [])
    assert b"secret minutes" not in data
    assert "The rest of the summary." in extract_text(path)
    assert images_in(path) == 1
    refused = refusals(caplog)
    assert len(refused) == 1
    assert secret_image.file.name in refused[0]
    assert refused[0].endswith("the image is in a restricted collection")
    assert page_validation.validate_pdf(str(path), profile="ua1").is_compliant


def test_easy_read_pdf_shows_an_editors_own_picture_only_from_a_public_collection(caplog, tmp_path):
    secret_image = library_image(restricted_collection("Case photos"), title="Secret")
    public_image = library_image(title="Public")
    points = [
        {"picture": "", "image": image, "alt_text": alt, "text": "We help you."}
        for image, alt in ((secret_image, "A child at home"), (public_image, "Our office"))
    ]
    body = [("section", {"topic": "summary", "heading": "About us", "points": points})]
    easy_read = make_easy_read_page(make_notice_page(), body=body)
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        data = render_notice_pdf(easy_read, EASY_READ.value)

    path = tmp_path / "easy-read.pdf"
    path.write_bytes(data)
    assert images_in(path) == 1
    refused = refusals(caplog)
    assert len(refused) == 1
    assert refused[0].endswith("the image is in a restricted collection")
    assert "/images/" in refused[0]  # the rendition the page shows

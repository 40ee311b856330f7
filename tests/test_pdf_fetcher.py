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
from pdfminer.high_level import extract_text
from PIL import Image

from notice_blocks.pdf.fetcher import FetchRefused, NoticeURLFetcher
from notice_blocks.pdf.rendering import notice_base_url, render_notice_pdf
from notice_blocks.pdf.variants import PdfVariant

from .utils import make_notice_page

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


def test_serves_a_media_file_through_the_default_storage(fetcher, media_root, settings):
    image = BytesIO()
    Image.new("RGB", (4, 4), "#0b0c0c").save(image, "PNG")
    name = default_storage.save("pictures/dot.png", ContentFile(image.getvalue()))
    assert (media_root / name).is_file()

    response = fetcher(f"http://localhost{settings.MEDIA_URL}{name}")
    assert response.read() == image.getvalue()
    response.close()
    assert response.content_type == "image/png"


def test_decodes_data_urls(fetcher):
    assert fetch_bytes(fetcher, "data:text/plain;base64,SGVsbG8=") == b"Hello"


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
        (Path(__file__).parents[1] / "notice_blocks" / "static" / STYLESHEET).as_uri(),
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


def test_pdf_is_made_without_the_images_it_may_not_fetch(caplog, tmp_path):
    # With alt text, so that they are not left out before WeasyPrint tries to fetch them.
    text = (
        '<p>Our pictures: <img src="http://example.com/tracker.png" alt="Pixel">'
        '<img src="file:///etc/passwd" alt="Passwords">'
        '<img src="/static/../../etc/passwd" alt="Passwords">'
        '<img src="http://169.254.169.254/latest/meta-data/" alt="Metadata"></p>'
        "<p>The rest of the summary.</p>"
    )
    page = make_notice_page(title="Tracking", body=[("summary", {"heading": "", "text": text})])
    with caplog.at_level(logging.WARNING, logger="notice_blocks.pdf"):
        data = render_notice_pdf(page, PdfVariant.STANDARD)

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

"""The demo site answers at the address it is served at, so printed addresses lead back to it."""

import subprocess
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Site

from notice_blocks.models import NoticePage
from notice_blocks.pdf.rendering import render_notice_pdf

pytestmark = pytest.mark.django_db

BOLTON = "bolton-childrens-social-care"


def load_demo_notices(*args: str) -> str:
    output = StringIO()
    call_command("load_demo_notices", *args, stdout=output)
    return output.getvalue()


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "notice.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_demo_site_answers_where_the_demo_is_served(client, tmp_path):
    address = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert address == "http://127.0.0.1:8000"

    load_demo_notices()

    assert Site.objects.get(is_default_site=True).root_url == address
    urdu = NoticePage.objects.get(slug=BOLTON, locale__language_code="ur")
    with translation.override("ur"):
        text = pdf_text(render_notice_pdf(urdu, "standard"), tmp_path)
    assert f"{address}/ur/{BOLTON}/" in text
    assert "localhost" not in text

    page = BeautifulSoup(client.get(urdu.url).content, "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
    assert set(alternates) == {"en", "x-default", "cy", "ur"}
    assert all(href.startswith(f"{address}/") for href in alternates.values()), alternates


def test_the_address_can_be_given(client):
    output = load_demo_notices("--address", "http://notices.example.org:8080")

    assert Site.objects.get(is_default_site=True).root_url == "http://notices.example.org:8080"
    assert "Site address: http://notices.example.org:8080/" in output
    notice = NoticePage.objects.get(slug=BOLTON, locale__language_code="en")
    assert notice.full_url == f"http://notices.example.org:8080/en/{BOLTON}/"
    assert "Site address" not in load_demo_notices("--address", "notices.example.org:8080")


def test_a_wrong_address_is_refused():
    with pytest.raises(CommandError, match="Not an address"):
        load_demo_notices("--address", "http://")

"""The PDF routes of a notice: what they serve, to whom, and how they build on demand."""

import threading
from datetime import timedelta
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.db import connections
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone
from pdfminer.high_level import extract_text
from wagtail.models import PageViewRestriction, Site

from notice_blocks.models import NoticePage
from notice_blocks.pdf.building import pdf_storage
from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.variants import PdfVariant

from .utils import NOTICE_VARIANTS, make_notice_page

DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}


@pytest.fixture(autouse=True)
def pdf_root(settings, tmp_path):
    """Every test stores its PDFs in a folder of its own, and queues builds without running them."""
    location = tmp_path / "notice-pdfs"
    settings.STORAGES = {
        **settings.STORAGES,
        "notice_pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    settings.TASKS = DUMMY_TASKS
    return location


def route(page: NoticePage, variant: str = PdfVariant.STANDARD) -> str:
    name = "pdf" if variant == PdfVariant.STANDARD else "pdf_large_print"
    return page.url + page.reverse_subpage(name)


def fetch(client: Client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def stored_files(root) -> list:
    return sorted(root.rglob("*.pdf")) if root.exists() else []


@pytest.mark.django_db
def test_routes_serve_the_stored_pdf_with_download_and_caching_headers(client):
    page = make_notice_page(title="Children's social care", slug="childrens-social-care")

    response, body = fetch(client, route(page, PdfVariant.LARGE_PRINT))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="childrens-social-care-large-print.pdf"'
    )
    pdf = NoticePdf.objects.get(page_id=page.pk, variant=PdfVariant.LARGE_PRINT)
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body) == pdf.file_size
    assert response["ETag"] == f'"{pdf.checksum[:32]}"'
    assert response["Last-Modified"]
    assert response["Content-Language"] == "en"

    again = client.get(route(page, PdfVariant.LARGE_PRINT), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    # Only the variant asked for was rendered, once.
    assert NoticePdf.objects.filter(page_id=page.pk).count() == 1
    assert pdf.attempts == 1


@pytest.mark.django_db
def test_serving_a_stored_pdf_takes_few_queries(client, django_assert_max_num_queries):
    page = make_notice_page()
    fetch(client, route(page))

    # Wagtail's routing and view restriction check, then one query for the PDF.
    with django_assert_max_num_queries(7):
        response, _ = fetch(client, route(page))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_pdf_missing_from_storage_is_rendered_again_once(client, pdf_root):
    page = make_notice_page()
    first, _ = fetch(client, route(page))
    pdf = NoticePdf.objects.get(page_id=page.pk)
    old_name = pdf.file_name
    pdf_storage().delete(old_name)  # storage cleared, the row kept
    assert stored_files(pdf_root) == []

    response, body = fetch(client, route(page))
    again, again_body = fetch(client, route(page))

    assert response.status_code == again.status_code == 200
    assert body.startswith(b"%PDF-") and again_body == body
    pdf.refresh_from_db()
    assert pdf.status == NoticePdf.Status.READY
    assert pdf.file_name != old_name
    assert pdf.attempts == 1
    assert stored_files(pdf_root) == [pdf_root / pdf.file_name]


@pytest.mark.django_db
def test_a_builder_whose_lease_ran_out_is_taken_over(client):
    page = make_notice_page()
    NoticePdf.objects.create(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        variant=PdfVariant.STANDARD,
        language_code="en",
        status=NoticePdf.Status.BUILDING,
        attempts=1,
        claim_token="crashed-worker",
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )

    response, body = fetch(client, route(page))

    assert response.status_code == 200
    pdf = NoticePdf.objects.get(page_id=page.pk)
    assert (pdf.status, pdf.attempts) == (NoticePdf.Status.READY, 2)


@pytest.mark.django_db
def test_waiting_too_long_for_another_builder_answers_503(client, settings):
    settings.NOTICE_PDF_WAIT_SECONDS = 0.3
    page = make_notice_page()
    NoticePdf.objects.create(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        variant=PdfVariant.STANDARD,
        language_code="en",
        status=NoticePdf.Status.BUILDING,
        attempts=1,
        claim_token="busy-worker",
        lease_expires_at=timezone.now() + timedelta(minutes=2),
    )

    response = client.get(route(page))

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-cache" in response["Cache-Control"]
    pdf = NoticePdf.objects.get(page_id=page.pk)
    assert (pdf.status, pdf.attempts, pdf.claim_token) == (
        NoticePdf.Status.BUILDING,
        1,
        "busy-worker",
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_render_the_pdf_only_once(pdf_root):
    page = make_notice_page()
    url = route(page)
    workers = 4
    barrier = threading.Barrier(workers)
    results: list = [None] * workers

    def request(index: int) -> None:
        try:
            barrier.wait()
            response, body = fetch(Client(), url)
            results[index] = (response.status_code, response.get("Content-Type"), body)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [status for status, _, _ in results] == [200] * workers
    assert {content_type for _, content_type, _ in results} == {"application/pdf"}
    assert len({body for _, _, body in results}) == 1
    pdf = NoticePdf.objects.get(page_id=page.pk, variant=PdfVariant.STANDARD)
    assert (pdf.status, pdf.attempts) == (NoticePdf.Status.READY, 1)
    assert stored_files(pdf_root) == [pdf_root / pdf.file_name]


@pytest.mark.django_db
def test_a_draft_only_notice_has_no_pdf(client):
    page = make_notice_page(publish=False)

    for variant in NOTICE_VARIANTS:
        assert client.get(route(page, variant)).status_code == 404
    assert not NoticePdf.objects.exists()


@pytest.mark.django_db
def test_an_unpublished_notice_has_no_pdf(client):
    page = make_notice_page()
    url = route(page)
    assert fetch(client, url)[0].status_code == 200

    page.unpublish()

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_only_the_live_revision_is_rendered_never_a_newer_draft(client):
    page = make_notice_page()
    draft = NoticePage.objects.get(pk=page.pk)
    draft.title = "Unpublished draft title"
    draft_revision = draft.save_revision()

    response, body = fetch(client, route(page))

    assert response.status_code == 200
    text = extract_text(BytesIO(body))
    assert "Adoption" in text
    assert "Unpublished draft title" not in text
    assert not NoticePdf.objects.filter(revision_id=draft_revision.pk).exists()


@pytest.mark.django_db
def test_a_password_protected_notice_answers_its_pdf_routes_as_the_page(client):
    page = make_notice_page()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )

    page_response = client.get(page.url)
    pdf_response = client.get(route(page))

    assert pdf_response.status_code == page_response.status_code
    assert pdf_response["Content-Type"].startswith("text/html")
    assert b"%PDF" not in pdf_response.content
    soup = BeautifulSoup(pdf_response.content, "html.parser")
    assert soup.find("input", {"name": "password"}) is not None
    assert not NoticePdf.objects.exists()

    authenticate = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    client.post(authenticate, {"password": "letmein", "return_url": route(page)})
    response, body = fetch(client, route(page))
    assert response.status_code == 200
    assert body.startswith(b"%PDF-")
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_login_protected_notice_redirects_its_pdf_routes_to_log_in(client):
    page = make_notice_page()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    page_response = client.get(page.url)
    for variant in NOTICE_VARIANTS:
        response = client.get(route(page, variant))
        assert response.status_code == page_response.status_code == 302
        assert "login" in response["Location"]
    assert not NoticePdf.objects.exists()


@pytest.mark.django_db
def test_the_notice_page_links_to_its_pdfs_with_size_and_language(client):
    page = make_notice_page()
    fetch(client, route(page))
    stored = NoticePdf.objects.get(page_id=page.pk, variant=PdfVariant.STANDARD)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    links = soup.select('a[type="application/pdf"]')

    assert [link["href"] for link in links] == [route(page), route(page, PdfVariant.LARGE_PRINT)]
    assert {link["hreflang"] for link in links} == {"en"}
    kilobytes = round(stored.file_size / 1024)
    assert [" ".join(link.get_text().split()) for link in links] == [
        f"Download PDF (English, {kilobytes} KB)",
        # Not built yet: no size to show.
        "Download large print PDF (English)",
    ]
    for link in links:
        assert fetch(client, link["href"])[0]["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_download_links_take_two_queries(django_assert_max_num_queries):
    page = make_notice_page()
    page = NoticePage.objects.get(pk=page.pk)
    request = RequestFactory().get(page.url)
    Site.find_for_request(request)  # as Wagtail does before it serves the page

    with django_assert_max_num_queries(2):
        html = render_to_string(
            "notice_blocks/includes/downloads.html", {"page": page, "request": request}
        )
    assert html.count('type="application/pdf"') == 2


@pytest.mark.django_db
def test_a_draft_has_no_download_links():
    page = NoticePage.objects.get(pk=make_notice_page(publish=False).pk)

    html = render_to_string("notice_blocks/includes/downloads.html", {"page": page})

    assert "application/pdf" not in html

"""The PDF routes of a notice: what they serve, to whom, and that they never render or wait.

Builds run here as a task worker runs them (``build_revision_pdfs``, or the queued task);
requests only read what is stored.
"""

import threading
import time
from datetime import timedelta
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend
from pdfminer.high_level import extract_text
from wagtail.models import Locale, PageViewRestriction, Site

from notice_blocks.models import NoticePage
from notice_blocks.pdf.building import build_revision_pdfs, pdf_storage
from notice_blocks.pdf.conf import max_attempts
from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.tasks import build_notice_pdfs_task
from notice_blocks.pdf.variants import LARGE_PRINT, STANDARD, get_variant, variants_for
from tests.utils import NOTICE_VARIANTS, make_notice_page, run_queued_pdf_builds

DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
# The sentences of the page answered in place of a PDF, as the catalogues translate them.
PREPARING = {
    "en": "This PDF is being prepared. Please try again in a minute.",
    "cy": "Mae’r PDF hwn yn cael ei baratoi. Rhowch gynnig arall arni ymhen munud.",
    "ur": "یہ PDF تیار کی جا رہی ہے۔ براہ کرم ایک منٹ بعد دوبارہ کوشش کریں۔",
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
    default_task_backend.clear()
    return location


def route(page: NoticePage, variant: str = STANDARD.value) -> str:
    name = get_variant(variant).route_name
    return page.url + page.reverse_subpage(name)


def fetch(client: Client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def stored_files(root) -> list:
    return sorted(root.rglob("*.pdf")) if root.exists() else []


def queued_builds() -> list[tuple]:
    """The PDF builds the task backend holds: (revision, variants)."""
    return [
        (result.args[0], result.args[1])
        for result in default_task_backend.results
        if result.task.func is build_notice_pdfs_task.func
    ]


def publish(page: NoticePage, **changes) -> NoticePage:
    page = NoticePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return NoticePage.objects.get(pk=page.pk)


def translated(page: NoticePage, language_code: str) -> NoticePage:
    """A published copy of ``page`` in the tree of another language."""
    locale = Locale.objects.get_or_create(language_code=language_code)[0]
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.save_revision().publish()
    return NoticePage.objects.get(pk=copy.pk)


def assert_preparing_page(response, page: NoticePage, language_code: str, *, gave_up=False):
    """A 503 page in the notice's language, never cached, linking to the notice's web page."""
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) > 0
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language_code
    assert soup.html["dir"] == ("rtl" if language_code == "ur" else "ltr")
    assert soup.find("main").find("h1").get_text(strip=True) == page.title
    assert soup.find("a", href=page.full_url), "no link to the notice's web page"
    message = soup.select_one(".app-pdf-unavailable").get_text(strip=True)
    if gave_up:
        assert message == "This PDF cannot be offered at the moment."
    else:
        assert message == PREPARING[language_code]
    return soup


@pytest.mark.django_db
def test_routes_serve_the_stored_pdf_with_download_and_caching_headers(client):
    page = make_notice_page(title="Children's social care", slug="childrens-social-care")
    build_revision_pdfs(page.live_revision_id, [LARGE_PRINT.value])

    response, body = fetch(client, route(page, LARGE_PRINT.value))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="childrens-social-care-large-print.pdf"'
    )
    pdf = NoticePdf.objects.get(page_id=page.pk, variant=LARGE_PRINT.value)
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body) == pdf.file_size
    assert response["ETag"] == f'"{pdf.checksum[:32]}"'
    assert response["Last-Modified"]
    assert response["Content-Language"] == "en"

    again = client.get(route(page, LARGE_PRINT.value), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert NoticePdf.objects.filter(page_id=page.pk).count() == 1
    assert pdf.attempts == 1
    assert queued_builds() == []


@pytest.mark.django_db
def test_serving_a_stored_pdf_reads_one_row_and_writes_nothing(client):
    page = make_notice_page()
    build_revision_pdfs(page.live_revision_id)
    fetch(client, route(page))

    # Besides Wagtail's routing and view restriction check: one query, for the PDF.
    with CaptureQueriesContext(connection) as queries:
        response, _ = fetch(client, route(page))

    assert response.status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    assert len([q for q in sql if NoticePdf._meta.db_table in q]) == 1
    assert not [q for q in sql if q.startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["en", "cy", "ur"])
def test_a_never_built_pdf_answers_503_at_once_in_the_notice_s_language(
    client, language_code, pdf_root
):
    page = make_notice_page()
    if language_code != "en":
        page = translated(page, language_code)

    started = time.monotonic()
    response = client.get(route(page))
    elapsed = time.monotonic() - started

    assert elapsed < 2
    assert_preparing_page(response, page, language_code)
    assert response["Content-Language"] == language_code
    # Recorded and queued for a worker; nothing rendered here.
    pdf = NoticePdf.objects.get(page_id=page.pk)
    assert (pdf.status, pdf.attempts, pdf.language_code) == (
        NoticePdf.Status.PENDING,
        0,
        language_code,
    )
    assert pdf.queued_at is not None
    assert queued_builds() == [(page.live_revision_id, [STANDARD.value])]
    assert stored_files(pdf_root) == []

    # Asking again neither queues it twice nor renders it.
    assert client.get(route(page)).status_code == 503
    assert len(queued_builds()) == 1

    # Once a worker has built it, it is served.
    run_queued_pdf_builds()
    response, body = fetch(client, route(page))
    assert response.status_code == 200
    assert body.startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_previous_version_is_served_while_the_new_one_is_pending(client):
    page = make_notice_page(version_label="V1.0")
    build_revision_pdfs(page.live_revision_id)
    first = NoticePdf.objects.get(page_id=page.pk, variant=STANDARD.value)

    page = publish(page, version_label="V2.0", title="Adoption and fostering")
    response, body = fetch(client, route(page))

    assert response.status_code == 200
    assert response["ETag"] == f'"{first.checksum[:32]}"'
    text = extract_text(BytesIO(body))
    assert "V1.0" in text and "V2.0" not in text  # the PDF names its version
    live = NoticePdf.objects.get(revision_id=page.live_revision_id, variant=STANDARD.value)
    assert (live.status, live.attempts) == (NoticePdf.Status.PENDING, 0)
    assert queued_builds() == [(page.live_revision_id, [STANDARD.value])]

    run_queued_pdf_builds()
    response, body = fetch(client, route(page))
    assert "V2.0" in extract_text(BytesIO(body))
    # V1.0 was a version of its own: its PDF is kept for its version's route.
    assert NoticePdf.objects.filter(pk=first.pk).exists()


@pytest.mark.django_db
def test_a_pdf_whose_attempts_are_used_up_is_not_rendered_and_the_previous_one_served(client):
    page = make_notice_page(version_label="V1.0")
    build_revision_pdfs(page.live_revision_id)
    first = NoticePdf.objects.get(page_id=page.pk, variant=STANDARD.value)
    page = publish(page, version_label="V2.0")
    failed = NoticePdf.objects.create(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        variant=STANDARD.value,
        language_code="en",
        status=NoticePdf.Status.FAILED,
        attempts=max_attempts(),
        last_error="TemplateSyntaxError: broken",
        failed_at=timezone.now() - timedelta(hours=1),
    )
    NoticePdf.objects.filter(pk=failed.pk).update(updated_at=timezone.now() - timedelta(hours=1))

    response, body = fetch(client, route(page))

    assert response.status_code == 200
    assert response["ETag"] == f'"{first.checksum[:32]}"'
    assert "V1.0" in extract_text(BytesIO(body))
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (NoticePdf.Status.FAILED, max_attempts())
    assert queued_builds() == []

    # Without a previous version, the page says the PDF cannot be offered now.
    other = make_notice_page(title="Fostering", slug="fostering")
    NoticePdf.objects.create(
        page_id=other.pk,
        revision_id=other.live_revision_id,
        variant=STANDARD.value,
        language_code="en",
        status=NoticePdf.Status.FAILED,
        attempts=max_attempts(),
    )
    assert_preparing_page(client.get(route(other)), other, "en", gave_up=True)
    assert queued_builds() == []


@pytest.mark.django_db
def test_a_pdf_missing_from_storage_is_queued_again_not_rendered(client, pdf_root):
    page = make_notice_page()
    build_revision_pdfs(page.live_revision_id, [STANDARD.value])
    pdf = NoticePdf.objects.get(page_id=page.pk)
    pdf_storage().delete(pdf.file_name)  # storage cleared, the row kept

    response = client.get(route(page))

    assert_preparing_page(response, page, "en")
    pdf.refresh_from_db()
    assert (pdf.status, pdf.file_name, pdf.attempts) == (NoticePdf.Status.PENDING, "", 0)
    assert queued_builds() == [(page.live_revision_id, [STANDARD.value])]
    assert stored_files(pdf_root) == []

    run_queued_pdf_builds()
    response, body = fetch(client, route(page))
    assert response.status_code == 200
    pdf.refresh_from_db()
    assert (pdf.status, pdf.attempts) == (NoticePdf.Status.READY, 1)
    assert stored_files(pdf_root) == [pdf_root / pdf.file_name]


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_build_whose_builder_died_is_queued_again_by_a_request_not_taken_over(client):
    page = make_notice_page()
    crashed = NoticePdf.objects.create(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        variant=STANDARD.value,
        language_code="en",
        status=NoticePdf.Status.BUILDING,
        attempts=1,
        claim_token="crashed-worker",
        lease_expires_at=timezone.now() - timedelta(seconds=1),
        queued_at=timezone.now() - timedelta(minutes=10),
    )
    NoticePdf.objects.filter(pk=crashed.pk).update(updated_at=timezone.now() - timedelta(minutes=5))

    response = client.get(route(page))

    assert response.status_code == 503
    crashed.refresh_from_db()
    assert (crashed.status, crashed.claim_token) == (NoticePdf.Status.BUILDING, "crashed-worker")
    assert queued_builds() == [(page.live_revision_id, [STANDARD.value])]
    run_queued_pdf_builds()
    crashed.refresh_from_db()
    assert (crashed.status, crashed.attempts) == (NoticePdf.Status.READY, 2)


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_pdf_another_worker_is_building_answers_503_without_waiting(client):
    page = make_notice_page()
    NoticePdf.objects.create(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        variant=STANDARD.value,
        language_code="en",
        status=NoticePdf.Status.BUILDING,
        attempts=1,
        claim_token="busy-worker",
        lease_expires_at=timezone.now() + timedelta(minutes=2),
        queued_at=timezone.now(),
    )

    started = time.monotonic()
    response = client.get(route(page))

    assert time.monotonic() - started < 2
    assert_preparing_page(response, page, "en")
    pdf = NoticePdf.objects.get(page_id=page.pk)
    assert (pdf.status, pdf.attempts, pdf.claim_token) == (
        NoticePdf.Status.BUILDING,
        1,
        "busy-worker",
    )
    assert queued_builds() == []


@pytest.mark.django_db
def test_with_the_immediate_backend_a_request_records_the_pdf_but_renders_nothing(
    client, settings, pdf_root
):
    settings.TASKS = IMMEDIATE_TASKS
    page = make_notice_page()  # published outside a committed transaction: nothing built

    response = client.get(route(page))

    assert_preparing_page(response, page, "en")
    pdf = NoticePdf.objects.get(page_id=page.pk)
    assert (pdf.status, pdf.attempts) == (NoticePdf.Status.PENDING, 0)
    assert stored_files(pdf_root) == []


@pytest.mark.django_db
def test_with_the_immediate_backend_publishing_builds_the_pdfs(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        page = make_notice_page()

    for variant in NOTICE_VARIANTS:
        response, body = fetch(client, route(page, variant))
        assert response.status_code == 200
        assert body.startswith(b"%PDF-")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_for_a_never_built_pdf_all_answer_at_once_and_queue_it_once(
    pdf_root,
):
    page = make_notice_page()
    url = route(page)
    workers = 4
    barrier = threading.Barrier(workers)
    results: list = [None] * workers

    def request(index: int) -> None:
        try:
            barrier.wait()
            started = time.monotonic()
            response = Client().get(url)
            results[index] = (response.status_code, time.monotonic() - started)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [status for status, _ in results] == [503] * workers
    assert max(elapsed for _, elapsed in results) < 5
    pdf = NoticePdf.objects.get(page_id=page.pk, variant=STANDARD.value)
    assert (pdf.status, pdf.attempts) == (NoticePdf.Status.PENDING, 0)
    assert pdf.queued_at is not None
    assert stored_files(pdf_root) == []


@pytest.mark.django_db
def test_a_draft_only_notice_has_no_pdf(client):
    page = make_notice_page(publish=False)

    for variant in NOTICE_VARIANTS:
        assert client.get(route(page, variant)).status_code == 404
    assert not NoticePdf.objects.exists()


@pytest.mark.django_db
def test_an_unpublished_notice_has_no_pdf(client):
    page = make_notice_page()
    build_revision_pdfs(page.live_revision_id)
    url = route(page)
    assert fetch(client, url)[0].status_code == 200

    page.unpublish()

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_only_the_live_revision_is_served_never_a_newer_draft(client):
    page = make_notice_page()
    build_revision_pdfs(page.live_revision_id)
    draft = NoticePage.objects.get(pk=page.pk)
    draft.title = "Unpublished draft title"
    draft_revision = draft.save_revision()

    response, body = fetch(client, route(page))

    assert response.status_code == 200
    text = extract_text(BytesIO(body))
    assert "Adoption" in text
    assert "Unpublished draft title" not in text
    assert not NoticePdf.objects.filter(revision_id=draft_revision.pk).exists()
    assert build_revision_pdfs(draft_revision.pk) == {v: None for v in NOTICE_VARIANTS}


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

    build_revision_pdfs(page.live_revision_id)
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
    build_revision_pdfs(page.live_revision_id, [STANDARD.value])
    stored = NoticePdf.objects.get(page_id=page.pk, variant=STANDARD.value)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    links = soup.select('a[type="application/pdf"]')

    variants = variants_for(NoticePage)
    assert [link["href"] for link in links] == [route(page, variant) for variant in variants]
    assert {link["hreflang"] for link in links} == {"en"}
    kilobytes = round(stored.file_size / 1024)
    # Only the standard PDF is built: the others have no size to show yet.
    assert [" ".join(link.get_text().split()) for link in links] == [
        f"{get_variant(variant).link_label} (English"
        + (f", {kilobytes} KB)" if variant == STANDARD.value else ")")
        for variant in variants
    ]
    for link, variant in zip(links, variants, strict=True):
        if variant == STANDARD.value:
            assert fetch(client, link["href"])[0]["Content-Type"] == "application/pdf"
        else:
            assert client.get(link["href"]).status_code == 503


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

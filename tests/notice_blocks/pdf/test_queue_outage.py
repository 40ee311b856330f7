"""A task queue outage, for real: editors keep working, PDF builds wait and then catch up.

The test runs a Redis server of its own, stops it, works through the admin and the
``import_notice`` command, then starts Redis again and a real RQ worker, which queues the
waiting builds when it starts and builds them.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ReferenceIndex

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.models import NoticePage
from notice_blocks.pdf.models import NoticePdf
from notice_blocks.snippets import DataController
from tests.admin_forms import block_form_data
from tests.paths import TESTS_DIR
from tests.processes import finish, free_port, start_redis, start_worker, stop, use_rq
from tests.utils import EVERY_BLOCK_BODY, NOTICE_VARIANTS, make_notice_index, make_shared_details

# Commits, then claims by a worker process once the queue is back.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTICE_FILE = TESTS_DIR / "data" / "notice_files" / "minimal.yaml"
WAITING = "Waiting for the task queue"


@pytest.fixture
def own_redis(settings, database_url, tmp_path):
    """A Redis server on a free port, the RQ task backend on it here and in worker processes."""
    port = free_port()
    setup = use_rq(settings, f"redis://127.0.0.1:{port}/0", database_url, tmp_path / "pdfs")
    servers = []

    class Redis:
        def start(self):
            servers.append(start_redis(port))

        def stop(self):
            stop(servers[-1])

    redis = Redis()
    redis.start()
    yield {"redis": redis, **setup}
    for server in servers:
        stop(server)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def notice_form(details: dict, **fields) -> dict:
    body = NoticePage(body=EVERY_BLOCK_BODY).body
    return {
        "title": "Fostering",
        "slug": "fostering",
        "version_label": "V1.0",
        "last_reviewed": "2025-06-01",
        **{field: detail.pk for field, detail in details.items()},
        **block_form_data(NoticeBodyBlock(), body, "body"),
        "action-publish": "action-publish",
        **fields,
    }


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {response.status_code}"
    assert response.status_code in (200, 302), f"{what} answered {response.status_code}"


def live_pdfs(page) -> list[NoticePdf]:
    page = NoticePage.objects.get(pk=page.pk)
    return list(NoticePdf.objects.filter(revision_id=page.live_revision_id))


def test_editors_keep_working_while_redis_is_down_and_pdfs_are_built_once_it_is_back(
    own_redis, admin_client
):
    index = make_notice_index()
    details = make_shared_details()
    own_redis["redis"].stop()

    # Publish a notice, unpublish it, publish it again.
    add_url = reverse("wagtailadmin_pages:add", args=("notice_blocks", "noticepage", index.pk))
    response = admin_client.post(add_url, notice_form(details))
    assert_no_server_error(response, "Publishing")
    page = NoticePage.objects.get(slug="fostering")
    assert page.live
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert_no_server_error(response, "Unpublishing")
    assert not NoticePage.objects.get(pk=page.pk).live
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(edit_url, notice_form(details, version_label="V1.1"))
    assert_no_server_error(response, "Publishing again")
    page = NoticePage.objects.get(pk=page.pk)
    assert page.live and page.version_label == "V1.1"
    # Wagtail's own tasks ran in the web process: the reference index is up to date.
    assert ReferenceIndex.get_references_to(details["data_controller"]).exists()

    # Save a snippet of shared details.
    controller = details["data_controller"]
    snippet_url = reverse(controller.snippet_viewset.get_url_name("edit"), args=[controller.pk])
    response = admin_client.post(
        snippet_url,
        {
            "name": "Example Borough Council",
            "address": "Town Hall",
            "website": "https://example.gov.uk",
            "registration_number": "Z5725371",
        },
    )
    assert_no_server_error(response, "Saving a snippet")
    assert DataController.objects.get(pk=controller.pk).name == "Example Borough Council"

    # Import a notice file.
    call_command("import_notice", str(NOTICE_FILE), stdout=io.StringIO())
    imported = NoticePage.objects.get(slug="blue-badge-parking-permits")
    assert imported.live

    # The PDFs wait for the queue, and editors are told why.
    for notice in (page, imported):
        pdfs = live_pdfs(notice)
        assert {(pdf.variant, pdf.status) for pdf in pdfs} == {
            (variant, NoticePdf.Status.PENDING) for variant in NOTICE_VARIANTS
        }
        assert all(pdf.waiting_reason.startswith(WAITING) for pdf in pdfs)
        assert all(pdf.queued_at is None for pdf in pdfs)
    report = admin_client.get(reverse("notice_pdfs:report"))
    assert report.status_code == 200
    assert WAITING in BeautifulSoup(report.content, "html.parser").get_text()
    edit = admin_client.get(edit_url)  # the notice's PDF panel
    assert WAITING in BeautifulSoup(edit.content, "html.parser").get_text()
    # A resident asking for a PDF meanwhile is answered at once.
    assert admin_client.get(page.url + page.reverse_subpage("pdf")).status_code == 503

    # Redis is back; a worker starts, finds the waiting builds and runs them.
    own_redis["redis"].start()
    output = finish(start_worker(own_redis["env"], own_redis["queue"]))

    for notice in (page, imported):
        pdfs = live_pdfs(notice)
        assert {(pdf.variant, pdf.status) for pdf in pdfs} == {
            (variant, NoticePdf.Status.READY) for variant in NOTICE_VARIANTS
        }, output
        assert all(pdf.waiting_reason == "" for pdf in pdfs)
    response = admin_client.get(page.url + page.reverse_subpage("pdf"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # The live PDFs of both notices, and those of the first notice's V1.0, a version of its
    # own that keeps its PDFs (queued when it was live, built once the queue was back).
    assert len(list(own_redis["pdf_root"].rglob("*.pdf"))) == 6

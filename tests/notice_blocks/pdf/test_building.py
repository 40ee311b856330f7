"""Publishing a notice builds its PDFs in the background, keyed by the live revision."""

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_tasks import default_task_backend

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.models import NoticePage
from notice_blocks.pdf.building import pdf_storage
from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.tasks import build_notice_pdfs_task
from notice_blocks.pdf.variants import STANDARD, get_variant
from tests.admin_forms import block_form_data
from tests.utils import EVERY_BLOCK_BODY, NOTICE_VARIANTS, make_notice_page, run_queued_pdf_builds

# The tests marked ``postgres`` claim rows: conditional updates, unique rows, queueing on commit.
pytestmark = pytest.mark.django_db

DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
BROKEN_TEMPLATE = "{% load no_such_tag_library %}"


@pytest.fixture(autouse=True)
def pdf_root(settings, tmp_path):
    """Every test stores its PDFs in a folder of its own."""
    location = tmp_path / "notice-pdfs"
    settings.STORAGES = {
        **settings.STORAGES,
        "notice_pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued but not run, so a test can see the state before a worker runs."""
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def broken_pdf_template(settings, tmp_path):
    """Puts a PDF template that cannot be rendered ahead of the real one."""
    folder = tmp_path / "broken-templates"
    (folder / "notice_blocks" / "pdf").mkdir(parents=True)
    (folder / "notice_blocks" / "pdf" / "notice.html").write_text(BROKEN_TEMPLATE)
    working = settings.TEMPLATES
    settings.TEMPLATES = [{**working[0], "DIRS": [folder, *working[0]["DIRS"]]}]
    return working


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def publish(page: NoticePage, **changes) -> int:
    """Publish a new revision of ``page`` with ``changes``; returns the revision id."""
    page = NoticePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return revision.pk


def pdf_get(client, page: NoticePage, variant: str = STANDARD.value):
    name = get_variant(variant).route_name
    response = client.get(page.url + page.reverse_subpage(name))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def stored_files(root) -> list:
    return sorted(root.rglob("*.pdf")) if root.exists() else []


def test_publishing_stores_both_pdfs_of_the_live_revision(
    django_capture_on_commit_callbacks, pdf_root
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_notice_page()

    pdfs = NoticePdf.objects.filter(page_id=page.pk)
    assert {pdf.variant for pdf in pdfs} == set(NOTICE_VARIANTS)
    for pdf in pdfs:
        assert pdf.revision_id == page.live_revision_id
        assert pdf.language_code == page.locale.language_code == "en"
        assert pdf.status == NoticePdf.Status.READY
        assert pdf.attempts == 1
        with pdf_storage().open(pdf.file_name) as stored:
            data = stored.read()
        assert data.startswith(b"%PDF-")
        assert len(data) == pdf.file_size
    assert len(stored_files(pdf_root)) == 2
    # Stored outside MEDIA_ROOT, where nothing serves files by name.
    assert all("media" not in path.parts for path in stored_files(pdf_root))


@pytest.mark.postgres
def test_publishing_queues_the_build_only_after_commit(queued_tasks):
    page = make_notice_page()

    # Outside a committed transaction nothing is queued.
    assert run_queued_pdf_builds(queued_tasks) == 0
    assert not NoticePdf.objects.filter(page_id=page.pk).exists()


@pytest.mark.postgres
def test_second_publish_serves_the_old_pdf_until_the_new_one_is_built(
    client, django_capture_on_commit_callbacks, queued_tasks, pdf_root
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_notice_page()
    run_queued_pdf_builds(queued_tasks)
    first_revision = page.live_revision_id
    first = NoticePdf.objects.get(revision_id=first_revision, variant=STANDARD.value)
    old_response, old_body = pdf_get(client, page)
    assert old_response["ETag"] == f'"{first.checksum[:32]}"'

    with django_capture_on_commit_callbacks(execute=True):
        second_revision = publish(page, title="Adoption and fostering")
    page.refresh_from_db()
    assert page.live_revision_id == second_revision

    # The new revision's PDFs are queued, not built; the old PDF is still served.
    queued = NoticePdf.objects.filter(revision_id=second_revision)
    assert {(pdf.variant, pdf.status, pdf.attempts) for pdf in queued} == {
        (variant, NoticePdf.Status.PENDING, 0) for variant in NOTICE_VARIANTS
    }
    response, body = pdf_get(client, page)
    assert response.status_code == 200
    assert response["ETag"] == old_response["ETag"]
    assert body == old_body
    assert NoticePdf.objects.get(pk=first.pk).status == NoticePdf.Status.READY
    assert not NoticePdf.objects.filter(status=NoticePdf.Status.BUILDING).exists()

    with django_capture_on_commit_callbacks(execute=True):
        # One job for each PDF, so that workers build them side by side.
        assert run_queued_pdf_builds(queued_tasks) == len(NOTICE_VARIANTS)

    response, body = pdf_get(client, page)
    new = NoticePdf.objects.get(revision_id=second_revision, variant=STANDARD.value)
    assert new.status == NoticePdf.Status.READY
    assert response["ETag"] == f'"{new.checksum[:32]}"'
    assert body != old_body
    # Once replaced, the old revision's PDFs and files are pruned.
    assert not NoticePdf.objects.filter(revision_id=first_revision).exists()
    assert len(stored_files(pdf_root)) == 2


def test_a_revision_that_is_not_live_is_never_rendered(queued_tasks, pdf_root):
    page = make_notice_page()
    draft = NoticePage.objects.get(pk=page.pk)
    draft.title = "Draft title"
    draft_revision = draft.save_revision()

    outcome = build_notice_pdfs_task.call(draft_revision.pk)

    assert outcome == {variant: None for variant in NOTICE_VARIANTS}
    assert not NoticePdf.objects.exists()
    assert stored_files(pdf_root) == []


@pytest.mark.postgres
def test_an_earlier_revision_is_not_rendered_once_replaced(
    django_capture_on_commit_callbacks, queued_tasks, pdf_root
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_notice_page()
        first_revision = page.live_revision_id
        publish(page, title="Adoption, second edition")
    queued_tasks.clear()

    build_notice_pdfs_task.call(first_revision)

    assert NoticePdf.objects.filter(revision_id=first_revision).count() == 2
    assert set(
        NoticePdf.objects.filter(revision_id=first_revision).values_list("status", flat=True)
    ) == {NoticePdf.Status.PENDING}
    assert stored_files(pdf_root) == []


@pytest.mark.postgres
def test_a_failed_render_is_retried_logged_shown_to_editors_and_the_old_pdf_kept(
    client,
    admin_client_logged_in,
    django_capture_on_commit_callbacks,
    broken_pdf_template,
    settings,
    caplog,
):
    working_templates = broken_pdf_template
    broken_templates = settings.TEMPLATES
    settings.TEMPLATES = working_templates
    with django_capture_on_commit_callbacks(execute=True):
        page = make_notice_page()
    old_response, old_body = pdf_get(client, page)
    assert old_response.status_code == 200

    settings.TEMPLATES = broken_templates
    caplog.set_level(logging.ERROR, logger="notice_blocks.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        failing_revision = publish(page, title="Adoption (updated)")

    failed = NoticePdf.objects.filter(revision_id=failing_revision)
    assert {(pdf.status, pdf.attempts) for pdf in failed} == {(NoticePdf.Status.FAILED, 3)}
    assert all("no_such_tag_library" in pdf.last_error for pdf in failed)
    failures = [r for r in caplog.records if r.name == "notice_blocks.pdf" and r.exc_info]
    assert len(failures) == 3 * len(NOTICE_VARIANTS)
    assert "Rendering the standard PDF of notice" in failures[0].getMessage()
    assert any("Gave up on the standard PDF" in r.getMessage() for r in caplog.records)

    # The previous PDF is still served, without rendering again.
    response, body = pdf_get(client, NoticePage.objects.get(pk=page.pk))
    assert response.status_code == 200
    assert body == old_body
    assert NoticePdf.objects.get(pk=failed[0].pk).attempts == 3

    # Editors see the failure on the notice and in the PDF exports report.
    edit = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "no_such_tag_library" in edit.content.decode()
    assert "It is not tried again" in edit.content.decode()
    report = admin_client_logged_in.get(reverse("notice_pdfs:report"))
    soup = BeautifulSoup(report.content, "html.parser")
    rows = [row for row in soup.select("tbody tr") if "no_such_tag_library" in row.get_text()]
    assert len(rows) == 2
    assert all(row.find("button", string="Retry") for row in rows)

    # Once the template is mended, the editor's retry builds the PDF.
    settings.TEMPLATES = working_templates
    standard = failed.get(variant=STANDARD.value)
    with django_capture_on_commit_callbacks(execute=True):
        retried = admin_client_logged_in.post(reverse("notice_pdfs:retry", args=[standard.pk]))
    assert retried.status_code == 302
    standard.refresh_from_db()
    assert standard.status == NoticePdf.Status.READY
    assert standard.last_error == ""
    response, body = pdf_get(client, NoticePage.objects.get(pk=page.pk))
    assert response["ETag"] == f'"{standard.checksum[:32]}"'


@pytest.mark.postgres
def test_failed_renders_are_retried_later_with_backoff_then_given_up(
    django_capture_on_commit_callbacks, broken_pdf_template, queued_tasks, settings
):
    settings.NOTICE_PDF_RETRY_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        page = make_notice_page()

    delays = []
    while True:
        pending = [r for r in queued_tasks.results if r.task.func is build_notice_pdfs_task.func]
        if not pending:
            break
        # Each PDF is retried by a job of its own.
        assert sorted(variant for r in pending for variant in r.args[1]) == sorted(NOTICE_VARIANTS)
        if pending[0].task.run_after is not None:
            delays.append(
                {round((r.task.run_after - r.enqueued_at).total_seconds()) for r in pending}
            )
        run_queued_pdf_builds(queued_tasks)

    assert delays == [{30}, {60}]
    pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
    assert {(pdf.status, pdf.attempts) for pdf in pdfs} == {(NoticePdf.Status.FAILED, 3)}


def test_pdfs_are_kept_outside_media_by_default():
    from cms.settings import base

    location = Path(base.STORAGES["notice_pdfs"]["OPTIONS"]["location"])
    assert not location.is_relative_to(base.MEDIA_ROOT)
    assert not location.is_relative_to(base.STATIC_ROOT)


def test_a_preview_of_a_draft_does_not_build_it(admin_client_logged_in, queued_tasks):
    page = make_notice_page()
    body = NoticePage(body=EVERY_BLOCK_BODY).body
    data = {
        "title": "Draft only in preview",
        "slug": page.slug,
        **block_form_data(NoticeBodyBlock(), body, "body"),
    }
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

    posted = admin_client_logged_in.post(url, data)
    assert posted.json()["is_valid"]
    preview = admin_client_logged_in.get(url)

    assert preview.status_code == 200
    assert "Draft only in preview" in preview.content.decode()
    assert run_queued_pdf_builds(queued_tasks) == 0
    assert not NoticePdf.objects.exists()

"""`manage.py build_notice_pdfs` and `queue_pending_pdfs`: queue, or build, live notices' PDFs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks import default_task_backend

from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.tasks import build_notice_pdfs_task
from tests.processes import free_port
from tests.utils import NOTICE_VARIANTS, make_notice_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pdf_root(settings, tmp_path):
    location = tmp_path / "notice-pdfs"
    settings.STORAGES = {
        **settings.STORAGES,
        "notice_pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()
    return location


def run(*args) -> str:
    out = StringIO()
    call_command("build_notice_pdfs", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def queued_builds() -> list[tuple[int, list[str]]]:
    """The revision and variants of each queued build, in the order they were queued."""
    return [
        (result.args[0], result.args[1])
        for result in default_task_backend.results
        if result.task.func is build_notice_pdfs_task.func
    ]


def queued_revisions() -> list[int]:
    return [revision_id for revision_id, _ in queued_builds()]


def test_queues_the_live_revision_of_the_given_notices():
    adoption = make_notice_page(title="Adoption", slug="adoption")
    make_notice_page(title="Fostering", slug="fostering")

    output = run(str(adoption.pk))

    assert f"Queued the PDFs of Adoption (page {adoption.pk}, revision" in output
    assert "Fostering" not in output
    # One job for each PDF, so that workers build them side by side.
    assert queued_builds() == [
        (adoption.live_revision_id, [variant]) for variant in NOTICE_VARIANTS
    ]
    assert set(NoticePdf.objects.values_list("revision_id", "variant", "status")) == {
        (adoption.live_revision_id, variant, NoticePdf.Status.PENDING)
        for variant in NOTICE_VARIANTS
    }


def test_all_queues_every_live_notice_and_no_draft():
    adoption = make_notice_page(title="Adoption", slug="adoption")
    fostering = make_notice_page(title="Fostering", slug="fostering")
    make_notice_page(title="Draft", slug="draft", publish=False)

    output = run("--all")

    assert output.count("Queued the PDFs of") == 2
    assert "Draft" not in output
    assert sorted(queued_builds()) == sorted(
        (page.live_revision_id, [variant])
        for page in (adoption, fostering)
        for variant in NOTICE_VARIANTS
    )


def test_sync_renders_now_and_skips_what_is_built(pdf_root):
    page = make_notice_page()

    output = run("--sync", str(page.pk))

    pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
    assert {(pdf.variant, pdf.status) for pdf in pdfs} == {
        (variant, NoticePdf.Status.READY) for variant in NOTICE_VARIANTS
    }
    for pdf in pdfs:
        assert f"Built the {pdf.variant} PDF of Adoption" in output
        assert f"{pdf.file_size} bytes" in output
    assert len(list(pdf_root.rglob("*.pdf"))) == 2
    assert queued_revisions() == []

    # A second run finds them built and renders nothing.
    run("--sync", str(page.pk))
    assert [pdf.attempts for pdf in NoticePdf.objects.all()] == [1, 1]
    assert len(list(pdf_root.rglob("*.pdf"))) == 2


@pytest.mark.parametrize("args", [[], ["--all", "1"]])
def test_needs_either_ids_or_all(args):
    with pytest.raises(CommandError, match="PAGE_ID arguments or --all"):
        run(*args)


def test_unknown_or_unpublished_ids_are_an_error():
    page = make_notice_page()
    draft = make_notice_page(title="Draft", slug="draft", publish=False)

    with pytest.raises(CommandError, match=f"No live notice with id 999999, {draft.pk}"):
        run(str(page.pk), "999999", str(draft.pk))
    assert queued_revisions() == []


# queue_pending_pdfs: the builds that no queued job will run are queued again


def pending(page, **fields) -> NoticePdf:
    return NoticePdf.objects.create(
        page_id=page.pk,
        revision_id=page.live_revision_id,
        variant="standard",
        language_code="en",
        **{"status": NoticePdf.Status.PENDING, **fields},
    )


def queue_pending() -> str:
    out = StringIO()
    call_command("queue_pending_pdfs", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_queue_pending_pdfs_queues_the_builds_never_queued_or_lost():
    now = timezone.now()
    long_ago = now - timedelta(minutes=10)
    names = "never lost recent retry gave-up crashed building replaced".split()
    pages = {name: make_notice_page(title=name.title(), slug=name) for name in names}
    pending(pages["never"], waiting_reason="Waiting for the task queue: ConnectionError")
    pending(pages["lost"], queued_at=long_ago)
    pending(pages["recent"], queued_at=now)
    pending(pages["retry"], status=NoticePdf.Status.FAILED, attempts=1, queued_at=long_ago)
    pending(pages["gave-up"], status=NoticePdf.Status.FAILED, attempts=3, queued_at=long_ago)
    pending(
        pages["crashed"],
        status=NoticePdf.Status.BUILDING,
        lease_expires_at=now - timedelta(seconds=1),
        queued_at=long_ago,
    )
    pending(
        pages["building"],
        status=NoticePdf.Status.BUILDING,
        lease_expires_at=now + timedelta(minutes=1),
        queued_at=long_ago,
    )
    # A revision that is no longer live is not built.
    pending(pages["replaced"])
    pages["replaced"].save_revision().publish()

    output = queue_pending()

    expected = [pages[name].live_revision_id for name in ("never", "lost", "retry", "crashed")]
    assert sorted(queued_revisions()) == sorted(expected)
    for revision_id in expected:
        assert f"Queued the PDF build of revision {revision_id}." in output
    waiting = NoticePdf.objects.filter(revision_id__in=expected)
    assert all(pdf.queued_at >= now and pdf.waiting_reason == "" for pdf in waiting)

    # Queued now, they are not queued again until the lease has passed.
    default_task_backend.clear()
    assert queue_pending() == "No PDF build to queue.\n"
    assert queued_revisions() == []


def test_queue_pending_pdfs_fails_and_keeps_the_reason_while_the_queue_is_unreachable(settings):
    port = free_port()  # nothing listens there
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{port}/0"}}
    settings.TASKS = {
        "default": {
            "BACKEND": "notice_blocks.tasks_backend.RQWithFallbackBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"QUEUE_ONLY_TASKS": ["notice_blocks.pdf.tasks.build_notice_pdfs_task"]},
        }
    }
    page = make_notice_page()
    pdf = pending(page)

    with pytest.raises(CommandError, match="cannot be reached"):
        queue_pending()

    pdf.refresh_from_db()
    assert pdf.status == NoticePdf.Status.PENDING
    assert pdf.queued_at is None
    assert pdf.waiting_reason.startswith("Waiting for the task queue: QueueUnavailable")
    assert not pdf_files_exist()


def pdf_files_exist() -> bool:
    return NoticePdf.objects.exclude(file_name="").exists()

"""`manage.py build_notice_pdfs`: queue, or build at once, the PDFs of live notices."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks import default_task_backend

from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.tasks import build_notice_pdfs_task

from .utils import NOTICE_VARIANTS, make_notice_page

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


def queued_revisions() -> list[int]:
    return [
        result.args[0]
        for result in default_task_backend.results
        if result.task.func is build_notice_pdfs_task.func
    ]


def test_queues_the_live_revision_of_the_given_notices():
    adoption = make_notice_page(title="Adoption", slug="adoption")
    make_notice_page(title="Fostering", slug="fostering")

    output = run(str(adoption.pk))

    assert f"Queued the PDFs of Adoption (page {adoption.pk}, revision" in output
    assert "Fostering" not in output
    assert queued_revisions() == [adoption.live_revision_id]
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
    assert sorted(queued_revisions()) == sorted(
        [adoption.live_revision_id, fostering.live_revision_id]
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

"""PDFs built by real RQ worker processes from a real Redis, as in production.

Each run claims an empty Redis database and empties it afterwards (see ``conftest.py``).
"""

import os

import django_rq
import pytest
from django.core.management import call_command
from django.test import Client

from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.variants import LARGE_PRINT
from tests.processes import finish, start_worker
from tests.utils import NOTICE_VARIANTS, make_notice_page

# Worker processes claim rows and commit: PostgreSQL's row locking and isolation, not SQLite's.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fetch(url: str):
    response = Client().get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_worker_process_builds_the_pdfs_of_a_published_notice(rq_setup):
    page = make_notice_page()

    queue = django_rq.get_queue(rq_setup["queue"])
    jobs = queue.get_jobs()
    assert [job.func_name for job in jobs] == ["notice_blocks.pdf.tasks.build_notice_pdfs_task"]
    assert jobs[0].args[0] == page.live_revision_id
    assert not NoticePdf.objects.exclude(status=NoticePdf.Status.PENDING).exists()
    assert list(rq_setup["pdf_root"].rglob("*.pdf")) == []

    output = finish(start_worker(rq_setup["env"], rq_setup["queue"]))

    assert queue.count == 0
    pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
    assert {(pdf.variant, pdf.status, pdf.attempts) for pdf in pdfs} == {
        (variant, NoticePdf.Status.READY, 1) for variant in NOTICE_VARIANTS
    }, output
    assert len(list(rq_setup["pdf_root"].rglob("*.pdf"))) == 2

    response, body = fetch(page.url + page.reverse_subpage("pdf_large_print"))
    large_print = pdfs.get(variant=LARGE_PRINT.value)
    assert response.status_code == 200
    assert response["ETag"] == f'"{large_print.checksum[:32]}"'
    assert len(body) == large_print.file_size
    # Served as stored: the request rendered nothing.
    assert NoticePdf.objects.get(pk=large_print.pk).attempts == 1


def test_two_workers_build_two_notices_each_pdf_once(rq_setup):
    adoption = make_notice_page(title="Adoption", slug="adoption")
    fostering = make_notice_page(title="Fostering", slug="fostering")
    # Queue both again, so that the two workers contend for the same PDFs.
    call_command("build_notice_pdfs", "--all", stdout=open(os.devnull, "w"))
    queue = django_rq.get_queue(rq_setup["queue"])
    assert queue.count == 4

    workers = [start_worker(rq_setup["env"], rq_setup["queue"]) for _ in range(2)]
    outputs = [finish(worker) for worker in workers]

    assert queue.count == 0
    for page in (adoption, fostering):
        pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
        assert {(pdf.variant, pdf.status, pdf.attempts) for pdf in pdfs} == {
            (variant, NoticePdf.Status.READY, 1) for variant in NOTICE_VARIANTS
        }, outputs
        for name in ("pdf", "pdf_large_print"):
            response, _ = fetch(page.url + page.reverse_subpage(name))
            assert response.status_code == 200
    assert len(list(rq_setup["pdf_root"].rglob("*.pdf"))) == 4

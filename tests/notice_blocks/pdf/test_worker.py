"""PDFs built by real RQ worker processes from a real Redis, as in production.

Each run claims an empty Redis database and empties it afterwards (see ``conftest.py``).
"""

import os
import time

import django_rq
import pytest
from django.core.management import call_command
from django.test import Client
from rq.job import Job
from rq.registry import FinishedJobRegistry
from rq.worker import Worker, WorkerStatus

from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.variants import LARGE_PRINT
from tests.processes import WORKER_TIMEOUT, finish, manage_py, start_worker, stop
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
    # One job for each PDF.
    assert [(job.func_name, job.args) for job in jobs] == [
        ("notice_blocks.pdf.tasks.build_notice_pdfs_task", (page.live_revision_id, [variant]))
        for variant in NOTICE_VARIANTS
    ]
    assert not NoticePdf.objects.exclude(status=NoticePdf.Status.PENDING).exists()
    assert list(rq_setup["pdf_root"].rglob("*.pdf")) == []

    output = finish(start_worker(rq_setup["env"], rq_setup["queue"]))

    assert "Could not prepare the PDF renderer" not in output
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
    assert queue.count == 2 * 2 * len(NOTICE_VARIANTS)  # two notices, each queued twice

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


def idle_workers(queue) -> list[Worker]:
    return [worker for worker in Worker.all(queue=queue) if worker.get_state() == WorkerStatus.IDLE]


def test_two_workers_build_the_pdfs_of_one_notice_side_by_side(rq_setup):
    queue = django_rq.get_queue(rq_setup["queue"])
    workers = [manage_py("rqworker", rq_setup["queue"], env=rq_setup["env"]) for _ in range(2)]
    try:
        # Both workers wait for jobs before the notice is published.
        deadline = time.monotonic() + WORKER_TIMEOUT
        while len(idle_workers(queue)) < 2:
            assert all(worker.poll() is None for worker in workers), "a worker exited"
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.1)

        page = make_notice_page()

        pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
        while pdfs.filter(status=NoticePdf.Status.READY).count() < len(NOTICE_VARIANTS):
            assert not pdfs.filter(status=NoticePdf.Status.FAILED).exists()
            assert time.monotonic() < deadline, "the PDFs were not built"
            time.sleep(0.1)
    finally:
        for worker in workers:
            stop(worker)

    jobs = [
        Job.fetch(job_id, connection=queue.connection)
        for job_id in FinishedJobRegistry(queue=queue).get_job_ids()
    ]
    assert sorted(job.args[1] for job in jobs) == sorted([variant] for variant in NOTICE_VARIANTS)
    # Each worker built one of them, and the two builds overlapped.
    first, second = jobs
    assert first.worker_name != second.worker_name
    assert first.started_at < second.ended_at and second.started_at < first.ended_at
    assert {(pdf.variant, pdf.attempts) for pdf in pdfs} == {
        (variant, 1) for variant in NOTICE_VARIANTS
    }

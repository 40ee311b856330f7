"""PDFs built by real RQ worker processes from a real Redis, as in production.

The test commits its data (``transaction=True``) to a database that the worker processes
open too: the SQLite test database is a file (see ``cms.settings.test``), or the test's
PostgreSQL database. Each run claims an empty Redis database and empties it afterwards.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import django_rq
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.variants import PdfVariant

from .utils import NOTICE_VARIANTS, make_notice_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_SERVER = os.environ.get("NOTICE_TEST_REDIS_URL", "redis://127.0.0.1:6379")
CLAIM_KEY = "notice-pdfs-test:claimed-by"
WORKER_TIMEOUT = 180


@pytest.fixture
def redis_url():
    """The URL of an empty Redis database that this test run has to itself."""
    import redis

    try:
        redis.Redis.from_url(f"{REDIS_SERVER}/0", socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_SERVER} ({error}): RQ workers need it")
    token = uuid.uuid4().hex
    for db in range(15, 0, -1):
        client = redis.Redis.from_url(f"{REDIS_SERVER}/{db}")
        if client.dbsize() == 0 and client.set(CLAIM_KEY, token, nx=True, ex=900):
            break
    else:
        pytest.skip(f"No empty Redis database at {REDIS_SERVER} for the RQ worker test")
    try:
        yield f"{REDIS_SERVER}/{db}"
    finally:
        client.flushdb()
        client.close()


@pytest.fixture
def database_url() -> str:
    """The test database as a URL that a worker process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.skip("The SQLite test database is in memory; worker processes cannot open it")
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "127.0.0.1"
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{db['NAME']}"
    pytest.skip(f"No worker test for the {connection.vendor} database")


@pytest.fixture
def rq_setup(settings, redis_url, database_url, tmp_path):
    """RQ as the task backend, on a queue of this test's own, here and in the workers."""
    queue = f"notice-pdfs-test-{uuid.uuid4().hex[:8]}"
    pdf_root = tmp_path / "notice-pdfs"
    settings.RQ_QUEUES = {name: {"URL": redis_url} for name in ("default", queue)}
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", queue]}
    }
    settings.NOTICE_PDF_TASK_QUEUE = queue
    settings.STORAGES = {
        **settings.STORAGES,
        "notice_pdfs": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(pdf_root)},
        },
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "NOTICE_TASK_BACKEND": "rq",
        "NOTICE_PDF_TASK_QUEUE": queue,
        "REDIS_URL": redis_url,
        "NOTICE_PDF_ROOT": str(pdf_root),
    }
    return {"queue": queue, "env": env, "pdf_root": pdf_root}


def start_worker(rq_setup) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "--burst", rq_setup["queue"]],
        cwd=Path(django_settings.BASE_DIR),
        env=rq_setup["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(worker: subprocess.Popen) -> str:
    try:
        output, _ = worker.communicate(timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
        pytest.fail(f"The RQ worker did not finish in {WORKER_TIMEOUT} s:\n{output}")
    assert worker.returncode == 0, output
    return output


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

    output = finish(start_worker(rq_setup))

    assert queue.count == 0
    pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
    assert {(pdf.variant, pdf.status, pdf.attempts) for pdf in pdfs} == {
        (variant, NoticePdf.Status.READY, 1) for variant in NOTICE_VARIANTS
    }, output
    assert len(list(rq_setup["pdf_root"].rglob("*.pdf"))) == 2

    response, body = fetch(page.url + page.reverse_subpage("pdf_large_print"))
    large_print = pdfs.get(variant=PdfVariant.LARGE_PRINT)
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

    workers = [start_worker(rq_setup) for _ in range(2)]
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

"""The production path, for real: gunicorn web processes and RQ workers on Redis.

The web and worker processes run with ``cms.settings.production`` (hashed static files
collected by ``collectstatic``) against the test's database, SQLite or PostgreSQL.
"""

import os
import threading
import time
import urllib.error
import urllib.request

import django_rq
import pytest

from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.variants import LARGE_PRINT, STANDARD
from tests.processes import finish, gunicorn, manage_py, start_worker
from tests.utils import NOTICE_VARIANTS, make_notice_page

# Web and worker processes share committed rows and claim them concurrently.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WEB_PROCESSES = 3
CONCURRENT_REQUESTS = 6
# Requests for never-built PDFs sent together with one for a notice's page, to two web
# processes: each request answers at once, where rendering in the request took about 25 s.
STARVING_REQUESTS = 4
PROMPT_SECONDS = 5


PRODUCTION_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": "production-path-test",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    # Served over plain HTTP here, with no proxy in front to terminate TLS.
    "DJANGO_SECURE_SSL_REDIRECT": "false",
}


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> str:
    """The static files collected as production serves them: hashed, with their manifest."""
    root = str(tmp_path_factory.mktemp("static"))
    env = {**os.environ, **PRODUCTION_SETTINGS, "DJANGO_STATIC_ROOT": root}
    collect = manage_py("collectstatic", "--no-input", "-v0", env=env)
    output, _ = collect.communicate(timeout=300)
    assert collect.returncode == 0, output
    return root


@pytest.fixture
def production_env(rq_setup, static_root, tmp_path) -> dict:
    """The environment of production processes sharing the test's database, Redis and PDFs."""
    return {
        **rq_setup["env"],
        **PRODUCTION_SETTINGS,
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_all(urls: list[str]) -> list[tuple[int, dict, bytes, float]]:
    """Each of ``urls`` requested at the same moment, with how long each took."""
    barrier = threading.Barrier(len(urls))
    results: list = [None] * len(urls)

    def request(index: int) -> None:
        barrier.wait()
        started = time.monotonic()
        results[index] = (*get(urls[index]), time.monotonic() - started)

    threads = [threading.Thread(target=request, args=(i,)) for i in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def get_concurrently(url: str, count: int) -> list[tuple[int, dict, bytes]]:
    """``count`` requests for ``url`` sent at the same moment."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def request(index: int) -> None:
        barrier.wait()
        results[index] = get(url)

    threads = [threading.Thread(target=request, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_web_processes_never_render_and_workers_build_the_pdfs(production_env, rq_setup):
    page = make_notice_page()
    queue = django_rq.get_queue(rq_setup["queue"])
    # Publishing queued one build for each PDF; no worker has run them yet.
    assert queue.count == len(NOTICE_VARIANTS)

    with gunicorn(production_env, workers=WEB_PROCESSES) as site:
        url = site + page.url + page.reverse_subpage("pdf")
        results = get_concurrently(url, CONCURRENT_REQUESTS)

        assert [status for status, _, _ in results] == [503] * CONCURRENT_REQUESTS
        assert all(int(headers["Retry-After"]) > 0 for _, headers, _ in results)
        assert not NoticePdf.objects.exclude(status=NoticePdf.Status.PENDING).exists()
        assert list(rq_setup["pdf_root"].rglob("*.pdf")) == []
        assert queue.count == len(NOTICE_VARIANTS)

        output = finish(start_worker(production_env, rq_setup["queue"]))

        pdfs = NoticePdf.objects.filter(revision_id=page.live_revision_id)
        assert {(pdf.variant, pdf.status, pdf.attempts) for pdf in pdfs} == {
            (variant, NoticePdf.Status.READY, 1) for variant in NOTICE_VARIANTS
        }, output
        results = get_concurrently(url, CONCURRENT_REQUESTS)
        assert [status for status, _, _ in results] == [200] * CONCURRENT_REQUESTS
        assert len({body for _, _, body in results}) == 1
        assert results[0][2].startswith(b"%PDF-")
        status, headers, _ = get(site + page.url + page.reverse_subpage("pdf_large_print"))
        assert status == 200
        assert headers["ETag"] == f'"{pdfs.get(variant=LARGE_PRINT.value).checksum[:32]}"'


def test_requests_for_unbuilt_pdfs_do_not_starve_the_web_processes(production_env, rq_setup):
    """Two web processes, no worker: PDF requests answer at once and pages stay prompt."""
    notices = [
        make_notice_page(title=f"Notice {number}", slug=f"notice-{number}")
        for number in range(STARVING_REQUESTS // 2)
    ]
    pdf_urls = [
        notice.url + notice.reverse_subpage(route)
        for notice in notices
        for route in ("pdf", "pdf_large_print")
    ]
    page_url = notices[0].url

    with gunicorn(production_env, workers=2) as site:
        get(site + page_url)  # each process has loaded the site
        get(site + page_url)
        started = time.monotonic()
        results = get_all([site + url for url in [*pdf_urls, page_url]])
        elapsed = time.monotonic() - started

    assert elapsed < PROMPT_SECONDS, f"took {elapsed:.1f} s"
    *pdf_results, (page_status, page_headers, page_body, page_seconds) = results
    assert page_status == 200
    assert page_seconds < PROMPT_SECONDS
    assert b"Notice 0" in page_body
    for status, headers, body, _ in pdf_results:
        assert status == 503
        assert int(headers["Retry-After"]) > 0
        assert "no-cache" in headers["Cache-Control"]
        assert b"%PDF" not in body
    assert list(rq_setup["pdf_root"].rglob("*.pdf")) == []
    assert not NoticePdf.objects.exclude(status=NoticePdf.Status.PENDING).exists()


def test_the_previous_pdf_is_served_until_a_worker_has_built_the_new_one(production_env, rq_setup):
    page = make_notice_page()
    finish(start_worker(production_env, rq_setup["queue"]))
    first = NoticePdf.objects.get(revision_id=page.live_revision_id, variant=STANDARD.value)

    page.title = "Adoption and special guardianship"
    page.save_revision().publish()
    page.refresh_from_db()

    with gunicorn(production_env, workers=WEB_PROCESSES) as site:
        url = site + page.url + page.reverse_subpage("pdf")
        for status, headers, _ in get_concurrently(url, CONCURRENT_REQUESTS):
            assert status == 200
            assert headers["ETag"] == f'"{first.checksum[:32]}"'

        finish(start_worker(production_env, rq_setup["queue"]))

        second = NoticePdf.objects.get(revision_id=page.live_revision_id, variant=STANDARD.value)
        assert (second.status, second.attempts) == (NoticePdf.Status.READY, 1)
        assert second.checksum != first.checksum
        status, headers, _ = get(url)
        assert status == 200
        assert headers["ETag"] == f'"{second.checksum[:32]}"'

"""Publish to ready: how long two RQ workers take to build every PDF of a notice in 10 languages.

Run by ``make bench`` (or ``.venv/bin/python bench/publish.py [--workers N] [--json PATH]``).
The script creates a PostgreSQL database of its own and uses a Redis database of its own
(emptied before and after), with the production settings and the RQ task backend:

- it loads the demo notices (``load_demo_notices``: the Bolton notice and its easy read page,
  in English and translated into Welsh and Urdu through wagtail-localize), then copies both
  pages for translation into each other language of ``settings.LANGUAGES``: 10 notices of
  2 PDFs (standard and large print) and 10 easy read pages of 1, 30 PDFs in all;
- it forgets every PDF and queued job, starts the RQ workers (``manage.py rqworker``, as a
  site runs them) and waits until each is ready for work;
- it publishes the 20 pages, as an editor would one after the other, and polls the database
  until the 30 PDFs of their live revisions are ready.

Printed and written to ``--json``: the seconds from the first publication to the last PDF
stored (``publish_to_ready_seconds_30_pdfs``) and PDFs per second; the seconds publishing
took; each build job's time in its work horse; the CPU time of publishing and of the work
horses (which, unlike wall-clock times, does not grow with the machine's load); each
worker's start-up time; the peak resident memory of each worker and of its work horses
(read from /proc), and the load average. Everything the script creates (database, Redis
database, files) is removed.
"""

import argparse
import io
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parents[1]
NOTICE_SLUG = "bolton-childrens-social-care"
BUILD_TASK = "notice_blocks.pdf.tasks.build_notice_pdfs_task"
GOAL_SECONDS = 30
POLL_SECONDS = 0.05
START_TIMEOUT = 180
REDIS_CLAIM = "bench-publish:claimed-by"
TEST_REDIS_CLAIM = "notice-pdfs-test:claimed-by"  # see tests/conftest.py


@dataclass
class Memory:
    """The peak resident memory of a worker and of the work horses it forked, in KiB."""

    worker_kib: int = 0
    horse_kib: int = 0
    horses: set[int] = field(default_factory=set)


# --- Processes and /proc ----------------------------------------------------------------


def status_kib(pid: int, key: str) -> int:
    """A ``kB`` field of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``); 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(f"{key}:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def children_cpu_seconds(pid: int) -> float:
    """The CPU time of the processes ``pid`` forked and waited for: a worker's work horses."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # cutime and cstime, the 16th and 17th fields (the 14th and 15th after the name).
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """The processes ``pid`` forked that are running (RQ's work horses of a worker)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listed:
            return [int(child) for child in listed.read().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def sample_memory(workers: dict[int, Memory]) -> None:
    for pid, memory in workers.items():
        memory.worker_kib = max(memory.worker_kib, status_kib(pid, "VmHWM"))
        for horse in children(pid):
            memory.horses.add(horse)
            memory.horse_kib = max(memory.horse_kib, status_kib(horse, "VmHWM"))


def start_worker(env: dict[str, str], queues: list[str]) -> subprocess.Popen:
    """``manage.py rqworker`` for ``queues``, as a site starts its workers."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", *queues],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop_worker(worker: subprocess.Popen) -> str:
    """Stop a worker started here (warm shutdown, then kill); its output."""
    if worker.poll() is None:
        worker.terminate()
    try:
        output, _ = worker.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output


# --- Databases --------------------------------------------------------------------------


def create_database(admin_url: str, name: str) -> str:
    """Create database ``name`` on the server of ``admin_url``; the new database's URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(admin_url)._replace(path=f"/{name}").geturl()


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(redis_url: str, *, claim: bool = True) -> None:
    """Empty the bench's Redis database and mark it taken, so that a test run leaves it be.

    Refuses a database that a test run has taken.
    """
    import redis

    client = redis.Redis.from_url(redis_url)
    if client.exists(TEST_REDIS_CLAIM):
        raise SystemExit(f"A test run uses the Redis database {redis_url}: give another one.")
    client.flushdb()
    if claim:
        client.set(REDIS_CLAIM, "bench/publish.py", ex=3600)


def site_env(workdir: Path, database_url: str, redis_url: str) -> dict[str, str]:
    """The environment of the site's processes: production settings, all local."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "NOTICE_TASK_BACKEND": "rq",
        "NOTICE_PDF_ROOT": str(workdir / "notice-pdfs"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "PYTHONPATH": str(PROJECT),
    }


# --- The site (this process, set up with the site's environment) --------------------------


def prepare() -> list:
    """Migrate, load the demo, copy its pages into every other language; the pages to publish.

    Returns the notices and easy read pages, one language after the other, as drafts of what
    is to be published.
    """
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Locale

    from notice_blocks.easy_read.models import EasyReadNoticePage
    from notice_blocks.models import NoticePage

    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo_notices", address="http://127.0.0.1:8000", stdout=quiet)
    notice = NoticePage.objects.get(slug=NOTICE_SLUG, locale__language_code=settings.LANGUAGE_CODE)
    easy_read = EasyReadNoticePage.objects.child_of(notice).get()
    pages = []
    for language_code, _ in settings.LANGUAGES:
        locale, _ = Locale.objects.get_or_create(language_code=language_code)
        translated = notice.get_translation_or_none(locale)
        if translated is None:
            translated = notice.copy_for_translation(locale, copy_parents=True)
        translated_easy_read = easy_read.get_translation_or_none(locale)
        if translated_easy_read is None:
            translated_easy_read = easy_read.copy_for_translation(locale)
        pages += [translated.specific, translated_easy_read.specific]
    return pages


def forget_pdfs(pdf_root: Path) -> None:
    """No stored PDF and no queued build: the publications measured build all of them."""
    from notice_blocks.pdf.models import NoticePdf

    NoticePdf.objects.all().delete()
    shutil.rmtree(pdf_root, ignore_errors=True)


def publish(pages: list) -> list[int]:
    """Publish each page's latest revision, as an editor does; the live revisions' ids."""
    from django.test import override_settings

    revisions = []
    for page in pages:
        revision = page.save_revision()
        # The same text as the English page: the plain-language checks have their own tests.
        with override_settings(NOTICE_EASY_READ_ENFORCE_ON_PUBLISH=False):
            revision.publish()
        revisions.append(revision.pk)
    return revisions


def queue_names() -> list[str]:
    from django.conf import settings

    return list(settings.RQ_QUEUES)


def idle_workers(names: list[str]) -> int:
    import django_rq
    from rq.worker import Worker, WorkerStatus

    connection = django_rq.get_connection(names[0])
    return sum(1 for w in Worker.all(connection=connection) if w.get_state() == WorkerStatus.IDLE)


def finished_jobs(names: list[str]) -> list[dict]:
    """The finished and failed jobs of the queues: what each ran and how long it took."""
    import django_rq
    from rq.job import Job
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    jobs = []
    for name in names:
        queue = django_rq.get_queue(name)
        for registry, status in ((FinishedJobRegistry, "finished"), (FailedJobRegistry, "failed")):
            for job_id in registry(queue=queue).get_job_ids():
                job = Job.fetch(job_id, connection=queue.connection)
                jobs.append(
                    {
                        "status": status,
                        "task": job.func_name,
                        "worker": job.worker_name,
                        "seconds": (job.ended_at - job.started_at).total_seconds()
                        if job.ended_at and job.started_at
                        else None,
                    }
                )
    return jobs


def expected_pdfs(pages: list) -> int:
    from notice_blocks.pdf.variants import variants_for

    return sum(len(variants_for(type(page))) for page in pages)


def wait_until_ready(
    revisions: list[int], expected: int, memory: dict[int, Memory], timeout: float
) -> tuple[int, list]:
    """Poll until ``expected`` PDFs of ``revisions`` are ready; how many are, and those that
    failed for good (or the time ran out)."""
    from notice_blocks.pdf.conf import max_attempts
    from notice_blocks.pdf.models import NoticePdf

    pdfs = NoticePdf.objects.filter(revision_id__in=revisions)
    deadline = time.monotonic() + timeout
    while True:
        sample_memory(memory)
        ready = pdfs.filter(status=NoticePdf.Status.READY).count()
        if ready >= expected:
            return ready, []
        gave_up = pdfs.filter(status=NoticePdf.Status.FAILED, attempts__gte=max_attempts())
        if gave_up.exists() or time.monotonic() > deadline:
            return ready, list(gave_up.values_list("variant", "language_code", "last_error"))
        time.sleep(POLL_SECONDS)


def mib(kib: int) -> float:
    return round(kib / 1024, 1)


def run(args: argparse.Namespace) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    database = f"bench_publish_{secrets.token_hex(4)}"
    database_url = create_database(args.database_url, database)
    flush_redis(args.redis_url)
    workers: list[subprocess.Popen] = []
    outputs: list[str] = []
    try:
        env = site_env(workdir, database_url, args.redis_url)
        os.environ.update(env)
        sys.path.insert(0, str(PROJECT))
        os.chdir(PROJECT)
        started = time.monotonic()
        pages = prepare()
        prepared_seconds = time.monotonic() - started
        from django.db import connections

        forget_pdfs(workdir / "notice-pdfs")
        flush_redis(args.redis_url)
        names = queue_names()
        connections.close_all()

        started = time.monotonic()
        workers = [start_worker(env, names) for _ in range(args.workers)]
        memory = {worker.pid: Memory() for worker in workers}
        while idle_workers(names) < len(workers):
            if any(worker.poll() is not None for worker in workers):
                raise RuntimeError("A worker exited:\n" + "\n".join(map(stop_worker, workers)))
            if time.monotonic() - started > START_TIMEOUT:
                raise RuntimeError("The workers did not start in time")
            sample_memory(memory)
            time.sleep(POLL_SECONDS)
        start_up_seconds = time.monotonic() - started

        load_before = os.getloadavg()
        cpu_before = sum(children_cpu_seconds(worker.pid) for worker in workers)
        started = time.monotonic()
        publishing_cpu = time.process_time()
        revisions = publish(pages)
        publishing_cpu = time.process_time() - publishing_cpu
        published_seconds = time.monotonic() - started
        expected = expected_pdfs(pages)
        ready, failed = wait_until_ready(revisions, expected, memory, args.timeout)
        ready_seconds = time.monotonic() - started
        load_after = os.getloadavg()
        # The last work horses exit (and are counted) once they have stored their PDF.
        deadline = time.monotonic() + START_TIMEOUT
        while idle_workers(names) < len(workers) and time.monotonic() < deadline:
            sample_memory(memory)
            time.sleep(POLL_SECONDS)
        horses_cpu = sum(children_cpu_seconds(worker.pid) for worker in workers) - cpu_before
        all_jobs = finished_jobs(names)
        jobs = [job for job in all_jobs if job["task"] == BUILD_TASK]
        # Wagtail's own tasks (such as updating the reference index) share the workers.
        other_tasks = sorted({job["task"] for job in all_jobs if job["task"] != BUILD_TASK})
        other_seconds = [job["seconds"] or 0 for job in all_jobs if job["task"] != BUILD_TASK]
    finally:
        outputs = [stop_worker(worker) for worker in workers]
        from django.db import connections

        connections.close_all()
        drop_database(args.database_url, database)
        flush_redis(args.redis_url, claim=False)
        shutil.rmtree(workdir, ignore_errors=True)

    if failed or ready < expected:
        print("\n".join(outputs), file=sys.stderr)
        raise SystemExit(f"Only {ready} of {expected} PDFs were built; failed: {failed}")
    job_seconds = sorted(job["seconds"] for job in jobs if job["seconds"] is not None)
    return {
        "pdfs": expected,
        "pages_published": len(pages),
        "languages": len(pages) // 2,
        "workers": len(workers),
        f"publish_to_ready_seconds_{expected}_pdfs": round(ready_seconds, 2),
        "pdfs_per_second": round(expected / ready_seconds, 2),
        "publishing_seconds": round(published_seconds, 2),
        "publishing_cpu_seconds": round(publishing_cpu, 2),
        "work_horses_cpu_seconds": round(horses_cpu, 2),
        # What the same work would take with a core free for each worker: a bound, not a time.
        "cpu_bound_seconds": round(
            (horses_cpu + publishing_cpu) / min(len(workers), os.cpu_count() or 1), 2
        ),
        "goal_seconds": GOAL_SECONDS,
        "build_jobs": len(jobs),
        "build_jobs_failed": sum(1 for job in jobs if job["status"] == "failed"),
        "other_jobs": len(other_seconds),
        "other_jobs_seconds_sum": round(sum(other_seconds), 2),
        "other_tasks": other_tasks,
        "job_seconds_median": round(statistics.median(job_seconds), 2) if job_seconds else None,
        "job_seconds_max": round(max(job_seconds), 2) if job_seconds else None,
        "job_seconds_sum": round(sum(job_seconds), 2),
        "jobs_per_worker": sorted(
            sum(1 for job in jobs if job["worker"] == name)
            for name in {job["worker"] for job in jobs}
        ),
        "worker_start_up_seconds": round(start_up_seconds, 2),
        "prepare_seconds": round(prepared_seconds, 2),
        "rq_worker_rss_mib": [mib(m.worker_kib) for m in memory.values()],
        "rq_work_horse_rss_mib": [mib(m.horse_kib) for m in memory.values()],
        "work_horses_seen": sum(len(m.horses) for m in memory.values()),
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in load_after],
        "cpu_count": os.cpu_count(),
    }


def print_report(report: dict) -> None:
    pdfs = report["pdfs"]
    seconds = report[f"publish_to_ready_seconds_{pdfs}_pdfs"]
    verdict = "meets" if seconds <= report["goal_seconds"] else "misses"
    print(
        f"Publish to ready: {report['languages']} languages, {report['pages_published']} pages, "
        f"{pdfs} PDFs, {report['workers']} RQ workers"
    )
    print(f"  every PDF ready after     {seconds:7.2f} s ({verdict} the {GOAL_SECONDS} s goal)")
    print(f"  PDFs per second           {report['pdfs_per_second']:7.2f}")
    print(
        f"  publishing the pages took {report['publishing_seconds']:7.2f} s "
        f"({report['publishing_cpu_seconds']} s of CPU)"
    )
    print(f"  CPU of the work horses    {report['work_horses_cpu_seconds']:7.2f} s")
    print(
        f"  bound on an idle machine  {report['cpu_bound_seconds']:7.2f} s "
        "(the CPU of the work horses and of publishing, spread over the workers' cores)"
    )
    print(
        f"  build jobs                {report['build_jobs']:7d} "
        f"(failed {report['build_jobs_failed']}, per worker {report['jobs_per_worker']})"
    )
    print(
        f"  other jobs                {report['other_jobs']:7d} "
        f"({report['other_jobs_seconds_sum']} s in all: {', '.join(report['other_tasks'])})"
    )
    print(
        f"  job time in a work horse  median {report['job_seconds_median']} s, "
        f"max {report['job_seconds_max']} s, sum {report['job_seconds_sum']} s"
    )
    print(f"  workers ready after       {report['worker_start_up_seconds']:7.2f} s")
    print(f"  peak RSS of each worker   {report['rq_worker_rss_mib']} MiB")
    print(f"  peak RSS of work horses   {report['rq_work_horse_rss_mib']} MiB")
    print(
        f"  load average before {report['load_average_before']}, "
        f"after {report['load_average_after']}, {report['cpu_count']} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="RQ workers (default 2)")
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds to wait for the PDFs (default 300)"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL database to create and drop the bench's own database from",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_PUBLISH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        help="a Redis database of the bench's own: emptied before and after (default db 13)",
    )
    args = parser.parse_args()
    report = run(args)
    print_report(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()

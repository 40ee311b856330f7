"""Pages under load: notice pages cached and uncached and a stored PDF, against a bare app.

Run by ``make bench`` (or ``.venv/bin/python bench/load.py [--duration S] [--json PATH]``).
The script creates a PostgreSQL database of its own, loads the demo notices in it with the
production settings and builds the stored PDFs of the Bolton notice and its easy read page,
then serves, each time with a fresh gunicorn started by the same command (2 sync workers,
bound to 127.0.0.1 only):

- the site with ``cms.settings.production`` as it is (the page cache, when its middleware is
  in ``MIDDLEWARE``): the notice page, its easy read page, the notice's standard PDF;
- the site with ``bench.settings`` (the same without the page cache middleware): the notice
  page and the easy read page, uncached;
- ``bench/bare_wsgi.py``, a bare WSGI application answering with the status, headers and
  body of the cached notice page, so that it sends the same bytes per request. It runs
  first among the apps and again last; its mean is the reference of every ratio.

Each run gets sequential warm-up requests, then a warm-up burst, then a measured burst of
wrk (fixed duration and connections, one thread; only 127.0.0.1 is ever a target). Printed
and written to ``--json``: requests/s, latency percentiles, bytes per response, database
transactions per request (PostgreSQL's own count, which in autocommit is about one per
query), the resident memory of each gunicorn worker after the load, and the load average.
Everything the script creates (database, Redis database, files) is removed at the end.
"""

import argparse
import http.client
import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
NOTICE_SLUG = "bolton-childrens-social-care"
PAGE_CACHE_MIDDLEWARE = "notice_blocks.page_cache.middleware.PageCacheMiddleware"
WORKERS = 2
MAX_DURATION = 60
MAX_CONNECTIONS = 64
WARM_UP_REQUESTS = 20
WARM_UP_SECONDS = 2
# Headers the server writes itself, left out of the bare application's stored response.
SERVER_HEADERS = {"date", "server", "connection", "transfer-encoding", "keep-alive"}
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "WRK-JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"bytes\\": %d, "
    .. "\\"connect_errors\\": %d, \\"read_errors\\": %d, \\"write_errors\\": %d, "
    .. "\\"status_errors\\": %d, \\"timeouts\\": %d, \\"latency_mean_us\\": %.1f, "
    .. "\\"latency_p50_us\\": %d, \\"latency_p90_us\\": %d, \\"latency_p99_us\\": %d, "
    .. "\\"latency_max_us\\": %d}\\n",
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class Scenario:
    """One measured burst: which application serves it and which page is asked for."""

    name: str
    label: str
    app: str  # "site" (production settings), "uncached" (bench.settings) or "bare"
    page: str  # a key of the prepared paths: "notice", "easy_read" or "pdf"


# The bare application runs second and last, so that its mean spans the run.
SCENARIOS = (
    Scenario("notice_cached", "notice page, cached", "site", "notice"),
    Scenario("bare", "bare WSGI app", "bare", "notice"),
    Scenario("notice_uncached", "notice page, uncached", "uncached", "notice"),
    Scenario("easy_read_cached", "easy read page, cached", "site", "easy_read"),
    Scenario("easy_read_uncached", "easy read page, uncached", "uncached", "easy_read"),
    Scenario("pdf", "stored PDF", "site", "pdf"),
    Scenario("bare_again", "bare WSGI app, again", "bare", "notice"),
)
SETTINGS_MODULES = {"site": "cms.settings.production", "uncached": "bench.settings"}


@dataclass
class Bench:
    """What the runs share: where the site's data lives and how it is served."""

    workdir: Path
    database_url: str
    redis_url: str
    port: int
    duration: int
    connections: int
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    def env(self, settings_module: str) -> dict[str, str]:
        """The environment of the site's processes: production settings, all local."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_ALLOWED_HOSTS": LOOPBACK,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "NOTICE_TASK_BACKEND": "rq",
            "NOTICE_PDF_ROOT": str(self.workdir / "notice-pdfs"),
            "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(self.workdir / "media"),
            "BENCH_BARE_RESPONSE": str(self.workdir / "bare-response"),
            "PYTHONPATH": str(PROJECT),
        }

    def url(self, path: str) -> str:
        return f"http://{LOOPBACK}:{self.port}{path}"


# --- Preparing the site (run in a child process with the site's environment) --------------


def prepare(address: str) -> None:
    """Migrate, load the demo notices, build the PDFs measured; print the paths as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from notice_blocks.easy_read.models import EasyReadNoticePage
    from notice_blocks.models import NoticePage

    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo_notices", address=address, stdout=quiet)
    notice = NoticePage.objects.get(slug=NOTICE_SLUG, locale__language_code=settings.LANGUAGE_CODE)
    easy_read = EasyReadNoticePage.objects.child_of(notice).live().get()
    call_command("build_notice_pdfs", notice.pk, easy_read.pk, sync=True, stdout=quiet)
    paths = {"notice": notice.url, "easy_read": easy_read.url, "pdf": f"{notice.url}pdf/"}
    print(json.dumps({"paths": paths, "page_cache": PAGE_CACHE_MIDDLEWARE in settings.MIDDLEWARE}))


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


def transactions(database_url: str) -> int:
    """Transactions PostgreSQL has counted in the database (committed and rolled back)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            "WHERE datname = current_database()"
        ).fetchone()
    return int(row[0])


def flush_redis(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


# --- Serving -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> http.client.HTTPResponse:
    """GET ``path`` from 127.0.0.1 (read; the response's ``body`` holds the bytes)."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.body = response.read()
        return response
    finally:
        connection.close()


class Gunicorn:
    """A gunicorn master with its sync workers, on 127.0.0.1 only; stopped on exit."""

    def __init__(self, bench: Bench, app: str) -> None:
        settings_module = SETTINGS_MODULES.get(app, "cms.settings.production")
        application = "bench.bare_wsgi:application" if app == "bare" else "cms.wsgi:application"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"{LOOPBACK}:{bench.port}",
            "--chdir",
            str(PROJECT),
            "--log-level",
            "warning",
            application,
        ]
        self.process = subprocess.Popen(command, env=bench.env(settings_module), cwd=PROJECT)

    def __enter__(self) -> "Gunicorn":
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def wait_until_ready(self, port: int, path: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with status {self.process.returncode}")
            try:
                get(port, path)
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer on port {port} within {timeout:.0f} s")

    def worker_rss_mib(self) -> list[float]:
        """The resident memory of each worker (Linux /proc), in MiB."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        sizes = []
        for child in children:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sorted(sizes)


def wrk(bench: Bench, url: str, seconds: int) -> dict:
    """A bounded wrk burst against ``url``, which must be on 127.0.0.1; wrk's figures."""
    if urlsplit(url).hostname != LOOPBACK:
        raise ValueError(f"wrk targets {LOOPBACK} only, not {url}")
    seconds = max(1, min(seconds, MAX_DURATION))
    script = bench.workdir / "report.lua"
    script.write_text(WRK_REPORT)
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(min(bench.connections, MAX_CONNECTIONS)),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(script),
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK-JSON "))
    return json.loads(line.removeprefix("WRK-JSON "))


def store_bare_response(bench: Bench, response: http.client.HTTPResponse) -> None:
    """Keep ``response`` for the bare application: a JSON line of status and headers, body."""
    headers = [
        (name, value) for name, value in response.getheaders() if name.lower() not in SERVER_HEADERS
    ]
    head = json.dumps({"status": f"{response.status} {response.reason}", "headers": headers})
    (bench.workdir / "bare-response").write_bytes(head.encode() + b"\n" + response.body)


def measure(bench: Bench, scenario: Scenario, path: str) -> dict:
    """Serve ``path`` with a fresh gunicorn, warm it up, and measure it under load."""
    load_before = os.getloadavg()
    transactions_before = transactions(bench.database_url)
    with Gunicorn(bench, scenario.app) as server:
        server.wait_until_ready(bench.port, path)
        for _ in range(WARM_UP_REQUESTS):
            response = get(bench.port, path)
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status} ({scenario.label})")
        if scenario.name == "notice_cached":
            store_bare_response(bench, response)
        warm_up = wrk(bench, bench.url(path), WARM_UP_SECONDS)
        figures = wrk(bench, bench.url(path), bench.duration)
        rss = server.worker_rss_mib()
    time.sleep(1)  # the closed connections' backends report their counts as they exit
    served = WARM_UP_REQUESTS + warm_up["requests"] + figures["requests"] + 1
    errors = sum(
        figures[key]
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return {
        "label": scenario.label,
        "path": path,
        "settings": SETTINGS_MODULES.get(scenario.app, "bench/bare_wsgi.py"),
        "requests_per_second": figures["requests"] / (figures["duration_us"] / 1e6),
        "requests": figures["requests"],
        "errors": errors,
        "latency_ms": {
            key: figures[f"latency_{key}_us"] / 1000 for key in ("mean", "p50", "p90", "p99", "max")
        },
        "bytes_per_response": figures["bytes"] / max(figures["requests"], 1),
        "body_bytes": len(response.body),
        "headers": {
            name: response.getheader(name)
            for name in ("Content-Type", "Cache-Control", "ETag", "Last-Modified", "Set-Cookie")
            if response.getheader(name) is not None
        },
        "db_transactions_per_request": (
            None
            if scenario.app == "bare"
            else max(transactions(bench.database_url) - transactions_before - 1, 0) / served
        ),
        "worker_rss_mib": rss,
        "load_average": [load_before[0], os.getloadavg()[0]],
    }


# --- Report ------------------------------------------------------------------------------


def summary(results: dict[str, dict], page_cache: bool, bench: Bench) -> dict:
    """The ratios to the bare application, and the largest worker of the site."""
    bare = [results[name]["requests_per_second"] for name in ("bare", "bare_again")]
    reference = sum(bare) / len(bare)

    def ratio(name: str) -> float:
        return results[name]["requests_per_second"] / reference

    site_workers = [
        size
        for result in results.values()
        if result["settings"] != "bench/bare_wsgi.py"
        for size in result["worker_rss_mib"]
    ]
    return {
        "cached_notice_vs_bare": ratio("notice_cached"),
        "uncached_notice_vs_bare": ratio("notice_uncached"),
        "cached_easy_read_vs_bare": ratio("easy_read_cached"),
        "uncached_easy_read_vs_bare": ratio("easy_read_uncached"),
        "pdf_vs_bare": ratio("pdf"),
        "bare_requests_per_second": reference,
        "bare_spread": (max(bare) - min(bare)) / reference,
        "gunicorn_worker_rss_mib": max(site_workers),
        "page_cache_installed": page_cache,
        "settings": {
            "gunicorn_workers": WORKERS,
            "wrk_threads": 1,
            "wrk_connections": bench.connections,
            "seconds_per_run": bench.duration,
            "cpu_count": os.cpu_count(),
        },
        "scenarios": results,
    }


def print_report(report: dict) -> None:
    results = report["scenarios"]
    header = (
        f"{'':26} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'bytes':>8} "
        f"{'db tx/req':>9} {'errors':>6} {'worker RSS MiB':>15} {'load':>10}"
    )
    print(header)
    print("-" * len(header))
    for result in results.values():
        transactions_per_request = result["db_transactions_per_request"]
        print(
            f"{result['label']:26} {result['requests_per_second']:>8.0f} "
            f"{result['requests_per_second'] / report['bare_requests_per_second']:>6.3f} "
            f"{result['latency_ms']['p50']:>7.2f} {result['latency_ms']['p99']:>7.2f} "
            f"{result['bytes_per_response']:>8.0f} "
            f"{'' if transactions_per_request is None else f'{transactions_per_request:.2f}':>9} "
            f"{result['errors']:>6} "
            f"{' '.join(f'{size:.0f}' for size in result['worker_rss_mib']):>15} "
            f"{result['load_average'][0]:>4.2f}→{result['load_average'][1]:<4.2f}"
        )
    print(
        f"\nratio: requests/s over the bare app's mean ({report['bare_requests_per_second']:.0f}"
        f" req/s; its two runs differ by {report['bare_spread']:.0%}); bytes: per response,"
        "\n  headers included (the bare app sends the cached notice page's bytes); db tx/req:"
        "\n  PostgreSQL transactions per request, warm-up included (autocommit: ≈ queries);"
        "\n  load: the 1-minute load average before → after the run, on"
        f" {report['settings']['cpu_count']} CPUs, wrk included"
    )
    if not report["page_cache_installed"]:
        print(
            f"\nThe page cache ({PAGE_CACHE_MIDDLEWARE}) is not in the production MIDDLEWARE:"
            "\nthe 'cached' runs served the pages uncached."
        )
    if any(result["errors"] for result in results.values()):
        print("\nSome requests failed or answered other than 2xx/3xx: see errors.")


def run(args: argparse.Namespace) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (Debian package wrk).")
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    name = f"notices_bench_load_{os.getpid()}"
    bench = Bench(
        workdir=workdir,
        database_url="",
        redis_url=args.redis_url,
        port=free_port(),
        duration=max(1, min(args.duration, MAX_DURATION)),
        connections=max(1, min(args.connections, MAX_CONNECTIONS)),
    )
    try:
        bench.database_url = create_database(args.database_url, name)
        flush_redis(bench.redis_url)
        print(f"Preparing the site in database {name} …", flush=True)
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-m", "bench.load", "--prepare", bench.url("")],
            env=bench.env("cms.settings.production"),
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if output.returncode:
            sys.stderr.write(output.stderr)
            raise SystemExit("Preparing the site failed")
        prepared = json.loads(output.stdout.splitlines()[-1])
        print(
            f"Prepared in {time.perf_counter() - started:.0f} s. gunicorn {WORKERS} sync workers;"
            f" wrk 1 thread, {bench.connections} connections, {bench.duration} s per run after"
            f" {WARM_UP_REQUESTS} requests and {WARM_UP_SECONDS} s of warm-up; load average"
            f" {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs.\n",
            flush=True,
        )
        results = {}
        for scenario in SCENARIOS:
            results[scenario.name] = measure(bench, scenario, prepared["paths"][scenario.page])
        report = summary(results, prepared["page_cache"], bench)
    finally:
        if bench.database_url:
            drop_database(args.database_url, name)
        flush_redis(bench.redis_url)
        shutil.rmtree(workdir, ignore_errors=True)
    print_report(report)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=int, default=10, help=f"seconds of load per run (≤ {MAX_DURATION})"
    )
    parser.add_argument(
        "--connections", type=int, default=4, help=f"wrk connections (≤ {MAX_CONNECTIONS})"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL database to connect to while creating and dropping the bench's own",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_LOAD_REDIS_URL", "redis://127.0.0.1:6379/12"),
        help="a Redis database for the bench alone: flushed before and after",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file as JSON")
    parser.add_argument("--prepare", metavar="ADDRESS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare)
        return
    report = run(args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()

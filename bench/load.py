"""Pages under load: notice pages cached and uncached and a stored PDF, against a bare app.

Run by ``make bench`` (or ``.venv/bin/python bench/load.py [--duration S] [--json PATH]``).
The script creates a PostgreSQL database of its own, loads the demo notices in it with the
production settings and builds the stored PDFs of the Bolton notice and its easy read page,
then measures, each on a fresh gunicorn (2 sync workers, bound to 127.0.0.1 only):

- with ``cms.settings.production`` as it is (the page cache, when its middleware is in
  ``MIDDLEWARE``): the notice page, its easy read page, the notice's standard PDF;
- with ``bench.settings`` (the same without the page cache: its middleware left out, its cache
  one that keeps nothing): the notice page and the easy read page, uncached.

The reference is ``bench/bare_wsgi.py``, a bare WSGI app served by the same gunicorn command
and answering with the status, headers and body of the cached notice page, so that it sends
the same bytes per request. Each measure is made of bursts of wrk (fixed duration and
connections, one thread; only 127.0.0.1 is ever a target) taken in turn with bursts against
the bare app, so that both see the same load from the rest of the machine, and its ratio is
to those paired bursts. Before it, sequential requests and a burst warm the server up.

Printed and written to ``--json``: requests/s and the ratio to the bare app, latency, bytes
per response, database transactions per request (PostgreSQL's own count, about one per query
in autocommit), the resident memory of each gunicorn worker after the load, and the load
average. Everything the script creates (database, Redis database, files) is removed at the
end.
"""

import argparse
import contextlib
import http.client
import io
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
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
WORKERS = 2
MAX_DURATION = 60
MAX_CONNECTIONS = 64
WARM_UP_REQUESTS = 20
WARM_UP_SECONDS = 2
BURST_SECONDS = 2
# Marks the bench's Redis database as taken, as test runs mark theirs (tests/conftest.py).
REDIS_CLAIM = "bench-load:claimed-by"
ERROR_KEYS = ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
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
    """One measure: which settings serve the site, and which page is asked for."""

    name: str
    label: str
    settings: str
    page: str  # a key of the prepared paths: "notice", "easy_read" or "pdf"


PRODUCTION = "cms.settings.production"
UNCACHED = "bench.settings"
SCENARIOS = (
    Scenario("notice_cached", "notice page, cached", PRODUCTION, "notice"),
    Scenario("notice_uncached", "notice page, uncached", UNCACHED, "notice"),
    Scenario("easy_read_cached", "easy read page, cached", PRODUCTION, "easy_read"),
    Scenario("easy_read_uncached", "easy read page, uncached", UNCACHED, "easy_read"),
    Scenario("pdf", "stored PDF", PRODUCTION, "pdf"),
)
BARE = Scenario("bare", "bare WSGI app", "bench/bare_wsgi.py", "notice")


@dataclass
class Bench:
    """What the runs share: where the site's data lives and how it is served."""

    workdir: Path
    database_url: str
    redis_url: str
    duration: int
    connections: int
    site_port: int
    bare_port: int
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


def url(port: int, path: str) -> str:
    return f"http://{LOOPBACK}:{port}{path}"


# --- Preparing the site (run in a child process with the site's environment) --------------


def prepare(address: str) -> None:
    """Migrate, load the demo notices, build the PDFs measured; print the paths as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from notice_blocks.easy_read.models import EasyReadNoticePage
    from notice_blocks.models import NoticePage
    from notice_blocks.page_cache.middleware import MIDDLEWARE_PATH

    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo_notices", address=address, stdout=quiet)
    notice = NoticePage.objects.get(slug=NOTICE_SLUG, locale__language_code=settings.LANGUAGE_CODE)
    easy_read = EasyReadNoticePage.objects.child_of(notice).live().get()
    call_command("build_notice_pdfs", notice.pk, easy_read.pk, sync=True, stdout=quiet)
    paths = {"notice": notice.url, "easy_read": easy_read.url, "pdf": f"{notice.url}pdf/"}
    print(json.dumps({"paths": paths, "page_cache": MIDDLEWARE_PATH in settings.MIDDLEWARE}))


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


def claim_redis(redis_url: str) -> None:
    """Empty the bench's Redis database and mark it taken, so that test runs leave it be.

    Refuses a database that a test run or another benchmark has marked as taken.
    """
    import redis

    client = redis.Redis.from_url(redis_url)
    taken = [key for key in client.scan_iter(match="*claimed-by") if key != REDIS_CLAIM.encode()]
    if taken:
        raise SystemExit(
            f"Redis database {redis_url} is taken ({taken[0].decode()}): give another."
        )
    client.flushdb()
    client.set(REDIS_CLAIM, "bench/load.py", ex=3600)


def release_redis(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


# --- Serving -----------------------------------------------------------------------------


def free_ports(count: int) -> list[int]:
    """``count`` distinct TCP ports free on 127.0.0.1 (held together while they are picked)."""
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind((LOOPBACK, 0))
        return [probe.getsockname()[1] for probe in probes]


def get(port: int, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    """GET ``path`` from 127.0.0.1: the response and its body."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


class Gunicorn:
    """A gunicorn master with its sync workers, on 127.0.0.1 only; stopped on exit.

    The site and the bare application are served by the same command.
    """

    def __init__(self, bench: Bench, port: int, settings_module: str, *, bare: bool = False):
        self.port = port
        application = "bench.bare_wsgi:application" if bare else "cms.wsgi:application"
        command = [
            *(sys.executable, "-m", "gunicorn", "--workers", str(WORKERS)),
            *("--worker-class", "sync", "--bind", f"{LOOPBACK}:{port}"),
            *("--chdir", str(PROJECT), "--log-level", "warning", application),
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

    def warm_up(self, bench: Bench, path: str) -> tuple[http.client.HTTPResponse, bytes, int]:
        """Wait for the server, then warm it up; its last response, and the requests sent."""
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with status {self.process.returncode}")
            try:
                get(self.port, path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not answer on port {self.port}") from None
                time.sleep(0.2)
        for _ in range(WARM_UP_REQUESTS):
            response, body = get(self.port, path)
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
        burst = wrk(bench, url(self.port, path), WARM_UP_SECONDS)
        return response, body, 1 + WARM_UP_REQUESTS + burst["requests"]

    def worker_rss_mib(self) -> list[float]:
        """The resident memory of each worker (Linux /proc), in MiB."""
        pid = self.process.pid
        sizes = []
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sorted(sizes)


def wrk(bench: Bench, target: str, seconds: int) -> dict:
    """A bounded wrk burst against ``target``, which must be on 127.0.0.1; wrk's figures."""
    if urlsplit(target).hostname != LOOPBACK:
        raise ValueError(f"wrk targets {LOOPBACK} only, not {target}")
    seconds = max(1, min(seconds, MAX_DURATION))
    script = bench.workdir / "report.lua"
    script.write_text(WRK_REPORT)
    command = [
        *("wrk", "--threads", "1", "--connections", str(min(bench.connections, MAX_CONNECTIONS))),
        *("--duration", f"{seconds}s", "--timeout", "10s", "--script", str(script), target),
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK-JSON "))
    return json.loads(line.removeprefix("WRK-JSON "))


def combine(bursts: list[dict]) -> dict:
    """The figures of several bursts against one target, as one measure.

    Latency percentiles cannot be merged: the median is the median of the bursts' medians,
    the 99th percentile the worst of theirs.
    """
    requests = sum(burst["requests"] for burst in bursts)
    seconds = sum(burst["duration_us"] for burst in bursts) / 1e6
    return {
        "requests_per_second": requests / seconds,
        "requests": requests,
        "seconds": seconds,
        "errors": sum(burst[key] for burst in bursts for key in ERROR_KEYS),
        "bytes_per_response": sum(burst["bytes"] for burst in bursts) / max(requests, 1),
        "latency_ms": {
            "mean": sum(b["latency_mean_us"] * b["requests"] for b in bursts)
            / max(requests, 1)
            / 1000,
            "p50": statistics.median(burst["latency_p50_us"] for burst in bursts) / 1000,
            "p99": max(burst["latency_p99_us"] for burst in bursts) / 1000,
            "max": max(burst["latency_max_us"] for burst in bursts) / 1000,
        },
    }


def paired_bursts(bench: Bench, site: str, bare: str) -> tuple[list[dict], list[dict]]:
    """Bursts against the site and the bare app in turn (ABBA), so both see the same load."""
    rounds = max(1, bench.duration // BURST_SECONDS)
    seconds = max(1, bench.duration // rounds)
    site_bursts, bare_bursts = [], []
    for round_ in range(rounds):
        order = ((site, site_bursts), (bare, bare_bursts))
        for target, bursts in order if round_ % 2 == 0 else reversed(order):
            bursts.append(wrk(bench, target, seconds))
    return site_bursts, bare_bursts


def store_bare_response(bench: Bench, response: http.client.HTTPResponse, body: bytes) -> None:
    """Keep ``response`` for the bare application: a JSON line of status and headers, body."""
    headers = [
        (name, value) for name, value in response.getheaders() if name.lower() not in SERVER_HEADERS
    ]
    head = json.dumps({"status": f"{response.status} {response.reason}", "headers": headers})
    (bench.workdir / "bare-response").write_bytes(head.encode() + b"\n" + body)


def response_facts(response: http.client.HTTPResponse, body: bytes) -> dict:
    return {
        "body_bytes": len(body),
        "headers": {
            name: response.getheader(name)
            for name in ("Content-Type", "Cache-Control", "ETag", "Last-Modified", "Set-Cookie")
            if response.getheader(name) is not None
        },
    }


def measure(bench: Bench, paths: dict[str, str]) -> dict[str, dict]:
    """Each scenario on a fresh gunicorn, in bursts paired with bursts against the bare app.

    The bare app's stored response is the notice page of the first scenario (cached), and the
    bare app is served from then on; its figures are kept per scenario (``bare_paired``).
    """
    results: dict[str, dict] = {}
    bare_bursts_all: list[dict] = []
    with contextlib.ExitStack() as stack:
        bare = None
        for scenario in SCENARIOS:
            path = paths[scenario.page]
            load_before = os.getloadavg()
            transactions_before = transactions(bench.database_url)
            with Gunicorn(bench, bench.site_port, scenario.settings) as site:
                response, body, served = site.warm_up(bench, path)
                if bare is None:
                    store_bare_response(bench, response, body)
                    bare = stack.enter_context(
                        Gunicorn(bench, bench.bare_port, PRODUCTION, bare=True)
                    )
                    bare.warm_up(bench, "/")
                site_bursts, bare_bursts = paired_bursts(
                    bench, url(site.port, path), url(bare.port, "/")
                )
                rss = site.worker_rss_mib()
            time.sleep(1)  # the closed connections' backends report their counts as they exit
            measured = combine(site_bursts)
            paired = combine(bare_bursts)
            bare_bursts_all += bare_bursts
            database = transactions(bench.database_url) - transactions_before - 1
            results[scenario.name] = {
                "label": scenario.label,
                "path": path,
                "settings": scenario.settings,
                **measured,
                "vs_bare": measured["requests_per_second"] / paired["requests_per_second"],
                "bare_paired": paired,
                **response_facts(response, body),
                "db_transactions_per_request": max(database, 0) / (served + measured["requests"]),
                "worker_rss_mib": rss,
                "load_average": [load_before[0], os.getloadavg()[0]],
            }
        results[BARE.name] = {
            "label": BARE.label,
            "path": "/",
            "settings": BARE.settings,
            **combine(bare_bursts_all),
            "vs_bare": 1.0,
            "worker_rss_mib": bare.worker_rss_mib(),
        }
    return results


# --- Report ------------------------------------------------------------------------------


def summary(results: dict[str, dict], page_cache: bool, bench: Bench) -> dict:
    """The ratios to the bare application, and the largest worker of the site."""
    paired = [
        result["bare_paired"]["requests_per_second"]
        for result in results.values()
        if "bare_paired" in result
    ]
    reference = results[BARE.name]["requests_per_second"]
    site_workers = [
        size
        for name, result in results.items()
        if name != BARE.name
        for size in result["worker_rss_mib"]
    ]
    return {
        "cached_notice_vs_bare": results["notice_cached"]["vs_bare"],
        "uncached_notice_vs_bare": results["notice_uncached"]["vs_bare"],
        "cached_easy_read_vs_bare": results["easy_read_cached"]["vs_bare"],
        "uncached_easy_read_vs_bare": results["easy_read_uncached"]["vs_bare"],
        "pdf_vs_bare": results["pdf"]["vs_bare"],
        "bare_requests_per_second": reference,
        "bare_spread": (max(paired) - min(paired)) / reference,
        "cached_notice_requests_per_second": results["notice_cached"]["requests_per_second"],
        "gunicorn_worker_rss_mib": max(site_workers),
        "page_cache_installed": page_cache,
        # Uncached measures that were answered without the database all the same.
        "served_without_the_database": [
            name
            for name, result in results.items()
            if result["settings"] == UNCACHED and result["db_transactions_per_request"] < 1
        ],
        "settings": {
            "gunicorn_workers": WORKERS,
            "wrk_threads": 1,
            "wrk_connections": bench.connections,
            "seconds_per_measure": bench.duration,
            "burst_seconds": max(1, bench.duration // max(1, bench.duration // BURST_SECONDS)),
            "cpu_count": os.cpu_count(),
        },
        "scenarios": results,
    }


def print_report(report: dict) -> None:
    results = report["scenarios"]
    header = (
        f"{'':26} {'req/s':>8} {'bare':>6} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'bytes':>7} {'db tx/req':>9} {'errors':>6} {'worker RSS MiB':>15} {'load':>10}"
    )
    print(header)
    print("-" * len(header))
    for result in results.values():
        per_request = result.get("db_transactions_per_request")
        bare = result.get("bare_paired", result)["requests_per_second"]
        load = result.get("load_average")
        print(
            f"{result['label']:26} {result['requests_per_second']:>8.0f} {bare:>6.0f} "
            f"{result['vs_bare']:>6.3f} "
            f"{result['latency_ms']['p50']:>7.2f} {result['latency_ms']['p99']:>7.2f} "
            f"{result['bytes_per_response']:>7.0f} "
            f"{'' if per_request is None else f'{per_request:.2f}':>9} "
            f"{result['errors']:>6} "
            f"{' '.join(f'{size:.0f}' for size in result['worker_rss_mib']):>15} "
            + (f"{load[0]:>4.2f}→{load[1]:<4.2f}" if load else "")
        )
    print(
        "\nbare: the bare app's req/s in the bursts paired with the measure's; ratio: the"
        "\n  measure's req/s over that (the bare app's line: all its bursts; the paired figures"
        f"\n  differ by {report['bare_spread']:.0%} of their mean); p99: the worst burst's;"
        "\n  bytes: per response, headers included (the bare app sends the cached notice page's);"
        "\n  db tx/req: PostgreSQL transactions per request, warm-up included (autocommit:"
        "\n  about one per query); load: the 1-minute load average before → after the measure,"
        f"\n  on {report['settings']['cpu_count']} CPUs, wrk included"
    )
    if not report["page_cache_installed"]:
        print(
            "\nThe page cache's middleware is not in the production MIDDLEWARE (docs/caching.md):"
            "\nthe 'cached' measures served the pages uncached."
        )
    for name in report["served_without_the_database"]:
        print(
            f"\n{results[name]['label']}: answered without the database (under one transaction"
            " per request): not an uncached page."
        )
    if any(result["errors"] for result in results.values()):
        print("\nSome requests failed or answered other than 2xx/3xx: see errors.")


def run(args: argparse.Namespace) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (Debian package wrk).")
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    name = f"notices_bench_load_{os.getpid()}"
    site_port, bare_port = free_ports(2)
    bench = Bench(
        workdir=workdir,
        database_url="",
        redis_url=args.redis_url,
        duration=max(1, min(args.duration, MAX_DURATION)),
        connections=max(1, min(args.connections, MAX_CONNECTIONS)),
        site_port=site_port,
        bare_port=bare_port,
    )
    claimed = False
    try:
        claim_redis(bench.redis_url)
        claimed = True
        bench.database_url = create_database(args.database_url, name)
        print(f"Preparing the site in database {name} …", flush=True)
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-m", "bench.load", "--prepare", url(site_port, "")],
            env=bench.env(PRODUCTION),
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
            f" wrk 1 thread, {bench.connections} connections; each measure: {bench.duration} s"
            f" in bursts of {BURST_SECONDS} s, each paired with a burst against the bare app,"
            f" after {WARM_UP_REQUESTS} requests and {WARM_UP_SECONDS} s of warm-up; load"
            f" average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs.\n",
            flush=True,
        )
        report = summary(measure(bench, prepared["paths"]), prepared["page_cache"], bench)
    finally:
        if bench.database_url:
            drop_database(args.database_url, name)
        if claimed:
            release_redis(bench.redis_url)
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

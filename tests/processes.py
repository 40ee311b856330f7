"""Real processes of the production path: gunicorn web processes, RQ workers and Redis.

They open the test's own database, which the test commits to (``transaction=True``): the
SQLite test database is a file (see ``cms.settings.test``), or the test's PostgreSQL database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

WORKER_TIMEOUT = 180
SERVER_START_TIMEOUT = 60


def manage_py(*args: str, env: dict) -> subprocess.Popen:
    """``python manage.py <args>`` in its own process, with ``env`` as its environment."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def start_worker(env: dict, queue: str) -> subprocess.Popen:
    """An RQ worker that runs the jobs on ``queue``, then exits."""
    return manage_py("rqworker", "--burst", queue, env=env)


def finish(worker: subprocess.Popen) -> str:
    """Wait for ``worker`` to exit successfully; its output."""
    try:
        output, _ = worker.communicate(timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
        pytest.fail(f"The RQ worker did not finish in {WORKER_TIMEOUT} s:\n{output}")
    assert worker.returncode == 0, output
    return output


def start_redis(port: int) -> subprocess.Popen:
    """A Redis server of the test's own on ``port``, keeping nothing on disk; once it answers."""
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--daemonize", "no"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"redis-server exited:\n{server.stdout.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                probe.sendall(b"PING\r\n")
                if probe.recv(16).startswith(b"+PONG"):
                    return server
        except OSError:
            time.sleep(0.05)
    stop(server)
    pytest.fail(f"redis-server did not answer on port {port} in {SERVER_START_TIMEOUT} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started here, killing it if it does not exit in time."""
    if process.poll() is None:
        process.terminate()
    try:
        process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict, workers: int) -> Iterator[str]:
    """The site served by gunicorn with ``workers`` web processes; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=120",
        ],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(server, base_url)
        yield base_url
    finally:
        stop(server)


def wait_until_serving(server: subprocess.Popen, base_url: str) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{server.stdout.read()}")
        try:
            urllib.request.urlopen(f"{base_url}/admin/login/", timeout=5).close()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # Not listening yet, or still loading the site: a loaded machine takes a while.
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer in {SERVER_START_TIMEOUT} s")


def use_rq(settings, redis_url: str, database_url: str, pdf_root) -> dict:
    """The site's RQ task backend on ``redis_url``, with a queue of this test's own, here and
    in the worker and web processes started with the returned ``env``."""
    queue = f"notice-pdfs-test-{uuid.uuid4().hex[:8]}"
    settings.RQ_QUEUES = {name: {"URL": redis_url} for name in ("default", queue)}
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": settings.TASK_BACKENDS["rq"],
            "QUEUES": ["default", queue],
        }
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

"""A bare WSGI application: one stored response, sent as it is to every request.

``bench/load.py`` serves it with the same gunicorn command as the site, answering with the
status, headers and body of the cached notice page (read once, at import, from the file that
``BENCH_BARE_RESPONSE`` names), so that both move the same bytes per request and the
difference between them is the site's own work.
"""

import json
import os
from pathlib import Path


def read_response(path: Path) -> tuple[str, list[tuple[str, str]], bytes]:
    """The status, headers and body stored in ``path``: a JSON line, then the body's bytes."""
    head, _, body = path.read_bytes().partition(b"\n")
    stored = json.loads(head)
    return stored["status"], [(name, value) for name, value in stored["headers"]], body


STATUS, HEADERS, BODY = read_response(Path(os.environ["BENCH_BARE_RESPONSE"]))


def application(environ, start_response):
    start_response(STATUS, HEADERS)
    return [BODY]

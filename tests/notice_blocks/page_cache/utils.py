"""Helpers of the page cache's tests: whether a request was answered from the cache."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def get_counting_queries(client, url: str, **extra):
    """The response to a GET of ``url`` and the number of database queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def is_served_from_cache(client, url: str, **extra) -> bool:
    """Whether a GET of ``url`` is answered without a database query (from the cache)."""
    response, queries = get_counting_queries(client, url, **extra)
    assert response.status_code in (200, 304), response.status_code
    return queries == 0

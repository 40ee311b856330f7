"""The WSGI application answers cached pages before Django, by the middleware's rules."""

import io
from http.cookies import SimpleCookie

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from notice_blocks.page_cache import store
from notice_blocks.page_cache.wsgi import PageCacheApplication
from tests.notice_blocks.page_cache.utils import get_counting_queries

pytestmark = pytest.mark.django_db


class Response:
    """What a WSGI application sent: its status, headers and body."""

    def __init__(self, application, environ):
        self.status, self.headers = "", {}
        self.body = b"".join(application(environ, self.start_response))

    def start_response(self, status, headers, exc_info=None):
        self.status, self.headers = status, dict(headers)

    @property
    def status_code(self) -> int:
        return int(self.status.split()[0])


def get_counting_queries_of(request):
    """What ``request()`` answered and the number of database queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = request()
    return response, len(queries)


def call(path: str, method: str = "GET", **headers) -> Response:
    """Call the site's WSGI application as a server calls it."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    return Response(PageCacheApplication(get_wsgi_application()), environ)


@pytest.fixture(autouse=True)
def test_database_kept_open():
    """As in Django's test client: the test's database connection outlives each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_hit_is_answered_before_django_as_the_miss_was(notice, django_assert_num_queries):
    miss = call(notice.url)
    assert miss.status_code == 200
    with django_assert_num_queries(0):
        hit = call(notice.url)
    assert (hit.status, hit.headers, hit.body) == (miss.status, miss.headers, miss.body)
    assert notice.title in hit.body.decode()


def test_a_stored_entry_is_read_only_in_its_own_shape():
    token = store.new_token().value
    entry = store.Entry(token, 200, "OK", b"<html>", {"ETag": '"1"'})
    assert store.Entry.load(entry.dump(), token) == entry
    assert store.Entry.load(entry.dump(), store.new_token().value) is None
    # An entry stored before entries carried their status.
    assert store.Entry.load((token, b"<html>", {"ETag": '"1"'}), token) is None


def test_head_and_conditional_requests(notice):
    miss = call(notice.url)
    head = call(notice.url, method="HEAD")
    assert head.status_code == 200 and head.body == b""
    assert head.headers["ETag"] == miss.headers["ETag"]
    not_modified = call(notice.url, if_none_match=miss.headers["ETag"])
    assert not_modified.status_code == 304 and not_modified.body == b""


def test_a_signed_in_request_goes_to_django(client, notice, admin_user):
    call(notice.url)
    client.force_login(admin_user)
    session = SimpleCookie()
    session["sessionid"] = client.cookies["sessionid"].value
    response = call(notice.url, cookie=session.output(header="", sep=";").strip())
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private"


def test_a_restricted_page_is_never_answered(notice):
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = call(notice.url)
        assert response.status_code == 302
        assert notice.title not in response.body.decode()


def test_an_unknown_host_is_refused_by_django(notice, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    call(notice.url)
    response = call(notice.url, host="attacker.example")
    assert response.status_code == 400


def test_a_page_stored_through_the_application_is_a_hit_for_the_test_client(client, notice):
    call(notice.url)
    response, queries = get_counting_queries(client, notice.url, HTTP_HOST="localhost")
    assert response.status_code == 200 and queries == 0


def test_a_site_without_the_page_cache_middleware_is_passed_through(notice, settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "page_cache" not in name]
    for _ in range(2):
        response, queries = get_counting_queries_of(lambda: call(notice.url))
        assert response.status_code == 200 and queries > 0

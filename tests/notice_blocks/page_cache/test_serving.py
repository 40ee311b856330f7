"""Published public pages are served from the cache, whole; nothing private ever is."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from tests.notice_blocks.page_cache.utils import get_counting_queries, is_served_from_cache
from tests.utils import make_easy_read_page

pytestmark = pytest.mark.django_db

#: The headers a page's response has from the middleware after the cache's, kept on hits.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Vary",
    "ETag",
    "Last-Modified",
    "Cache-Control",
)


def test_a_hit_after_the_miss_makes_no_query_and_answers_the_same(
    client, notice, django_assert_num_queries
):
    miss, queries = get_counting_queries(client, notice.url)
    assert miss.status_code == 200 and queries > 0
    with django_assert_num_queries(0):
        hit = client.get(notice.url)
    assert hit.status_code == 200
    assert hit.content == miss.content
    assert {name: hit.get(name) for name in KEPT_HEADERS} == {
        name: miss.get(name) for name in KEPT_HEADERS
    }
    assert all(miss.has_header(name) for name in KEPT_HEADERS)
    assert dict(hit.items()) == dict(miss.items())


def test_hsts_is_kept_on_hits(client, notice, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    miss = client.get(notice.url, secure=True)
    assert is_served_from_cache(client, notice.url, secure=True)
    hit = client.get(notice.url, secure=True)
    assert hit["Strict-Transport-Security"] == miss["Strict-Transport-Security"]


def test_http_and_https_are_kept_apart(client, notice, settings):
    """A hit never skips the redirect to HTTPS that the security middleware makes."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(notice.url, secure=True).status_code == 200
    assert client.get(notice.url).status_code == 301


def test_every_kind_of_public_page_is_cached(client, notice):
    easy_read = make_easy_read_page(notice)
    index = notice.get_parent()
    for url in (
        index.url,
        notice.url,
        easy_read.url,
        notice.url + "versions/",
        notice.url + "versions/1/",
        easy_read.url + "versions/",
    ):
        assert client.get(url).status_code == 200, url
        assert is_served_from_cache(client, url), url


def test_a_stored_page_carries_an_etag_and_last_modified(client, notice):
    response = client.get(notice.url)
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith(" GMT")
    # Browsers revalidate (cheaply, with a 304) when no frontend cache is purged in front.
    assert response["Cache-Control"] == "public, no-cache"


def test_if_none_match_is_answered_304_on_the_storing_miss_and_on_hits(client, notice):
    first = client.get(notice.url)
    etag = first["ETag"]
    cache.clear()  # the next request is the miss that stores the page again
    stored, queries = get_counting_queries(client, notice.url, HTTP_IF_NONE_MATCH=etag)
    assert stored.status_code == 304 and queries > 0
    assert stored.content == b""
    hit, queries = get_counting_queries(client, notice.url, HTTP_IF_NONE_MATCH=etag)
    assert hit.status_code == 304 and queries == 0
    assert hit["ETag"] == etag
    assert hit["Cache-Control"] == "public, no-cache"
    assert client.get(notice.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_if_modified_since_is_answered_304(client, notice):
    last_modified = client.get(notice.url)["Last-Modified"]
    response, queries = get_counting_queries(
        client, notice.url, HTTP_IF_MODIFIED_SINCE=last_modified
    )
    assert response.status_code == 304 and queries == 0
    earlier = http_date(0)
    assert client.get(notice.url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_head_is_answered_from_the_get_entry_without_a_body(
    client, notice, django_assert_num_queries
):
    page = client.get(notice.url)
    with django_assert_num_queries(0):
        head = client.head(notice.url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == page["Content-Length"] == str(len(page.content))
    assert head["ETag"] == page["ETag"]


# Never cached, never served from the cache


def test_requests_with_a_query_string_are_not_cached(client, notice):
    client.get(notice.url)
    _response, queries = get_counting_queries(client, notice.url + "?utm_source=leaflet")
    assert queries > 0
    _response, queries = get_counting_queries(client, notice.url + "?utm_source=leaflet")
    assert queries > 0
    assert client.get(notice.url + "?a=1")["Cache-Control"] == "private"


def test_not_found_and_posts_are_not_cached(client, notice):
    missing = notice.url + "no-such-page/"
    for _ in range(2):
        response, queries = get_counting_queries(client, missing)
        assert response.status_code == 404 and queries > 0
    client.get(notice.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(notice.url)
    assert len(queries) > 0  # a POST never gets the GET entry
    assert response["Cache-Control"] == "private"
    assert is_served_from_cache(client, notice.url)


def test_signed_in_requests_pass_by_the_cache_and_are_private(client, notice, admin_user):
    client.get(notice.url)
    client.force_login(admin_user)
    response, queries = get_counting_queries(client, notice.url)
    assert response.status_code == 200 and queries > 0
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    client.logout()
    assert is_served_from_cache(client, notice.url)


def test_a_signed_in_response_never_reaches_anyone_else(client, notice, admin_user):
    client.force_login(admin_user)
    signed_in = client.get(notice.url)
    client.logout()
    anonymous, queries = get_counting_queries(client, notice.url)
    assert queries > 0  # the signed-in response was not stored
    assert anonymous.content != signed_in.content or "private" in signed_in["Cache-Control"]


def test_authorization_headers_pass_by_the_cache(client, notice):
    client.get(notice.url)
    response, queries = get_counting_queries(client, notice.url, HTTP_AUTHORIZATION="Basic eDp5")
    assert response.status_code == 200 and queries > 0
    assert response["Cache-Control"] == "private"


def test_a_preview_is_never_answered_from_the_cache(client, notice):
    client.get(notice.url)
    notice.title = "A draft title nobody has published"
    response = notice.make_preview_request()
    assert "A draft title nobody has published" in response.content.decode()
    assert "A draft title" not in client.get(notice.url).content.decode()


def restrict(page, restriction_type: str, **fields) -> PageViewRestriction:
    groups = fields.pop("groups", None)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set(groups or [Group.objects.create(name="Staff")])
    return restriction


@pytest.mark.parametrize(
    "restriction_type",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
@pytest.mark.parametrize("on", ["page", "index above it"])
@pytest.mark.parametrize("path", ["", "versions/", "versions/1/", "pdf/"])
def test_view_restricted_pages_and_their_routes_are_never_cached(
    client, notice, restriction_type, on, path
):
    fields = {"password": "secret"} if restriction_type == PageViewRestriction.PASSWORD else {}
    restrict(notice if on == "page" else notice.get_parent(), restriction_type, **fields)
    for _ in range(2):
        response, queries = get_counting_queries(client, notice.url + path)
        assert queries > 0
        assert response.status_code in (200, 302)
        assert "no-store" in response["Cache-Control"]


def test_a_restricted_page_seen_by_a_member_never_reaches_a_visitor(client, notice, admin_user):
    group = Group.objects.create(name="Staff")
    admin_user.groups.add(group)
    restrict(notice, PageViewRestriction.GROUPS, groups=[group])
    client.force_login(admin_user)
    member = client.get(notice.url)
    assert member.status_code == 200 and notice.title in member.content.decode()
    assert "private" in member["Cache-Control"]
    pdf = client.get(notice.url + "pdf/")
    assert "private" in pdf["Cache-Control"] and "public" not in pdf["Cache-Control"]
    client.logout()
    for _ in range(2):
        visitor = client.get(notice.url)
        assert visitor.status_code == 302
        assert notice.title not in visitor.content.decode()


def test_a_page_opened_with_its_password_never_reaches_a_visitor(client, notice):
    restriction = restrict(notice, PageViewRestriction.PASSWORD, password="secret")
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, notice.pk]),
        {"password": "secret", "return_url": notice.url},
    )
    assert response.status_code == 302
    opened = client.get(notice.url)
    assert opened.status_code == 200 and "Adoption" in opened.content.decode()
    assert (
        "password" not in opened.content.decode().lower() or "no-store" in opened["Cache-Control"]
    )
    client.cookies.clear()
    visitor = client.get(notice.url)
    assert 'type="password"' in visitor.content.decode()
    assert "no-store" in visitor["Cache-Control"]


def test_a_page_that_varies_on_another_header_than_cookies_is_not_kept(client, notice, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "django.middleware.gzip.GZipMiddleware"]
    compressed = client.get(notice.url, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    plain, queries = get_counting_queries(client, notice.url)
    assert queries > 0 and not plain.has_header("Content-Encoding")
    assert notice.title in plain.content.decode()

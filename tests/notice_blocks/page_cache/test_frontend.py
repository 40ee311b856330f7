"""A CDN or proxy in front is purged of the right URLs, through Wagtail's HTTP backend, and
may keep only the pages a purge reaches."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from notice_blocks.page_cache.frontend import cached_urls
from notice_blocks.pdf.events import pdf_stored
from notice_blocks.pdf.models import NoticePdf
from tests.notice_blocks.page_cache.test_purging import body_with_picture
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import make_easy_read_page, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db


class PurgeServer(ThreadingHTTPServer):
    """A cache in front that records the PURGE requests it is sent, as host and path."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.purged: set[tuple[str, str]] = set()


class PurgeHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.add((self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def purge_server(settings):
    server = PurgeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    # Only the languages the tests publish in: every URL is purged in each of them.
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = ["en", "cy"]
    yield server
    server.shutdown()
    server.server_close()


def purged_paths(server: PurgeServer) -> set[str]:
    host = Site.objects.get(is_default_site=True).hostname
    assert {purged_host for purged_host, _path in server.purged} <= {host}
    return {path for _host, path in server.purged}


def test_publishing_purges_the_page_its_routes_its_family(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    easy_read = make_easy_read_page(notice)
    welsh = translate_notice(notice, "cy")
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    paths = purged_paths(purge_server)
    assert {
        notice.url,
        notice.url + "pdf/",
        notice.url + "pdf/large-print/",
        notice.url + "versions/",
        notice.url + "versions/1/",  # each version's page and PDFs
        notice.url + "versions/1/pdf/",
        notice.url + "versions/1/pdf/large-print/",
        index.url,  # it lists the notice
        easy_read.url,  # it shows the notice's title
        easy_read.url + "versions/",
        welsh.url,  # its language switcher lists the notice
    } <= paths


def test_editing_a_shared_detail_purges_the_pages_that_use_it(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    other = make_notice_page(parent=index, title="Fostering", slug="fostering")
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice.data_controller.name = "Renamed Borough Council"
        notice.data_controller.save()
    paths = purged_paths(purge_server)
    assert {notice.url, notice.url + "pdf/", index.url} <= paths
    assert other.url not in paths  # it has shared details of its own


def test_unpublishing_and_moving_purge_the_old_addresses(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    old_url = notice.url
    other = make_notice_index(title="Other notices", slug="other")
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice.move(other, pos="last-child")
    notice.refresh_from_db()
    assert {old_url, old_url + "versions/", notice.url, index.url, other.url} <= purged_paths(
        purge_server
    )
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice.unpublish()
    assert {notice.url, other.url} <= purged_paths(purge_server)


def test_a_stored_pdf_purges_its_page_and_routes(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pdf_stored.send(sender=NoticePdf, pdf=NoticePdf(page=notice))
    paths = purged_paths(purge_server)
    assert {notice.url, notice.url + "pdf/", notice.url + "pdf/large-print/"} <= paths
    assert index.url not in paths  # the index does not show the notice's PDFs


def test_an_image_purges_the_pages_that_show_it(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    image = Image.objects.create(title="Meeting", file=get_test_image_file(size=(240, 240)))
    easy_read = make_easy_read_page(notice, body=body_with_picture(image))
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    paths = purged_paths(purge_server)
    assert {easy_read.url, notice.url} <= paths  # the notice links to its easy read version
    assert index.url not in paths

    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert easy_read.url in purged_paths(purge_server)


def test_a_site_change_purges_every_page(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "Example Council"
        site.save()
    assert {notice.url, notice.url + "pdf/", index.url} <= purged_paths(purge_server)


def test_a_redirect_purges_its_old_path(purge_server, notice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/old-adoption", redirect_page=notice)
    assert "/old-adoption" in purged_paths(purge_server)


def test_nothing_is_purged_before_the_change_is_committed(
    purge_server, notice, index, django_capture_on_commit_callbacks
):
    purge_server.purged.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice.save_revision().publish()
    # Wagtail's own handler purges the page itself at once; the family waits for the commit.
    assert index.url not in purged_paths(purge_server)
    for callback in callbacks:
        callback()
    assert index.url in purged_paths(purge_server)


def test_a_cdn_may_keep_what_a_purge_reaches_and_revalidates_the_rest(client, purge_server, notice):
    assert {"/", "/pdf/", "/pdf/large-print/", "/versions/"} <= set(notice.get_cached_paths())
    kept = "public, max-age=0, s-maxage=86400"
    client.defaults["HTTP_HOST"] = urlsplit(notice.get_site().root_url).netloc
    assert client.get(notice.url)["Cache-Control"] == kept
    assert client.get(notice.url + "versions/")["Cache-Control"] == kept
    assert client.get(notice.url + "versions/1/")["Cache-Control"] == kept
    # Copies under another host or scheme are not purged: caches in front revalidate them.
    assert client.get(notice.url, HTTP_HOST="other.example")["Cache-Control"] == "public, no-cache"
    assert client.get(notice.url, secure=True)["Cache-Control"] == "public, no-cache"
    on_the_day = f"{notice.url}versions/on/{timezone.localdate().isoformat()}/"
    assert not any(url.endswith(on_the_day) for url in cached_urls(notice))
    response = client.get(on_the_day)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"


def test_without_a_frontend_cache_nothing_is_sent(notice, django_capture_on_commit_callbacks):
    server = PurgeServer()  # not configured: nobody tells it anything
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert server.purged == set()
    server.server_close()

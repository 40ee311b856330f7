"""Every change that public pages show makes the cached pages stale; a draft does not."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_tasks import default_task_backend
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction, Site

from notice_blocks.page_cache import store
from tests.notice_blocks.page_cache.utils import get_counting_queries, is_served_from_cache
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import (
    EASY_READ_BODY,
    make_easy_read_page,
    make_notice_index,
    make_notice_page,
    run_queued_pdf_builds,
)

pytestmark = pytest.mark.django_db


def cached_text(client, url: str) -> str:
    """The page's text, after making sure it is in the cache."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_publishing_shows_the_new_text_on_the_next_request(client, notice, index):
    assert "Adoption" in cached_text(client, notice.url)
    assert "Adoption" in cached_text(client, index.url)
    notice.title = "Fostering"
    notice.save_revision().publish()
    assert "Fostering" in client.get(notice.url).content.decode()
    assert "Fostering" in client.get(index.url).content.decode()  # the index lists it


def test_saving_a_draft_purges_nothing(client, notice):
    cached_text(client, notice.url)
    notice.title = "A draft title"
    notice.save_revision()
    assert is_served_from_cache(client, notice.url)
    assert "A draft title" not in client.get(notice.url).content.decode()


def test_unpublishing_takes_the_page_away(client, notice):
    cached_text(client, notice.url)
    cached_text(client, notice.url + "versions/")
    notice.unpublish()
    assert client.get(notice.url).status_code == 404
    assert client.get(notice.url + "versions/").status_code == 404


def test_deleting_takes_the_page_away(client, notice, index):
    cached_text(client, notice.url)
    assert "Adoption" in cached_text(client, index.url)
    url = notice.url
    notice.delete()
    assert client.get(url).status_code == 404
    assert "Adoption" not in client.get(index.url).content.decode()


def test_moving_serves_the_page_at_its_new_address_only(client, notice, index):
    other = make_notice_index(title="Other notices", slug="other")
    old_url = notice.url
    cached_text(client, old_url)
    assert "Adoption" in cached_text(client, index.url)
    notice.move(other, pos="last-child")
    notice.refresh_from_db()
    assert notice.url != old_url
    # Wagtail redirects the old address to the new one.
    assert client.get(old_url)["Location"] == notice.url
    assert client.get(notice.url).status_code == 200
    assert "Adoption" not in client.get(index.url).content.decode()
    assert "Adoption" in client.get(other.url).content.decode()


def test_editing_a_shared_detail_shows_on_the_pages_that_use_it(client, notice, index):
    other = make_notice_page(
        parent=index, title="Fostering", data_controller=notice.data_controller
    )
    assert "Example Council" in cached_text(client, notice.url)
    assert "Example Council" in cached_text(client, other.url)
    controller = notice.data_controller
    controller.name = "Renamed Borough Council"
    controller.save()
    assert "Renamed Borough Council" in client.get(notice.url).content.decode()
    assert "Renamed Borough Council" in client.get(other.url).content.decode()


def switcher_languages(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [link["hreflang"] for link in soup.select("a[hreflang]") if link.get("lang")]


def test_a_published_translation_shows_in_the_other_languages_switcher(client, notice):
    before = cached_text(client, notice.url)
    assert "cy" not in switcher_languages(before)
    translate_notice(notice, "cy")
    after = client.get(notice.url).content.decode()
    assert "cy" in switcher_languages(after)


def test_a_stored_pdf_shows_its_size_on_the_page(
    client, notice, django_capture_on_commit_callbacks
):
    assert " KB)" not in cached_text(client, notice.url)
    # Publishing queues the PDFs once committed; the task backend builds them at once here,
    # as it does in development (in production a worker does, and purges when it finishes).
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert " KB)" in client.get(notice.url).content.decode()


def test_a_pdf_a_worker_stores_shows_on_the_page(
    client, notice, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert " KB)" not in cached_text(client, notice.url)
    assert run_queued_pdf_builds()  # as a worker builds them, after the publication
    assert " KB)" in client.get(notice.url).content.decode()


def test_a_view_restriction_takes_the_page_out_of_the_cache(client, notice):
    cached_text(client, notice.url)
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(notice.url).status_code == 302
    assert client.get(notice.url).status_code == 302


def test_a_redirect_purges(client, notice):
    cached_text(client, notice.url)
    Redirect.objects.create(old_path="/old-adoption", redirect_page=notice)
    _response, queries = get_counting_queries(client, notice.url)
    assert queries > 0


def body_with_picture(image: Image) -> list:
    """The easy read body, its first point pictured by ``image``."""
    section_type, section = EASY_READ_BODY[0]
    point = {**section["points"][0], "picture": "", "image": image, "alt_text": "A meeting"}
    return [(section_type, {**section, "points": [point]}), *EASY_READ_BODY[1:]]


def pictures(html: str) -> list[str]:
    return [
        img["src"] for img in BeautifulSoup(html, "html.parser").select("main img[alt='A meeting']")
    ]


def test_a_deleted_picture_leaves_the_easy_read_page(client, notice):
    image = Image.objects.create(title="Meeting", file=get_test_image_file(size=(240, 240)))
    easy_read = make_easy_read_page(notice, body=body_with_picture(image))
    assert len(pictures(cached_text(client, easy_read.url))) == 1

    image.delete()

    assert pictures(cached_text(client, easy_read.url)) == []


def test_saving_an_image_or_a_document_purges(client, notice):
    image = Image.objects.create(title="Meeting", file=get_test_image_file(size=(240, 240)))
    document = Document.objects.create(title="Leaflet", file=ContentFile(b"%PDF-1.7", "a.pdf"))
    for media in (image, document):
        cached_text(client, notice.url)
        media.title = "Renamed"
        media.save()
        _response, queries = get_counting_queries(client, notice.url)
        assert queries > 0


def test_a_site_change_purges(client, notice):
    cached_text(client, notice.url)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Example Council"
    site.save()
    _response, queries = get_counting_queries(client, notice.url)
    assert queries > 0


def test_the_command_purges_by_hand(client, notice, capsys):
    cached_text(client, notice.url)
    call_command("purge_page_cache")
    assert "stale" in capsys.readouterr().out
    _response, queries = get_counting_queries(client, notice.url)
    assert queries > 0


def test_the_token_is_replaced_again_once_the_change_is_committed(
    notice, django_capture_on_commit_callbacks
):
    """A request between the change and its commit may store the old page: the commit
    makes that stale too."""
    store.replace_token()
    first = store.cache().get(store.TOKEN_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice.save_revision().publish()
    during = store.cache().get(store.TOKEN_KEY)
    assert during != first
    for callback in callbacks:
        callback()
    after = store.cache().get(store.TOKEN_KEY)
    assert after != during
    # Last-Modified moves on with every token.
    assert store.Token.load(after).since > store.Token.load(during).since

"""Requests in a language a page is not written in: the app's pages, and the site's others."""

import pytest
from django.utils.translation import override
from wagtail.models import Locale, Page

from notice_blocks.wagtail_hooks import serve_pages_in_their_own_language
from tests.utils import make_notice_index, site_root

pytestmark = pytest.mark.django_db


def welsh_request(rf, page: Page):
    Locale.objects.get_or_create(language_code="cy")
    return rf.get(f"/cy/{page.slug}/")


def test_the_apps_pages_are_sent_to_their_own_language(rf):
    index = make_notice_index()
    with override("cy"):
        response = serve_pages_in_their_own_language(index, welsh_request(rf, index), (), {})
    assert (response.status_code, response["Location"]) == (302, f"/en/{index.slug}/")


def test_the_sites_other_pages_are_left_alone(rf):
    page = site_root().add_child(instance=Page(title="Opening times", slug="opening-times"))
    with override("cy"):
        assert serve_pages_in_their_own_language(page, welsh_request(rf, page), (), {}) is None


def test_a_site_may_send_all_its_pages_to_their_own_language(rf, settings):
    settings.NOTICE_REDIRECT_ALL_PAGES_TO_THEIR_LANGUAGE = True
    page = site_root().add_child(instance=Page(title="Opening times", slug="opening-times"))
    with override("cy"):
        response = serve_pages_in_their_own_language(page, welsh_request(rf, page), (), {})
    assert (response.status_code, response["Location"]) == (302, f"/en/{page.slug}/")

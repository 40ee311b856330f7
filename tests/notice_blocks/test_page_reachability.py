"""Pages below a notice close with it; only translations everyone can open are advertised."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from notice_blocks.easy_read.models import easy_read_version
from notice_blocks.models import NoticePage
from notice_blocks.reachability import is_reachable, open_to_everyone
from tests.notice_blocks.test_i18n_pages import locale, translate_notice
from tests.utils import make_easy_read_page, make_notice_page

# Reachability follows the page tree with path and Substr queries; the sitemap queries it.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def notice() -> NoticePage:
    return make_notice_page()


@pytest.fixture
def easy_read(notice):
    return make_easy_read_page(notice)


@pytest.fixture
def welsh(notice, easy_read):
    """The notice and its easy read version in Welsh."""
    return translate_notice(notice, "cy"), translate_notice(easy_read, "cy")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def status(url: str) -> int:
    """The status a resident, who is not logged in, gets for ``url``."""
    return Client().get(url).status_code


def unpublish_in_the_admin(editor: Client, page: Page) -> None:
    """Unpublish ``page`` as the admin's confirmation does by default: its pages below stay live."""
    response = editor.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


def live_urls(*pages: Page) -> list[str]:
    return [Page.objects.get(pk=page.pk).url for page in pages]


def switcher_and_alternates(url: str) -> tuple[list[str], list[str]]:
    response = Client().get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    switcher = [link["hreflang"] for link in soup.select(".app-language-switcher a")]
    alternates = [link["hreflang"] for link in soup.find("head").find_all("link", rel="alternate")]
    return switcher, alternates


def sitemap() -> dict[str, list[tuple[str, str]]]:
    """Each location in the sitemap, with its alternates as ``(hreflang, href)``."""
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): [
            (link.get("hreflang"), link.get("href")) for link in url.findall(f"{XHTML}link")
        ]
        for url in root.findall(f"{SITEMAP}url")
    }


def test_unpublishing_a_notice_in_the_admin_closes_its_easy_read_version_and_translations(
    editor, notice, easy_read, welsh
):
    welsh_notice, welsh_easy_read = welsh
    easy_read_url, welsh_easy_read_url = live_urls(easy_read, welsh_easy_read)
    assert welsh_easy_read_url.startswith("/cy/")
    assert status(easy_read_url) == status(welsh_easy_read_url) == 200

    unpublish_in_the_admin(editor, notice)

    easy_read.refresh_from_db()
    welsh_easy_read.refresh_from_db()
    assert easy_read.live and welsh_easy_read.live  # as the admin's default choice leaves them
    assert status(easy_read_url) == 404
    assert status(easy_read_url + "pdf/") == 404
    assert status(welsh_easy_read_url) == 404
    assert status(welsh_easy_read_url + "pdf/") == 404


def test_the_translated_notice_stops_linking_to_an_easy_read_version_that_has_closed(
    editor, notice, welsh
):
    welsh_notice, _welsh_easy_read = welsh
    assert easy_read_version(NoticePage.objects.get(pk=welsh_notice.pk)) is not None

    unpublish_in_the_admin(editor, notice)

    welsh_notice = NoticePage.objects.get(pk=welsh_notice.pk)
    assert easy_read_version(welsh_notice) is None
    response = Client().get(welsh_notice.url)
    assert response.status_code == 200
    assert f'href="{welsh_notice.url}easy-read/"' not in response.content.decode()


def test_a_notice_republished_reopens_its_easy_read_version(editor, notice, easy_read):
    unpublish_in_the_admin(editor, notice)
    notice.get_latest_revision().publish()

    assert status(easy_read.url) == 200
    assert easy_read_version(NoticePage.objects.get(pk=notice.pk)) == easy_read


def test_a_translation_first_written_in_another_language_stays_open(notice, easy_read, welsh):
    """A withdrawn default-language page closes its translations; a never published one does
    not: a notice may be written in Welsh first and translated into English later."""
    welsh_notice, welsh_easy_read = welsh
    Page.objects.filter(pk=notice.pk).update(live=False, first_published_at=None)

    assert is_reachable(Page.objects.get(pk=welsh_easy_read.pk))
    assert not is_reachable(Page.objects.get(pk=easy_read.pk))


def test_an_expired_notice_takes_its_easy_read_version_with_it(notice, easy_read):
    assert status(easy_read.url) == 200
    NoticePage.objects.filter(pk=notice.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("publish_scheduled")

    notice.refresh_from_db()
    assert (notice.live, notice.expired) == (False, True)
    assert status(easy_read.url) == 404
    assert status(easy_read.url + "pdf/") == 404
    assert "Easy read version" not in Client().get(notice.url).content.decode()


def test_a_private_notice_keeps_its_easy_read_version_private(notice, easy_read):
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)

    response = Client().get(easy_read.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Client().get(easy_read.url + "pdf/").status_code == 302


def test_pages_open_to_everyone_are_those_wagtail_calls_public(
    notice, easy_read, django_user_model
):
    from django.contrib.auth.models import Group

    private = make_notice_page(title="Private", slug="private")
    below_private = make_easy_read_page(private)
    by_group = make_notice_page(title="Staff", slug="staff")
    open_notice = make_notice_page(title="Open", slug="open")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    alias = private.create_alias(update_slug="private-alias")  # restricted as its original
    restriction = PageViewRestriction.objects.create(
        page=by_group, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Staff"))
    PageViewRestriction.objects.create(page=easy_read, restriction_type=PageViewRestriction.LOGIN)

    opened = set(open_to_everyone(Page.objects.all()).values_list("pk", flat=True))

    assert opened == set(Page.objects.public().values_list("pk", flat=True))
    assert {notice.pk, open_notice.pk} <= opened
    assert not opened & {private.pk, below_private.pk, by_group.pk, easy_read.pk, alias.pk}


def test_a_login_restricted_translation_is_not_advertised(notice, easy_read, welsh):
    welsh_notice, _welsh_easy_read = welsh
    urdu = translate_notice(notice, "ur")
    assert switcher_and_alternates(notice.url) == (
        ["en", "cy", "ur"],
        ["en", "x-default", "cy", "ur"],
    )

    PageViewRestriction.objects.create(
        page=welsh_notice, restriction_type=PageViewRestriction.LOGIN
    )

    assert switcher_and_alternates(notice.url) == (["en", "ur"], ["en", "x-default", "ur"])
    assert switcher_and_alternates(urdu.url) == (["en", "ur"], ["en", "x-default", "ur"])
    locations = sitemap()
    welsh_url = f"http://localhost{welsh_notice.url}"
    assert welsh_url not in locations
    assert not [url for url in locations if "/cy/" in url]
    assert locations[f"http://localhost{notice.url}"] == [
        ("en", f"http://localhost{notice.url}"),
        ("x-default", f"http://localhost{notice.url}"),
        ("ur", f"http://localhost{urdu.url}"),
    ]


def test_a_password_protected_translation_is_not_advertised(notice, welsh):
    welsh_notice, _welsh_easy_read = welsh
    PageViewRestriction.objects.create(
        page=welsh_notice, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert switcher_and_alternates(notice.url) == ([], [])


def test_the_sitemap_lists_every_language_with_its_alternates(notice, easy_read, welsh):
    welsh_notice, welsh_easy_read = welsh
    locations = sitemap()

    full = {page: f"http://localhost{page.url}" for page in (notice, easy_read)}
    welsh_full = {
        page: f"http://localhost{Page.objects.get(pk=page.pk).url}"
        for page in (welsh_notice, welsh_easy_read)
    }
    for english, translation in ((notice, welsh_notice), (easy_read, welsh_easy_read)):
        expected = [
            ("en", full[english]),
            ("x-default", full[english]),
            ("cy", welsh_full[translation]),
        ]
        assert locations[full[english]] == expected
        assert locations[welsh_full[translation]] == expected


def test_the_sitemap_leaves_out_pages_below_a_closed_notice(editor, notice, easy_read, welsh):
    welsh_notice, welsh_easy_read = welsh
    unpublish_in_the_admin(editor, notice)

    locations = sitemap()

    assert f"http://localhost{notice.url}" not in locations
    assert f"http://localhost{easy_read.url}" not in locations
    assert f"http://localhost{Page.objects.get(pk=welsh_easy_read.pk).url}" not in locations
    welsh_url = f"http://localhost{Page.objects.get(pk=welsh_notice.pk).url}"
    assert locations[welsh_url] == []  # the English notice is no longer its alternate
    # Wagtail's own sitemap asks each page for its entries: a closed page gives none.
    assert Page.objects.get(pk=easy_read.pk).specific.get_sitemap_urls() == []


def test_the_sitemap_leaves_out_private_pages_and_aliases(notice, easy_read):
    alias = notice.copy_for_translation(locale("ar"), copy_parents=True, alias=True)
    PageViewRestriction.objects.create(
        page=easy_read, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    locations = sitemap()

    assert f"http://localhost{notice.url}" in locations
    assert f"http://localhost{easy_read.url}" not in locations
    assert alias.url.startswith("/ar/")
    assert not [url for url in locations if "/ar/" in url]

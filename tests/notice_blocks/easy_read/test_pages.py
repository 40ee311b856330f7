"""Easy read versions of notices on the web: their own pages, linked both ways with the notice."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.easy_read.pictures import PICTURES
from notice_blocks.models import NoticePage
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import EASY_READ_POINTS, make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def link_texts(soup: BeautifulSoup) -> dict[str, str]:
    return {link.get_text(strip=True): link["href"] for link in soup.select("main a[href]")}


def test_easy_read_version_has_its_own_page_below_the_notice(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)

    assert easy_read.url == notice.url + "easy-read/"
    soup = soup_of(client.get(easy_read.url))
    assert soup.h1.get_text(strip=True) == "Adoption: easy read"
    assert soup.html["lang"] == "en"
    assert [h2.get_text(strip=True) for h2 in soup.select("main h2")] == [
        *(f"About {topic.replace('_', ' ')}" for topic in EASY_READ_POINTS),
        "Hard words",
    ]


def test_the_notice_and_its_easy_read_version_link_to_each_other(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)

    assert link_texts(soup_of(client.get(notice.url)))["Easy read version"] == easy_read.url
    assert link_texts(soup_of(client.get(easy_read.url)))["Full version"] == notice.url


@pytest.mark.parametrize("hidden", ["draft", "private"])
def test_the_notice_does_not_link_to_an_easy_read_version_residents_cannot_open(client, hidden):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice, publish=hidden != "draft")
    if hidden == "private":
        PageViewRestriction.objects.create(
            page=easy_read, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

    assert "Easy read version" not in link_texts(soup_of(client.get(notice.url)))
    response = client.get(notice.url + "easy-read/")
    assert response.status_code == (404 if hidden == "draft" else 200)  # a password form
    assert "Adoption: easy read" not in response.content.decode()


def test_each_point_shows_its_picture_beside_its_sentences(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)

    points = soup_of(client.get(easy_read.url)).select("li.app-easy-read-point")
    assert len(points) == len(EASY_READ_POINTS)
    for point, (picture_key, text) in zip(points, EASY_READ_POINTS.values(), strict=True):
        image = point.select_one(".app-easy-read-point__picture img")
        assert image["src"].endswith(f"/easy-read/pictures/{picture_key}.svg")
        assert image["alt"] == str(PICTURES[picture_key].alt)
        sentences = [p.get_text() for p in point.select(".app-easy-read-point__sentence")]
        assert sentences == text.split("\n")


def test_the_word_list_explains_hard_words(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)

    word_list = soup_of(client.get(easy_read.url)).select_one("dl.app-word-list")
    assert word_list.dt.get_text(strip=True) == "Information"
    assert word_list.dd.get_text(strip=True) == "Facts about you."


def test_an_editors_own_picture_is_shown_with_their_alt_text(client):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Family", file=get_test_image_file(size=(480, 480)))
    notice = make_notice_page()
    point = {
        "picture": "family",
        "image": image,
        "alt_text": "A social worker talking to a family",
        "text": "We talk to your family.",
    }
    body = [("section", {"topic": "summary", "heading": "About us", "points": [point]})]
    easy_read = make_easy_read_page(notice, body=body)

    picture = soup_of(client.get(easy_read.url)).select_one(".app-easy-read-point__picture img")
    assert picture["alt"] == "A social worker talking to a family"
    assert "/easy-read/pictures/" not in picture["src"]
    assert (int(picture["width"]), int(picture["height"])) == (120, 120)


def test_the_easy_read_page_offers_its_pdf(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)

    downloads = soup_of(client.get(easy_read.url)).select(".app-downloads__link")
    assert [link.get_text(" ", strip=True).split(" (")[0] for link in downloads] == [
        "Download easy read PDF"
    ]
    assert downloads[0]["href"] == easy_read.url + "pdf/"


def test_an_easy_read_version_can_only_be_made_below_a_notice_and_once():
    notice = make_notice_page()
    assert EasyReadNoticePage.can_exist_under(notice)
    assert not EasyReadNoticePage.can_exist_under(notice.get_parent())
    make_easy_read_page(notice)
    assert not EasyReadNoticePage.can_create_at(notice)
    assert EasyReadNoticePage in NoticePage.allowed_subpage_models()


def test_a_translated_easy_read_version_is_linked_with_the_translated_notice(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    notice_ur = translate_notice(notice, "ur")
    easy_read_ur = translate_notice(easy_read, "ur")

    soup = soup_of(client.get(easy_read_ur.url))
    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    notice_url = NoticePage.objects.get(pk=notice_ur.pk).url
    assert notice_url.startswith("/ur/")
    with translation.override("ur"):
        full_version = translation.gettext("Full version")
        picture_alt = str(PICTURES["council"].alt)
    assert link_texts(soup)[full_version] == notice_url
    assert soup.select_one(".app-easy-read-point img")["alt"] == picture_alt


def test_preview_marks_the_points_that_fail_a_check_and_the_live_page_does_not(
    client, django_user_model
):
    notice = make_notice_page()
    long_sentence = (
        "We will look at all of the information that we have about you and your family today."
    )
    body = [
        (
            "section",
            {
                "topic": "summary",
                "heading": "About us",
                "points": [
                    {"picture": "council", "image": None, "alt_text": "", "text": long_sentence},
                    {"picture": "", "image": None, "alt_text": "", "text": "We help you."},
                ],
            },
        )
    ]
    easy_read = make_easy_read_page(notice, body=body)
    client.force_login(
        django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    )

    preview = soup_of(client.get(reverse("wagtailadmin_pages:view_draft", args=(easy_read.pk,))))
    marks = [point["data-easy-read-issues"] for point in preview.select(".app-easy-read-point")]
    assert "sentence-length" in marks[0].split()
    assert "picture" in marks[1].split()
    assert "topics" in preview.h1["data-easy-read-issues"].split()

    client.logout()
    live = soup_of(client.get(easy_read.url))
    assert not live.select("[data-easy-read-issues]")

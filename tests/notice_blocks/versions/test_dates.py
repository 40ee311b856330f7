"""Dates of versions read as each language writes them: day first, months in their own form."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page

from notice_blocks.versions.models import NoticeVersion
from notice_blocks.versions.public_status import last_updated as version_last_updated

pytestmark = pytest.mark.django_db

URDU_MONTHS = "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر".split()
URDU_DECEMBER = URDU_MONTHS[11]


def last_updated(language_code: str, when: datetime.datetime) -> str:
    version = NoticeVersion(number=2, change_note="", in_force_from=when, text_changed_at=when)
    with translation.override(language_code):
        html = version_last_updated(version)
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("language_code", "day"),
    [
        ("en", "7 December 2026"),
        ("cy", "7 Rhagfyr 2026"),
        # The month after a day is in the genitive in Polish (not “7 Grudzień”).
        ("pl", "7 grudnia 2026"),
        # Django has no Urdu or Panjabi formats: without the app's, they would read “Dec. 7”.
        ("ur", f"7 {URDU_DECEMBER} 2026"),
        ("pa", "7 ਦਸੰਬਰ 2026"),
        ("zh-hans", "2026年12月7日"),
    ],
)
def test_the_last_updated_date_is_written_the_languages_way(language_code, day):
    when = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)
    assert day in last_updated(language_code, when)


def test_the_urdu_demo_notice_says_when_it_was_last_updated_in_urdu(demo):
    page = Page.objects.get(locale__language_code="ur", slug="bolton-childrens-social-care")
    version = NoticeVersion.objects.filter(page=page).order_by("-number").first()
    local = timezone.localtime(version.in_force_from)

    response = Client().get(page.url)

    line = BeautifulSoup(response.content, "html.parser").find(class_="app-last-updated")
    text = line.get_text(" ", strip=True)
    assert f"{local.day} {URDU_MONTHS[local.month - 1]} {local.year}" in text

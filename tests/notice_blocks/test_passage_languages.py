"""Passages a translation still shows in English are marked as English, and nothing else."""

import copy
import logging

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from notice_blocks.passage_languages import has_words, mark_passage_languages
from notice_blocks.pdf.rendering import render_notice_html
from notice_blocks.snippets import GeneralPrivacyNotice
from tests.notice_blocks.test_translation_workflow import (
    admin_client,
    download_po,
    publish_translation,
    upload_po,
)
from tests.utils import EVERY_BLOCK_BODY, make_notice_page, site_root

# Translation sync stores StreamField and JSON segments.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENGLISH = ' lang="en" dir="ltr"'
HEADING = "How we review this notice"
PARAGRAPH = "We review this notice every year."
LIST_ITEM = "We ask the people who use the service."
GENERAL_NOTICE = "Our general privacy notice"
#: Left untranslated by the Welsh translator: a heading, a paragraph and a list item of the
#: notice's own text, and the name of a shared detail.
UNTRANSLATED = {("h3", HEADING), ("p", PARAGRAPH), ("li", LIST_ITEM), ("a", GENERAL_NOTICE)}
WELSH = {
    "Adoption": "Mabwysiadu",
    "This notice explains how the adoption service uses personal information.": (
        "Mae’r hysbysiad hwn yn egluro sut mae’r gwasanaeth mabwysiadu yn defnyddio "
        "gwybodaeth bersonol."
    ),
    "We ask our staff.": "Rydym yn gofyn i’n staff.",
    # A name the translator keeps as it is: Welsh as much as English, and not marked.
    "Adoption panels": "Adoption panels",
}
URDU = {
    "Adoption": "گود لینا",
    "This notice explains how the adoption service uses personal information.": (
        "یہ نوٹس بتاتا ہے کہ گود لینے کی سروس ذاتی معلومات کیسے استعمال کرتی ہے۔"
    ),
}


def notice_body() -> list:
    """Every block, the last section's text with a sub-heading, a paragraph and a list."""
    body = copy.deepcopy(EVERY_BLOCK_BODY)
    kind, general = body[-1]
    assert kind == "general"
    general["text"] = (
        f"<h3>{HEADING}</h3><p>{PARAGRAPH}</p>"
        f"<ul><li>We ask our staff.</li><li>{LIST_ITEM}</li></ul>"
    )
    return body


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")


@pytest.fixture
def notice():
    return make_notice_page(body=notice_body())


def submit(notice, locale: Locale, lead, capture) -> None:
    """The lead submits the site's home page, then ``notice``, for translation into ``locale``."""
    for page in (site_root(), notice):
        with capture(execute=True):
            response = admin_client(lead).post(
                reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
                {"locales": [locale.pk]},
            )
        assert response.status_code == 302


def translate(notice, language_code: str, lead, capture, translations: dict, leave=()) -> Page:
    """Submit ``notice`` into the language, fill its PO files but ``leave`` and publish."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    submit(notice, locale, lead, capture)
    client = admin_client(lead)
    for translation in Translation.objects.filter(target_locale=locale).exclude(
        source__object_id=site_root().translation_key
    ):
        po = download_po(client, translation)
        for entry in po:
            if entry.msgid not in leave:
                fake = f"[{language_code}] {entry.msgid}"
                entry.msgstr = entry.msgid if entry.msgctxt == "slug" else fake
                entry.msgstr = translations.get(entry.msgid, entry.msgstr)
        upload_po(client, translation, po)
        with capture(execute=True):
            publish_translation(client, translation, lead)
    return notice.get_translation(locale).specific


def resident_page(page) -> str:
    """The page as a resident gets it."""
    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def marked_as_english(document: str) -> set[tuple[str, str]]:
    """The elements of the document's body in English, but the language switcher's links."""
    soup = BeautifulSoup(document, "html.parser")
    body = soup.body or soup
    return {
        (element.name, " ".join(element.get_text().split()))
        for element in body.find_all(lang="en")
        if element.get("dir") == "ltr" and not element.has_attr("hreflang")
    }


def assert_only_marked(document: str, page, expected: set[tuple[str, str]]) -> str:
    """The served or rendered ``document`` gives exactly ``expected`` their language.

    Marking is also seen whole on the document without those marks: it changes nothing else.
    """
    assert marked_as_english(document) == expected
    unmarked = document.replace(ENGLISH, "")
    assert marked_as_english(unmarked) == set()
    marked = mark_passage_languages(unmarked, page)
    assert marked_as_english(marked) == expected
    assert marked.count(ENGLISH) == len(expected)
    assert marked.replace(ENGLISH, "") == unmarked
    # Marking twice changes nothing more.
    assert mark_passage_languages(marked, page) == marked
    return marked


def test_a_welsh_page_marks_what_its_translator_left_in_english(
    notice, lead, django_capture_on_commit_callbacks
):
    leave = {HEADING, PARAGRAPH, LIST_ITEM, GENERAL_NOTICE}
    welsh = translate(notice, "cy", lead, django_capture_on_commit_callbacks, WELSH, leave)

    document = resident_page(welsh)
    assert BeautifulSoup(document, "html.parser").html["lang"] == "cy"
    marked = assert_only_marked(document, welsh, UNTRANSLATED)
    soup = BeautifulSoup(marked, "html.parser")
    assert soup.find("h1").get("lang") is None
    assert soup.find(string=lambda text: "Rydym yn gofyn" in text).parent.get("lang") is None
    assert soup.find("strong", string="Adoption panels").get("lang") is None

    # Markup cut short or left open is marked where it can be, and otherwise left alone.
    odd = (
        f'<div><p>{PARAGRAPH}<li title="a > b">{LIST_ITEM}</div></span>'
        f"<h3>{HEADING}</h3><p class='x'>{PARAGRAPH}<!-- {HEADING} --></p><a href=\"#"
    )
    marked = mark_passage_languages(odd, welsh)
    assert marked.replace(ENGLISH, "") == odd
    assert marked_as_english(marked) == {("li", LIST_ITEM), ("h3", HEADING), ("p", PARAGRAPH)}

    assert_only_marked(render_notice_html(welsh, "standard"), welsh, UNTRANSLATED)


def test_a_page_just_submitted_for_translation_is_in_english_throughout(
    notice, lead, django_capture_on_commit_callbacks
):
    """Submitting publishes the translation at once, with every segment in English."""
    locale = Locale.objects.create(language_code="cy")
    submit(notice, locale, lead, django_capture_on_commit_callbacks)
    welsh = notice.get_translation(locale).specific
    assert welsh.live

    marked = marked_as_english(mark_passage_languages(resident_page(welsh), welsh))
    in_english = {
        ("h1", "Adoption"),
        ("p", "This notice explains how the adoption service uses personal information."),
        ("li", "assess prospective adopters"),
        ("li", "We ask our staff."),
    }
    assert UNTRANSLATED | in_english <= marked


def test_an_urdu_page_marks_an_english_passage_left_to_right(
    notice, lead, django_capture_on_commit_callbacks
):
    leave = {PARAGRAPH}
    urdu = translate(notice, "ur", lead, django_capture_on_commit_callbacks, URDU, leave)

    document = resident_page(urdu)
    soup = BeautifulSoup(document, "html.parser")
    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    assert_only_marked(document, urdu, {("p", PARAGRAPH)})
    assert_only_marked(render_notice_html(urdu, "standard"), urdu, {("p", PARAGRAPH)})


def test_a_page_translated_throughout_is_left_as_it_is(
    notice, lead, django_capture_on_commit_callbacks
):
    welsh = translate(notice, "cy", lead, django_capture_on_commit_callbacks, WELSH)

    document = resident_page(welsh)
    assert mark_passage_languages(document, welsh) == document
    pdf_html = render_notice_html(welsh, "standard")
    assert mark_passage_languages(pdf_html, welsh) == pdf_html
    english = Client().get(notice.url).content.decode()
    assert mark_passage_languages(english, notice) == english


def test_a_shared_detail_with_no_welsh_translation_is_in_english(
    notice, lead, django_capture_on_commit_callbacks
):
    """An editor chooses, on the Welsh page, a shared detail that exists only in English."""
    welsh = translate(notice, "cy", lead, django_capture_on_commit_callbacks, WELSH)
    english_only = GeneralPrivacyNotice.objects.create(
        name="Children’s services privacy notice", url="https://example.gov.uk/children"
    )
    welsh.general_privacy_notice = english_only
    welsh.save_revision(user=lead).publish()
    welsh.refresh_from_db()

    expected = {("a", "Children’s services privacy notice")}
    assert_only_marked(resident_page(welsh), welsh, expected)
    assert_only_marked(render_notice_html(welsh, "standard"), welsh, expected)


def test_marking_that_fails_leaves_the_page_as_it_is_and_says_why(notice, caplog):
    document = Client().get(notice.url).content.decode()
    with caplog.at_level(logging.ERROR, logger="notice_blocks.passage_languages"):
        assert mark_passage_languages(document, None) == document
    assert "Could not mark the languages of passages" in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        "V3.0",
        "0303 123 1113",
        "SK9 5AF",
        "https://ico.org.uk/make-a-complaint/",
        "ico.org.uk",
        "dpo@example.gov.uk",
        "6(1)(d)",
        "Z5725371",
        "01204 333 333 / 07700 900 123",
    ],
)
def test_codes_numbers_and_addresses_are_in_no_language(text):
    assert not has_words(text)


@pytest.mark.parametrize(
    "text",
    ["UK GDPR Article 6(1)(d)", "Ofsted", "Ffôn", "ڈیٹا پروٹیکشن آفیسر", "Call 0303 123 1113"],
)
def test_words_are_in_a_language(text):
    assert has_words(text)

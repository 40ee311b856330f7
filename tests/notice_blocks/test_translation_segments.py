"""What a translator is given for a notice, seen in wagtail-localize's own views.

A notice is submitted for translation as an editor does (the submit view), and its
translation is opened in the translation editor: the props of its React editor are what the
translator sees, segment by segment, each with the location label it is shown under.
"""

import datetime
import json
from urllib.parse import urlencode

import polib
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.models import NoticePage
from notice_blocks.snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)
from notice_blocks.translation_segments import SEPARATOR
from tests.utils import make_notice_page, site_root

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SHARED_DETAILS = {
    "data_controller": DataController,
    "data_protection_officer": DataProtectionOfficer,
    "supervisory_authority": SupervisoryAuthority,
    "general_privacy_notice": GeneralPrivacyNotice,
}
#: What the test notice (tests.utils.EVERY_BLOCK_BODY) and its shared details hold that
#: is copied, not translated: where the translator sees it, and the value.
COPIED = {
    ("Version", "V1.0"),
    (
        "Sections › Retention › Link to the retention schedule › Web address",
        "https://example.gov.uk/retention",
    ),
    ("Sections › Contacts › Service contact › Email address", "adoption@example.gov.uk"),
    ("Sections › Contacts › Service contact › Telephone", "01234 567890"),
}


@pytest.fixture(autouse=True)
def default_language_afterwards():
    yield
    django_translation.deactivate()


@pytest.fixture
def urdu() -> Locale:
    return Locale.objects.get_or_create(language_code="ur")[0]


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")


@pytest.fixture
def client(lead) -> Client:
    client = Client()
    client.force_login(lead)
    return client


@pytest.fixture
def submitted(client, urdu, django_capture_on_commit_callbacks) -> NoticePage:
    """A notice the editor submitted for translation into Urdu, once, from its menu."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[site_root().pk]),
            {"locales": [urdu.pk]},
        )
    notice = make_notice_page()
    submit = reverse("wagtail_localize:submit_page_translation", args=[notice.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [urdu.pk]}).status_code == 302
    return notice


def translation_of(instance, locale: Locale) -> Translation:
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(instance), target_locale=locale
    )


def editor_segments(client: Client, user, instance, locale: Locale) -> list[dict]:
    """The segments the translation editor shows for ``instance``'s translation."""
    target = instance.get_translation(locale)
    response = client.get(AdminURLFinder(user).get_edit_url(target))
    assert response.status_code == 200
    editor = BeautifulSoup(response.content, "html.parser").select_one(".js-translation-editor")
    return json.loads(editor["data-props"])["segments"]


def label(segment: dict) -> str:
    location = segment["location"]
    return SEPARATOR.join(part for part in (location["field"], location["subField"]) if part)


def po_messages(client: Client, translation: Translation) -> set[str]:
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    return {entry.msgid for entry in polib.pofile(response.content.decode())}


def test_numbers_and_addresses_are_offered_as_copied_values_not_as_text(
    client, lead, urdu, submitted
):
    segments = editor_segments(client, lead, submitted, urdu)
    to_translate = {segment["source"] for segment in segments if segment["type"] == "string"}
    copied = {
        (label(segment), segment["value"])
        for segment in segments
        if segment["type"] == "synchronised_value"
    }

    assert copied == COPIED
    assert not to_translate & {value for _label, value in COPIED}
    assert "This notice explains how the adoption service uses personal information." in (
        to_translate
    )
    # Nor are they in the PO file a translator downloads.
    messages = po_messages(client, translation_of(submitted, urdu))
    assert not messages & {value for _label, value in COPIED}
    assert "Adoption team" in messages


def test_shared_details_keep_their_numbers_and_translate_their_words(client, lead, urdu, submitted):
    ico = submitted.supervisory_authority
    segments = editor_segments(client, lead, ico, urdu)
    by_type = {
        kind: {(label(s), s.get("source", s.get("value"))) for s in segments if s["type"] == kind}
        for kind in ("string", "synchronised_value")
    }

    assert by_type["synchronised_value"] == {
        ("Telephone", "0303 123 1113"),
        ("Website", "https://ico.org.uk"),
    }
    # The postcode is part of the postal address's text, which is translated whole.
    assert by_type["string"] == {
        ("Name", "Information Commissioner’s Office"),
        ("Telephone note", "(local rate)"),
        ("Postal address", "Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF"),
    }


def test_a_language_overrides_a_copied_number_and_the_translation_shows_it(
    client, lead, urdu, submitted, django_capture_on_commit_callbacks
):
    translation = translation_of(submitted, urdu)
    phone = next(
        segment
        for segment in editor_segments(client, lead, submitted, urdu)
        if segment["type"] == "synchronised_value" and segment["value"] == "01234 567890"
    )
    response = client.put(
        phone["editUrl"],
        urlencode({"value": "+44 1234 567890"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=lead, publish=True)

    urdu_notice = submitted.get_translation(urdu)
    service = next(
        child.value
        for block in urdu_notice.body
        if block.block_type == "contacts"
        for child in block.value["contacts"]
        if child.block_type == "service"
    )
    assert service["phone"] == "+44 1234 567890"
    assert service["email"] == "adoption@example.gov.uk"
    assert urdu_notice.version_label == "V1.0"


def test_every_segment_is_labelled_with_its_block_and_field(client, lead, urdu, submitted):
    segments = editor_segments(client, lead, submitted, urdu)
    labels = {s["source"]: label(s) for s in segments if s["type"] == "string"}

    assert labels["Adoption team"] == "Sections › Contacts › Service contact › Name"
    assert labels["Write to our DPO."] == "Sections › Contacts › Data protection officer › Text"
    assert labels["to decide on a match"] == "Sections › Sharing › Recipients › Why we share"
    assert labels["Health and disability"] == (
        "Sections › Personal data used › Groups › Categories › Description"
    )
    assert labels["Safeguarding children."] == (
        "Sections › Lawful basis › Special category conditions › Our explanation"
    )
    assert labels["We review this notice every year."] == "Sections › General section › Text"
    # No label says the same thing twice, as wagtail-localize's own “Contacts › Contacts”.
    for text in labels.values():
        parts = text.split(SEPARATOR)
        assert all(a != b for a, b in zip(parts, parts[1:], strict=False)), text


def test_shared_details_are_submitted_with_the_notice_and_shown_in_its_editor(
    client, lead, urdu, submitted
):
    # The one submission translates the notice and every shared detail it uses.
    for field_name, model in SHARED_DETAILS.items():
        detail = getattr(submitted, field_name)
        assert translation_of(detail, urdu).enabled, model
        assert detail.has_translation(urdu)
    assert Translation.objects.filter(target_locale=urdu).count() == 1 + 1 + len(
        SHARED_DETAILS
    )  # the home page, the notice and its shared details

    # The notice's editor lists each of them, with how much of it is translated.
    related = {
        segment["location"]["field"]: segment
        for segment in editor_segments(client, lead, submitted, urdu)
        if segment["type"] == "related_object"
    }
    assert set(related) == {
        "Data controller",
        "Data protection officer",
        "Supervisory authority",
        "General privacy notice",
    }
    ico = related["Supervisory authority"]
    assert ico["source"]["title"] == "Information Commissioner’s Office"
    assert ico["translationProgress"] == {"totalSegments": 3, "translatedSegments": 0}
    # The translated notice already chooses the shared details' translations.
    urdu_notice = submitted.get_translation(urdu)
    assert urdu_notice.supervisory_authority.locale == urdu
    assert (
        urdu_notice.supervisory_authority.translation_key
        == submitted.supervisory_authority.translation_key
    )


def test_an_editor_sees_and_types_dates_day_first(client, lead):
    notice = make_notice_page(last_reviewed=datetime.date(2026, 12, 6))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))
    widget = BeautifulSoup(response.content, "html.parser").find(
        "input", attrs={"name": "last_reviewed"}
    )
    assert widget["value"] == "06/12/2026"

    form_class = NoticePage.get_edit_handler().get_form_class()
    field = form_class.base_fields["last_reviewed"]
    with django_translation.override("en"):
        assert field.clean("06/12/2026") == datetime.date(2026, 12, 6)
        assert field.clean("2026-12-06") == datetime.date(2026, 12, 6)
    # Editors using the admin in another language submit the pickers' dates as well.
    for code in ("pl", "ur", "zh-hans"):
        with django_translation.override(code):
            assert field.clean("06/12/2026") == datetime.date(2026, 12, 6), code

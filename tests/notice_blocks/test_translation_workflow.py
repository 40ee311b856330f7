"""A notice translated through the admin, as translators work: submit, PO file, publish, update."""

import io
import re

import polib
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import deactivate
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSLiteral
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.models import NoticePage
from notice_blocks.snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)
from tests.utils import make_notice_page, site_root

# Translation sync stores StreamField and JSON segments; page permissions are queries by path.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SNIPPET_MODELS = (DataController, DataProtectionOfficer, SupervisoryAuthority, GeneralPrivacyNotice)
# Real Urdu for a few strings; every other string is marked as translated into Urdu.
URDU = {
    "Adoption": "گود لینا",
    "This notice explains how the adoption service uses personal information.": (
        "یہ نوٹس بتاتا ہے کہ گود لینے کی سروس ذاتی معلومات کیسے استعمال کرتی ہے۔"
    ),
    "Data Protection Officer": "ڈیٹا پروٹیکشن آفیسر",
}
CHANGED = "We review this notice every six months."


def urdu(msgctxt: str, msgid: str) -> str:
    if msgctxt == "slug":
        return msgid
    return URDU.get(msgid, f"[ur] {msgid}")


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests under /ur/ etc. leave their language active in this thread: put English back."""
    yield
    deactivate()


@pytest.fixture
def locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("cy", "ur")}


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")


@pytest.fixture
def notice() -> NoticePage:
    return make_notice_page()


@pytest.fixture
def trees(locales, lead, django_capture_on_commit_callbacks) -> dict[str, Page]:
    """The lead submits the site's home page into Welsh and Urdu: each gets a tree of its own."""
    root = site_root()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client(lead).post(
            reverse("wagtail_localize:submit_page_translation", args=[root.pk]),
            {"locales": [locales["cy"].pk, locales["ur"].pk]},
        )
    assert response.status_code == 302
    return {code: root.get_translation(locale) for code, locale in locales.items()}


def translators(name: str, tree: Page) -> Group:
    """A group that may translate pages in ``tree`` only (and the shared details)."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
        *Permission.objects.filter(
            content_type__app_label="notice_blocks",
            codename__in=[f"change_{model._meta.model_name}" for model in SNIPPET_MODELS],
        ),
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=tree, permission=Permission.objects.get(codename=codename)
        )
    return group


@pytest.fixture
def urdu_translator(django_user_model, trees):
    user = django_user_model.objects.create_user("amina", "amina@example.gov.uk", "pw")
    user.groups.add(translators("Urdu translators", trees["ur"]))
    return user


def download_po(client: Client, translation: Translation) -> polib.POFile:
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/x-gettext-translation"
    return polib.pofile(response.content.decode())


def upload_po(client: Client, translation: Translation, po: polib.POFile) -> None:
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile("translation.po", str(po).encode(), "text/x-gettext"),
            "next": "/admin/",
        },
    )
    assert response.status_code == 302


def publish_translation(client: Client, translation: Translation, user) -> None:
    """The translator presses “Publish” in the translation editor (the object's edit view)."""
    instance = translation.get_target_instance()
    edit_url = AdminURLFinder(user).get_edit_url(instance)
    response = client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302, response.content[:300]


def pdf_language(content: bytes) -> str:
    document = PDFDocument(PDFParser(io.BytesIO(content)))
    lang = document.catalog["Lang"]
    return lang.name if isinstance(lang, PSLiteral) else lang.decode()


def assert_refused(response) -> None:
    """Wagtail's admin answers a denied permission by sending the user to the dashboard."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def test_the_default_locale_is_english():
    assert Locale.get_default().language_code == "en"


def test_an_urdu_translator_translates_a_notice_through_the_admin(
    notice, locales, urdu_translator, django_capture_on_commit_callbacks
):
    client = admin_client(urdu_translator)

    # Submit the notice for translation into Urdu.
    submit = reverse("wagtail_localize:submit_page_translation", args=[notice.pk])
    assert client.get(submit).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit, {"locales": [locales["ur"].pk]})
    assert response.status_code == 302

    # The notice and the shared details it uses are all submitted.
    source = TranslationSource.objects.get_for_instance(notice)
    translations = Translation.objects.filter(target_locale=locales["ur"]).exclude(
        source__object_id=site_root().translation_key
    )
    submitted = {t.source.specific_content_type.model_class() for t in translations}
    assert submitted == {NoticePage, *SNIPPET_MODELS}

    # Every text an editor writes is a segment; codes chosen from lists are not.
    page_po = download_po(client, translations.get(source=source))
    contexts = {entry.msgctxt for entry in page_po}
    messages = {entry.msgid for entry in page_po}
    assert "title" in contexts
    # The version label and the service's telephone number are copied, not translated.
    assert "version_label" not in contexts
    assert "01234 567890" not in messages
    assert "This notice explains how the adoption service uses personal information." in messages
    assert {"Name and address", "assess prospective adopters", "your GP"} <= messages
    assert "Adoption case files" in messages
    assert "You can also ask for your adoption records when you are 18." in messages
    assert not messages & {
        "art6-1-e",
        "art9-2-g",
        "special_category",
        "criminal_offence",
        "objection",
    }
    assert not any(context.endswith((".provision", ".kind", ".right")) for context in contexts)
    assert all(entry.msgstr == "" for entry in page_po)

    # Shared details are translated with it: the DPO's name, the ICO's address.
    dpo_po = download_po(
        client, translations.get(source__object_id=notice.data_protection_officer.translation_key)
    )
    assert [entry.msgid for entry in dpo_po] == ["Data Protection Officer"]
    ico = notice.supervisory_authority
    ico_po = download_po(client, translations.get(source__object_id=ico.translation_key))
    assert ico.address in {entry.msgid for entry in ico_po}

    # Fill every string, upload each file and publish.
    for translation in translations:
        po = download_po(client, translation)
        for entry in po:
            entry.msgstr = urdu(entry.msgctxt, entry.msgid)
        upload_po(client, translation, po)
        assert download_po(client, translation).percent_translated() == 100
        with django_capture_on_commit_callbacks(execute=True):
            publish_translation(client, translation, urdu_translator)

    # The Urdu notice is live, right to left, in Urdu.
    urdu_notice = notice.get_translation(locales["ur"])
    assert urdu_notice.live
    assert urdu_notice.url == f"/ur/{notice.slug}/"
    response = Client().get(urdu_notice.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    assert text_of(soup.find("h1")) == "گود لینا"
    main = text_of(soup.find("main"))
    assert URDU["This notice explains how the adoption service uses personal information."] in main
    assert "ڈیٹا پروٹیکشن آفیسر" in main
    assert f"[ur] {ico.address}" in main
    assert "[ur] We review this notice every year." in main
    assert "This notice explains how" not in main

    # Both of its PDFs are in Urdu.
    for route in ("pdf/", "pdf/large-print/"):
        pdf = Client().get(urdu_notice.url + route)
        assert pdf.status_code == 200
        body = b"".join(pdf.streaming_content)
        assert pdf["Content-Language"] == "ur"
        assert pdf_language(body) == "ur"

    # The English notice changes: one sentence is edited and published.
    english = NoticePage.objects.get(pk=notice.pk)
    body = english.body
    review = next(child for child in body if "every year" in str(child.value.get("text", "")))
    review.value["text"] = RichText(f"<p>{CHANGED}</p>")
    english.body = body
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision(user=urdu_translator).publish()

    # Someone syncs the translation; the translator sees the new sentence untranslated.
    lead = admin_client(type(urdu_translator).objects.get(username="lead"))
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert lead.get(update).status_code == 200
    response = lead.post(update, {})
    assert response.status_code == 302
    po = download_po(client, translations.get(source=source))
    by_id = {entry.msgid: entry for entry in po if not entry.obsolete}
    assert CHANGED in by_id
    assert by_id[CHANGED].msgstr == ""
    assert [entry.msgid for entry in po.untranslated_entries()] == [CHANGED]
    assert "We review this notice every year." not in by_id
    # The old sentence is kept only as an obsolete entry, with its translation for reference.
    obsolete = {entry.msgid: entry.msgstr for entry in po.obsolete_entries()}
    assert obsolete == {
        "We review this notice every year.": "[ur] We review this notice every year."
    }
    assert by_id["Adoption"].msgstr == "گود لینا"
    # Until it is translated and published, the Urdu page keeps its translated sentence.
    main = text_of(BeautifulSoup(Client().get(urdu_notice.url).content, "html.parser").find("main"))
    assert "[ur] We review this notice every year." in main


def test_urdu_translators_cannot_edit_the_welsh_translation(notice, locales, lead, urdu_translator):
    with_lead = admin_client(lead)
    response = with_lead.post(
        reverse("wagtail_localize:submit_page_translation", args=[notice.pk]),
        {"locales": [locales["cy"].pk, locales["ur"].pk]},
    )
    assert response.status_code == 302
    welsh = notice.get_translation(locales["cy"])
    urdu_page = notice.get_translation(locales["ur"])
    source = TranslationSource.objects.get_for_instance(notice)
    welsh_translation = Translation.objects.get(source=source, target_locale=locales["cy"])
    urdu_translation = Translation.objects.get(source=source, target_locale=locales["ur"])

    client = admin_client(urdu_translator)
    urdu_edit = client.get(reverse("wagtailadmin_pages:edit", args=[urdu_page.pk]))
    assert urdu_edit.status_code == 200
    assert download_po(client, urdu_translation)

    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk])))
    assert_refused(
        client.get(reverse("wagtail_localize:download_pofile", args=[welsh_translation.pk]))
    )
    po = download_po(admin_client(lead), welsh_translation)
    for entry in po:
        entry.msgstr = f"[cy] {entry.msgid}"
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[welsh_translation.pk]),
        {"file": SimpleUploadedFile("cy.po", str(po).encode()), "next": "/admin/"},
    )
    assert_refused(upload)
    assert_refused(
        client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    )
    welsh.refresh_from_db()
    assert not welsh.live
    # Nor can they edit the English original.
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk])))
    assert Translation.objects.get(pk=welsh_translation.pk).source.stringsegment_set.exists()
    assert not welsh_translation.export_po().translated_entries()

"""A translation left behind by a change of its source warns its readers; translators see a list.

Translations are made, synced and published through wagtail-localize's own views, as
translators work; residents read the pages logged out at their real addresses.
"""

import re
import subprocess
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format as format_date
from wagtail.models import GroupPagePermission, Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.pdf.rendering import render_notice_pdf
from notice_blocks.versions.models import NoticeVersion
from notice_blocks.versions.staleness import out_of_date
from tests.notice_blocks.test_translation_workflow import (
    admin_client,
    download_po,
    publish_translation,
    upload_po,
)
from tests.notice_blocks.versions.test_recording import post_edit
from tests.utils import make_easy_read_page, make_notice_page, make_shared_details, site_root

# Translation sync stores StreamField and JSON segments; page permissions are queries by path.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

REPORT = reverse("out_of_date_translations:report")


@pytest.fixture
def locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "cy", "ur")
    }


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    def run_on_commit():
        return django_capture_on_commit_callbacks(execute=True)

    return run_on_commit


@pytest.fixture
def trees(locales, lead, capture) -> dict[str, Page]:
    """The lead submits the site's home page into Welsh and Urdu: each has a tree of its own."""
    submit(site_root(), [locales["cy"], locales["ur"]], lead, capture)
    return {code: site_root().get_translation(locales[code]) for code in ("cy", "ur")}


def submit(page: Page, locales: list[Locale], user, capture) -> None:
    """``user`` submits ``page`` for translation through wagtail-localize's form."""
    with capture():
        response = admin_client(user).post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk for locale in locales]},
        )
    assert response.status_code == 302


def page_translation(page: Page, locale: Locale) -> Translation:
    source = TranslationSource.objects.get_for_instance(page)
    return Translation.objects.get(source=source, target_locale=locale)


def translate(page: Page, locale: Locale, user, capture) -> Page:
    """``user`` translates every string of ``page`` in a PO file, uploads it and publishes."""
    client = admin_client(user)
    page_translation_ = page_translation(page, locale)
    po = download_po(client, page_translation_)
    for entry in po:
        fake = f"[{locale.language_code}] {entry.msgid}"
        entry.msgstr = entry.msgid if entry.msgctxt == "slug" else fake
    upload_po(client, page_translation_, po)
    with capture():
        publish_translation(client, page_translation_, user)
    return page.get_translation(locale)


def sync(page: Page, user) -> None:
    """``user`` syncs the translations of ``page`` with it (“Sync translated pages”)."""
    source = TranslationSource.objects.get_for_instance(page)
    response = admin_client(user).post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {}
    )
    assert response.status_code == 302


def translators(name: str, tree: Page, *, may_sync: bool = True) -> Group:
    """A group that may change and publish the pages in ``tree`` (its language's pages)."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if may_sync:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=tree, permission=Permission.objects.get(codename=codename)
        )
    return group


def user_in(django_user_model, name: str, group: Group):
    user = django_user_model.objects.create_user(name, f"{name}@example.gov.uk", "pw")
    user.groups.add(group)
    return user


def resident_page(page: Page) -> BeautifulSoup:
    response = Client().get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def warning_link(soup: BeautifulSoup, source: Page):
    """The notice's link to the page it translates, in the lines under its title, if any."""
    article = soup.find("article")
    return article.find("a", href=source.url, hreflang=source.locale.language_code)


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def day_in(language_code: str, moment) -> str:
    """The day of ``moment`` as written in ``language_code``, such as “7 Rhagfyr 2026”."""
    with translation.override(language_code):
        return format_date(timezone.localtime(moment), "DATE_FORMAT")


def text_changed_at(page: Page):
    return NoticeVersion.objects.filter(page=page).values_list("text_changed_at", flat=True)[0]


def publish_a_change(page: Page, user, **changes) -> None:
    """``user`` publishes ``page`` from its edit form with ``changes`` and a change note."""
    post_edit(admin_client(user), page, "action-publish", **changes)


def test_a_welsh_translation_warns_its_readers_until_it_is_synced_and_published_again(
    locales, trees, lead, capture
):
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    welsh = translate(notice, locales["cy"], lead, capture)
    assert warning_link(resident_page(welsh), notice) is None

    publish_a_change(
        notice, lead, title="Adoption services", change_note="The service has a new name."
    )
    changed_at = text_changed_at(notice)

    soup = resident_page(welsh)
    link = warning_link(soup, notice)
    assert link is not None
    # The source's language is named in Welsh; the link is in Welsh, as the page is (it says
    # so once, on the page), and leads to English.
    assert "Saesneg" in text_of(link)
    assert link["hreflang"] == "en"
    assert not link.has_attr("lang")
    sentence = text_of(link.parent)
    assert day_in("cy", changed_at) in sentence
    assert day_in("en", changed_at) not in sentence
    # Under the notice's title, before its content.
    assert soup.find("h1").find_next("a", hreflang="en") is link
    # The English notice says nothing of the sort.
    assert warning_link(resident_page(notice), notice) is None

    # Synced, the translation is still as it was until it is translated and published again.
    sync(notice, lead)
    assert warning_link(resident_page(welsh), notice) is not None
    translate(notice, locales["cy"], lead, capture)
    assert warning_link(resident_page(welsh), notice) is None


def test_an_english_translation_of_a_welsh_notice_says_so_in_english(locales, trees, lead, capture):
    """A notice written in Welsh first: its English translation warns in English."""
    details = {}
    for name, detail in make_shared_details().items():
        details[name] = detail.copy_for_translation(locales["cy"])
        details[name].save()
    welsh = make_notice_page(parent=trees["cy"], title="Mabwysiadu", slug="mabwysiadu", **details)
    assert welsh.locale == locales["cy"]
    submit(welsh, [locales["en"]], lead, capture)
    english = translate(welsh, locales["en"], lead, capture)

    publish_a_change(
        welsh, lead, title="Gwasanaethau mabwysiadu", change_note="Mae gan y gwasanaeth enw newydd."
    )

    link = warning_link(resident_page(english), welsh)
    assert text_of(link.parent) == (
        f"The Welsh version of this notice changed on {day_in('en', text_changed_at(welsh))}; "
        "this translation may be out of date."
    )
    assert text_of(link) == "Welsh version of this notice"
    assert link["hreflang"] == "cy"
    assert not link.has_attr("lang")


def pdf_text(data: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it back."""
    path = tmp_path / "notice.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout.decode())


def test_the_warning_is_printed_in_the_translations_pdf(locales, trees, lead, capture, tmp_path):
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    welsh = translate(notice, locales["cy"], lead, capture)

    def welsh_pdf() -> str:
        # As the PDF app builds it: from the live revision, in the page's language.
        live = Page.objects.get(pk=welsh.pk).live_revision.as_object()
        with translation.override("cy"):
            return pdf_text(render_notice_pdf(live, "standard"), tmp_path)

    assert "Saesneg" not in welsh_pdf()
    publish_a_change(notice, lead, title="Adoption services", change_note="A new name.")

    text = welsh_pdf()
    assert "Saesneg" in text
    assert day_in("cy", text_changed_at(notice)) in text
    # On paper the link's address is printed in full.
    assert notice.full_url in text


def version_page(page: Page, path: str) -> BeautifulSoup:
    response = Client().get(f"{page.url}versions/{path}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_current_version_s_page_warns_as_its_pdf_does_and_an_earlier_one_does_not(
    locales, trees, lead, capture
):
    """The current version is the live translation: its page and PDF warn as the notice does.

    An earlier version's page shows that version as it was.
    """
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    translate(notice, locales["cy"], lead, capture)
    publish_a_change(notice, lead, title="Adoption services", change_note="A new name.")
    sync(notice, lead)
    # Its change note translated, the Welsh notice starts its version 2.
    welsh = translate(notice, locales["cy"], lead, capture)
    publish_a_change(notice, lead, title="Adoption and fostering", change_note="Fostering too.")
    assert list(NoticeVersion.objects.filter(page=welsh).values_list("number", flat=True)) == [
        2,
        1,
    ]

    assert warning_link(resident_page(welsh), notice) is not None
    assert warning_link(version_page(welsh, "2/"), notice) is not None
    today = timezone.localdate().isoformat()
    assert warning_link(version_page(welsh, f"on/{today}/"), notice) is not None
    assert warning_link(version_page(welsh, "1/"), notice) is None


@pytest.fixture
def welsh_and_urdu(locales, trees, lead, capture) -> dict[str, Page]:
    """A notice translated into Welsh and Urdu, then changed in English."""
    notice = make_notice_page()
    submit(notice, [locales["cy"], locales["ur"]], lead, capture)
    pages = {code: translate(notice, locales[code], lead, capture) for code in ("cy", "ur")}
    publish_a_change(notice, lead, title="Adoption services", change_note="A new name.")
    return {"en": notice, **pages}


def link(element, words: str):
    """The first link in ``element`` whose text starts with ``words``, or ``None``."""
    return element.find(lambda tag: tag.name == "a" and text_of(tag).startswith(words))


def report_rows(user) -> list[list[str]]:
    response = admin_client(user).get(REPORT)
    assert response.status_code == 200
    table = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    if table is None:
        return []
    return [[text_of(cell) for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]


def test_translators_see_the_out_of_date_translations_of_their_languages(
    welsh_and_urdu, trees, lead, capture, django_user_model
):
    welsh_translator = user_in(django_user_model, "gwen", translators("Welsh", trees["cy"]))
    urdu_translator = user_in(django_user_model, "amina", translators("Urdu", trees["ur"]))

    client = admin_client(welsh_translator)
    response = client.get(REPORT)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert text_of(soup.find("h1")) == "Out-of-date translations"
    rows = soup.find("table", class_="listing").find("tbody").find_all("tr")
    assert len(rows) == 1
    cells = [text_of(cell) for cell in rows[0].find_all("td")]
    assert cells[0].startswith("[cy] Adoption")
    assert "Welsh" in cells[1]
    assert "Adoption services" in cells[3] and "English" in cells[3]
    assert day_in("en", text_changed_at(welsh_and_urdu["en"])) in str(rows[0])
    edit = link(rows[0], "Edit translation")
    welsh = welsh_and_urdu["cy"]
    assert edit["href"] == reverse("wagtailadmin_pages:edit", args=[welsh.pk])
    assert client.get(edit["href"]).status_code == 200
    # Syncing would update the Urdu translation too, which the Welsh translator may not change.
    assert link(rows[0], "Sync with source") is None

    urdu_rows = report_rows(urdu_translator)
    assert len(urdu_rows) == 1 and urdu_rows[0][0].startswith("[ur] Adoption")
    assert len(report_rows(lead)) == 2
    export = admin_client(lead).get(REPORT, {"export": "csv"})
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0] == "Translation,Locale,Type,Source changed"
    assert sorted(line.split(",")[:2] for line in lines[1:]) == [
        ["[cy] Adoption", "Welsh"],
        ["[ur] Adoption", "Urdu"],
    ]

    # The lead syncs the English notice with its translations, back to the report.
    soup = BeautifulSoup(admin_client(lead).get(REPORT).content, "html.parser")
    sync_link = link(soup, "Sync with source")
    source = TranslationSource.objects.get_for_instance(welsh_and_urdu["en"])
    assert sync_link["href"].startswith(
        reverse("wagtail_localize:update_translations", args=[source.pk])
    )
    response = admin_client(lead).post(sync_link["href"], {})
    assert response.status_code == 302
    assert response["Location"] == REPORT
    # The Welsh translator translates and publishes: Urdu stays listed.
    translate(welsh_and_urdu["en"], welsh.locale, welsh_translator, capture)
    assert report_rows(welsh_translator) == []
    assert len(report_rows(urdu_translator)) == 1


def test_the_report_is_for_those_who_translate(welsh_and_urdu, trees, lead, django_user_model):
    english_editor = user_in(django_user_model, "eddie", translators("English", site_root()))

    # English editors may change no translation: the report is not in their menu.
    client = admin_client(english_editor)
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(REPORT).status_code in (302, 403)

    # Those who may change every language sync only if wagtail-localize lets them.
    for may_sync in (False, True):
        trees_and_root = {"en": site_root(), **trees}
        user = django_user_model.objects.create_user(f"editor-{may_sync}", password="pw")
        for code, tree in trees_and_root.items():
            user.groups.add(translators(f"{code} {may_sync}", tree, may_sync=may_sync))
        client = admin_client(user)
        assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()
        soup = BeautifulSoup(client.get(REPORT).content, "html.parser")
        assert link(soup, "Edit translation")
        assert (link(soup, "Sync with source") is not None) == may_sync

    # The results alone, as filtering fetches them; orderings not offered are no error.
    results = reverse("out_of_date_translations:report_results")
    assert admin_client(lead).get(results).status_code == 200
    response = admin_client(lead).get(REPORT, {"ordering": "nonsense", "p": "x"})
    assert response.status_code in (200, 404)


def test_an_easy_read_translation_warns_and_is_listed(locales, trees, lead, capture, settings):
    # Published as translated: the plain-language checks that gate publishing have their tests.
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = False
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    submit(notice, [locales["cy"]], lead, capture)
    translate(notice, locales["cy"], lead, capture)
    submit(easy_read, [locales["cy"]], lead, capture)
    welsh_easy_read = translate(easy_read, locales["cy"], lead, capture)
    assert warning_link(resident_page(welsh_easy_read), easy_read) is None

    easy_read.refresh_from_db()
    revision = easy_read.get_latest_revision_as_object()
    revision.title = "Adoption: easy read (new)"
    revision.change_note = "A new title."
    revision.save_revision(user=lead).publish()

    link = warning_link(resident_page(welsh_easy_read), easy_read)
    assert "Saesneg" in text_of(link)
    rows = report_rows(lead)
    assert [row[0].split(" ")[0:2] for row in rows] == [["[cy]", "Adoption:"]]
    assert "easy read notice" in rows[0][2].lower()
    # The Welsh notice itself is up to date.
    assert warning_link(resident_page(notice.get_translation(locales["cy"])), notice) is None


def test_a_publication_that_leaves_the_text_as_it_was_leaves_translations_up_to_date(
    locales, trees, lead, capture
):
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    welsh = translate(notice, locales["cy"], lead, capture)

    # A new review date, which translators are not given to translate.
    publish_a_change(notice, lead, review_by="2027-06-01")
    assert str(Page.objects.get(pk=notice.pk).specific.review_by) == "2027-06-01"
    assert warning_link(resident_page(welsh), notice) is None

    # A notice translated before its versions were kept: its first version comes after.
    NoticeVersion.objects.filter(page=notice).delete()
    notice.refresh_from_db()
    notice.get_latest_revision_as_object().save_revision(user=lead).publish()
    assert NoticeVersion.objects.filter(page=notice).count() == 1
    assert warning_link(resident_page(welsh), notice) is None
    assert report_rows(lead) == []


def test_a_translation_no_longer_synced_is_not_out_of_date(locales, trees, lead, capture):
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    welsh = translate(notice, locales["cy"], lead, capture)
    response = admin_client(lead).post(
        reverse(
            "wagtail_localize:stop_translation", args=[page_translation(notice, locales["cy"]).pk]
        )
    )
    assert response.status_code == 302

    publish_a_change(notice, lead, title="Adoption services", change_note="A new name.")
    assert warning_link(resident_page(welsh), notice) is None
    assert report_rows(lead) == []


def test_a_source_residents_cannot_open_is_named_without_a_link(locales, trees, lead, capture):
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    welsh = translate(notice, locales["cy"], lead, capture)
    publish_a_change(notice, lead, title="Adoption services", change_note="A new name.")
    PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    article = resident_page(welsh).find("article")
    assert article.find("a", hreflang="en") is None
    assert "Saesneg" in text_of(article)


def test_an_alias_of_an_out_of_date_translation_warns_too(locales, trees, lead, capture):
    notice = make_notice_page()
    submit(notice, [locales["cy"]], lead, capture)
    welsh = translate(notice, locales["cy"], lead, capture)
    alias = welsh.specific.create_alias(update_slug="mabwysiadu-arall")
    publish_a_change(notice, lead, title="Adoption services", change_note="A new name.")

    assert warning_link(resident_page(alias), notice) is not None
    # The report lists the translation to bring up to date, not its alias.
    assert len(report_rows(lead)) == 1


def test_only_those_who_may_change_every_translation_sync_a_notice(
    welsh_and_urdu, trees, lead, django_user_model
):
    welsh_translator = user_in(django_user_model, "gwen", translators("Welsh", trees["cy"]))
    everyone = Group.objects.create(name="All languages")
    for tree in (site_root(), trees["cy"], trees["ur"]):
        for codename in ("change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=everyone, page=tree, permission=Permission.objects.get(codename=codename)
            )
    source = TranslationSource.objects.get_for_instance(welsh_and_urdu["en"])
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    urdu_title = welsh_and_urdu["ur"].title

    # Syncing (and publishing) would change the Urdu translation too: refused.
    response = admin_client(welsh_translator).post(url, {"publish_translations": "on"})
    assert response.status_code == 403
    assert Page.objects.get(pk=welsh_and_urdu["ur"].pk).title == urdu_title
    assert out_of_date(Page.objects.get(pk=welsh_and_urdu["ur"].pk).specific) is not None

    welsh_translator.groups.add(everyone)
    response = admin_client(welsh_translator).post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert Page.objects.get(pk=welsh_and_urdu["ur"].pk).title == "Adoption services"


def test_the_demo_translations_are_up_to_date(demo, django_user_model):
    """Loaded with their sources, and loaded again, the demo's Welsh and Urdu pages are current."""
    lead = django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")
    call_command("load_demo_notices", stdout=StringIO())
    translated = Page.objects.filter(
        pk__in=[
            page.pk
            for page in Page.objects.exclude(locale__language_code="en").live().specific()
            if hasattr(page, "body")
        ]
    )
    assert translated.count() >= 4  # the Bolton notice and its easy read page, in two languages
    for page in translated:
        source = page.get_translation(Locale.objects.get(language_code="en"))
        assert warning_link(resident_page(page), source) is None
    assert report_rows(lead) == []

"""What changed between two versions: the residents' page below a notice and the editors' view.

Residents' pages are read through the test client at their real addresses, logged out; the
editors' views as logged-in users with the permissions they would have.
"""

import copy
import re

import pytest
from bs4 import BeautifulSoup, Tag
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.test import Client, override_settings
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission, Page, PageViewRestriction
from wagtail.users.models import UserProfile

from notice_blocks.snippets import DataProtectionOfficer
from notice_blocks.versions import comparison
from notice_blocks.versions.models import NoticeVersion
from tests.browser import DESKTOP, NARROW, assert_no_axe_violations, has_horizontal_scroll, visit
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.notice_blocks.test_testapp import make_service_notice
from tests.utils import EVERY_BLOCK_BODY, make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db

SHARING = "Adoption panels"
NEW_SHARING = "Adoption panels and the courts"


def text_of(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def get_soup(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.content[:800]
    return BeautifulSoup(response.content, "html.parser")


def publish(page, **changes):
    """Publish a new revision of ``page`` with ``changes``, as the editor's publish does."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def body_with(*replacements: tuple[str, str, object]) -> list:
    """``EVERY_BLOCK_BODY`` with, in the first block of each type given, a field replaced."""
    body = copy.deepcopy(EVERY_BLOCK_BODY)
    for block_type, field, value in replacements:
        _type, section = next(child for child in body if child[0] == block_type)
        section[field] = value
    return body


def stream_data(page, body: list) -> list:
    """``body`` as the page's stream data, keeping the ids of the page's sections by position."""
    ids = [child.id for child in page.get_latest_revision_as_object().body]
    page = page.get_latest_revision_as_object()
    page.body = body
    data = page.body.get_prep_value()
    for child, block_id in zip(data, ids, strict=False):
        child["id"] = block_id
    return data


def compare_url(page, old: int, new: int) -> str:
    return page.url + page.reverse_subpage("compare_versions", kwargs={"old": old, "new": new})


def part(soup: BeautifulSoup, heading: str) -> Tag:
    """The comparison's part (a section or shared detail) whose heading reads ``heading``."""
    for element in soup.select("section.app-comparison__part"):
        if text_of(element.find("h2")) == heading:
            return element
    raise AssertionError(f"no part headed {heading!r} in {[text_of(h) for h in soup('h2')]}")


def marked(element: Tag, name: str) -> list[str]:
    """The text of each ``<ins>`` or ``<del>`` in ``element``, as a screen reader reads it."""
    return [text_of(mark) for mark in element.find_all(name)]


@pytest.fixture
def notice():
    """A notice in two versions: the second shares with the courts too, and drops a source."""
    page = make_notice_page(version_label="V1.0")
    recipients = [
        {
            "name": NEW_SHARING,
            "purpose": "to decide on a match",
            "data_shared": "assessment reports",
        }
    ]
    body = body_with(("sharing", "recipients", recipients), ("sources", "sources", ["your GP"]))
    return publish(
        page,
        version_label="V2.0",
        change_note="We now share reports with the courts.",
        body=stream_data(page, body),
    )


# The residents' page


def test_words_added_and_removed_are_marked_and_announced(client, notice):
    soup = get_soup(client, compare_url(notice, 1, 2))

    sharing = part(soup, "Who do we share your personal information with?")
    assert marked(sharing, "ins") == ["added: and the courts"]
    assert marked(sharing, "del") == []
    changed = sharing.find("ins").find_parent("p")
    assert text_of(changed) == "Adoption panels added: and the courts"
    assert "Changed" in text_of(sharing.find(class_="app-comparison__status"))

    sources = part(soup, "Where does your personal information come from?")
    assert marked(sources, "del") == ["removed: the police"]
    # Every paragraph in words: no codes or empty choices.
    assert [text_of(p) for p in sources("p", class_="app-comparison__paragraph")] == [
        "We receive information from:",
        "your GP",
        "removed: the police",
    ]
    # Each mark starts with words for screen readers, hidden from sight only.
    for mark in soup.find_all(["ins", "del"]):
        hidden = mark.find(class_="app-visually-hidden")
        assert hidden is not None and text_of(hidden) in ("added:", "removed:")


def test_the_page_names_both_versions_their_notes_and_what_did_not_change(client, notice):
    soup = get_soup(client, compare_url(notice, 1, 2))

    assert text_of(soup.find("h1")) == "Adoption: what changed"
    assert text_of(soup.title).startswith("Adoption: what changed from version 1 to version 2")
    summary = text_of(soup.find("dl"))
    assert "Version 1 (V1.0)" in summary and "Version 2 (V2.0)" in summary
    assert "We now share reports with the courts." in summary
    links = {text_of(a): a["href"] for a in soup.find("dl").find_all("a")}
    assert links["Version 1 (V1.0)"] == notice.url + "versions/1/"
    assert links["Version 2 (V2.0)"] == notice.url + "versions/2/"
    assert soup.find("a", string="See all versions of this notice")["href"] == (
        notice.url + "versions/"
    )
    summary_list = [text_of(li) for li in soup.find(class_="app-comparison__summary")("li")]
    assert summary_list == ["2 sections changed."]

    unchanged = soup.find("h2", string="Sections that did not change").find_next("ul")
    assert "Your rights" in text_of(unchanged)
    assert "Who do we share your personal information with?" not in text_of(unchanged)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_headings_are_in_order(client, notice):
    soup = get_soup(client, compare_url(notice, 1, 2))
    main = soup.find("main")
    levels = [int(heading.name[1]) for heading in main.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_sections_added_and_removed_and_a_changed_heading(client):
    page = make_notice_page()
    data = stream_data(page, EVERY_BLOCK_BODY)
    general = next(child for child in data if child["type"] == "general")
    general["value"]["heading"] = "Keeping this notice up to date"
    assert data.pop(0)["type"] == "summary"
    matching = {"heading": "Data matching", "text": "<p>We match records with the DWP.</p>"}
    data.append({"type": "general", "value": {**general["value"], **matching}})
    page = publish(page, change_note="New section on data matching.", body=data)
    soup = get_soup(client, compare_url(page, 1, 2))

    removed = part(soup, "Summary")
    assert "Removed" in text_of(removed.find(class_="app-comparison__status"))
    assert marked(removed, "del") == [
        "removed: This notice explains how the adoption service uses personal information."
    ]
    added = part(soup, "Data matching")
    assert "Added" in text_of(added.find(class_="app-comparison__status"))
    assert marked(added, "ins") == ["added: We match records with the DWP."]
    headings = [text_of(h) for h in soup.select("section.app-comparison__part h2")]
    assert "removed: Updates to added: Keeping this notice added: up to date" in headings
    # The removed section stands where it stood: first.
    assert headings[0] == "Summary"


def test_sections_are_matched_by_heading_when_their_ids_changed(client, notice):
    # A notice file imported again gives every section a new id.
    page = publish(notice, change_note="Retention checked.", body=EVERY_BLOCK_BODY)
    soup = get_soup(client, compare_url(page, 2, 3))
    assert [text_of(h) for h in soup.select("section.app-comparison__part h2")] == [
        "Where does your personal information come from?",
        "Who do we share your personal information with?",
    ]
    assert marked(soup, "ins") == ["added: the police"]
    assert marked(soup, "del") == ["removed: and the courts"]


def test_a_rewritten_paragraph_is_removed_and_added_and_an_edited_one_changed(client):
    page = make_notice_page()
    body = body_with(
        ("sharing", "intro", "<p>By law we sometimes must pass records to the courts.</p>"),
        ("personal_data", "outro", "<p>You do not have to give us all this information.</p>"),
    )
    page = publish(page, change_note="Clearer.", body=stream_data(page, body))
    soup = get_soup(client, compare_url(page, 1, 2))

    sharing = part(soup, "Who do we share your personal information with?")
    paragraphs = sharing("p", class_="app-comparison__paragraph")
    assert [p["class"][-1] for p in paragraphs][:2] == [
        "app-comparison__paragraph--removed",
        "app-comparison__paragraph--added",
    ]
    assert marked(paragraphs[0], "del") == ["removed: We share it with:"]
    data = part(soup, "What personal information do we use?")
    assert marked(data, "ins") == ["added: all"]


def test_the_title_choices_and_shared_details_are_compared_in_words(client):
    page = make_notice_page()
    bases = [{"provision": "art6-1-a", "explanation": "<p>The Adoption and Children Act 2002.</p>"}]
    officer = DataProtectionOfficer.objects.create(
        name="Data Protection Officer", email="privacy@example.gov.uk"
    )
    page = publish(
        page,
        title="Adoption and fostering",
        change_note="Consent.",
        data_protection_officer=officer,
        body=stream_data(page, body_with(("lawful_basis", "bases", bases))),
    )
    soup = get_soup(client, compare_url(page, 1, 2))

    title = part(soup, "Title")
    assert marked(title, "ins") == ["added: and fostering"]
    basis = part(soup, "What is our lawful basis for using your information?")
    assert "removed: Public task" in marked(basis, "del")
    assert "added: Consent" in marked(basis, "ins")
    officer_part = part(soup, "Data protection officer")
    assert marked(officer_part, "del") == ["removed: dpo"]
    assert marked(officer_part, "ins") == ["added: privacy"]
    assert "privacy@example.gov.uk" in text_of(officer_part).replace("added: ", "")


def test_a_shared_detail_since_deleted_is_compared_as_none(client):
    page = make_notice_page()
    first_officer = page.data_protection_officer
    officer = DataProtectionOfficer.objects.create(name="Privacy team", email="dpo@example.gov.uk")
    page = publish(page, change_note="New contact.", data_protection_officer=officer)
    first_officer.delete()

    officer_part = part(get_soup(client, compare_url(page, 1, 2)), "Data protection officer")
    assert "Added" in text_of(officer_part.find(class_="app-comparison__status"))
    assert marked(officer_part, "ins") == ["added: Privacy team", "added: dpo@example.gov.uk"]


def test_only_shared_details_and_the_words_residents_read_of_them_are_compared(
    django_user_model,
):
    # A site's notice type may point at other things, such as the user who reviews it.
    reviewer = django_user_model(
        username="reviewer", email="reviewer@example.gov.uk", password="pbkdf2_sha256$secret"
    )
    officer = DataProtectionOfficer(name="Privacy team", email="dpo@example.gov.uk")
    with isolate_apps("tests.testapp"):

        class ReviewedNotice(models.Model):
            title = models.CharField(max_length=255)
            reviewer = models.ForeignKey(django_user_model, on_delete=models.CASCADE)
            data_protection_officer = models.ForeignKey(
                DataProtectionOfficer, null=True, on_delete=models.PROTECT
            )

            class Meta:
                app_label = "testapp"

            def __str__(self) -> str:
                return self.title

        notice = ReviewedNotice(title="Adoption", reviewer=reviewer)
        notice.data_protection_officer = officer
        details = list(comparison.shared_details(notice))

    assert [(detail.key, detail.paragraphs) for detail in details] == [
        ("data_protection_officer", ("Privacy team", "dpo@example.gov.uk"))
    ]


def test_a_site_notice_types_details_are_compared(client):
    page = make_service_notice()
    officer = DataProtectionOfficer.objects.create(name="Privacy team", email="dpo@example.gov.uk")
    page = publish(page, change_note="New contact.", data_protection_officer=officer)
    soup = get_soup(client, compare_url(page, 1, 2))
    assert marked(part(soup, "Data protection officer"), "ins") == ["added: Privacy team"]


def test_text_that_looks_like_markup_is_shown_as_text(client):
    page = make_notice_page()
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    recipients = [{"name": hostile, "purpose": "", "data_shared": ""}]
    page = publish(
        page,
        change_note="Hostile.",
        body=stream_data(page, body_with(("sharing", "recipients", recipients))),
    )
    response = client.get(compare_url(page, 1, 2))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert f"added: {hostile}" in marked(soup, "ins")


def test_versions_with_the_same_words_say_so(client):
    page = make_notice_page()
    page = publish(page, version_label="V1.1")
    soup = get_soup(client, compare_url(page, 1, 2))
    assert "The words of the notice are the same in both versions." in text_of(soup.main)
    assert soup.find("ins") is None and soup.find("del") is None


def general_text_changes(client, page, old: str, new: str) -> list[tuple[str, str]]:
    """How the general section's text changed from ``old`` to ``new`` (each published), as
    (added, removed, changed or same, the words read) for each of its paragraphs."""
    page = publish(page, change_note="Before.", body=stream_data(page, general_text(old)))
    page = publish(page, change_note="After.", body=stream_data(page, general_text(new)))
    number = NoticeVersion.objects.filter(page=page).count()
    section = part(
        get_soup(client, compare_url(page, number - 1, number)), "Updates to this notice"
    )
    return [
        (p["class"][-1].rsplit("--", 1)[-1], text_of(p))
        for p in section("p", class_="app-comparison__paragraph")
    ]


def general_text(text: str) -> list:
    return body_with(("general", "text", text))


def test_a_long_rewrite_is_compared_within_a_bounded_effort(client, monkeypatch):
    old = "<p>Letters go to the family court.</p><p>We keep records for six years.</p>"
    new = "<p>Your GP tells us about you.</p><p>We keep records for seven years.</p>"
    page = make_notice_page()
    assert general_text_changes(client, page, old, new)[:3] == [
        ("removed", "removed: Letters go to the family court."),
        ("added", "added: Your GP tells us about you."),
        ("changed", "We keep records for removed: six added: seven years."),
    ]

    # Of the paragraphs replaced, only so many pairs are scored for likeness (here the
    # first three of four); the rest are removed and added, every word still shown, in order.
    monkeypatch.setattr(comparison, "MAX_PAIRS_SCORED", 3)
    assert general_text_changes(client, page, old, new)[:4] == [
        ("removed", "removed: Letters go to the family court."),
        ("removed", "removed: We keep records for six years."),
        ("added", "added: Your GP tells us about you."),
        ("added", "added: We keep records for seven years."),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [(1, 3), (3, 4), (2, 1), (2, 2), (0, 2), (1, 99999999999999999999999)],
)
def test_unknown_or_misordered_versions_are_not_found(client, notice, old, new):
    response = client.get(notice.url + f"versions/compare/{old}/{new}/")
    assert response.status_code == 404


def test_a_version_without_text_here_is_not_compared(client, notice):
    # As a version imported from another site: its text is not held.
    NoticeVersion.objects.filter(page=notice, number=1).update(revision=None)
    assert client.get(compare_url(notice, 1, 2)).status_code == 404


def test_a_draft_never_shows(client, notice):
    draft = notice.get_latest_revision_as_object()
    draft.title = "Secret draft title"
    draft.save_revision()
    soup = get_soup(client, compare_url(notice, 1, 2))
    assert "Secret draft title" not in soup.decode()


def test_unpublished_and_private_notices_show_nothing(client, notice):
    url = compare_url(notice, 1, 2)
    PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(url)
    assert NEW_SHARING not in response.content.decode()
    PageViewRestriction.objects.all().delete()

    notice.unpublish()
    assert client.get(url).status_code == 404


def test_an_alias_shows_its_originals_changes(client, notice):
    alias = notice.create_alias(update_slug="adoption-copy")
    soup = get_soup(client, compare_url(alias, 1, 2))
    assert marked(soup, "ins") == ["added: and the courts"]


def test_a_translation_compares_its_own_versions_in_its_language(client):
    urdu = translate_notice(make_notice_page(), "ur")
    urdu = publish(urdu, title=f"{urdu.title} 2", change_note="نیا عنوان")
    soup = get_soup(client, compare_url(urdu, 1, 2))
    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    with translation.override("ur"):
        added = gettext("added:")
    assert added != "added:"
    assert marked(soup.find(id="title"), "ins") == [f"{added} 2"]
    assert "نیا عنوان" in text_of(soup.find("dl"))


def test_easy_read_pages_compare_their_own_versions(client):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    body = easy_read.body.get_prep_value()
    sharing = next(child for child in body if child["value"].get("topic") == "sharing")
    sharing["value"]["points"][0]["value"]["text"] = "We share it with the people who help you."
    easy_read = easy_read.get_latest_revision_as_object()
    easy_read.body = body
    easy_read.change_note = "Clearer words."
    with override_settings(NOTICE_EASY_READ_ENFORCE_ON_PUBLISH=False):
        easy_read.save_revision().publish()
    soup = get_soup(client, compare_url(easy_read, 1, 2))
    assert marked(soup, "ins") == ["added: the"]


def test_a_comparison_is_worked_out_once_and_kept(client, notice, monkeypatch):
    worked_out = []
    compare_texts = comparison.compare_texts

    def counted(old, new):
        worked_out.append((old.title, new.title))
        return compare_texts(old, new)

    monkeypatch.setattr(comparison, "compare_texts", counted)
    for _reload in range(3):
        soup = get_soup(client, compare_url(notice, 1, 2))
        assert marked(soup, "ins") == ["added: and the courts"]
    assert len(worked_out) == 1


def test_a_kept_comparison_reads_shared_details_as_they_are_now(client, notice):
    officer = DataProtectionOfficer.objects.create(name="Privacy team", email="dpo@example.gov.uk")
    page = publish(notice, change_note="New contact.", data_protection_officer=officer)
    url = compare_url(page, 2, 3)
    assert "Privacy team" in text_of(part(get_soup(client, url), "Data protection officer"))

    officer.name = "Information governance"
    officer.save()
    officer_part = part(get_soup(client, url), "Data protection officer")
    assert "Information governance" in text_of(officer_part)
    assert "Privacy team" not in text_of(officer_part)


# The editors' views


def admin_user(django_user_model, name: str, tree: Page | None, *codenames: str):
    """A user who may use the admin, with ``codenames`` (such as "change_page") on ``tree``."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=tree, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def editor(client, django_user_model, notice):
    user = admin_user(
        django_user_model, "editor", notice, "add_page", "change_page", "publish_page"
    )
    client.force_login(user)
    return client


def save_draft(page, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision()


def test_the_editor_finds_versions_in_the_notices_more_menu(editor, notice):
    versions_url = reverse("notice_versions:index", args=[notice.pk])
    for url in (
        reverse("wagtailadmin_pages:edit", args=[notice.pk]),
        reverse("wagtailadmin_explore", args=[notice.pk]),
    ):
        soup = get_soup(editor, url)
        link = soup.find("a", href=versions_url)
        assert link is not None, url
        assert text_of(link) == "Versions"


def test_the_editor_lists_the_versions_and_compares_any_two(editor, notice):
    notice = publish(notice, version_label="V3.0", change_note="Retention checked.")
    soup = get_soup(editor, reverse("notice_versions:index", args=[notice.pk]))
    rows = [[text_of(cell) for cell in row(["th", "td"])] for row in soup.select("main tbody tr")]
    assert [row[0] for row in rows] == ["Version 3 (V3.0)", "Version 2 (V2.0)", "Version 1 (V1.0)"]
    assert rows[0][2] == "Retention checked."
    assert rows[1][3] == "What changed in version 2"
    assert soup.find("a", string="Version 2 (V2.0)")["href"] == notice.url + "versions/2/"

    # Any two, in either order.
    url = reverse("notice_versions:index", args=[notice.pk])
    response = editor.get(url, {"old": 3, "new": 1})
    compare = reverse("notice_versions:compare", args=[notice.pk, 1, 3])
    assert response.status_code == 302 and response["Location"] == compare
    soup = get_soup(editor, compare)
    assert marked(soup, "ins") == ["added: and the courts"]
    assert "Retention checked." in text_of(soup.find("dl"))

    soup = get_soup(editor, url + "?old=2&new=2")
    assert "Choose two different versions." in text_of(soup.find(class_="error-message"))
    missing = reverse("notice_versions:compare", args=[notice.pk, 2, 9])
    assert editor.get(missing, follow=True).status_code == 404


def test_the_editor_sees_what_the_draft_changes_while_writing_its_note(editor, notice):
    index = reverse("notice_versions:index", args=[notice.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[notice.pk])
    draft_url = reverse("notice_versions:draft", args=[notice.pk])
    for url in (index, edit):
        assert get_soup(editor, url).find("a", href=draft_url) is None

    save_draft(notice, title="Adoption and special guardianship", change_note="New title.")
    assert get_soup(editor, index).find("a", href=draft_url) is not None
    # In the editor's header menu too, beside "Versions".
    assert text_of(get_soup(editor, edit).find("a", href=draft_url)) == "What the draft changes"
    soup = get_soup(editor, draft_url)
    assert marked(soup, "ins") == ["added: and special guardianship"]
    details = text_of(soup.find("dl"))
    assert "Version 2 (V2.0)" in details and "New title." in details
    assert soup.find(string=re.compile("starts version 3")) is not None
    # Residents still see only what was published.
    resident = Client().get(compare_url(notice, 1, 2))
    assert "special guardianship" not in resident.content.decode()


def test_an_editor_reading_in_welsh_leaves_residents_their_language(
    client, django_user_model, notice
):
    officer = DataProtectionOfficer.objects.create(name="Privacy team", email="dpo@example.gov.uk")
    notice = publish(notice, change_note="New contact.", data_protection_officer=officer)
    welsh = admin_user(django_user_model, "cymraeg", notice, "change_page")
    profile = UserProfile.get_for_user(welsh)
    profile.preferred_language = "cy"
    profile.save()
    editor = Client()
    editor.force_login(welsh)

    soup = get_soup(editor, reverse("notice_versions:compare", args=[notice.pk, 2, 3]))
    with translation.override("cy"):
        officer_label = capfirst(gettext("data protection officer"))
    assert officer_label != "Data protection officer"
    assert "Privacy team" in text_of(part(soup, officer_label))
    soup = get_soup(client, compare_url(notice, 2, 3))
    assert "Privacy team" in text_of(part(soup, "Data protection officer"))


def assert_refused(client, url: str) -> None:
    """The admin answers a user it refuses by sending them to its home page, with nothing else."""
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"] == reverse("wagtailadmin_home")


def test_those_who_may_only_publish_see_versions_but_not_the_draft(
    client, django_user_model, notice
):
    save_draft(notice, title="Draft title")
    client.force_login(admin_user(django_user_model, "publisher", notice, "publish_page"))
    index = reverse("notice_versions:index", args=[notice.pk])
    draft_url = reverse("notice_versions:draft", args=[notice.pk])

    for url in (index, reverse("wagtailadmin_explore", args=[notice.pk])):
        soup = get_soup(client, url)
        assert soup.find("a", href=draft_url) is None
    assert soup.find("a", href=index) is not None
    assert get_soup(client, reverse("notice_versions:compare", args=[notice.pk, 1, 2])).find("ins")
    assert_refused(client, draft_url)


def test_others_see_no_versions(client, django_user_model, notice):
    elsewhere = make_notice_page(title="Fostering", slug="fostering")
    client.force_login(admin_user(django_user_model, "other", elsewhere, "change_page"))
    for url in (
        reverse("notice_versions:index", args=[notice.pk]),
        reverse("notice_versions:compare", args=[notice.pk, 1, 2]),
        reverse("notice_versions:draft", args=[notice.pk]),
    ):
        assert_refused(client, url)
    soup = get_soup(client, reverse("wagtailadmin_pages:edit", args=[elsewhere.pk]))
    assert soup.find("a", href=reverse("notice_versions:index", args=[elsewhere.pk]))
    root = Page.objects.get(depth=1)
    assert client.get(
        reverse("notice_versions:index", args=[root.pk]), follow=True
    ).status_code in (
        403,
        404,
    )


# In a real browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "320px"])
def test_the_comparison_meets_wcag_and_reflows(new_page, live_server, viewport):
    page = make_notice_page()
    data = stream_data(page, EVERY_BLOCK_BODY)
    assert data.pop(0)["type"] == "summary"
    data[0]["value"]["outro"] = "<p>You do not have to give us this information, but we ask.</p>"
    page = publish(page, title="Adoption and fostering", change_note="Fostering.", body=data)

    browser_page = visit(new_page(viewport), live_server, compare_url(page, 1, 2))
    assert_no_axe_violations(browser_page)
    assert not has_horizontal_scroll(browser_page)
    # Words added and removed are told apart without colour: underlined, struck through.
    decorations = browser_page.eval_on_selector_all(
        "ins, del", "marks => marks.map(m => getComputedStyle(m).textDecorationLine)"
    )
    assert set(decorations) == {"underline", "line-through"}

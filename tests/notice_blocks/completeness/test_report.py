"""Reports › Notice completeness: every notice an editor may edit, as its latest revision stands."""

import copy
import csv
import io
from functools import partial

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission

from notice_blocks.completeness import Severity, check_notice_page
from notice_blocks.completeness import summary as completeness_summary
from notice_blocks.models import NoticePage
from tests.notice_blocks.completeness.notices import COMPLETE_BODY, changed
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import admin_report_rows, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db

REPORT = "notice_completeness:report"


def complete(**kwargs) -> NoticePage:
    kwargs = {"title": "Fostering", "body": copy.deepcopy(COMPLETE_BODY), **kwargs}
    return make_notice_page(**kwargs)


def breaking(**kwargs) -> NoticePage:
    """A draft that does not say whether data comes from public sources, nor name its DPO."""
    kwargs = {
        "title": "Adoption",
        "slug": "adoption",
        "publish": False,
        "body": changed("sources", publicly_available=""),
        "data_protection_officer": None,
        **kwargs,
    }
    return make_notice_page(**kwargs)


report_rows = partial(admin_report_rows, report=REPORT)


def count_of(page: NoticePage, severity: Severity) -> str:
    return str(sum(1 for f in check_notice_page(page) if f.severity == severity))


def test_each_notice_is_listed_with_its_findings(editor_client):
    full = complete()
    draft = breaking()

    rows = report_rows(editor_client)

    assert set(rows) == {"Fostering", "Adoption"}
    assert rows["Fostering"]["Required"] == "0"
    assert rows["Fostering"]["Findings"] == "nothing missing"
    assert rows["Fostering"]["Status"] == "live"
    assert rows["Adoption"]["Required"] == count_of(draft, Severity.ERROR) == "2"
    assert rows["Adoption"]["Advised"] == count_of(draft, Severity.WARNING)
    assert rows["Adoption"]["Status"] == "draft"
    assert "Art 13(1)(b)" in rows["Adoption"]["Articles missing"]
    assert "Art 14(2)(f)" in rows["Adoption"]["Articles missing"]
    assert rows["Adoption"]["Findings"].startswith("2 required items missing")
    for page in (full, draft):
        assert rows[page.title]["link"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_the_report_says_it_checks_the_latest_revision(editor_client):
    page = complete()
    page.data_protection_officer = None
    page.save_revision()  # a draft over the live notice

    response = editor_client.get(reverse(REPORT))

    assert "latest revision" in response.content.decode()
    row = report_rows(editor_client)["Fostering"]
    assert row["Required"] == "1"
    assert row["Status"] == "live + draft"


def test_other_pages_are_not_listed(editor_client):
    complete()
    make_notice_index(title="Privacy notices")

    assert set(report_rows(editor_client)) == {"Fostering"}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"severity": "required"}, {"Adoption"}),
        ({"severity": "advised"}, set()),
        ({"article": "Art 13(1)(b)"}, {"Adoption"}),
        ({"article": "Art 13(1)(a)"}, set()),
        ({"live": "true"}, {"Fostering"}),
        ({"live": "false"}, {"Adoption"}),
        ({}, {"Fostering", "Adoption"}),
    ],
)
def test_filters(editor_client, query, titles):
    complete()
    breaking()

    assert set(report_rows(editor_client, **query)) == titles


def test_the_locale_filter(editor_client):
    page = make_notice_page(title="Fostering")
    welsh = translate_notice(page, "cy")
    welsh.title = "Maethu"
    welsh.save_revision().publish()

    assert set(report_rows(editor_client, locale="cy")) == {"Maethu"}
    assert set(report_rows(editor_client, locale="en")) == {"Fostering"}


def test_csv_export(editor_client):
    complete()
    draft = breaking()

    response = editor_client.get(reverse(REPORT), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "notice-completeness-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == [
        "Notice",
        "Locale",
        "Status",
        "Required",
        "Advised",
        "Reminders",
        "Articles missing",
        "Not checked",
    ]
    by_title = {row["Notice"]: row for row in rows}
    assert by_title["Fostering"]["Required"] == "0"
    assert by_title["Fostering"]["Status"] == "live"
    assert by_title["Adoption"]["Required"] == count_of(draft, Severity.ERROR)
    assert by_title["Adoption"]["Status"] == "draft"
    assert by_title["Adoption"]["Locale"] == "English"
    assert "Art 13(1)(b)" in by_title["Adoption"]["Articles missing"]
    assert by_title["Adoption"]["Not checked"] == ""


def test_csv_export_follows_the_filters(editor_client):
    complete()
    breaking()

    response = editor_client.get(reverse(REPORT), {"export": "csv", "severity": "required"})

    content = b"".join(response.streaming_content).decode()
    assert [row["Notice"] for row in csv.DictReader(io.StringIO(content))] == ["Adoption"]


def test_xlsx_export(editor_client):
    complete()
    breaking()

    response = editor_client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][:4] == ("Notice", "Locale", "Status", "Required")
    assert {(row[0], row[3]) for row in rows[1:]} == {("Adoption", 2), ("Fostering", 0)}


def test_a_notice_that_cannot_be_checked_shows_an_error(editor_client, monkeypatch):
    complete()
    draft = breaking()
    check = completeness_summary.check_notice_page

    def failing(page):
        if page.pk == draft.pk:
            raise ValueError("a section the check cannot read")
        return check(page)

    monkeypatch.setattr(completeness_summary, "check_notice_page", failing)

    rows = report_rows(editor_client)

    assert rows["Adoption"]["Required"] == ""
    assert (
        "Could not be checked: ValueError: a section the check cannot read"
        in (rows["Adoption"]["Findings"])
    )
    assert rows["Fostering"]["Required"] == "0"
    content = b"".join(
        editor_client.get(reverse(REPORT), {"export": "csv"}).streaming_content
    ).decode()
    by_title = {row["Notice"]: row for row in csv.DictReader(io.StringIO(content))}
    assert by_title["Adoption"]["Not checked"].startswith("ValueError")


def test_the_findings_of_a_notice(editor_client):
    draft = breaking()

    response = editor_client.get(reverse("notice_completeness:page", args=(draft.pk,)))

    assert response.status_code == 200
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
    for finding in check_notice_page(draft):
        assert finding.message in text
        assert finding.article in text
    assert "Sources of the data" in text or "sources" in text.lower()
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in response.content.decode()
    # A finding about a section links to that block in the editor, which scrolls to it.
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    links = {
        link["href"]
        for link in BeautifulSoup(response.content, "html.parser").select("table a[href]")
    }
    sections = {finding.section_id for finding in check_notice_page(draft) if finding.section_id}
    assert sections
    assert {f"{edit_url}#block-{section}-section" for section in sections} <= links


def editor_of(tree, django_user_model, name: str = "sam") -> Client:
    """A client for a user who may add, edit and publish pages in ``tree`` only."""
    group = Group.objects.create(name=f"Editors of {tree.title}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=tree, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_sees_only_the_notices_they_may_edit(django_user_model):
    children = make_notice_index(title="Children's services")
    adults = make_notice_index(title="Adult services")
    mine = complete(parent=children)
    theirs = breaking(parent=adults)
    client = editor_of(children, django_user_model)

    assert set(report_rows(client)) == {"Fostering"}
    mine_url = reverse("notice_completeness:page", args=(mine.pk,))
    theirs_url = reverse("notice_completeness:page", args=(theirs.pk,))
    assert client.get(mine_url).status_code == 200
    assert client.get(theirs_url).status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in home


def test_a_user_who_edits_no_pages_cannot_see_the_report(django_user_model):
    complete()
    group = Group.objects.create(name="Snippets only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("alex", "alex@example.com", "pw")
    user.groups.add(group)
    client = Client()
    client.force_login(user)

    response = client.get(reverse(REPORT))

    assert response.status_code in (302, 403)
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()

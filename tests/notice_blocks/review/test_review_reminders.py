"""Review reminders: notices due for review reach the dashboard, the report and an email, once.

Editors are signed in as members of Wagtail's “Editors” group; the dashboard and the report
are fetched through the admin's real views; emails are read from Django's outbox.
"""

import csv
import io
from datetime import UTC, datetime, time, timedelta
from functools import partial

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemEmailBackend
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile

from notice_blocks.completeness.summary import Completeness
from notice_blocks.review.models import ReviewReminder
from notice_blocks.review.reminders import send_due_reminders
from tests.utils import admin_report_rows, make_easy_read_page, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db

REPORT = "notice_review:report"


def today():
    return timezone.localdate()


def days(n: int):
    return today() + timedelta(days=n)


def notice(title: str, *, owner=None, **fields):
    return make_notice_page(title=title, slug=title.lower(), owner=owner, **fields)


def dashboard_panel(client) -> BeautifulSoup | None:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id="notices-due-for-review-section")


def panel_rows(client) -> dict[str, str]:
    """The dashboard panel's rows by notice title: the row's text."""
    panel = dashboard_panel(client)
    if panel is None:
        return {}
    return {
        tr.find("td").get_text(strip=True): " ".join(tr.get_text(" ").split())
        for tr in panel.find("tbody").find_all("tr")
    }


report_rows = partial(admin_report_rows, report=REPORT)


def emails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if address in message.to]


# The scenario of the issue


@pytest.mark.postgres  # date filters, and one reminder by a constraint
def test_an_overdue_notice_reaches_the_dashboard_the_report_and_one_email(editor, editor_client):
    overdue = notice("Adoption", owner=editor, review_by=days(-10))
    notice("Fostering", owner=editor, review_by=days(200))

    rows = panel_rows(editor_client)
    assert set(rows) == {"Adoption"}
    assert rows["Adoption"].startswith("Adoption English Overdue : was due")
    assert "10 days ago" in rows["Adoption"]
    assert "English" in rows["Adoption"]

    report = report_rows(editor_client)
    assert set(report) == {"Adoption"}
    assert report["Adoption"]["Review by"].startswith("Overdue")
    assert report["Adoption"]["link"] == reverse("wagtailadmin_pages:edit", args=[overdue.pk])

    call_command("send_review_reminders", stdout=io.StringIO())
    call_command("send_review_reminders", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    (email,) = mail.outbox
    assert email.to == ["editor@example.gov.uk"]
    assert email.subject == "A privacy notice is overdue for review"
    assert email.body.startswith("These privacy notices need reviewing: check that each")
    assert "Adoption (English)" in email.body
    assert "Fostering" not in email.body
    assert f"/admin/pages/{overdue.pk}/edit/" in email.body
    assert email.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_notice_not_due_is_nowhere(editor, editor_client):
    notice("Fostering", owner=editor, review_by=days(200))

    assert dashboard_panel(editor_client) is None
    assert report_rows(editor_client) == {}
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    assert mail.outbox == []
    assert "No review reminder to send." in out.getvalue()


def test_the_panel_lists_the_nearest_and_links_to_all(editor, editor_client, monkeypatch):
    monkeypatch.setattr("notice_blocks.review.panels.PANEL_LIMIT", 2)
    notice("Adoption", owner=editor, review_by=days(5))
    notice("Fostering", owner=editor, review_by=days(-3))
    notice("Libraries", owner=editor, review_by=days(1))

    assert list(panel_rows(editor_client)) == ["Fostering", "Libraries"]
    link = dashboard_panel(editor_client).find("a", string="See all 3 notices due for review")
    assert link["href"] == reverse(REPORT)


# Which notices are due


@pytest.mark.postgres  # date filters, and one reminder by a constraint
def test_without_a_review_by_date_a_notice_is_due_a_year_after_its_last_review(
    editor, editor_client, settings
):
    settings.NOTICE_REVIEW_INTERVAL_DAYS = 365
    notice("Adoption", owner=editor, review_by=None, last_reviewed=days(-365 - 3))
    notice("Fostering", owner=editor, review_by=None, last_reviewed=days(-365 + 20))
    notice("Libraries", owner=editor, review_by=None, last_reviewed=days(-100))

    report = report_rows(editor_client)

    assert set(report) == {"Adoption", "Fostering"}
    assert report["Adoption"]["Review by"].startswith("Overdue")
    assert "3 days ago" in report["Adoption"]["Review by"]
    assert "in 20 days" in report["Fostering"]["Review by"]


def test_a_notice_never_reviewed_is_due_a_year_after_its_first_publication(editor, editor_client):
    old = notice("Adoption", owner=editor, review_by=None, last_reviewed=None)
    recent = notice("Fostering", owner=editor, review_by=None, last_reviewed=None)
    for page, days_ago in ((old, 400), (recent, 100)):
        published = datetime.combine(days(-days_ago), time(12), UTC)
        Page.objects.filter(pk=page.pk).update(first_published_at=published)

    report = report_rows(editor_client)

    assert set(report) == {"Adoption"}
    assert "35 days ago" in report["Adoption"]["Review by"]


def test_the_warning_period_is_a_setting(editor, editor_client, settings):
    notice("Adoption", owner=editor, review_by=days(45))
    assert report_rows(editor_client) == {}

    settings.NOTICE_REVIEW_DUE_SOON_DAYS = 60
    assert set(report_rows(editor_client)) == {"Adoption"}


def test_drafts_and_unpublished_notices_are_not_listed(editor, editor_client):
    notice("Adoption", owner=editor, review_by=days(-5), publish=False)
    withdrawn = notice("Fostering", owner=editor, review_by=days(-5))
    withdrawn.unpublish()

    assert report_rows(editor_client) == {}
    assert dashboard_panel(editor_client) is None
    send_due_reminders()
    assert mail.outbox == []


def test_the_most_overdue_comes_first_and_the_report_filters_by_kind(editor, editor_client):
    notice("Adoption", owner=editor, review_by=days(10))
    notice("Fostering", owner=editor, review_by=days(-30))
    notice("Libraries", owner=editor, review_by=days(-2))

    assert list(report_rows(editor_client)) == ["Fostering", "Libraries", "Adoption"]
    assert list(report_rows(editor_client, kind="overdue")) == ["Fostering", "Libraries"]
    assert list(report_rows(editor_client, kind="due_soon")) == ["Adoption"]
    assert list(report_rows(editor_client, ordering="title")) == [
        "Adoption",
        "Fostering",
        "Libraries",
    ]


def test_completeness_findings_are_shown_beside_each_notice(editor, editor_client):
    named_dpo = notice("Fostering", owner=editor, review_by=days(-1))
    no_dpo = notice("Adoption", owner=editor, review_by=days(-1), data_protection_officer=None)
    easy_read = make_easy_read_page(no_dpo, review_by=days(5))
    with_dpo, without_dpo = (Completeness.of_latest_revision(p) for p in (named_dpo, no_dpo))
    assert without_dpo.required == with_dpo.required + 1

    report = report_rows(editor_client)

    assert report["Fostering"]["Completeness"] == with_dpo.summary()
    assert report["Adoption"]["Completeness"] == without_dpo.summary()
    assert report[easy_read.title]["Completeness"] == "Not checked for this kind of page"
    soup = BeautifulSoup(editor_client.get(reverse(REPORT)).content, "html.parser")
    findings = reverse("notice_completeness:page", args=[no_dpo.pk])
    assert soup.select_one(f'#listing-results a[href="{findings}"]') is not None
    assert without_dpo.summary() in panel_rows(editor_client)["Adoption"]


def test_the_report_filters_by_review_status_and_says_what_it_lists(editor, editor_client):
    notice("Adoption", owner=editor, review_by=days(-1))

    soup = BeautifulSoup(editor_client.get(reverse(REPORT)).content, "html.parser")

    kind = soup.find("select", attrs={"name": "kind"})
    assert " ".join(soup.find("label", attrs={"for": kind["id"]}).get_text().split()) == (
        "Review status"
    )
    help_text = " ".join(soup.select_one(".help-block").get_text().split())
    assert "within 30 days, with what the completeness check finds" in help_text


def test_the_report_exports_its_rows(editor, editor_client):
    page = notice("Adoption", owner=editor, review_by=days(-1))

    response = editor_client.get(reverse(REPORT), {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(row["Notice"], row["Review by"], row["Review status"]) for row in rows] == [
        ("Adoption", days(-1).isoformat(), "overdue")
    ]
    assert rows[0]["Completeness"] == Completeness.of_latest_revision(page).summary()


# Who sees what


def test_editors_see_only_the_notices_they_may_edit(django_user_model, client):
    elsewhere = make_notice_index(title="Other council", slug="other-council")
    notice("Adoption", review_by=days(-1))
    make_notice_page(elsewhere, title="Libraries", slug="libraries", review_by=days(-1))
    group = Group.objects.create(name="Library editors")
    group.permissions.add(*Group.objects.get(name="Editors").permissions.all())
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=elsewhere, permission_type=permission.split("_")[0]
        )
    librarian = django_user_model.objects.create_user("librarian", "lib@example.gov.uk", "pw")
    librarian.groups.add(group)
    client.force_login(librarian)

    assert set(panel_rows(client)) == {"Libraries"}
    assert set(report_rows(client)) == {"Libraries"}


def test_the_report_is_in_the_reports_menu_and_closed_to_users_without_page_permissions(
    editor_client, django_user_model, client
):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT) in response.content.decode()

    stranger = django_user_model.objects.create_user("stranger", "s@example.gov.uk", "pw")
    client.force_login(stranger)
    assert client.get(reverse(REPORT)).status_code in (302, 403)


# Emails


def test_owners_last_publishers_and_extra_addresses_are_reminded_each_once(
    editor, django_user_model, settings
):
    settings.NOTICE_REVIEW_REMINDER_EMAILS = ["dpo@example.gov.uk", "EDITOR@example.gov.uk"]
    publisher = django_user_model.objects.create_user("pub", "publisher@example.gov.uk", "pw")
    publisher.groups.add(Group.objects.get(name="Moderators"))
    page = notice("Adoption", owner=editor, review_by=days(-1))
    page.save_revision(user=publisher).publish(user=publisher)
    notice("Fostering", owner=editor, review_by=days(3))

    send_due_reminders()

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "dpo@example.gov.uk",
        "editor@example.gov.uk",
        "publisher@example.gov.uk",
    ]
    to_editor = emails_to("editor@example.gov.uk")[0].body
    assert "Adoption (English)" in to_editor and "Fostering (English)" in to_editor
    assert to_editor.index("Overdue for review") < to_editor.index("Adoption")
    assert to_editor.index("Due for review soon") < to_editor.index("Fostering")
    to_publisher = emails_to("publisher@example.gov.uk")[0].body
    assert "Adoption" in to_publisher and "Fostering" not in to_publisher


def test_users_who_cannot_be_reached_or_no_longer_edit_are_not_reminded(editor, django_user_model):
    no_email = django_user_model.objects.create_user("noemail", "", "pw")
    no_email.groups.add(Group.objects.get(name="Editors"))
    gone = django_user_model.objects.create_user("gone", "gone@example.gov.uk", "pw")
    gone.groups.add(Group.objects.get(name="Editors"))
    gone.is_active = False
    gone.save()
    moved_on = django_user_model.objects.create_user("moved", "moved@example.gov.uk", "pw")
    notice("Adoption", owner=no_email, review_by=days(-1))
    notice("Fostering", owner=gone, review_by=days(-1))
    notice("Libraries", owner=moved_on, review_by=days(-1))

    sending = send_due_reminders()

    assert mail.outbox == []
    assert sending.reminded == []
    assert ReviewReminder.objects.count() == 0


def test_a_reminder_is_written_in_the_recipients_language(editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "cy"
    profile.save()
    notice("Adoption", owner=editor, review_by=today().replace(month=3, day=1))

    send_due_reminders(today=today().replace(month=3, day=2))

    (email,) = mail.outbox
    assert "Mawrth" in email.body  # March, in Welsh
    assert "(Saesneg)" in email.body  # the notice's language, English, in Welsh


@pytest.mark.postgres  # date filters, and one reminder by a constraint
def test_due_soon_then_overdue_then_a_new_review_date_each_remind_once(editor):
    page = notice("Adoption", owner=editor, review_by=days(20))

    send_due_reminders()
    send_due_reminders()
    assert [m.subject for m in mail.outbox] == ["A privacy notice is due for review soon"]

    send_due_reminders(today=days(21))
    send_due_reminders(today=days(25))
    assert [m.subject for m in mail.outbox][1:] == ["A privacy notice is overdue for review"]

    page.review_by = days(40)
    page.save_revision().publish()
    send_due_reminders(today=days(30))
    assert len(mail.outbox) == 3
    assert set(ReviewReminder.objects.values_list("kind", "due_on")) == {
        ("due_soon", days(20)),
        ("overdue", days(20)),
        ("due_soon", days(40)),
    }


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down")


def test_a_reminder_that_could_not_be_sent_is_sent_by_the_next_run(editor, settings):
    notice("Adoption", owner=editor, review_by=days(-1))
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"

    with pytest.raises(Exception, match="Could not send the review reminders"):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert ReviewReminder.objects.count() == 0

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.get().email == "editor@example.gov.uk"


class RefusingTheDpoEmailBackend(LocmemEmailBackend):
    """Delivers to the outbox, but the DPO's mailbox refuses every message."""

    def send_messages(self, email_messages):
        if any("dpo@example.gov.uk" in message.to for message in email_messages):
            raise ConnectionRefusedError("Mailbox unavailable")
        return super().send_messages(email_messages)


def test_an_address_that_could_not_be_reached_is_retried_alone(editor, settings):
    settings.NOTICE_REVIEW_REMINDER_EMAILS = ["dpo@example.gov.uk"]
    notice("Adoption", owner=editor, review_by=days(-1))
    settings.EMAIL_BACKEND = f"{__name__}.RefusingTheDpoEmailBackend"

    for _day in range(2):
        with pytest.raises(CommandError, match="to dpo@example.gov.uk"):
            call_command("send_review_reminders", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["editor@example.gov.uk"]]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_review_reminders", stdout=io.StringIO())
    call_command("send_review_reminders", stdout=io.StringIO())

    assert [message.to for message in mail.outbox] == [
        ["editor@example.gov.uk"],
        ["dpo@example.gov.uk"],
    ]
    assert sorted(ReviewReminder.objects.values_list("email", flat=True)) == [
        "dpo@example.gov.uk",
        "editor@example.gov.uk",
    ]


@pytest.mark.parametrize(
    "value",
    [
        "",
        ["dpo@example.gov.uk", ""],
        ["dpo@example.gov.uk", "  "],
        "dpo@example.gov.uk, it@example.gov.uk",
        ["the DPO"],
        None,
    ],
)
def test_blank_or_invalid_extra_addresses_fail_the_system_check(settings, value):
    settings.NOTICE_REVIEW_REMINDER_EMAILS = value

    with pytest.raises(SystemCheckError, match="notice_blocks_review.E001"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize("value", [(), "dpo@example.gov.uk", ["dpo@example.gov.uk"]])
def test_valid_extra_addresses_pass_the_system_check(settings, value):
    settings.NOTICE_REVIEW_REMINDER_EMAILS = value

    call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_run_that_meets_an_invalid_extra_address_leaves_it_out_and_says_so(
    editor, settings, caplog
):
    settings.NOTICE_REVIEW_REMINDER_EMAILS = ["", "dpo@example.gov.uk", "the DPO"]
    notice("Adoption", owner=editor, review_by=days(-1))

    call_command("send_review_reminders", stdout=io.StringIO(), skip_checks=True)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "dpo@example.gov.uk",
        "editor@example.gov.uk",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert "'the DPO' is not an email address" in caplog.text
    assert "'' is not an email address" in caplog.text


def test_a_dry_run_lists_the_reminders_and_sends_none(editor):
    notice("Adoption", owner=editor, review_by=days(-1))
    out = io.StringIO()

    call_command("send_review_reminders", "--dry-run", stdout=out)

    assert "Would send to editor@example.gov.uk: “Adoption” (overdue)" in out.getvalue()
    assert mail.outbox == []
    assert ReviewReminder.objects.count() == 0


def test_translations_are_reminded_of_in_their_own_language(editor, editor_client):
    from tests.notice_blocks.test_i18n_pages import translate_notice

    page = notice("Adoption", owner=editor, review_by=days(-1))
    welsh = translate_notice(page, "cy")
    Page.objects.filter(pk=welsh.pk).update(owner=editor)

    report = report_rows(editor_client)
    assert {row["Locale"] for row in report.values()} == {"English", "Welsh"}
    send_due_reminders()
    (email,) = mail.outbox
    assert email.subject == "2 privacy notices are overdue for review"
    assert "(English)" in email.body and "(Welsh)" in email.body


@pytest.mark.parametrize(
    "query",
    [{"kind": "bogus"}, {"ordering": "live_revision__content"}, {"p": "999"}, {"export": "pdf"}],
)
def test_the_report_answers_odd_queries_with_its_list(editor, editor_client, query):
    notice("Adoption", owner=editor, review_by=days(-1))

    assert set(report_rows(editor_client, **query)) == {"Adoption"}

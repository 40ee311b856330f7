"""The completeness findings where editors work: the Checks panel and the status side panel.

The Checks panel takes its axe configuration from the editor (the rules and their messages)
and from the preview's userbar (where each rule finds its sections); both are read here as
Wagtail renders them. Residents' pages carry none of it.
"""

import copy
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail import hooks

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.compat import ContentCheckerItem, content_checker_options
from notice_blocks.completeness import RULES, Severity, check_notice_page
from notice_blocks.models import NoticePage
from tests.admin_forms import block_form_data, edit_url
from tests.notice_blocks.completeness.notices import COMPLETE_BODY, DPO_MISSING, PREFIX, changed
from tests.utils import make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db


def notice(**kwargs) -> NoticePage:
    """A published notice that says everything Articles 13 and 14 ask for, unless changed."""
    kwargs = {"title": "Fostering", "body": copy.deepcopy(COMPLETE_BODY), **kwargs}
    return make_notice_page(**kwargs)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content, "html.parser")


def axe_configuration(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find(id="checker-axe-configuration").string)


def targets(configuration: dict) -> dict[str, dict]:
    """Where each completeness rule reports findings: its check's options, by rule slug."""
    return {
        check["id"].removeprefix(PREFIX): check["options"]
        for check in configuration["spec"]["checks"]
        if check["id"].startswith(PREFIX)
    }


def found(configuration: dict) -> dict[str, dict]:
    """The rules that report a finding, with their targets."""
    return {
        slug: options
        for slug, options in targets(configuration).items()
        if options["sections"] or options["page"]
    }


def preview_configuration(client, page: NoticePage, **changes) -> dict:
    """The axe configuration of the editor's preview of ``page`` with ``changes``."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = {
        "title": page.title,
        "slug": page.slug,
        "version_label": page.version_label,
        "data_controller": page.data_controller_id or "",
        "data_protection_officer": page.data_protection_officer_id or "",
        "supervisory_authority": page.supervisory_authority_id or "",
        **block_form_data(NoticeBodyBlock(), page.body, "body"),
        **changes,
    }
    assert client.post(url, data).json()["is_valid"]
    return axe_configuration(soup_of(client.get(url, {"in_preview_panel": "true"})))


def breaking_notice() -> NoticePage:
    """A notice that does not say whether data comes from public sources, nor name its DPO."""
    return notice(body=changed("sources", publicly_available=""), data_protection_officer=None)


def expected_targets(page: NoticePage) -> dict[str, dict]:
    """Where the Checks panel should report each rule with findings on ``page``."""
    by_rule = {}
    for finding in check_notice_page(page):
        options = by_rule.setdefault(finding.rule, {"sections": [], "page": False})
        if finding.section_id is None:
            options["page"] = True
        elif finding.section_id not in options["sections"]:
            options["sections"].append(finding.section_id)
    return by_rule


def test_the_checks_panel_lists_each_finding_where_it_is(editor_client):
    page = breaking_notice()
    findings = check_notice_page(page)
    assert any(f.section_id == "sources" for f in findings)
    assert any(f.section_id is None for f in findings)

    configuration = axe_configuration(soup_of(editor_client.get(edit_url(page))))

    assert found(configuration) == expected_targets(page)
    for finding in findings:
        assert f"{PREFIX}{finding.rule}" in configuration["options"]["runOnly"]
        message = configuration["messages"][f"{PREFIX}{finding.rule}"]
        severity = finding.severity.label.capitalize()
        assert message["error_name"].startswith(f"{severity} ({finding.article}): ")
        assert message["help_text"] == finding.message
        rule = next(
            r for r in configuration["spec"]["rules"] if r["id"] == f"{PREFIX}{finding.rule}"
        )
        assert rule["selector"].startswith("h1, body")
        if finding.section_id:
            assert f'[id="{finding.section_id}"]' in rule["selector"]


def test_a_finding_about_the_page_is_reported_on_its_heading(editor_client):
    page = notice(data_controller=None)

    configuration = axe_configuration(soup_of(editor_client.get(edit_url(page))))

    assert found(configuration)["controller-identity"] == {"sections": [], "page": True}
    message = configuration["messages"][f"{PREFIX}controller-identity"]
    assert "who the data controller is" in message["help_text"]


def test_a_complete_notice_passes_every_completeness_check(editor_client):
    configuration = axe_configuration(soup_of(editor_client.get(edit_url(notice()))))

    assert set(targets(configuration)) == {rule.slug for rule in RULES}
    assert found(configuration) == {}


def test_the_preview_reports_the_page_as_the_editor_has_it_now(editor_client):
    page = notice()

    edited = preview_configuration(editor_client, page, data_protection_officer="")
    unedited = preview_configuration(editor_client, page)

    assert found(edited)["dpo-contact"]["page"]
    assert DPO_MISSING in edited["messages"][f"{PREFIX}dpo-contact"]["help_text"]
    assert found(unedited) == {}


def test_residents_get_no_findings(editor_client):
    page = breaking_notice()

    public = Client().get(page.url).content.decode()

    assert PREFIX not in public
    assert DPO_MISSING not in public
    section = BeautifulSoup(public, "html.parser").find(id="sources")
    assert {name for name in section.attrs if name.startswith("data-")} == set()
    # An editor's user bar on the live page keeps Wagtail's own checks: the completeness
    # checks are the editor's, and the public page's policy runs no checks of the app's.
    live = editor_client.get(page.url).content.decode()
    assert "wagtail-userbar" in live
    assert PREFIX not in live


def test_a_user_who_may_not_edit_the_notice_gets_no_findings(django_user_model):
    page = breaking_notice()
    group = Group.objects.create(name="Elsewhere")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw")
    user.groups.add(group)
    client = Client()
    client.force_login(user)

    response = client.get(page.url).content.decode()

    assert "checker-axe-configuration" in response
    assert PREFIX not in response


class CouncilChecker(ContentCheckerItem):
    """Another app's content checker, with a check of its own."""

    def get_axe_run_only(self, request):
        return [*super().get_axe_run_only(request), "council-check"]


def use_council_checker(request, items: list, page) -> None:
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem):
            items[index] = CouncilChecker(**content_checker_options(item))


def test_another_apps_checks_and_the_completeness_checks_run_together(editor_client):
    page = notice()

    with hooks.register_temporarily("construct_wagtail_userbar", use_council_checker):
        configuration = axe_configuration(soup_of(editor_client.get(edit_url(page))))

    run_only = configuration["options"]["runOnly"]
    assert "council-check" in run_only
    assert any(rule.startswith(PREFIX) for rule in run_only)
    assert "heading-order" in run_only


def test_an_easy_read_version_has_its_own_checks_only(editor_client):
    """Its full notice's completeness is checked on the full notice."""
    easy_read = make_easy_read_page(notice())

    configuration = axe_configuration(soup_of(editor_client.get(edit_url(easy_read))))

    run_only = configuration["options"]["runOnly"]
    assert any(rule.startswith("easy-read-") for rule in run_only)
    assert not any(rule.startswith(PREFIX) for rule in run_only)
    assert "heading-order" in run_only


def test_the_status_panel_sums_the_findings_up(editor_client):
    page = breaking_notice()
    assert [f.severity for f in check_notice_page(page)].count(Severity.ERROR) == 2

    soup = soup_of(editor_client.get(edit_url(page)))

    status = soup.find(id="status-sidebar-notice-completeness").find_parent("section")
    text = " ".join(status.get_text().split())
    assert "Notice completeness" in text
    assert "2 required items missing" in text
    link = status.find("a", href=reverse("notice_completeness:page", args=(page.pk,)))
    assert link is not None


def test_the_status_panel_of_a_complete_notice_says_nothing_is_missing(editor_client):
    soup = soup_of(editor_client.get(edit_url(notice())))

    status = soup.find(id="status-sidebar-notice-completeness").find_parent("section")
    assert "nothing missing" in status.get_text()


def test_the_status_panel_follows_the_latest_draft(editor_client):
    page = notice()
    page.data_protection_officer = None
    page.save_revision()

    soup = soup_of(editor_client.get(edit_url(page)))

    status = soup.find(id="status-sidebar-notice-completeness").find_parent("section")
    assert "1 required item missing" in status.get_text()


def test_a_new_notice_shows_its_completeness_without_a_link(editor_client):
    parent = notice().get_parent()
    url = reverse("wagtailadmin_pages:add", args=("notice_blocks", "noticepage", parent.pk))

    soup = soup_of(editor_client.get(url))

    status = soup.find(id="status-sidebar-notice-completeness").find_parent("section")
    assert "required items missing" in status.get_text()
    assert status.find("a") is None


def test_other_pages_have_no_completeness_status(editor_client):
    index = notice().get_parent()

    soup = soup_of(editor_client.get(edit_url(index)))

    assert soup.find(id="status-sidebar-notice-completeness") is None
    assert PREFIX not in str(soup)

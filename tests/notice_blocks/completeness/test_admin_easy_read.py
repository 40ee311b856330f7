"""An easy read version is not checked for completeness: its full notice is.

Every surface of the check is tried on an easy read page whose own findings, were it checked
as a full notice, would all be “required” (it has no data protection officer, no rights…):
the publish gate (the editor, workflows, bulk publishing and the page's own ``publish``), the
Checks panel, the status panel, the report and ``check_notice``.
"""

import copy
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from notice_blocks.completeness import Severity, check_notice_page, is_checked
from notice_blocks.easy_read.blocks import EasyReadBodyBlock
from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticeIndexPage, NoticePage
from tests.admin_forms import block_form_data, edit_url
from tests.notice_blocks.completeness.notices import COMPLETE_BODY, PREFIX
from tests.testapp.models import ServiceNoticePage
from tests.utils import EASY_READ_BODY, make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforced(settings):
    """The completeness check is enforced; the easy read checks (tested on their own) are not."""
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = True
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = False


def easy_read_version(*, publish: bool = False) -> EasyReadNoticePage:
    """The easy read version (a draft unless ``publish``) of a complete, published notice."""
    notice = make_notice_page(title="Fostering", body=copy.deepcopy(COMPLETE_BODY))
    page = make_easy_read_page(notice, publish=publish)
    required = [f for f in check_notice_page(page) if f.severity == Severity.ERROR]
    assert required, "checked as a full notice, the easy read page would be refused"
    return page


def edit_data(page: EasyReadNoticePage, action: str, **extra) -> dict:
    body = EasyReadNoticePage(body=EASY_READ_BODY).body
    return {
        "title": page.title,
        "slug": page.slug,
        "version_label": page.version_label,
        "last_reviewed": page.last_reviewed.isoformat(),
        **block_form_data(EasyReadBodyBlock(), body, "body"),
        action: "1",
        **extra,
    }


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_types_say_whether_they_are_checked():
    assert is_checked(NoticePage) and is_checked(NoticePage())
    assert is_checked(ServiceNoticePage)
    assert not is_checked(EasyReadNoticePage) and not is_checked(EasyReadNoticePage())
    assert not is_checked(NoticeIndexPage) and not is_checked(Page)


def test_the_page_publishes_its_revision(enforced):
    page = easy_read_version()

    page.latest_revision.publish()

    page.refresh_from_db()
    assert page.live


def test_the_editor_publishes_it(editor_client, enforced):
    page = easy_read_version()

    response = editor_client.post(edit_url(page), edit_data(page, "action-publish"))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_it_is_submitted_and_approved_in_the_editor(editor_client, enforced):
    page = easy_read_version()
    response = editor_client.post(edit_url(page), edit_data(page, "action-submit"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress

    approve = edit_data(page, "action-workflow-action", **{"workflow-action-name": "approve"})
    response = editor_client.post(edit_url(page), approve)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_it_is_approved_from_the_dashboard(editor_client, enforced, django_user_model):
    page = easy_read_version()
    editor = django_user_model.objects.get(username="editor")
    workflow_state = page.get_workflow().start(page, editor)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", workflow_state.current_task_state.pk),
    )

    response = editor_client.post(url, {"comment": ""})

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_bulk_publishing_publishes_it(editor_client, enforced):
    page = easy_read_version()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    listing = reverse("wagtailadmin_explore", args=(page.get_parent().pk,))

    response = editor_client.post(f"{url}?id={page.pk}&next={listing}", {"include_descendants": ""})

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_its_checks_panel_has_the_easy_read_checks_only(editor_client):
    page = easy_read_version(publish=True)

    soup = soup_of(editor_client.get(edit_url(page)))

    configuration = json.loads(soup.find(id="checker-axe-configuration").string)
    run_only = configuration["options"]["runOnly"]
    assert any(rule.startswith("easy-read-") for rule in run_only)
    assert not any(rule.startswith(PREFIX) for rule in run_only)
    assert not any(rule["id"].startswith(PREFIX) for rule in configuration["spec"]["rules"])
    assert not any(check["id"].startswith(PREFIX) for check in configuration["spec"]["checks"])
    assert not any(name.startswith(PREFIX) for name in configuration["messages"])


def test_its_status_panel_has_no_completeness(editor_client):
    page = easy_read_version()

    soup = soup_of(editor_client.get(edit_url(page)))

    assert soup.find(id="status-sidebar-notice-completeness") is None
    assert "Notice completeness" not in soup.get_text()


def test_a_new_easy_read_page_has_no_completeness_status(editor_client):
    notice = make_notice_page(title="Fostering", body=copy.deepcopy(COMPLETE_BODY))
    url = reverse(
        "wagtailadmin_pages:add",
        args=(EasyReadNoticePage._meta.app_label, "easyreadnoticepage", notice.pk),
    )

    soup = soup_of(editor_client.get(url))

    assert soup.find(id="status-sidebar-notice-completeness") is None


def test_the_report_lists_its_full_notice_only(editor_client):
    page = easy_read_version()

    response = editor_client.get(reverse("notice_completeness:report"))

    soup = soup_of(response)
    titles = [" ".join(a.get_text().split()) for a in soup.select("#listing-results tbody a")]
    assert "Fostering" in titles
    assert page.title not in " ".join(titles)
    findings = editor_client.get(reverse("notice_completeness:page", args=(page.pk,)), follow=True)
    assert findings.status_code == 404


def test_check_notice_says_the_page_is_not_checked():
    page = easy_read_version()
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(SystemExit) as exit:
        call_command("check_notice", "--page", str(page.pk), stdout=out, stderr=err)

    assert exit.value.code == 2
    assert out.getvalue() == ""
    assert err.getvalue().startswith(
        f"page {page.pk}: pages of its type (easy read notice) are not checked for completeness."
    )

"""The completeness check keeps a notice missing a required item from publication, where set.

Every road to publishing is tried: the editor's publish, submit and approve, approving from
the dashboard (and its modal), the page's own ``publish`` (imports, translations, workflows),
scheduled publishing and bulk publishing.
"""

import copy
import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, PageLogEntry, Revision, TaskState
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.completeness import Finding, Severity, check_notice_page, publishing
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import NoticeFileError, export_notice, import_notice
from tests.admin_forms import block_form_data, edit_url
from tests.notice_blocks.completeness.notices import COMPLETE_BODY, DPO_MISSING, changed
from tests.testapp.models import ServiceNoticePage
from tests.utils import make_notice_page, site_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforced(settings):
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = True


def complete_notice(**kwargs) -> NoticePage:
    """A notice (a draft unless ``publish``) that says everything Articles 13 and 14 ask for."""
    kwargs = {"publish": False, "title": "Fostering", **kwargs}
    return make_notice_page(body=copy.deepcopy(COMPLETE_BODY), **kwargs)


def edit_data(page: NoticePage, action: str, body: list | None = None, **changes) -> dict:
    """The editor's form data for ``page`` with ``changes`` to its fields, and ``action``.

    The page's body, or ``body`` (a list of sections, as notice files hold them).
    """
    fields = {
        "title": page.title,
        "slug": page.slug,
        "version_label": page.version_label,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "data_controller": page.data_controller_id or "",
        "data_protection_officer": page.data_protection_officer_id or "",
        "supervisory_authority": page.supervisory_authority_id or "",
        "general_privacy_notice": page.general_privacy_notice_id or "",
        **changes,
    }
    if body is not None or page.pk is None:
        value = NoticePage(body=copy.deepcopy(COMPLETE_BODY if body is None else body)).body
    else:
        value = page.body
    return {**fields, **block_form_data(NoticeBodyBlock(), value, "body"), action: "1"}


def details(page: NoticePage) -> dict:
    """The page's shared details, to build another notice with them."""
    return {
        name: getattr(page, name)
        for name in ("data_controller", "data_protection_officer", "supervisory_authority")
    }


def without_officer(page: NoticePage, action: str) -> dict:
    return edit_data(page, action, data_protection_officer="")


def block_errors(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    _value, errors = json.loads(soup.find(id="body")["data-w-block-arguments-value"])
    return errors


def sources_not_answered() -> list:
    """The complete body, but for whether any data comes from publicly available sources."""
    return changed("sources", publicly_available="")


def test_the_complete_notice_has_no_finding():
    assert check_notice_page(complete_notice()) == ()


def test_publishing_is_refused_with_the_finding_on_its_field(editor_client, enforced):
    page = complete_notice()

    response = editor_client.post(edit_url(page), without_officer(page, "action-publish"))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["data_protection_officer"])
    assert DPO_MISSING in errors
    assert "(Art 13(1)(b), Art 14(1)(b))" in errors
    page.refresh_from_db()
    assert not page.live
    assert page.latest_revision.as_object().data_protection_officer_id is not None


def test_a_finding_about_a_section_is_shown_on_its_field(editor_client, enforced):
    page = complete_notice()
    body = sources_not_answered()
    [finding] = [
        finding
        for finding in check_notice_page(NoticePage(body=copy.deepcopy(body), **details(page)))
        if finding.severity == Severity.ERROR
    ]
    assert finding.section_id == "sources" and finding.field

    response = editor_client.post(edit_url(page), edit_data(page, "action-publish", body))

    assert response.status_code == 200
    errors = block_errors(response)["blockErrors"][str(finding.section_index)]
    assert finding.message in json.dumps(errors["blockErrors"][finding.field], ensure_ascii=False)
    page.refresh_from_db()
    assert not page.live


def test_a_draft_missing_a_required_item_is_saved(editor_client, enforced):
    page = complete_notice()

    response = editor_client.post(edit_url(page), without_officer(page, "action-draft"))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.latest_revision.as_object().data_protection_officer_id is None
    assert not page.live


def test_without_enforcement_nothing_is_refused(editor_client):
    page = complete_notice()

    response = editor_client.post(edit_url(page), without_officer(page, "action-publish"))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_a_complete_notice_is_published(editor_client, enforced):
    page = complete_notice()

    response = editor_client.post(edit_url(page), edit_data(page, "action-publish"))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_a_finding_about_the_page_is_shown_on_its_field(editor_client, enforced):
    page = complete_notice()

    response = editor_client.post(
        edit_url(page), edit_data(page, "action-publish", data_controller="")
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "who the data controller is" in " ".join(errors["data_controller"])
    page.refresh_from_db()
    assert not page.live


def test_a_new_notice_missing_a_required_item_is_not_published(editor_client, enforced):
    parent = complete_notice().get_parent()
    url = reverse("wagtailadmin_pages:add", args=("notice_blocks", "noticepage", parent.pk))
    page = NoticePage(title="Adoption", slug="adoption", version_label="V1")
    data = edit_data(page, "action-publish", data_protection_officer="", data_controller="")

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert not NoticePage.objects.filter(slug="adoption").exists()


def test_submitting_to_a_workflow_is_refused_too(editor_client, enforced):
    page = complete_notice()
    assert page.get_workflow() is not None

    response = editor_client.post(edit_url(page), without_officer(page, "action-submit"))

    assert response.status_code == 200
    assert DPO_MISSING in " ".join(response.context["form"].errors["data_protection_officer"])
    page.refresh_from_db()
    assert not page.workflow_in_progress


def test_approving_in_the_editor_is_refused_too(editor_client, enforced):
    page = complete_notice()
    response = editor_client.post(edit_url(page), edit_data(page, "action-submit"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress

    approve = {
        **without_officer(page, "action-workflow-action"),
        "workflow-action-name": "approve",
    }
    response = editor_client.post(edit_url(page), approve)

    assert response.status_code == 200
    assert DPO_MISSING in " ".join(response.context["form"].errors["data_protection_officer"])
    page.refresh_from_db()
    assert not page.live

    response = editor_client.post(
        edit_url(page),
        {**edit_data(page, "action-workflow-action"), "workflow-action-name": "approve"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def submitted(editor_client, page: NoticePage) -> TaskState:
    """``page`` submitted to its workflow in the editor; the task now waiting for approval."""
    response = editor_client.post(edit_url(page), edit_data(page, "action-submit"))
    assert response.status_code == 302
    page.refresh_from_db()
    return page.current_workflow_task_state


def approve_url(page: NoticePage, task_state: TaskState) -> str:
    """The dashboard's “Approve”, back to the dashboard."""
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return f"{url}?next={reverse('wagtailadmin_home')}"


def assert_still_in_progress(page: NoticePage, task_state: TaskState) -> None:
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert page.current_workflow_task_state == task_state


def shown_messages(editor_client) -> str:
    response = editor_client.get(reverse("wagtailadmin_home"))
    return " ".join(str(message) for message in response.context["messages"])


def test_approving_from_the_dashboard_a_notice_refused_since_it_was_submitted(
    editor_client, settings
):
    page = complete_notice(data_protection_officer=None)
    task_state = submitted(editor_client, page)  # while the check was not enforced
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = True

    response = editor_client.post(approve_url(page, task_state), {"comment": ""})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert_still_in_progress(page, task_state)
    messages = shown_messages(editor_client)
    assert "“Fostering” was not approved, and its task is still in progress" in messages
    assert DPO_MISSING in messages
    assert "(Art 13(1)(b), Art 14(1)(b))" in messages


def test_approving_in_the_dashboards_modal_is_answered_with_where_to_go(editor_client, settings):
    page = complete_notice(data_protection_officer=None)
    task_state = submitted(editor_client, page)
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = True

    response = editor_client.post(
        approve_url(page, task_state),
        {"comment": "Looks right to me."},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json() == {"step": "success", "redirect": reverse("wagtailadmin_home")}
    assert_still_in_progress(page, task_state)
    assert DPO_MISSING in shown_messages(editor_client)


def test_a_notice_whose_shared_detail_changed_is_approved_once_it_is_fixed(editor_client, enforced):
    page = complete_notice()
    task_state = submitted(editor_client, page)
    officer = page.data_protection_officer
    type(officer).objects.filter(pk=officer.pk).update(email="")

    response = editor_client.post(approve_url(page, task_state), {"comment": ""})

    assert response.status_code == 302
    assert_still_in_progress(page, task_state)
    assert "Data Protection Officer, has no contact details" in shown_messages(editor_client)

    type(officer).objects.filter(pk=officer.pk).update(email=officer.email)
    response = editor_client.post(approve_url(page, task_state), {"comment": ""})

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not page.workflow_in_progress


@pytest.mark.parametrize("is_enforced", [True, False])
def test_the_page_publishes_a_revision_only_if_it_may(settings, is_enforced):
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = is_enforced
    page = complete_notice(data_protection_officer=None)
    revision = page.save_revision()

    if is_enforced:
        with pytest.raises(ValidationError) as raised:
            revision.publish()
        assert DPO_MISSING in " ".join(raised.value.message_dict["data_protection_officer"])
    else:
        revision.publish()

    page.refresh_from_db()
    assert page.live is not is_enforced


def test_scheduled_publishing_withdraws_a_notice_missing_a_required_item(settings):
    refused = complete_notice(data_protection_officer=None)
    allowed = complete_notice(slug="complete")
    for page in (refused, allowed):
        page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
        page.save_revision().publish()  # scheduled while it was allowed
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = True
    past = timezone.now() - datetime.timedelta(minutes=1)
    for revision in Revision.objects.filter(approved_go_live_at__isnull=False):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save()

    call_command("publish_scheduled")

    refused.refresh_from_db()
    allowed.refresh_from_db()
    assert allowed.live
    assert not refused.live
    assert not Revision.objects.filter(object_id=str(refused.pk), approved_go_live_at__isnull=False)
    entry = PageLogEntry.objects.get(page=refused, action="notice_blocks.publish_refused")
    assert DPO_MISSING in " ".join(entry.data["findings"])
    assert "Publication refused" in entry.message


def bulk_publish_url(*pages: NoticePage) -> str:
    """Publishing ``pages`` from the listing of their parent."""
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    listing = reverse("wagtailadmin_explore", args=(pages[0].get_parent().pk,))
    return f"{url}?{'&'.join(f'id={page.pk}' for page in pages)}&next={listing}"


def test_bulk_publishing_publishes_nothing_while_a_notice_is_refused(editor_client, enforced):
    refused = complete_notice(title="Adoption", slug="adoption", data_protection_officer=None)
    allowed = complete_notice(slug="complete")
    url = bulk_publish_url(refused, allowed)

    response = editor_client.post(url, {"include_descendants": ""}, follow=True)

    assert response.status_code == 200
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "Nothing was published: “Adoption” misses items" in messages
    for page in (refused, allowed):
        page.refresh_from_db()
        assert not page.live

    editor_client.post(bulk_publish_url(allowed), {"include_descendants": ""})
    allowed.refresh_from_db()
    assert allowed.live


def test_bulk_publishing_is_not_refused_without_enforcement(editor_client):
    page = complete_notice(data_protection_officer=None)

    editor_client.post(bulk_publish_url(page), {"include_descendants": ""})

    page.refresh_from_db()
    assert page.live


def test_an_imported_notice_missing_a_required_item_is_refused(enforced):
    data = export_notice(complete_notice())
    data["notice"].update(slug="imported", data_protection_officer=None)

    with pytest.raises(NoticeFileError, match=DPO_MISSING):
        import_notice(data)
    assert not NoticePage.objects.filter(slug="imported").exists()

    imported = import_notice(data, publish=False).page
    assert not imported.live


def test_a_translation_missing_a_required_item_is_not_published(
    settings, django_capture_on_commit_callbacks
):
    page = make_notice_page()  # published before the check was enforced
    required = [f.message for f in check_notice_page(page) if f.severity == Severity.ERROR]
    assert required
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=welsh)
    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = True

    with pytest.raises(ValidationError) as raised:
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
    assert required[0] in " ".join(raised.value.messages)
    assert not page.get_translation(welsh).live

    settings.NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH = False
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert page.get_translation(welsh).live


def test_a_page_type_without_the_check_in_its_form_is_kept_a_draft(
    editor_client, enforced, monkeypatch
):
    """A site's notice page type with a form of its own: publishing it still asks the gate."""
    monkeypatch.setattr(ServiceNoticePage, "base_form_class", WagtailAdminPageForm)
    page = ServiceNoticePage(
        title="Parking",
        slug="parking",
        live=False,
        body=copy.deepcopy(COMPLETE_BODY),
        **details(complete_notice()),
    )
    site_root().add_child(instance=page)
    page.save_revision()
    refused = Finding("example", "Art 13(1)(a)", Severity.ERROR, "Something is missing.")
    monkeypatch.setattr(publishing, "check_notice_page", lambda page: (refused,))
    data = {**edit_data(page, "action-publish"), "opening_hours": "9 to 5"}

    response = editor_client.post(edit_url(page), data, follow=True)

    assert response.redirect_chain[-1][0] == edit_url(page)
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "saved as a draft, not published" in messages
    assert "Something is missing. (Art 13(1)(a))" in messages
    page.refresh_from_db()
    assert not page.live
    assert page.latest_revision.as_object().opening_hours == "9 to 5"


def test_a_notice_the_check_fails_on_is_not_published(editor_client, enforced, monkeypatch):
    page = complete_notice()

    def failing(page):
        raise ValueError("a section the check cannot read")

    monkeypatch.setattr(publishing, "check_notice_page", failing)

    response = editor_client.post(edit_url(page), edit_data(page, "action-publish"))

    assert response.status_code == 200
    assert "could not be checked for completeness" in " ".join(
        response.context["form"].non_field_errors()
    )
    page.refresh_from_db()
    assert not page.live

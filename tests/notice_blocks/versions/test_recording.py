"""Publishing records a notice's versions: a change note or label starts one, else a correction."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from notice_blocks.versions.models import NoticeVersion
from tests.admin_forms import block_form_data
from tests.utils import make_easy_read_page, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db


def publish(page, **changes):
    """Publish a new revision of ``page`` with ``changes``, as every road to publishing does."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def versions_of(page) -> list[tuple[int, str, str]]:
    return list(
        NoticeVersion.objects.filter(page=page)
        .order_by("number")
        .values_list("number", "version_label", "change_note")
    )


def test_the_first_publication_is_version_one():
    page = make_notice_page(version_label="V1.0", change_note="")

    version = NoticeVersion.objects.get(page=page)
    assert (version.number, version.version_label, version.change_note) == (1, "V1.0", "")
    assert version.revision_id == page.live_revision_id
    assert version.in_force_from == page.last_published_at


def test_a_change_note_starts_a_version_and_a_correction_moves_it_on():
    page = make_notice_page(version_label="V1.0")
    first_revision = page.live_revision_id

    page = publish(page, change_note="We now share records with schools.")
    second = NoticeVersion.objects.get(page=page, number=2)
    assert second.revision_id == page.live_revision_id
    assert NoticeVersion.objects.get(page=page, number=1).revision_id == first_revision

    # The same note again, or none: a minor correction of version 2.
    page = publish(page, title="Adoption services")
    page = publish(page, change_note="")
    assert versions_of(page) == [
        (1, "V1.0", ""),
        (2, "V1.0", "We now share records with schools."),
    ]
    assert NoticeVersion.objects.get(page=page, number=2).revision_id == page.live_revision_id


def test_a_new_version_label_starts_a_version_without_a_note():
    page = make_notice_page(version_label="V1.0")
    page = publish(page, version_label="V1.1", change_note="")
    assert versions_of(page) == [(1, "V1.0", ""), (2, "V1.1", "")]


def test_a_correction_that_changes_the_text_moves_the_text_change_date_only():
    page = make_notice_page()
    version = NoticeVersion.objects.get(page=page)

    publish(page, search_description="Not text a translator is given")
    unchanged = NoticeVersion.objects.get(pk=version.pk)
    publish(page, title="Adoption and fostering")
    changed = NoticeVersion.objects.get(pk=version.pk)

    assert unchanged.in_force_from == changed.in_force_from == version.in_force_from
    assert changed.text_changed_at > unchanged.text_changed_at


def test_drafts_and_aliases_make_no_version():
    page = make_notice_page(publish=False)
    page.save_revision()
    assert not NoticeVersion.objects.exists()

    live = make_notice_page(title="Fostering", slug="fostering")
    alias = live.create_alias(update_slug="fostering-alias")
    assert alias.alias_of_id == live.pk
    assert list(NoticeVersion.objects.values_list("page_id", flat=True)) == [live.pk]


def test_easy_read_pages_have_versions_of_their_own():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    assert versions_of(easy_read) == [(1, "V1.0", "")]
    assert versions_of(notice) == [(1, "V1.0", "")]


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def edit_form_change_note(client, page) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").find(attrs={"name": "change_note"})
    # A textarea's first newline is not part of its value.
    return (
        field.get_text().removeprefix("\n") if field.name == "textarea" else field.get("value", "")
    )


def post_edit(client, page, action: str, **changes):
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    data = {
        "title": page.title,
        "slug": page.slug,
        "version_label": page.version_label,
        "change_note": page.change_note,
        **{
            name: getattr(page, f"{name}_id") or ""
            for name in (
                "data_controller",
                "data_protection_officer",
                "supervisory_authority",
                "general_privacy_notice",
            )
        },
        **block_form_data(page.body.stream_block, page.body, "body"),
        **changes,
    }
    if action:
        data[action] = action
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def test_the_editor_writes_a_change_note_for_the_revision_it_publishes(editor_client):
    page = make_notice_page(change_note="")

    post_edit(editor_client, page, "", change_note="We keep records for 25 years now.")
    # A draft keeps the note written for it.
    assert edit_form_change_note(editor_client, page) == "We keep records for 25 years now."
    assert versions_of(page) == [(1, "V1.0", "")]

    post_edit(editor_client, page, "action-publish")
    assert versions_of(page)[-1] == (2, "V1.0", "We keep records for 25 years now.")
    # Once published, the next edit starts with no note: a correction unless one is written.
    assert edit_form_change_note(editor_client, page) == ""
    post_edit(editor_client, page, "action-publish", change_note="", title="Adoption (corrected)")
    assert len(versions_of(page)) == 2


def test_purging_revisions_keeps_each_versions_text_and_deleting_the_notice_deletes_them():
    index = make_notice_index()
    page = make_notice_page(index)
    page = publish(page, change_note="Version two.")
    page = publish(page, title="Adoption (corrected)")
    draft = page.get_latest_revision_as_object()
    draft.title = "A draft"
    draft.save_revision()
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    assert revisions.count() == 4

    call_command("purge_revisions", days=0, stdout=io.StringIO())

    kept = set(revisions.values_list("pk", flat=True))
    version_revisions = set(NoticeVersion.objects.values_list("revision_id", flat=True))
    assert len(version_revisions) == 2 and version_revisions <= kept
    # The correction's earlier revision went; the draft is the latest, so it stays.
    assert len(kept) == 3

    index.delete()
    assert not NoticeVersion.objects.exists()
    assert not revisions.exists()

"""Editors write easy read versions in the admin; the plain-language checks guard publishing."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from notice_blocks.easy_read.blocks import EasyReadBodyBlock
from notice_blocks.easy_read.models import EasyReadNoticePage
from tests.admin_forms import block_form_data
from tests.utils import EASY_READ_BODY, make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db

TWENTY_WORDS = (
    "We will look carefully at all of the information that we have about you and your "
    "family every single year."
)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def edit_data(page: EasyReadNoticePage, body: list, action: str) -> dict:
    value = EasyReadNoticePage(body=body).body
    return {
        "title": page.title,
        "slug": page.slug,
        "version_label": page.version_label,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        **block_form_data(EasyReadBodyBlock(), value, "body"),
        action: "1",
    }


def approve_data(page: EasyReadNoticePage, body: list) -> dict:
    """The editor's form data for approving the current workflow task with ``body``."""
    return {
        **edit_data(page, body, "action-workflow-action"),
        "workflow-action-name": "approve",
    }


def edit_url(page: EasyReadNoticePage) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.fixture
def easy_read(settings) -> EasyReadNoticePage:
    """An unpublished easy read version, with the checks enforced on publishing."""
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = True
    return make_easy_read_page(make_notice_page(), publish=False)


def with_long_sentence() -> list:
    section_type, summary = EASY_READ_BODY[0]
    point = {"picture": "council", "image": None, "alt_text": "", "text": TWENTY_WORDS}
    return [(section_type, {**summary, "points": [point]}), *EASY_READ_BODY[1:]]


def block_errors(response) -> dict:
    """The errors the editor shows on the body's blocks, as the page sends them to its script."""
    soup = BeautifulSoup(response.content, "html.parser")
    _value, errors = json.loads(soup.find(id="body")["data-w-block-arguments-value"])
    return errors


def test_add_form_offers_both_easy_read_blocks(editor_client):
    notice = make_notice_page()
    url = reverse(
        "wagtailadmin_pages:add", args=("notice_blocks_easy_read", "easyreadnoticepage", notice.pk)
    )
    response = editor_client.get(url)
    assert response.status_code == 200
    definition = BeautifulSoup(response.content, "html.parser").find(id="body")[
        "data-w-block-data-value"
    ]
    assert '"section"' in definition and '"word_list"' in definition


def test_publishing_is_refused_with_the_error_on_the_sentence(editor_client, easy_read):
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, with_long_sentence(), "action-publish"))

    assert response.status_code == 200
    errors = json.dumps(block_errors(response))
    assert "has 20 words (limit: 15)" in errors
    easy_read.refresh_from_db()
    assert not easy_read.live
    assert TWENTY_WORDS not in json.dumps(easy_read.latest_revision.content)


def test_a_draft_with_findings_can_be_saved(editor_client, easy_read):
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, with_long_sentence(), "action-draft"))

    assert response.status_code == 302
    easy_read.refresh_from_db()
    assert TWENTY_WORDS in json.dumps(easy_read.latest_revision.content)


def test_without_enforcement_findings_do_not_stop_publishing(editor_client, easy_read, settings):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = False
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, with_long_sentence(), "action-publish"))

    assert response.status_code == 302
    easy_read.refresh_from_db()
    assert easy_read.live


def test_a_clean_easy_read_version_is_published(editor_client, easy_read):
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, EASY_READ_BODY, "action-publish"))

    assert response.status_code == 302
    easy_read.refresh_from_db()
    assert easy_read.live


def test_submitting_to_a_workflow_is_refused_too(editor_client, easy_read):
    assert easy_read.get_workflow() is not None
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, with_long_sentence(), "action-submit"))

    assert response.status_code == 200
    assert "has 20 words (limit: 15)" in json.dumps(block_errors(response))
    easy_read.refresh_from_db()
    assert not easy_read.workflow_in_progress


def test_a_clean_easy_read_version_is_submitted_and_approved(editor_client, easy_read):
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, EASY_READ_BODY, "action-submit"))
    assert response.status_code == 302
    easy_read.refresh_from_db()
    assert easy_read.workflow_in_progress

    response = editor_client.post(url, approve_data(easy_read, with_long_sentence()))
    assert response.status_code == 200
    assert "has 20 words (limit: 15)" in json.dumps(block_errors(response))
    easy_read.refresh_from_db()
    assert not easy_read.live

    response = editor_client.post(url, approve_data(easy_read, EASY_READ_BODY))
    assert response.status_code == 302
    easy_read.refresh_from_db()
    assert easy_read.live


def test_a_missing_topic_is_shown_above_the_form(editor_client, easy_read):
    url = edit_url(easy_read)

    response = editor_client.post(url, edit_data(easy_read, EASY_READ_BODY[1:], "action-publish"))

    assert response.status_code == 200
    assert "Summary" in response.content.decode()
    easy_read.refresh_from_db()
    assert not easy_read.live


def test_a_new_easy_read_version_can_be_previewed_with_its_checks(editor_client):
    notice = make_notice_page()
    args = ("notice_blocks_easy_read", "easyreadnoticepage", notice.pk)
    url = reverse("wagtailadmin_pages:preview_on_add", args=args)
    data = edit_data(
        EasyReadNoticePage(title="Adoption: easy read", slug="easy-read", version_label="V1"),
        with_long_sentence(),
        "action-draft",
    )

    assert editor_client.post(url, data).json()["is_valid"]
    preview = BeautifulSoup(editor_client.get(url).content, "html.parser")

    marks = [point["data-easy-read-issues"] for point in preview.select(".app-easy-read-point")]
    assert "sentence-length" in marks[0].split()


# Two sections added to a new page, as the editor posts them: in the editor, each new section's
# first point came with the id of the section's default value.
SHARED_ID = "6f1d1c1e-5b0a-4c53-9b43-6d0f4d9f2a11"


def two_new_sections(image: Image) -> list[dict]:
    """The first point shows a picture from the image library; the second has none."""

    def section(section_id, topic, heading, point):
        return {
            "type": "section",
            "id": section_id,
            "value": {
                "topic": topic,
                "heading": heading,
                "points": [{"type": "item", "id": SHARED_ID, "value": point}],
            },
        }

    return [
        section(
            "c6a1",
            "summary",
            "About us",
            {
                "picture": "",
                "image": image.pk,
                "alt_text": "A social worker talking to a family at home",
                "text": "We are the council.",
            },
        ),
        section(
            "c6a2",
            "sharing",
            "Who we share with",
            {"picture": "", "image": None, "alt_text": "", "text": "We share it with doctors."},
        ),
    ]


def add_args(notice) -> tuple:
    return ("notice_blocks_easy_read", "easyreadnoticepage", notice.pk)


def new_page_data(body: list, action: str = "action-draft") -> dict:
    return edit_data(
        EasyReadNoticePage(title="Adoption: easy read", slug="easy-read", version_label="V1"),
        body,
        action,
    )


def test_sections_added_together_are_saved_with_points_of_their_own(editor_client):
    notice = make_notice_page()
    image = Image.objects.create(title="Visit", file=get_test_image_file(size=(240, 240)))
    url = reverse("wagtailadmin_pages:add", args=add_args(notice))

    response = editor_client.post(url, new_page_data(two_new_sections(image)))

    assert response.status_code == 302
    revision = EasyReadNoticePage.objects.child_of(notice).get().latest_revision
    saved = json.loads(revision.content["body"])
    point_ids = [point["id"] for section in saved for point in section["value"]["points"]]
    assert point_ids[0] == SHARED_ID
    assert len(set(point_ids)) == 2


def test_a_new_page_s_preview_marks_only_the_point_without_a_picture(editor_client):
    notice = make_notice_page()
    image = Image.objects.create(title="Visit", file=get_test_image_file(size=(240, 240)))
    url = reverse("wagtailadmin_pages:preview_on_add", args=add_args(notice))
    body = [
        *two_new_sections(image),
        {
            "type": "word_list",
            "id": "c6a3",
            "value": {
                "heading": "",
                "words": [
                    {
                        "type": "item",
                        "id": "c6a4",
                        "value": {"word": "Court", "meaning": TWENTY_WORDS},
                    }
                ],
            },
        },
    ]

    assert editor_client.post(url, new_page_data(body)).json()["is_valid"]
    preview = BeautifulSoup(editor_client.get(url).content, "html.parser")

    own_picture = preview.select_one("#section-1-point-1")
    assert "picture" not in own_picture["data-easy-read-issues"].split()
    no_picture = preview.select_one("#section-2-point-1")
    assert no_picture["data-easy-read-issues"] == "picture"
    assert no_picture["data-easy-read-place"] == "Section 2 “Who we share with”, point 1"
    assert json.loads(no_picture["data-easy-read-problems"]) == {
        "picture": ["This point has no picture. Choose one from the library, or add your own."]
    }
    meaning = preview.select_one("#word-list-meaning-1")
    assert meaning.name == "dd"
    assert meaning["data-easy-read-issues"] == "sentence-length"
    assert meaning["data-easy-read-place"] == "Word list, “Court”"
    # The notice as a whole: most topics of the full notice are not covered.
    whole = preview.select_one("#whole-notice")
    assert whole.name == "h1"
    assert whole["data-easy-read-issues"] == "topics"
    assert whole["data-easy-read-place"] == "The whole notice"


def test_publishing_is_refused_with_a_long_meaning_shown_on_the_meaning(editor_client, easy_read):
    *sections, (word_list_type, word_list) = EASY_READ_BODY
    long_meaning = {**word_list, "words": [{"word": "Court", "meaning": TWENTY_WORDS}]}
    body = [*sections, (word_list_type, long_meaning)]

    response = editor_client.post(edit_url(easy_read), edit_data(easy_read, body, "action-publish"))

    assert response.status_code == 200
    errors = block_errors(response)["blockErrors"][str(len(sections))]
    [message] = errors["blockErrors"]["words"]["blockErrors"]["0"]["blockErrors"]["meaning"][
        "messages"
    ]
    assert message.startswith("Word list, “Court”: “We will look carefully")
    assert message.endswith("has 20 words (limit: 15).")
    easy_read.refresh_from_db()
    assert not easy_read.live


def test_the_editor_offers_pictures_as_thumbnails_and_the_checks_panel_script(
    editor_client, easy_read
):
    response = editor_client.get(edit_url(easy_read))
    soup = BeautifulSoup(response.content, "html.parser")

    definition = soup.find(id="body")["data-w-block-data-value"]
    assert '<fieldset class=\\"easy-read-pictures\\"' in definition
    assert "picture-chooser.css" in response.content.decode()
    scripts = [script.get("src", "") for script in soup.find_all("script")]
    assert any(src.endswith("notice_blocks/easy-read/checks-panel.js") for src in scripts)

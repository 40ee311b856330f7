"""Notice files and a notice's versions: the change note that starts a version, read back as
residents see it."""

import io
import re
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup, Tag
from django.core.management import call_command
from freezegun import freeze_time

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import (
    NoticeFileError,
    dump_notice,
    export_notice,
    import_notice,
    read_notice_file,
    sections,
)
from notice_blocks.versions.models import NoticeVersion
from tests.notice_blocks.test_notice_files import database_state, line_of
from tests.utils import make_notice_index

pytestmark = pytest.mark.django_db

OLD_SENTENCE = "We use your information to issue your Blue Badge."
NEW_SENTENCE = (
    "We use your information to issue your Blue Badge and to check that it is used fairly."
)
NOTE = "We now check that Blue Badges are used fairly."


def notice_file(sentence: str = OLD_SENTENCE, **notice: object) -> dict:
    return {
        "format": "privacy-notice",
        "format_version": 2,
        "notice": {
            "title": "Blue Badge parking permits",
            "slug": "blue-badge",
            **notice,
            "body": [{"type": "summary", "id": "summary", "value": {"text": f"<p>{sentence}</p>"}}],
        },
    }


def versions_of(page) -> list[tuple]:
    return list(
        NoticeVersion.objects.filter(page_id=page.pk)
        .order_by("number")
        .values_list("number", "version_label", "change_note")
    )


def version(page, number: int) -> NoticeVersion:
    return NoticeVersion.objects.get(page_id=page.pk, number=number)


def text_of(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def main_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return text_of(BeautifulSoup(response.content, "html.parser").find("main"))


def listed_versions(client, page) -> list[str]:
    """The headings of the versions the notice's list of versions gives, newest first."""
    response = client.get(page.url + "versions/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [text_of(item.find("h2")) for item in soup.select("main .app-document-list__item")]


def problems_of(data: dict, **kwargs) -> list[tuple[str, str]]:
    """The problems an import reports; it writes nothing, versions included."""
    before = database_state(), list(NoticeVersion.objects.order_by("pk").values())
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data, **kwargs)
    assert (database_state(), list(NoticeVersion.objects.order_by("pk").values())) == before
    return [(problem.location, problem.message) for problem in caught.value.problems]


# The change note


def test_a_new_label_a_changed_sentence_and_a_change_note_make_a_second_public_version(client):
    with freeze_time("2025-01-10 09:00:00"):
        notice = import_notice(notice_file(version_label="V1.0")).page
    with freeze_time("2026-03-05 14:30:00"):
        result = import_notice(notice_file(NEW_SENTENCE, version_label="V2.0", change_note=NOTE))
    assert result.changed and result.page.pk == notice.pk

    assert versions_of(notice) == [(1, "V1.0", ""), (2, "V2.0", NOTE)]
    assert listed_versions(client, notice) == ["Version 2 (V2.0)", "Version 1 (V1.0)"]
    assert NOTE in main_text(client, notice.url + "versions/")
    first = main_text(client, notice.url + "versions/1/")
    assert OLD_SENTENCE in first and NEW_SENTENCE not in first
    second = main_text(client, notice.url + "versions/2/")
    assert NEW_SENTENCE in second and OLD_SENTENCE not in second
    on_the_day = main_text(client, notice.url + "versions/on/2026-03-04/")
    assert OLD_SENTENCE in on_the_day and NEW_SENTENCE not in on_the_day
    assert NEW_SENTENCE in main_text(client, notice.url + "versions/on/2026-03-06/")


def test_a_file_without_a_change_note_corrects_the_current_version(client):
    notice = import_notice(notice_file(version_label="V1.0")).page
    first_revision = version(notice, 1).revision_id

    result = import_notice(notice_file(NEW_SENTENCE, version_label="V1.0"))

    assert result.changed
    notice = NoticePage.objects.get(pk=notice.pk)
    assert versions_of(notice) == [(1, "V1.0", "")]
    assert version(notice, 1).revision_id == notice.live_revision_id != first_revision
    assert listed_versions(client, notice) == ["Version 1 (V1.0)"]
    assert NEW_SENTENCE in main_text(client, notice.url + "versions/1/")
    assert NEW_SENTENCE in main_text(client, notice.url)


def test_the_current_version_s_note_again_is_a_correction_and_the_export_round_trips():
    import_notice(notice_file(version_label="V1.0"))
    notice = import_notice(notice_file(NEW_SENTENCE, version_label="V1.0", change_note=NOTE)).page
    import_notice(notice_file("Corrected.", version_label="V1.0", change_note=f"  {NOTE}\n"))
    assert versions_of(notice) == [(1, "V1.0", ""), (2, "V1.0", NOTE)]

    exported = export_notice(NoticePage.objects.get(pk=notice.pk))
    assert exported["notice"]["change_note"] == f"  {NOTE}\n"
    assert list(exported["notice"])[:6] == [
        "title",
        "slug",
        "search_description",
        "version_label",
        "change_note",
        "last_reviewed",
    ]
    assert import_notice(exported).changed is False
    assert len(versions_of(notice)) == 2


def test_an_easy_read_version_s_change_note_starts_its_own_version():
    easy_read = {
        "title": "Blue Badges: easy read",
        "version_label": "V1.0",
        "body": [
            {
                "type": "section",
                "value": {
                    "topic": "summary",
                    "heading": "About this booklet",
                    "points": [{"picture": "council", "text": "We are the council."}],
                },
            }
        ],
    }
    notice = import_notice(notice_file(easy_read=easy_read)).page
    page = EasyReadNoticePage.objects.child_of(notice).get()

    easy_read["body"][0]["value"]["points"][0]["text"] = "We are your council."
    import_notice(notice_file(easy_read={**easy_read, "change_note": "Easier words."}))

    assert versions_of(page) == [(1, "V1.0", ""), (2, "V1.0", "Easier words.")]
    assert versions_of(notice) == [(1, "", "")]
    assert export_notice(notice)["notice"]["easy_read"]["change_note"] == "Easier words."


@pytest.mark.parametrize(
    ("notice", "location", "message"),
    [
        (
            {"change_note": 2.1},
            "notice.change_note",
            "Expected text, found a number. Put it in quotes.",
        ),
        ({"change_note": ["a"]}, "notice.change_note", "Expected text, found a list."),
        (
            {"change_note": "x" * 1001},
            "notice.change_note",
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
        (
            {"easy_read": {"title": "Easy", "change_note": "x" * 1001, "body": []}},
            "notice.easy_read.change_note",
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
    ],
)
def test_a_bad_change_note_is_refused_at_its_place(notice, location, message):
    assert (location, message) in problems_of(notice_file(**notice))


def test_a_format_1_file_is_told_that_the_change_note_is_new_in_format_2():
    data = notice_file(change_note=NOTE)
    data["format_version"] = 1
    assert problems_of(data) == [
        (
            "notice.change_note",
            "“change_note” is new in format version 2: write “format_version: 2” at the top of "
            "the file to use it.",
        )
    ]

"""Notice files and a notice's versions: the change note that starts a version, and the history
that moves with a notice from one site to another, read back as residents see it."""

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
from notice_blocks.pdf.building import build_revision_pdfs
from notice_blocks.pdf.variants import STANDARD
from notice_blocks.versions.models import NoticeVersion
from tests.notice_blocks.pdf.test_languages import pdftotext
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


def version_entry(number: int, label: str, when: str, note: str = "") -> dict:
    return {"number": number, "version_label": label, "in_force_from": when, "change_note": note}


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


def pdf_text(client, url: str, path) -> str:
    """The text of the PDF served at ``url``, as pdftotext reads it."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    path.write_bytes(b"".join(response.streaming_content))
    return re.sub(r"\s+", " ", pdftotext(path))


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


def test_a_new_label_a_changed_sentence_and_a_change_note_make_a_second_public_version(
    client, tmp_path
):
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
    for number in (1, 2):
        build_revision_pdfs(version(notice, number).revision_id, [STANDARD.value])
    first_pdf = pdf_text(client, notice.url + "versions/1/pdf/", tmp_path / "1.pdf")
    assert OLD_SENTENCE in first_pdf and NEW_SENTENCE not in first_pdf
    second_pdf = pdf_text(client, notice.url + "versions/2/pdf/", tmp_path / "2.pdf")
    assert NEW_SENTENCE in second_pdf and OLD_SENTENCE not in second_pdf


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


# Exporting the history


def test_the_export_lists_the_versions_oldest_first_in_the_site_s_time():
    with freeze_time("2025-01-10 09:00:00"):
        notice = import_notice(notice_file(version_label="V1.0")).page
    with freeze_time("2025-07-01 08:15:30.250000"):
        import_notice(notice_file(NEW_SENTENCE, version_label="V2.0", change_note=NOTE))

    assert export_notice(NoticePage.objects.get(pk=notice.pk))["notice"]["history"] == [
        version_entry(1, "V1.0", "2025-01-10T09:00:00+00:00"),
        version_entry(2, "V2.0", "2025-07-01T09:15:30+01:00", NOTE),
    ]


def test_a_notice_never_published_has_no_history():
    notice = import_notice(notice_file(), publish=False).page
    assert "history" not in export_notice(notice)["notice"]


# Moving a notice to another site


@pytest.fixture
def moved(tmp_path):
    """A notice's file from a first site with three versions, imported into a second site."""
    first_site = make_notice_index(slug="first-site")
    with freeze_time("2023-04-03 08:00:00"):
        import_notice(notice_file(version_label="V1.0"), parent=first_site)
    with freeze_time("2024-05-01 08:00:00"):
        import_notice(
            notice_file("An older text.", version_label="V2.0", change_note="Older."),
            parent=first_site,
        )
    with freeze_time("2025-06-02 11:00:00"):
        original = import_notice(
            notice_file(NEW_SENTENCE, version_label="V3.0", change_note=NOTE), parent=first_site
        ).page
    path = tmp_path / "blue-badge.yaml"
    path.write_text(dump_notice(export_notice(original)))
    second_site = make_notice_index(slug="second-site")
    with freeze_time("2026-01-05 10:00:00"):
        result = import_notice(read_notice_file(path), parent=second_site)
    return original, result, path


def test_a_moved_notice_keeps_its_versions_and_the_current_one_has_its_text(client, moved):
    original, result, path = moved
    notice = result.page
    assert result.created
    assert result.parts["history"].summary == "History: 3 versions added"

    assert versions_of(notice) == versions_of(original)
    assert [version(notice, n).in_force_from for n in (1, 2, 3)] == [
        datetime(2023, 4, 3, 8, tzinfo=UTC),
        datetime(2024, 5, 1, 8, tzinfo=UTC),
        datetime(2025, 6, 2, 11, tzinfo=UTC),
    ]
    assert version(notice, 1).revision_id is None and version(notice, 2).revision_id is None
    assert version(notice, 3).revision_id == notice.live_revision_id

    assert listed_versions(client, notice) == [
        "Version 3 (V3.0)",
        "Version 2 (V2.0)",
        "Version 1 (V1.0)",
    ]
    assert NEW_SENTENCE in main_text(client, notice.url + "versions/3/")
    older = main_text(client, notice.url + "versions/1/")
    assert "The text of this version is not held on this site." in older
    assert OLD_SENTENCE not in older
    # The version in force on a day before the move is the one the file says.
    assert "not held" in main_text(client, notice.url + "versions/on/2024-06-01/")
    assert client.get(notice.url + "versions/1/pdf/").status_code == 404
    assert NEW_SENTENCE in main_text(client, notice.url + "versions/on/2025-12-01/")

    # Exported from the second site, the history is the first site's.
    assert (
        export_notice(notice)["notice"]["history"] == export_notice(original)["notice"]["history"]
    )
    assert import_notice(read_notice_file(path), parent=notice.get_parent()).changed is False


def test_a_notice_with_versions_gains_those_the_file_has_after_them(client, tmp_path):
    """The second site imported the notice at version 1; the first site's version 3 brings 2."""
    with freeze_time("2024-01-02 09:00:00"):
        here = import_notice(notice_file(version_label="V1.0")).page
    kept_revision = version(here, 1).revision_id
    file = notice_file(NEW_SENTENCE, version_label="V3.0", change_note=NOTE)
    file["notice"]["history"] = [
        version_entry(1, "V1.0", "2024-01-02T09:00:00+00:00"),
        version_entry(2, "V2.0", "2024-08-01T09:00:00+01:00", "Older."),
        version_entry(3, "V3.0", "2025-02-03T10:00:00+00:00", NOTE),
    ]

    with freeze_time("2026-01-05 10:00:00"):
        result = import_notice(file)

    notice = result.page
    assert versions_of(notice) == [(1, "V1.0", ""), (2, "V2.0", "Older."), (3, "V3.0", NOTE)]
    assert version(notice, 1).revision_id == kept_revision
    assert version(notice, 2).revision_id is None
    assert version(notice, 3).revision_id == notice.live_revision_id
    assert version(notice, 3).in_force_from == datetime(2025, 2, 3, 10, tzinfo=UTC)
    assert OLD_SENTENCE in main_text(client, notice.url + "versions/1/")
    assert NEW_SENTENCE in main_text(client, notice.url + "versions/3/")


def test_a_notice_the_file_gives_as_a_new_version_comes_after_its_history():
    with freeze_time("2024-01-02 09:00:00"):
        here = import_notice(notice_file(version_label="V1.0")).page
    file = notice_file(NEW_SENTENCE, version_label="V3.0", change_note=NOTE)
    file["notice"]["history"] = [
        version_entry(1, "V1.0", "2024-01-02T09:00:00+00:00"),
        version_entry(2, "V2.0", "2024-08-01T09:00:00+01:00", "Older."),
    ]

    with freeze_time("2026-01-05 10:00:00"):
        result = import_notice(file)

    assert result.parts["history"].summary == "History: 1 version added"
    assert versions_of(here) == [(1, "V1.0", ""), (2, "V2.0", "Older."), (3, "V3.0", NOTE)]
    assert version(here, 2).revision_id is None
    third = version(here, 3)
    assert third.revision_id == NoticePage.objects.get(pk=here.pk).live_revision_id
    assert third.in_force_from == datetime(2026, 1, 5, 10, tzinfo=UTC)


def test_a_shorter_or_the_same_history_adds_nothing_and_the_publication_is_recorded():
    notice = import_notice(notice_file(version_label="V1.0")).page
    history = export_notice(notice)["notice"]["history"]
    import_notice(notice_file(NEW_SENTENCE, version_label="V2.0", change_note=NOTE))

    again = import_notice(
        notice_file(NEW_SENTENCE, version_label="V2.0", change_note=NOTE, history=history)
    )
    assert again.changed is False
    assert again.parts["history"].summary == "History unchanged"
    third = import_notice(notice_file("A third text.", version_label="V3.0", history=history))
    assert third.changed
    assert versions_of(notice) == [(1, "V1.0", ""), (2, "V2.0", NOTE), (3, "V3.0", "")]


def test_a_new_notice_imported_as_a_draft_has_its_versions_once_published(client):
    file = notice_file(version_label="V2.0", change_note=NOTE)
    file["notice"]["history"] = [
        version_entry(1, "V1.0", "2024-01-02"),
        version_entry(2, "V2.0", "2025-07-01", NOTE),
    ]
    notice = import_notice(file, publish=False).page

    assert [version(notice, n).revision_id for n in (1, 2)] == [None, None]
    assert client.get(notice.url + "versions/").status_code == 404
    # A date alone is the start of that day in the site's time zone (summer time in July).
    assert version(notice, 2).in_force_from == datetime(2025, 6, 30, 23, tzinfo=UTC)

    notice.get_latest_revision().publish()
    notice = NoticePage.objects.get(pk=notice.pk)
    assert versions_of(notice) == [(1, "V1.0", ""), (2, "V2.0", NOTE)]
    assert version(notice, 2).revision_id == notice.live_revision_id
    assert OLD_SENTENCE in main_text(client, notice.url + "versions/2/")


def test_a_draft_cannot_add_versions_to_a_live_notice():
    with freeze_time("2024-01-02 09:00:00"):
        import_notice(notice_file(version_label="V1.0"))
    history = export_notice(NoticePage.objects.get())["notice"]["history"]
    file = notice_file(NEW_SENTENCE, version_label="V3.0", change_note=NOTE)
    file["notice"]["history"] = [*history, version_entry(2, "V2.0", "2025-01-01T00:00:00Z", "x")]

    [(location, message)] = problems_of(file, publish=False)
    assert location == "notice.history"
    assert message.startswith("The versions this history adds come after the notice's current")


def test_the_command_says_what_the_history_added(tmp_path):
    file = notice_file(version_label="V1.0")
    file["notice"]["history"] = [version_entry(1, "V1.0", "2024-01-02T09:00:00+00:00")]
    path = tmp_path / "blue-badge.yaml"
    path.write_text(dump_notice(file))

    out = io.StringIO()
    call_command("import_notice", str(path), stdout=out)
    call_command("import_notice", str(path), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Created: “Blue Badge parking permits”")
    assert lines[1:] == [
        "  History: 1 version added",
        lines[2],
        "  History unchanged",
    ]
    assert lines[2].startswith("Unchanged: “Blue Badge parking permits”")


# Problems in a history: each at its place, nothing written


def with_history(*entries: object, **notice: object) -> dict:
    file = notice_file(version_label="V2.0", **notice)
    file["notice"]["history"] = list(entries)
    return file


V1 = version_entry(1, "V1.0", "2024-01-02T09:00:00+00:00")


@pytest.mark.parametrize(
    ("history", "location", "message"),
    [
        (
            None,
            "notice.history",
            "Expected the notice's versions: a list of mappings with the keys number, "
            "version_label, in_force_from, change_note; found nothing. Leave the key out to "
            "keep the notice's versions as they are.",
        ),
        (
            ["V1.0"],
            "notice.history[0]",
            "Expected a version: a mapping with the keys number, version_label, in_force_from, "
            "change_note; found text.",
        ),
        (
            [{**V1, "in_force_since": "2024-01-01"}],
            "notice.history[0].in_force_since",
            "Unknown key “in_force_since”. Allowed keys: number, version_label, in_force_from, "
            "change_note. Did you mean “in_force_from”?",
        ),
        (
            [{"in_force_from": "2024-01-02"}],
            "notice.history[0].number",
            "Missing: every version has its number.",
        ),
        (
            [{**V1, "number": True}],
            "notice.history[0].number",
            "Expected the version's number, 1; found true or false.",
        ),
        (
            [{**V1, "number": "1"}],
            "notice.history[0].number",
            "Expected the version's number, 1; found text.",
        ),
        (
            [V1, {**V1, "version_label": "V2.0"}],
            "notice.history[1].number",
            "Expected version 2 here, not 1: a history lists a notice's versions oldest first, "
            "numbered 1, 2, 3 and on, each once.",
        ),
        (
            [{**V1, "number": 2}],
            "notice.history[0].number",
            "Expected version 1 here, not 2: a history lists a notice's versions oldest first, "
            "numbered 1, 2, 3 and on, each once.",
        ),
        (
            [{"number": 1}],
            "notice.history[0].in_force_from",
            "Missing: every version says when it came into force.",
        ),
        (
            [{**V1, "in_force_from": "last spring"}],
            "notice.history[0].in_force_from",
            "Expected a date and time (YYYY-MM-DDTHH:MM:SS+HH:MM, or a date, YYYY-MM-DD), "
            "found “last spring”.",
        ),
        (
            [{**V1, "in_force_from": 20240102}],
            "notice.history[0].in_force_from",
            "Expected a date and time (YYYY-MM-DDTHH:MM:SS+HH:MM, or a date, YYYY-MM-DD), "
            "found a number.",
        ),
        (
            [{**V1, "in_force_from": "2025-02-30T10:00:00+00:00"}],
            "notice.history[0].in_force_from",
            "“2025-02-30T10:00:00+00:00” is not a date.",
        ),
        (
            [{**V1, "in_force_from": "0001-01-01T00:00:00+01:00"}],
            "notice.history[0].in_force_from",
            "“0001-01-01T00:00:00+01:00” is too far in the past or the future to be stored.",
        ),
        (
            [{**V1, "in_force_from": "0001-01-01T00:00:00Z"}],
            "notice.history[0].in_force_from",
            "“0001-01-01T00:00:00Z” is too far in the past or the future to be stored.",
        ),
        (
            [V1, version_entry(2, "V2.0", "0001-01-01T00:00:00Z")],
            "notice.history[1].in_force_from",
            "“0001-01-01T00:00:00Z” is too far in the past or the future to be stored.",
        ),
        (
            [{**V1, "in_force_from": "1899-12-31T23:59:59Z"}],
            "notice.history[0].in_force_from",
            "“1899-12-31T23:59:59Z” is too long ago: a notice file's dates are from 1900 onwards.",
        ),
        (
            [{**V1, "in_force_from": "2031-01-01T00:00:00+00:00"}],
            "notice.history[0].in_force_from",
            "Version 1 comes into force on 2031-01-01T00:00:00+00:00, which is still to come: a "
            "history lists versions that have been in force.",
        ),
        (
            [V1, version_entry(2, "V2.0", "2024-01-02T08:00:00+00:00")],
            "notice.history[1].in_force_from",
            "Version 2 came into force on 2024-01-02T08:00:00+00:00, before version 1 "
            "(2024-01-02T09:00:00+00:00): a version is in force from its date until the next "
            "version's, so each comes into force after the one before.",
        ),
        (
            [V1, version_entry(2, "V1.0", "2024-03-01T09:00:00+00:00")],
            "notice.history[1]",
            "Version 2 has the version label and change note of version 1: a new version has a "
            "label or a change note of its own.",
        ),
        (
            [{**V1, "change_note": "x" * 1001}],
            "notice.history[0].change_note",
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
        (
            [{**V1, "version_label": "V" * 51}],
            "notice.history[0].version_label",
            "Ensure this value has at most 50 characters (it has 51).",
        ),
        (
            [{**V1, "version_label": 1.0}],
            "notice.history[0].version_label",
            "Expected text, found a number. Put it in quotes.",
        ),
        (
            [{**V1, "change_note": {"en": "x"}}],
            "notice.history[0].change_note",
            "Expected text, found a mapping.",
        ),
        (
            [
                version_entry(number, f"V{number}", f"{1500 + number}-01-01T00:00:00+00:00")
                for number in range(1, 502)
            ],
            "notice.history",
            "Too many versions: a history holds at most 500.",
        ),
    ],
)
@freeze_time("2026-01-05 10:00:00")
def test_a_bad_history_is_refused_at_its_place(history, location, message):
    file = notice_file(version_label="V2.0")
    file["notice"]["history"] = history
    assert (location, message) in problems_of(file)


def test_a_moment_the_site_s_time_zone_cannot_give_is_refused(settings):
    """Karachi is ahead of UTC: the last hour of the calendar there would be year 10000."""
    settings.TIME_ZONE = "Asia/Karachi"
    file = notice_file(version_label="V2.0")
    file["notice"]["history"] = [{**V1, "in_force_from": "9999-12-31T23:00:00Z"}]

    assert problems_of(file) == [
        (
            "notice.history[0].in_force_from",
            "“9999-12-31T23:00:00Z” is too far in the past or the future to be stored.",
        )
    ]


def test_a_version_already_dated_in_year_1_still_exports():
    """A version given such a date before files were checked for it exports as it is, in UTC."""
    notice = import_notice(notice_file(version_label="V1.0")).page
    NoticeVersion.objects.filter(page_id=notice.pk).update(
        in_force_from=datetime(1, 1, 1, tzinfo=UTC)
    )

    history = export_notice(NoticePage.objects.get(pk=notice.pk))["notice"]["history"]

    assert history == [version_entry(1, "V1.0", "0001-01-01T00:00:00+00:00")]


def test_a_history_cannot_change_the_versions_a_notice_has():
    with freeze_time("2024-01-02 09:00:00"):
        import_notice(notice_file(version_label="V1.0", change_note="First."))
    changed = version_entry(1, "V1.1", "2024-01-02T09:00:00.900+00:00", "The first.")

    assert problems_of(with_history(changed)) == [
        (
            "notice.history[0].version_label",
            "Version 1 of this notice on this site has version_label “V1.0”, not “V1.1”: a "
            "history adds to the versions a notice has, and cannot change them.",
        ),
        (
            "notice.history[0].change_note",
            "Version 1 of this notice on this site has change_note “First.”, not “The first.”: "
            "a history adds to the versions a notice has, and cannot change them.",
        ),
    ]
    later = version_entry(1, "V1.0", "2024-01-03T09:00:00+00:00", "First.")
    assert problems_of(with_history(later)) == [
        (
            "notice.history[0].in_force_from",
            "Version 1 of this notice on this site has in_force_from “2024-01-02T09:00:00+00:00”, "
            "not “2024-01-03T09:00:00+00:00”: a history adds to the versions a notice has, and "
            "cannot change them.",
        )
    ]


def test_problems_in_a_history_file_give_their_lines(tmp_path):
    path = tmp_path / "blue-badge.yaml"
    path.write_text(
        dump_notice(
            with_history(
                V1,
                version_entry(2, "V2.0", "2023-01-01T00:00:00+00:00"),
                {**version_entry(3, "V3.0", "2025-01-01T00:00:00+00:00"), "note": "x"},
            )
        )
    )
    before = database_state()
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    assert database_state() == before
    assert [(problem.location, problem.line) for problem in caught.value.problems] == [
        ("notice.history[1].in_force_from", line_of(path, "2023-01-01")),
        ("notice.history[2].note", line_of(path, "note: x")),
    ]
    assert str(caught.value).startswith(f"{path}:{line_of(path, '2023-01-01')}: ")


def test_a_history_in_unquoted_yaml_dates_imports(tmp_path):
    path = tmp_path / "blue-badge.yaml"
    path.write_text(
        "format: privacy-notice\n"
        "format_version: 2\n"
        "notice:\n"
        "  title: Blue Badge parking permits\n"
        "  version_label: V2.0\n"
        "  body:\n"
        "    - type: summary\n"
        "      value:\n"
        f"        text: <p>{OLD_SENTENCE}</p>\n"
        "  history:\n"
        "    - number: 1\n"
        "      version_label: V1.0\n"
        "      in_force_from: 2024-01-02 09:30:00+01:00\n"
        "    - number: 2\n"
        "      version_label: V2.0\n"
        "      in_force_from: 2025-03-01\n"
        "    - {number: 3, version_label: V2.0, change_note: Bad date, in_force_from: 2025-02-30}\n"
    )
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    assert [(problem.location, problem.message) for problem in caught.value.problems] == [
        ("notice.history[2].in_force_from", "“2025-02-30” is not a date.")
    ]

    path.write_text(path.read_text().rsplit("    - {number: 3", 1)[0])
    notice = import_notice(read_notice_file(path)).page
    assert version(notice, 1).in_force_from == datetime(2024, 1, 2, 8, 30, tzinfo=UTC)
    assert version(notice, 2).in_force_from == datetime(2025, 3, 1, tzinfo=UTC)
    assert version(notice, 2).revision_id == notice.live_revision_id


def test_a_site_without_the_versions_app_refuses_a_history_by_name(monkeypatch):
    monkeypatch.delitem(sections._SECTIONS, "history")
    file = with_history(V1)

    assert problems_of(file) == [
        (
            "notice.history",
            "This site cannot import “history”: its app, notice_blocks.versions, is not "
            "installed. Leave the key out, or add the app to INSTALLED_APPS.",
        )
    ]


@pytest.fixture
def unrecorded():
    """A notice published (as V3.0) on 1 February 2025, before the site recorded versions."""
    with freeze_time("2025-02-01 09:00:00"):
        notice = import_notice(notice_file(version_label="V3.0", change_note=NOTE)).page
    NoticeVersion.objects.filter(page_id=notice.pk).delete()
    return notice


def test_a_notice_published_before_versions_were_recorded_is_given_its_history(client, unrecorded):
    file = notice_file(version_label="V3.0", change_note=NOTE)
    file["notice"]["history"] = [
        version_entry(1, "V1.0", "2023-01-02T09:00:00+00:00"),
        version_entry(2, "V2.0", "2024-01-02T09:00:00+00:00", "Older."),
    ]

    with freeze_time("2026-01-05 10:00:00"):
        result = import_notice(file)

    assert result.changed and result.parts["history"].summary == "History: 2 versions added"
    assert versions_of(unrecorded) == [(1, "V1.0", ""), (2, "V2.0", "Older."), (3, "V3.0", NOTE)]
    third = version(unrecorded, 3)
    assert third.revision_id == unrecorded.live_revision_id
    assert third.in_force_from == datetime(2025, 2, 1, 9, tzinfo=UTC)
    assert listed_versions(client, unrecorded)[0] == "Version 3 (V3.0)"
    assert OLD_SENTENCE in main_text(client, unrecorded.url + "versions/3/")


def test_a_history_that_ends_after_the_notice_was_published_is_refused(unrecorded):
    file = notice_file(version_label="V3.0", change_note=NOTE)
    file["notice"]["history"] = [version_entry(1, "V2.0", "2025-06-01T09:00:00+01:00", "Older.")]

    with freeze_time("2026-01-05 10:00:00"):
        assert problems_of(file) == [
            (
                "notice.history",
                "The notice as the file gives it is a version after version 1 (its version "
                "label or change note differs), but it was published on "
                "2025-02-01T09:00:00+00:00, before version 1 came into force "
                "(2025-06-01T09:00:00+01:00).",
            )
        ]

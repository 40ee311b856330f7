import copy
import io
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from notice_blocks.easy_read.blocks import EasyReadBodyBlock, topic_choices
from notice_blocks.easy_read.models import EasyReadNoticePage, easy_read_version
from notice_blocks.easy_read.notice_files import KEYS as EASY_READ_KEYS
from notice_blocks.easy_read.pictures import PICTURES
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import (
    NoticeFileError,
    dump_notice,
    export_notice,
    import_notice,
    read_notice_file,
)
from notice_blocks.notice_files.schema import NOTICE_KEYS
from tests.notice_blocks.test_notice_files import DOCS, database_state, line_of, write
from tests.utils import make_easy_read_page, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db

#: A notice file with an easy read version, written as an editor would: no ids, points
#: with only their picture and text.
NOTICE_FILE = """\
format: privacy-notice
format_version: 1
notice:
  title: Blue Badge parking permits
  body:
    - type: summary
      value:
        text: <p>How we use your information when you apply for a Blue Badge.</p>
    - type: purposes
      value:
        purposes:
          - assess your application
  easy_read:
    title: "Blue Badges: easy read"
    version_label: V1.0
    last_reviewed: 2025-01-31
    body:
      - type: section
        value:
          topic: summary
          heading: About this booklet
          points:
            - picture: council
              text: |-
                We are the council.
                We give out Blue Badges.
            - picture: keeping-safe
              text: We keep your information safe.
      - type: section
        value:
          topic: purposes
          heading: Why we use your information
          points:
            - picture: letter
              text: We use it to send you your badge.
      - type: word_list
        value:
          words:
            - word: Blue Badge
              meaning: A card that lets you park near the places you go.
"""


def notice_file(tmp_path: Path, text: str = NOTICE_FILE, name: str = "notice.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def easy_read_of(notice: NoticePage) -> EasyReadNoticePage:
    return EasyReadNoticePage.objects.child_of(notice).get()


def anchors(page) -> list[str]:
    return [section.anchor for section in page.sections]


def point_ids(page: EasyReadNoticePage) -> list[str]:
    return [
        point.id
        for child in page.body
        if child.block_type == "section"
        for point in child.value["points"].bound_blocks
    ]


def revisions_of(page) -> int:
    return Revision.objects.filter(
        content_type__model=page._meta.model_name, object_id=str(page.pk)
    ).count()


def with_image_point(page: EasyReadNoticePage) -> EasyReadNoticePage:
    """``page`` with an editor's own picture in its first point, published."""
    image = Image.objects.create(title="Our office", file=get_test_image_file())
    body = page.body.get_prep_value()
    point = body[0]["value"]["points"][0]["value"]
    point.update(picture="", image=image.pk, alt_text="The front door of our office")
    page.body = body
    page.save_revision().publish()
    return EasyReadNoticePage.objects.get(pk=page.pk)


# Creating


def test_a_notice_and_its_easy_read_version_are_created_together(tmp_path):
    result = import_notice(read_notice_file(notice_file(tmp_path)))

    assert (result.created, result.changed) == (True, True)
    easy_read = result.parts["easy_read"]
    assert (easy_read.created, easy_read.changed) == (True, True)
    page = easy_read.page
    assert isinstance(page, EasyReadNoticePage)
    assert page.get_parent().pk == result.page.pk
    assert page.full_notice.pk == result.page.pk
    assert page.live and not page.has_unpublished_changes
    assert easy_read_version(result.page) == page
    assert (page.title, page.slug, page.version_label) == (
        "Blue Badges: easy read",
        "easy-read",
        "V1.0",
    )
    assert page.last_reviewed.isoformat() == "2025-01-31"
    assert [child.block_type for child in page.body] == ["section", "section", "word_list"]
    assert [section.heading for section in page.sections] == [
        "About this booklet",
        "Why we use your information",
        "Hard words",
    ]


def test_omitted_point_fields_take_their_empty_values(tmp_path):
    page = import_notice(read_notice_file(notice_file(tmp_path))).parts["easy_read"].page
    first = page.body[0].value["points"][0]
    assert first["picture"] == "council"
    assert first["text"] == "We are the council.\nWe give out Blue Badges."
    assert (first["image"], first["alt_text"]) == (None, "")
    assert page.body[2].value["heading"] == ""
    point = export_notice(page)["notice"]["easy_read"]["body"][0]["value"]["points"][0]
    assert list(point["value"]) == ["picture", "image", "alt_text", "text"]


def test_a_draft_import_creates_an_easy_read_version_that_is_not_live(tmp_path):
    result = import_notice(read_notice_file(notice_file(tmp_path)), publish=False)
    assert not result.page.live
    page = result.parts["easy_read"].page
    assert not page.live and page.has_unpublished_changes
    assert revisions_of(page) == 1


def test_an_easy_read_version_is_added_to_an_existing_notice():
    notice = make_notice_page()
    data = export_notice(notice)
    easy_read = export_notice(make_easy_read_page(make_notice_page(slug="other")))
    data["notice"]["easy_read"] = easy_read["notice"]["easy_read"]
    notice_revisions = revisions_of(notice)

    result = import_notice(data)

    assert (result.page.pk, result.created, result.changed) == (notice.pk, False, True)
    assert result.parts["easy_read"].created
    assert revisions_of(notice) == notice_revisions
    assert export_notice(notice)["notice"]["easy_read"] == data["notice"]["easy_read"]


# Updating


def test_updating_only_the_easy_read_part_leaves_the_notice_alone():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    data = export_notice(notice)
    point = data["notice"]["easy_read"]["body"][1]["value"]["points"][0]["value"]
    point["text"] = "We keep your name.\nWe keep your address."
    data["notice"]["easy_read"]["version_label"] = "V1.1"
    notice_revisions, easy_read_revisions = revisions_of(notice), revisions_of(easy_read)

    result = import_notice(data)

    assert (result.page.pk, result.created, result.changed) == (notice.pk, False, True)
    assert (result.parts["easy_read"].page.pk, result.parts["easy_read"].created) == (
        easy_read.pk,
        False,
    )
    assert result.parts["easy_read"].changed
    assert revisions_of(notice) == notice_revisions
    assert revisions_of(easy_read) == easy_read_revisions + 1
    page = EasyReadNoticePage.objects.get(pk=easy_read.pk)
    assert page.live and not page.has_unpublished_changes
    assert page.version_label == "V1.1"
    assert page.body[1].value["points"][0]["text"] == "We keep your name.\nWe keep your address."
    assert anchors(page) == anchors(easy_read)
    assert export_notice(notice) == data


def test_the_same_file_again_changes_nothing(tmp_path):
    path = notice_file(tmp_path)
    first = import_notice(read_notice_file(path))
    before = database_state()

    again = import_notice(read_notice_file(path))

    assert (again.created, again.changed) == (False, False)
    assert (again.parts["easy_read"].created, again.parts["easy_read"].changed) == (False, False)
    assert again.parts["easy_read"].page.pk == first.parts["easy_read"].page.pk
    assert database_state() == before


def test_a_file_without_ids_keeps_its_easy_read_ids_across_imports(tmp_path):
    first = import_notice(read_notice_file(notice_file(tmp_path))).parts["easy_read"].page
    sections, points = anchors(first), point_ids(first)

    edited = NOTICE_FILE.replace("We keep your information safe.", "We keep it safe.")
    updated = import_notice(read_notice_file(notice_file(tmp_path, edited))).parts["easy_read"]

    assert (updated.created, updated.changed) == (False, True)
    assert anchors(updated.page) == sections
    assert point_ids(updated.page) == points
    assert updated.page.body[0].value["points"][1]["text"] == "We keep it safe."


def test_a_file_without_ids_gives_the_same_easy_read_ids_in_every_database(tmp_path):
    data = read_notice_file(notice_file(tmp_path))
    first = import_notice(data, parent=make_notice_index(slug="first")).parts["easy_read"].page
    second = import_notice(data, parent=make_notice_index(slug="second")).parts["easy_read"].page
    assert anchors(first) == anchors(second)
    assert point_ids(first) == point_ids(second)


def test_a_draft_update_leaves_the_live_easy_read_version_alone():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    live = export_notice(notice)
    data = copy.deepcopy(live)
    data["notice"]["easy_read"]["title"] = "Adoption in easy words"

    result = import_notice(data, publish=False)

    assert result.parts["easy_read"].changed and not result.parts["easy_read"].created
    assert export_notice(notice) == live
    easy_read.refresh_from_db()
    assert easy_read.has_unpublished_changes
    assert easy_read.get_latest_revision_as_object().title == "Adoption in easy words"

    revisions = revisions_of(easy_read)
    published = import_notice(data)
    assert published.parts["easy_read"].changed
    assert revisions_of(easy_read) == revisions  # the draft itself is published
    assert EasyReadNoticePage.objects.get(pk=easy_read.pk).title == "Adoption in easy words"


def test_a_file_without_easy_read_keeps_the_existing_easy_read_version():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    data = export_notice(notice)
    kept = data["notice"].pop("easy_read")
    data["notice"]["version_label"] = "V1.1"
    easy_read_revisions = revisions_of(easy_read)

    result = import_notice(data)

    assert result.changed and "easy_read" not in result.parts
    assert NoticePage.objects.get(pk=notice.pk).version_label == "V1.1"
    assert easy_read_of(notice).pk == easy_read.pk
    assert revisions_of(easy_read) == easy_read_revisions
    assert export_notice(notice)["notice"]["easy_read"] == kept


# Exporting


def test_export_holds_the_easy_read_version_after_the_notice():
    notice = make_notice_page()
    assert "easy_read" not in export_notice(notice)["notice"]
    easy_read = make_easy_read_page(notice)

    data = export_notice(notice)

    assert tuple(data["notice"]) == (*NOTICE_KEYS, "easy_read", "history")
    exported = data["notice"]["easy_read"]
    assert tuple(exported) == EASY_READ_KEYS
    assert exported["slug"] == "easy-read"
    assert exported["last_reviewed"] == "2025-03-01"
    blocks = EasyReadBodyBlock().child_blocks
    assert {block["type"] for block in exported["body"]} == set(blocks)
    for block in exported["body"]:
        assert list(block) == ["type", "id", "value"] and block["id"]
        assert list(block["value"]) == list(blocks[block["type"]].child_blocks)
    assert [block["id"] for block in exported["body"]] == anchors(easy_read)
    assert export_notice(easy_read) == data


def test_export_gives_the_live_easy_read_version_not_its_draft():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    live = export_notice(notice)
    draft = easy_read.get_latest_revision_as_object()
    draft.title = "A draft title"
    draft.save_revision()
    assert export_notice(notice) == live


@pytest.mark.parametrize("name", ["notice.yaml", "notice.json"])
def test_export_import_export_with_every_easy_read_block_is_lossless(tmp_path, name):
    notice = make_notice_page()
    easy_read = with_image_point(make_easy_read_page(notice))
    exported = export_notice(notice)
    point = exported["notice"]["easy_read"]["body"][0]["value"]["points"][0]["value"]
    assert point["image"] == easy_read.body[0].value["points"][0]["image"].pk
    assert point["alt_text"] == "The front door of our office"

    result = import_notice(
        read_notice_file(write(tmp_path, name, exported)), parent=make_notice_index()
    )

    assert result.created and result.parts["easy_read"].created
    assert result.parts["easy_read"].page.pk != easy_read.pk
    assert export_notice(result.page) == exported
    assert anchors(result.parts["easy_read"].page) == anchors(easy_read)
    assert point_ids(result.parts["easy_read"].page) == point_ids(easy_read)
    # Into the same notice: nothing to do.
    before = database_state()
    again = import_notice(read_notice_file(write(tmp_path, name, exported)))
    assert (again.changed, again.parts["easy_read"].changed) == (False, False)
    assert database_state() == before


# Problems


BAD_EASY_READ = """\
format: privacy-notice
format_version: 1
notice:
  title: Adoption
  slug: adoption
  version_label: V9.9
  body:
    - type: summary
      value:
        text: <p>A changed summary.</p>
  easy_read:
    title: Adoption in easy words
    reviewed: 2025-01-01
    body:
      - type: section
        value:
          topic: summry
          heading: About this booklet
          points:
            - picture: council
              text: We are the council.
      - type: section
        value:
          topic: sharing
          heading: Sharing
          points:
            - picture: sharing
              text: We share your information.
      - type: section
        value:
          topic: contacts
          heading: Contact us
          points:
            - picture: lettr
              text: You can write to us.
            - picture: xyz
              text: You can phone us.
            - image: 99999
              text: You can visit us.
            - type: item
              value:
                picture: email
                text: You can email us.
                colour: blue
"""


def test_a_bad_easy_read_version_is_reported_where_it_is_wrong_and_writes_nothing(tmp_path):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    path = notice_file(tmp_path, BAD_EASY_READ, "adoption.yaml")
    before = database_state()
    revisions = (revisions_of(notice), revisions_of(easy_read))

    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))

    problems = [
        (problem.location, problem.message, problem.line) for problem in caught.value.problems
    ]
    assert problems == [
        (
            "notice.easy_read.reviewed",
            "Unknown key “reviewed”. Allowed keys: title, slug, search_description, "
            "version_label, change_note, last_reviewed, body.",
            line_of(path, "reviewed:"),
        ),
        (
            "notice.easy_read.body[0].value.topic",
            "“summry” is not a topic of a notice. Did you mean “summary”? Topics: "
            + ", ".join(code for code, _label in topic_choices())
            + ".",
            line_of(path, "topic: summry"),
        ),
        (
            "notice.easy_read.body[2].value.points[0].picture",
            "“lettr” is not a picture in the library. Did you mean “letter”?",
            line_of(path, "picture: lettr"),
        ),
        (
            "notice.easy_read.body[2].value.points[1].picture",
            f"“xyz” is not a picture in the library. Pictures: {', '.join(PICTURES)}.",
            line_of(path, "picture: xyz"),
        ),
        (
            "notice.easy_read.body[2].value.points[2].image",
            "There is no image with id 99999.",
            line_of(path, "image: 99999"),
        ),
        (
            "notice.easy_read.body[2].value.points[3].value.colour",
            "Unknown field “colour”. Allowed fields: picture, image, alt_text, text.",
            line_of(path, "colour: blue"),
        ),
    ]
    message = str(caught.value)
    assert (
        f"{path}:{line_of(path, 'picture: lettr')}: "
        "notice.easy_read.body[2].value.points[0].picture: “lettr” is not a picture"
    ) in message
    # Neither the notice (whose part of the file is good) nor its easy read version changed.
    assert database_state() == before
    assert (revisions_of(notice), revisions_of(easy_read)) == revisions
    assert NoticePage.objects.get(pk=notice.pk).version_label == "V1.0"


@pytest.mark.parametrize(
    ("easy_read", "location", "message"),
    [
        (
            None,
            "notice.easy_read",
            "Expected the easy read version: a mapping with the keys title, slug, "
            "search_description, version_label, change_note, last_reviewed, body; found "
            "nothing. Leave the key out to keep the notice's easy read version as it is.",
        ),
        ({"body": []}, "notice.easy_read.title", "Missing: every easy read version has a title."),
        (
            {"title": "Easy"},
            "notice.easy_read.body",
            "Missing: every easy read version has a body, a list of sections.",
        ),
        (
            {"title": "Easy", "version_label": 2.0, "body": []},
            "notice.easy_read.version_label",
            "Expected text, found a number. Put it in quotes.",
        ),
        (
            {"title": "Easy", "last_reviewed": "01/11/2021", "body": []},
            "notice.easy_read.last_reviewed",
            "“01/11/2021” value has an invalid date format. It must be in YYYY-MM-DD format.",
        ),
        (
            {"title": "Easy", "slug": "easy read", "body": []},
            "notice.easy_read.slug",
            "Enter a valid “slug”",
        ),
        (
            {
                "title": "Easy",
                "body": [
                    {"type": "section", "value": {"topic": "summary", "heading": "A", "points": []}}
                ],
            },
            "notice.easy_read.body[0].value.points",
            "The minimum number of items is 1",
        ),
        (
            {
                "title": "Easy",
                "body": [
                    {
                        "type": "section",
                        "value": {
                            "topic": "summary",
                            "heading": "A",
                            "points": [{"picture": "yes"}],
                        },
                    }
                ],
            },
            "notice.easy_read.body[0].value.points[0].text",
            "This field is required.",
        ),
        (
            {
                "title": "Easy",
                "body": [
                    {
                        "type": "section",
                        "value": {
                            "topic": "summary",
                            "heading": "A",
                            "points": [{"image": "office.png", "text": "Our office."}],
                        },
                    }
                ],
            },
            "notice.easy_read.body[0].value.points[0].image",
            "Expected the number of the image (its id), found text.",
        ),
        (
            {
                "title": "Easy",
                "body": [
                    {"type": "word_list", "value": {"words": [{"word": "A", "meaning": "B"}]}},
                    {"type": "word_list", "value": {"words": [{"word": "C", "meaning": "D"}]}},
                ],
            },
            "notice.easy_read.body",
            "Word list: The maximum number of items is 1",
        ),
        (
            {"title": "Easy", "body": [{"type": "summary", "value": {"text": "<p>A</p>"}}]},
            "notice.easy_read.body[0].type",
            "Unknown block type “summary”. Allowed types: section, word_list.",
        ),
    ],
)
def test_easy_read_problems_are_located(easy_read, location, message):
    data = export_notice(make_notice_page())
    data["notice"]["easy_read"] = easy_read
    before = database_state()
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data)
    problems = {problem.location: problem.message for problem in caught.value.problems}
    assert location in problems, str(caught.value)
    assert problems[location].startswith(message)
    assert database_state() == before


def test_problems_in_the_notice_and_its_easy_read_version_are_reported_together():
    data = yaml.safe_load(NOTICE_FILE)
    data["notice"]["version_label"] = 3.0
    data["notice"]["easy_read"]["body"][1]["value"]["points"][0]["picture"] = "letters"
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data)
    assert [problem.location for problem in caught.value.problems] == [
        "notice.version_label",
        "notice.easy_read.body[1].value.points[0].picture",
    ]
    assert not NoticePage.objects.exists()


def test_a_slug_taken_below_the_notice_rolls_back_the_notice_too(tmp_path):
    notice = make_notice_page()
    notice.add_child(instance=Page(title="Easy read", slug="easy-read"))
    data = export_notice(notice)
    data["notice"]["title"] = "Adoption and fostering"
    data["notice"]["easy_read"] = yaml.safe_load(NOTICE_FILE)["notice"]["easy_read"]
    path = write(tmp_path, "adoption.yaml", data)
    before = database_state()

    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))

    assert caught.value.location == "notice.easy_read.slug"
    assert "The slug 'easy-read' is already in use" in caught.value.message
    assert caught.value.line == line_of(path, "easy_read:")
    assert database_state() == before
    assert NoticePage.objects.get(pk=notice.pk).title == "Adoption"


def test_a_failure_while_publishing_the_easy_read_version_rolls_back_the_notice():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    data = export_notice(notice)
    data["notice"]["title"] = "Adoption and fostering"
    data["notice"]["easy_read"]["title"] = "Adoption and fostering: easy read"
    before = database_state()

    def fail_on_easy_read(sender, instance, **kwargs):
        if isinstance(instance, EasyReadNoticePage):
            raise RuntimeError("publishing failed")

    page_published.connect(fail_on_easy_read)
    try:
        with pytest.raises(RuntimeError, match="publishing failed"):
            import_notice(data)
    finally:
        page_published.disconnect(fail_on_easy_read)
    assert database_state() == before
    assert export_notice(notice)["notice"]["title"] == "Adoption"
    assert EasyReadNoticePage.objects.get(pk=easy_read.pk).title == "Adoption: easy read"


# The documentation


def test_the_documented_example_imports_with_every_easy_read_block_and_field():
    example = re.findall(r"## A complete example.*?```yaml\n(.*?)```", DOCS.read_text(), re.S)[0]
    data = yaml.safe_load(example)
    result = import_notice(data)

    easy_read = data["notice"]["easy_read"]
    assert tuple(easy_read) == EASY_READ_KEYS and all(easy_read.values())
    blocks = EasyReadBodyBlock().child_blocks
    assert {block["type"] for block in easy_read["body"]} == set(blocks)
    for block in easy_read["body"]:
        assert set(block["value"]) == set(blocks[block["type"]].child_blocks)
    page = result.parts["easy_read"].page
    assert page.get_parent().pk == result.page.pk
    assert anchors(page)[:2] == ["about", "what-we-keep"]
    topics = {child.value["topic"] for child in page.body if child.block_type == "section"}
    notice_types = {child.block_type for child in result.page.body}
    assert topics <= notice_types


def test_the_documented_pictures_are_those_of_the_library():
    text = DOCS.read_text()
    pictures = text.split("### Pictures", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", pictures, re.M)
    assert documented == [(key, str(picture.alt)) for key, picture in PICTURES.items()]


# The commands


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_command_reports_the_easy_read_version(tmp_path):
    path = notice_file(tmp_path)
    output, _ = run("import_notice", str(path), "--draft")
    notice = NoticePage.objects.get(slug="blue-badge-parking-permits")
    easy_read = easy_read_of(notice)
    assert output == (
        f"Created (draft): “Blue Badge parking permits” (id {notice.pk}) "
        "/en/blue-badge-parking-permits/\n"
        f"  Easy read notice created (draft): “Blue Badges: easy read” (id {easy_read.pk}) "
        "/en/blue-badge-parking-permits/easy-read/\n"
    )
    output, _ = run("import_notice", str(path))
    assert output.splitlines()[1].startswith("  Easy read notice updated: “Blue Badges: easy read”")
    assert EasyReadNoticePage.objects.get(pk=easy_read.pk).live
    output, _ = run("import_notice", str(path))
    assert output.splitlines()[1].startswith("  Easy read notice unchanged: ")


def test_import_command_reports_easy_read_problems_and_writes_nothing(tmp_path):
    notice = make_notice_page()
    make_easy_read_page(notice)
    path = notice_file(tmp_path, BAD_EASY_READ, "adoption.yaml")
    before = database_state()
    with pytest.raises(CommandError) as caught:
        run("import_notice", str(path))
    lines = str(caught.value).splitlines()
    assert lines[0] == "1 file not imported:"
    assert (
        f"{path}:{line_of(path, 'picture: lettr')}: notice.easy_read.body[2].value.points[0]."
        "picture: “lettr” is not a picture in the library. Did you mean “letter”?"
    ) in lines
    assert database_state() == before


def test_export_command_writes_the_easy_read_version_and_imports_back_unchanged(tmp_path):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    path = tmp_path / "adoption.yaml"
    output, _ = run("export_notice", str(notice.pk), "--output", str(path))
    assert output == (
        f"Wrote “Adoption” (id {notice.pk}) and its easy read notice (id {easy_read.pk}) "
        f"to {path}\n"
    )
    assert read_notice_file(path) == export_notice(notice)
    before = database_state()
    output, _ = run("import_notice", str(path))
    assert output.splitlines()[1].startswith("  Easy read notice unchanged: “Adoption: easy read”")
    assert database_state() == before


def test_export_command_given_an_easy_read_page_writes_its_notices_file():
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice)
    output, error = run("export_notice", str(easy_read.pk))
    assert yaml.safe_load(output) == export_notice(notice)
    assert error == (
        f"Page {easy_read.pk} (“Adoption: easy read”) is the easy read notice of “Adoption” "
        f"(id {notice.pk}): exporting that notice's file, which holds both.\n"
    )
    assert dump_notice(export_notice(easy_read)) == output


def test_an_easy_read_version_failing_its_checks_is_not_published_and_nothing_is_written(
    tmp_path, settings
):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = True
    long_sentence = (
        "We give out Blue Badges to people who find it very hard to walk from their car to "
        "the shops."
    )
    text = NOTICE_FILE.replace("We give out Blue Badges.", long_sentence)
    path = notice_file(tmp_path, text)
    before = database_state()

    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))

    [problem] = caught.value.problems
    assert problem.location == "notice.easy_read.body[0].value.points[0].text"
    assert "has 20 words (limit: 15)" in problem.message
    assert problem.line == line_of(path, "text: |-")
    assert database_state() == before

    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = False
    assert import_notice(read_notice_file(path)).parts["easy_read"].page.live


def test_a_long_meaning_in_the_word_list_is_reported_on_the_meaning(tmp_path, settings):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = True
    long_meaning = (
        "A card that lets a person who finds it very hard to walk park near the places they go."
    )
    text = NOTICE_FILE.replace("A card that lets you park near the places you go.", long_meaning)
    path = notice_file(tmp_path, text)

    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))

    [problem] = caught.value.problems
    assert problem.location == "notice.easy_read.body[2].value.words[0].meaning"
    assert problem.message.startswith("“A card that lets a person who finds it very hard")
    assert problem.message.endswith("has 19 words (limit: 15).")
    assert problem.line == line_of(path, "meaning: A card")

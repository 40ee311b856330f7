import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.legal import (
    ARTICLE_6_BASES,
    ARTICLE_9_CONDITIONS,
    REQUIREMENTS,
    SCHEDULE_1_CONDITIONS,
    STANDARD_RIGHTS,
    TRANSFER_SAFEGUARDS,
)
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import (
    NoticeFileError,
    dump_notice,
    export_notice,
    import_notice,
    read_notice_file,
)
from notice_blocks.notice_files.schema import NOTICE_FLAGS, NOTICE_KEYS, SNIPPET_MODELS
from notice_blocks.notice_files.streams import OPTIONAL_FIELDS
from notice_blocks.notice_files.upgrading import FORMAT_1_RIGHTS
from notice_blocks.snippets import DataController
from tests.paths import PROJECT_DIR, TESTS_DIR
from tests.utils import make_notice_index, make_notice_page, site_root

pytestmark = pytest.mark.django_db

DATA = TESTS_DIR / "data" / "notice_files"
DOCS = PROJECT_DIR / "docs" / "notice-format.md"


def database_state() -> dict:
    """Everything an import may write: pages (and the tree), revisions, shared details."""
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "numchild", "slug", "title", "live", "latest_revision_id"
            )
        ),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", "object_id")),
        "details": {
            model.__name__: list(model.objects.order_by("pk").values())
            for model in SNIPPET_MODELS.values()
        },
    }


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """The line (from 1) on which ``text`` occurs in a file, read as plain text."""
    found = [number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return found[occurrence - 1]


def write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(dump_notice(data, "json" if name.endswith(".json") else "yaml"))
    return path


def section_of(data: dict, block_type: str) -> dict:
    return next(section for section in data["notice"]["body"] if section["type"] == block_type)


def section_ids(page: NoticePage) -> list[str]:
    return [section.anchor for section in page.sections]


# Round trips


@pytest.mark.parametrize("name", ["notice.yaml", "notice.json"])
def test_export_import_export_is_lossless(tmp_path, name):
    page = make_notice_page()
    exported = export_notice(page)
    path = write(tmp_path, name, exported)

    result = import_notice(read_notice_file(path), parent=make_notice_index())

    assert result.created and result.changed
    assert result.page.pk != page.pk
    assert result.page.live
    assert export_notice(result.page) == exported
    assert section_ids(result.page) == section_ids(page)


def written_fields(block) -> list[str]:
    """The fields of a block that a file always has: optional ones at their default are not."""
    return [name for name in block.child_blocks if name not in OPTIONAL_FIELDS]


def test_export_covers_every_block_with_ids_and_iso_dates():
    page = make_notice_page()
    data = export_notice(page)
    assert list(data) == ["format", "format_version", "notice"]
    # The published notice's versions follow its body (see test_history_files).
    assert tuple(data["notice"]) == (*NOTICE_KEYS, "history")
    assert data["notice"]["last_reviewed"] == "2025-03-01"
    body = data["notice"]["body"]
    assert {section["type"] for section in body} == {child.block_type for child in page.body}
    for section in body:
        assert list(section) == ["type", "id", "value"]
        block = NoticeBodyBlock().child_blocks[section["type"]]
        assert list(section["value"]) == written_fields(block)
    purposes = section_of(data, "purposes")["value"]["purposes"]
    assert [item["value"] for item in purposes] == [
        "assess prospective adopters",
        "match children with families",
    ]
    assert all(item["type"] == "item" and item["id"] for item in purposes)
    contacts = section_of(data, "contacts")["value"]["contacts"]
    assert [contact["type"] for contact in contacts] == [
        "data_protection_officer",
        "service",
        "complaints",
    ]
    assert all(contact["id"] for contact in contacts)
    assert data["notice"]["data_controller"] == {
        "name": "Example Council",
        "address": "",
        "website": "https://example.gov.uk",
        "email": "",
        "phone": "",
        "registration_number": "",
        "public_authority": True,
    }
    assert data["notice"]["for_children"] is False


def test_yaml_export_is_readable_and_loads_back_identically():
    page = make_notice_page()
    page.data_controller.address = "Town Hall\nMarket Street\nExampleton"
    page.data_controller.save()
    data = export_notice(page)
    text = dump_notice(data, "yaml")

    assert yaml.safe_load(text) == data
    assert "Information Commissioner’s Office" in text  # not escaped
    assert "address: |-\n      Town Hall\n      Market Street\n      Exampleton\n" in text
    assert "{" not in text  # block style throughout
    assert "&id" not in text and "*id" not in text
    assert "  body:\n    - type: summary\n" in text
    assert json.loads(dump_notice(data, "json")) == data


def test_reimport_into_an_empty_database_recreates_the_notice(tmp_path):
    page = make_notice_page()
    exported = export_notice(page)
    path = write(tmp_path, "notice.yaml", exported)
    details = [getattr(page, key) for key in SNIPPET_MODELS]
    page.delete()
    for detail in details:
        detail.delete()
    assert not any(model.objects.exists() for model in SNIPPET_MODELS.values())

    result = import_notice(read_notice_file(path))

    assert result.created
    assert result.page.get_parent().pk == site_root().pk
    assert export_notice(result.page) == exported
    assert all(model.objects.count() == 1 for model in SNIPPET_MODELS.values())


def test_the_same_file_imported_again_changes_nothing(tmp_path):
    page = make_notice_page()
    path = write(tmp_path, "notice.yaml", export_notice(page))
    before = database_state()

    result = import_notice(read_notice_file(path))

    assert (result.page.pk, result.created, result.changed) == (page.pk, False, False)
    assert database_state() == before


def test_a_file_without_ids_keeps_its_anchors_across_imports():
    data = read_notice_file(DATA / "minimal.yaml")
    first = import_notice(data)
    anchors = section_ids(first.page)
    revisions = Revision.objects.count()

    again = import_notice(read_notice_file(DATA / "minimal.yaml"))
    assert (again.created, again.changed) == (False, False)
    assert Revision.objects.count() == revisions

    edited = copy.deepcopy(data)
    edited["notice"]["body"][0]["value"]["text"] = "<p>Reworded.</p>"
    updated = import_notice(edited)
    assert (updated.created, updated.changed) == (False, True)
    assert section_ids(updated.page) == anchors
    assert updated.page.body[0].value["text"].source == "<p>Reworded.</p>"


def test_a_file_without_ids_gets_the_same_ids_in_every_database():
    data = read_notice_file(DATA / "minimal.yaml")
    first = import_notice(data, parent=make_notice_index(slug="first"))
    second = import_notice(data, parent=make_notice_index(slug="second"))
    assert section_ids(first.page) == section_ids(second.page)
    assert list(first.page.body.raw_data) == list(second.page.body.raw_data)


def test_an_update_is_a_new_published_revision_that_keeps_section_ids():
    page = make_notice_page()
    anchors = section_ids(page)
    data = export_notice(page)
    data["notice"]["version_label"] = "V1.1"
    section_of(data, "summary")["value"]["text"] = "<p>Updated summary.</p>"
    section_of(data, "purposes")["value"]["purposes"].append("support adoptive families")
    revisions = page.revisions.count()

    result = import_notice(data)

    assert (result.page.pk, result.created, result.changed) == (page.pk, False, True)
    assert result.page.revisions.count() == revisions + 1
    assert result.page.live and not result.page.has_unpublished_changes
    assert result.page.live_revision == result.page.latest_revision
    assert result.page.version_label == "V1.1"
    assert section_ids(result.page) == anchors
    purposes = next(child for child in result.page.body if child.block_type == "purposes")
    assert list(purposes.value["purposes"])[-1] == "support adoptive families"


def test_a_draft_import_leaves_the_live_notice_as_it_was():
    page = make_notice_page()
    live = export_notice(page)
    data = copy.deepcopy(live)
    data["notice"]["title"] = "Adoption and fostering"
    revisions = page.revisions.count()

    result = import_notice(data, publish=False)

    assert (result.created, result.changed) == (False, True)
    assert export_notice(NoticePage.objects.get(pk=page.pk)) == live
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.revisions.count() == revisions + 1
    assert page.get_latest_revision_as_object().title == "Adoption and fostering"

    # The same draft again: nothing to do.
    assert import_notice(data, publish=False).changed is False
    assert page.revisions.count() == revisions + 1

    # Publishing the file publishes the draft, without another revision.
    published = import_notice(data)
    assert published.changed
    assert published.page.title == "Adoption and fostering"
    assert not published.page.has_unpublished_changes
    assert page.revisions.count() == revisions + 1


def test_a_new_notice_imported_as_a_draft_is_not_live():
    result = import_notice(read_notice_file(DATA / "minimal.yaml"), publish=False)
    assert result.created
    assert not result.page.live
    assert result.page.has_unpublished_changes
    assert result.page.revisions.count() == 1


# What a file may leave out


def test_slug_is_made_from_the_title_and_omitted_fields_take_defaults():
    result = import_notice(read_notice_file(DATA / "minimal.yaml"))
    page = result.page
    assert page.slug == "blue-badge-parking-permits"
    assert page.get_parent().pk == site_root().pk
    assert (page.version_label, page.last_reviewed, page.data_controller) == ("", None, None)
    assert page.body[0].value["heading"] == ""
    assert page.sections[0].heading == "Summary"
    exported = export_notice(page)["notice"]
    assert exported["last_reviewed"] is None and exported["data_controller"] is None
    assert import_notice(yaml.safe_load(dump_notice(export_notice(page)))).changed is False

    data = {
        "format": "privacy-notice",
        "format_version": 1,
        "notice": {
            "title": "Rights only",
            "body": [{"type": "rights", "value": {}}],
        },
    }
    rights = import_notice(data).page.body[0].value
    assert [right["right"] for right in rights["rights"]] == list(FORMAT_1_RIGHTS)
    assert list(rights["further_rights"]) == []


def test_plain_and_wagtail_list_items_can_be_mixed():
    page = import_notice(read_notice_file(DATA / "minimal.json")).page
    purposes = page.body[1].value["purposes"]
    assert list(purposes) == ["assess your application", "send you your badge"]
    assert purposes.bound_blocks[0].id == "assess"
    assert section_ids(page) == ["summary", "purposes"]
    assert page.last_reviewed.isoformat() == "2025-01-31"


def test_shared_details_are_found_by_name_and_updated_to_the_file():
    existing = DataController.objects.create(name="Borsetshire County Council")
    path = DATA / "new-details.yaml"
    first = import_notice(read_notice_file(path))
    assert first.page.data_controller.pk == existing.pk
    existing.refresh_from_db()
    assert existing.registration_number == "Z1234567"
    assert existing.address == "County Hall\nBorchester\nBC1 1AA"

    data = read_notice_file(path)
    data["notice"]["data_controller"] = {
        "name": "Borsetshire County Council",
        "website": "https://borsetshire.example/",
    }
    revisions = first.page.revisions.count()
    second = import_notice(data)
    assert (second.created, second.changed) == (False, True)
    assert second.page.revisions.count() == revisions  # the notice itself did not change
    existing.refresh_from_db()
    assert existing.website == "https://borsetshire.example/"
    assert existing.registration_number == "Z1234567"  # left out: kept
    assert DataController.objects.count() == 1


def test_the_documented_example_imports_and_uses_every_block_and_field():
    text = DOCS.read_text()
    example = re.findall(r"## A complete example.*?```yaml\n(.*?)```", text, re.S)[0]
    data = yaml.safe_load(example)
    result = import_notice(data)

    body = data["notice"]["body"]
    assert {section["type"] for section in body} == set(NoticeBodyBlock().child_blocks)
    settings_used = set()
    for section in body:
        block = NoticeBodyBlock().child_blocks[section["type"]]
        fields = set(section["value"])
        assert set(written_fields(block)) <= fields <= set(block.child_blocks), section["type"]
        settings_used |= fields & set(OPTIONAL_FIELDS)
    assert settings_used == set(OPTIONAL_FIELDS)
    contacts = next(section for section in body if section["type"] == "contacts")
    assert {contact["type"] for contact in contacts["value"]["contacts"]} == {
        "data_protection_officer",
        "service",
        "complaints",
    }
    assert all(key in data["notice"] for key in NOTICE_KEYS)
    assert all(data["notice"][key] for key in NOTICE_KEYS if key not in NOTICE_FLAGS)
    for key in SNIPPET_MODELS:
        detail = getattr(result.page, key)
        assert detail.name == data["notice"][key]["name"]
    assert section_ids(result.page)[:3] == ["summary", "personal-data", "purposes"]


def test_the_documented_codes_are_those_of_the_law_module():
    text = DOCS.read_text()
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, re.M))
    provisions = (
        *ARTICLE_6_BASES,
        *ARTICLE_9_CONDITIONS,
        *SCHEDULE_1_CONDITIONS,
        *STANDARD_RIGHTS,
        *TRANSFER_SAFEGUARDS,
        *REQUIREMENTS,
    )
    assert {provision.code for provision in provisions} <= documented
    for provision in provisions:
        assert f"| `{provision.code}` |" in text and str(provision.title) in text


# Problems: reported with their location and line, nothing written


BAD_FILES = [
    (
        "wrong-format.yaml",
        "format",
        "This is not a privacy notice file: its format is “cookie-policy”",
        "format: cookie-policy",
    ),
    (
        "wrong-version.yaml",
        "format_version",
        "Format version 3 is not supported: this site reads format versions 1 and 2.",
        "format_version: 3",
    ),
    ("missing-title.yaml", "notice.title", "Missing: every notice has a title.", "notice:"),
    (
        "unknown-block.yaml",
        "notice.body[1].type",
        "Unknown block type “summery”. Allowed types: summary, heading, personal_data,",
        "type: summery",
    ),
    (
        "bad-choice.yaml",
        "notice.body[1].value.bases[1].provision",
        "“art6-1-z” is not a valid code. Valid codes: art6-1-a, art6-1-b, art6-1-c, art6-1-d, "
        "art6-1-e, art6-1-f.",
        "provision: art6-1-z",
    ),
    (
        "bad-date.yaml",
        "notice.last_reviewed",
        "“01/11/2021” value has an invalid date format. It must be in YYYY-MM-DD format.",
        "last_reviewed:",
    ),
    (
        "unknown-key.yaml",
        "notice.reviewed",
        "Unknown key “reviewed”. Allowed keys: title, slug, search_description,",
        "reviewed:",
    ),
    (
        "unknown-key.yaml",
        "notice.data_controller.telephone",
        "Unknown field “telephone”. Allowed fields: name, address, website, email, phone, "
        "registration_number, public_authority. Did you mean “phone”?",
        "telephone:",
    ),
    (
        "unknown-key.yaml",
        "notice.body[0].value.summary",
        "Unknown field “summary”. Allowed fields: heading, text, heading_level, show_heading, "
        "standard_subheadings.",
        "summary: <p>",
    ),
    (
        "duplicate-key.yaml",
        "notice.title",
        "This key is given twice (first on line 4).",
        "title: Blue Badge\n",
    ),
]


@pytest.mark.parametrize(("name", "location", "message", "marker"), BAD_FILES)
def test_a_bad_file_is_reported_where_it_is_wrong_and_writes_nothing(
    name, location, message, marker
):
    path = DATA / name
    make_notice_page()
    before = database_state()

    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))

    problems = {problem.location: problem for problem in caught.value.problems}
    assert location in problems, str(caught.value)
    problem = problems[location]
    assert message in problem.message
    marker_line = [
        number
        for number, line in enumerate(path.read_text().splitlines(keepends=True), 1)
        if marker in line
    ][-1]
    assert problem.line == marker_line
    assert f"{path}:{marker_line}: {location}: {message}" in str(caught.value)
    assert database_state() == before


def test_a_deep_list_item_in_wagtails_form_is_located_at_its_value():
    path = DATA / "bad-choice.yaml"
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    locations = [(problem.location, problem.line) for problem in caught.value.problems]
    assert locations == [
        ("notice.body[1].value.bases[1].provision", line_of(path, "art6-1-z")),
        (
            "notice.body[1].value.special_category_conditions[0].value.schedule_1_conditions[1]",
            line_of(path, "schedule_1_conditions:"),
        ),
    ]
    assert not DataController.objects.filter(name="Bad Choice Council").exists()


def test_yaml_syntax_errors_give_line_and_column():
    path = DATA / "syntax-error.yaml"
    with pytest.raises(NoticeFileError) as caught:
        read_notice_file(path)
    error = caught.value
    assert error.location == ""
    assert error.message.startswith("YAML syntax error: found unexpected end of stream")
    start = line_of(path, 'text: "<p>An unfinished')
    assert f"quoted scalar that starts on line {start}" in error.message
    assert (error.line, error.column) == (len(path.read_text().splitlines()) + 1, 1)
    assert str(error).startswith(f"{path}:{error.line}:1: YAML syntax error")


def test_json_syntax_errors_give_line_and_column():
    path = DATA / "syntax-error.json"
    with pytest.raises(NoticeFileError) as caught:
        read_notice_file(path)
    assert caught.value.message.startswith("JSON syntax error: Expecting property name")
    assert caught.value.line == line_of(path, '"body": [],') + 1
    assert caught.value.column == 3


def test_json_problems_are_located_too(tmp_path):
    data = json.loads((DATA / "minimal.json").read_text())
    data["notice"]["body"][1]["value"]["purposes"][1] = {"text": "not a purpose"}
    path = write(tmp_path, "notice.json", data)
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    assert caught.value.location == "notice.body[1].value.purposes[1]"
    assert caught.value.message == "Expected text, found a mapping."
    assert caught.value.line == line_of(path, '"text": "not a purpose"') - 1


def test_every_problem_in_a_file_is_reported_at_once():
    path = DATA / "many-problems.yaml"
    before = database_state()
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    reported = [(problem.location, problem.message) for problem in caught.value.problems]
    assert reported == [
        (
            "notes",
            "Unknown key “notes”. Allowed keys: format, format_version, notice. "
            "Did you mean “notice”?",
        ),
        ("notice.version_label", "Expected text, found a number. Put it in quotes."),
        ("notice.body[0].value.text", "This field is required."),
        ("notice.body[1].id", "The id “intro” is already used by notice.body[0]."),
        ("notice.body[1].value.groups", "The minimum number of items is 1"),
        ("notice.body[2].value.schedule.url", "Enter a valid URL."),
        ("notice.body[3].value.contacts[0].value.name", "This field is required."),
        ("notice.body[3].value.contacts[0].value.email", "Enter a valid email address."),
        (
            "notice.body[3].value.contacts[1].type",
            "Unknown block type “helpdesk”. Allowed types: data_protection_officer, service, "
            "complaints.",
        ),
        ("notice.body[4].value.heading", "A section on another topic needs a heading."),
        (
            "notice.body[5]",
            "Expected a block: a mapping with a type (summary, heading, personal_data, purposes, "
            "lawful_basis, legitimate_interests, sources, sharing, transfers, retention, rights, "
            "automated_decisions, requirement, contacts, general) and a value; found text.",
        ),
    ]
    lines = [problem.line for problem in caught.value.problems]
    assert lines == sorted(lines)
    assert lines[0] == line_of(path, "notes:")
    assert lines[1] == line_of(path, "version_label: 3.0")
    assert lines[-1] == line_of(path, "- just text")
    assert database_state() == before


def test_problems_without_a_file_have_locations_but_no_lines():
    data = {"format": "privacy-notice", "format_version": 1, "notice": {"title": "No body"}}
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data)
    assert (caught.value.location, caught.value.line) == ("notice.body", None)
    assert str(caught.value) == (
        "notice.body: Missing: every notice has a body, a list of sections."
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notice.txt", "Cannot read “.txt” files"),
        ("missing.yaml", "No such file or directory"),
    ],
)
def test_unreadable_files(tmp_path, name, message):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("format: privacy-notice")
    with pytest.raises(NoticeFileError, match=message):
        read_notice_file(tmp_path / name)


def test_a_notice_cannot_be_imported_under_a_notice():
    parent = make_notice_page()
    with pytest.raises(NoticeFileError, match="cannot be placed under “Adoption”"):
        import_notice(read_notice_file(DATA / "minimal.yaml"), parent=parent)


# All or nothing, even when saving fails half way


def test_a_slug_taken_by_another_kind_of_page_leaves_nothing_behind():
    path = DATA / "new-details.yaml"
    site_root().add_child(instance=Page(title="Council Tax", slug="council-tax-support"))
    before = database_state()

    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))

    assert caught.value.location == "notice.slug"
    assert "The slug 'council-tax-support' is already in use" in caught.value.message
    assert caught.value.line == line_of(path, "slug: council-tax-support")
    # The new shared details were saved before the page failed: they are gone too.
    assert database_state() == before
    assert not DataController.objects.filter(name="Borsetshire County Council").exists()


def test_a_failure_after_the_page_is_saved_rolls_everything_back():
    def fail_on_publish(sender, instance, **kwargs):
        assert NoticePage.objects.filter(slug="council-tax-support").exists()
        assert Revision.objects.filter(object_id=str(instance.pk)).exists()
        raise RuntimeError("the database went away")

    before = database_state()
    page_published.connect(fail_on_publish)
    try:
        with pytest.raises(RuntimeError, match="the database went away"):
            import_notice(read_notice_file(DATA / "new-details.yaml"))
    finally:
        page_published.disconnect(fail_on_publish)
    assert database_state() == before


def test_an_update_that_fails_half_way_leaves_the_notice_as_it_was():
    page = make_notice_page()
    data = export_notice(page)
    data["notice"]["title"] = "Renamed"
    data["notice"]["data_controller"]["address"] = "A new address"
    before = database_state()

    def fail_on_publish(sender, instance, **kwargs):
        raise RuntimeError("publishing failed")

    page_published.connect(fail_on_publish)
    try:
        with pytest.raises(RuntimeError):
            import_notice(data)
    finally:
        page_published.disconnect(fail_on_publish)
    assert database_state() == before
    assert export_notice(NoticePage.objects.get(pk=page.pk))["notice"]["title"] == "Adoption"

"""Versions of the notice file format: format 1 read as it always was, format 2 written.

Also the messages for codes, block types and fields that do not exist: every valid code,
and the nearest name when one is near.
"""

import json
import re

import pytest
import yaml
from wagtail import blocks

from cms.demo import DEMO_NOTICE_FILES
from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.legal import SCHEDULE_1_CONDITIONS, STANDARD_RIGHTS
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import (
    FORMAT_VERSION,
    NoticeFileError,
    export_notice,
    import_notice,
    read_notice_file,
)
from notice_blocks.notice_files.schema import NOTICE_KEYS, SNIPPET_MODELS, snippet_fields
from notice_blocks.notice_files.streams import OPTIONAL_FIELDS
from notice_blocks.notice_files.upgrading import (
    FORMAT_1_RIGHTS,
    added_in,
    key_added_in,
    upgrade_body,
)
from notice_blocks.snippets import DataController
from tests.notice_blocks.test_notice_files import DATA, DOCS, database_state, line_of, write
from tests.utils import make_notice_index

pytestmark = pytest.mark.django_db

ARTICLE_6_CODES = "art6-1-a, art6-1-b, art6-1-c, art6-1-d, art6-1-e, art6-1-f"
RIGHT_CODES = ", ".join(right.code for right in STANDARD_RIGHTS)
SCHEDULE_1_CODES = ", ".join(condition.code for condition in SCHEDULE_1_CONDITIONS)
NEW_IN_2 = "is new in format version 2: write “format_version: 2” at the top of the file to use it."


def notice_file(version: int, *sections: dict, **notice: object) -> dict:
    return {
        "format": "privacy-notice",
        "format_version": version,
        "notice": {"title": "Blue Badge parking permits", **notice, "body": list(sections)},
    }


def rights_section(**value: object) -> dict:
    return {"type": "rights", "id": "rights", "value": value}


def lawful_basis(*bases: object, **value: object) -> dict:
    return {"type": "lawful_basis", "value": {"bases": list(bases), **value}}


def section_value(page: NoticePage, block_type: str):
    return next(child.value for child in page.body if child.block_type == block_type)


def rights_of(page: NoticePage) -> list[tuple[str, str, str]]:
    return [
        (right["right"], right["wording"].source, right["conditions"].source)
        for right in section_value(page, "rights")["rights"]
    ]


def problems_of(data: dict) -> list[tuple[str, str]]:
    before = database_state()
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data)
    assert database_state() == before
    return [(problem.location, problem.message) for problem in caught.value.problems]


def documented_example() -> dict:
    text = DOCS.read_text()
    return yaml.safe_load(re.findall(r"## A complete example.*?```yaml\n(.*?)```", text, re.S)[0])


# Format 1: every file imports as before


def test_a_format_1_rights_section_without_rights_has_the_eight_rights_of_format_1(tmp_path):
    data = notice_file(1, rights_section(heading=""))
    page = import_notice(data).page

    assert [code for code, _wording, _conditions in rights_of(page)] == list(FORMAT_1_RIGHTS)
    assert len(FORMAT_1_RIGHTS) == 8 and "complain" not in FORMAT_1_RIGHTS
    assert all(wording == conditions == "" for _code, wording, conditions in rights_of(page))
    assert data["notice"]["body"][0]["value"] == {"heading": ""}  # the file's data is not changed

    exported = export_notice(page)
    assert exported["format_version"] == FORMAT_VERSION == 2
    assert exported["notice"]["body"][0]["value"]["rights"] == list(FORMAT_1_RIGHTS)
    path = write(tmp_path, "notice.yaml", exported)
    assert "rights:\n          - access\n          - rectification\n" in path.read_text()
    assert import_notice(read_notice_file(path)).changed is False


def test_a_format_1_list_of_rights_imports_as_before():
    page = import_notice(notice_file(1, rights_section(rights=["access", "objection"]))).page
    assert rights_of(page) == [("access", "", ""), ("objection", "", "")]
    assert export_notice(page)["notice"]["body"][0]["value"]["rights"] == ["access", "objection"]


def test_format_1_read_null_rights_as_an_empty_list():
    page = import_notice(notice_file(1, rights_section(rights=None))).page
    assert rights_of(page) == []


def test_the_upgrade_leaves_what_it_does_not_understand_to_the_checks():
    block = NoticeBodyBlock()
    body = [
        "just text",
        {"type": 3},
        {"type": "rights", "value": "not a mapping"},
        {"type": "summary", "value": {}},
    ]
    assert upgrade_body(block, body, 1) == body
    assert upgrade_body(block, "not a list", 1) == "not a list"
    assert upgrade_body(block, [rights_section()], 2) == [rights_section()]


@pytest.mark.parametrize("path", DEMO_NOTICE_FILES, ids=lambda path: path.stem)
def test_the_demo_notices_round_trip_unchanged(path, tmp_path):
    first = import_notice(read_notice_file(path), parent=make_notice_index(slug="first"))
    assert [code for code, _wording, _conditions in rights_of(first.page)] == list(FORMAT_1_RIGHTS)
    exported = export_notice(first.page)
    rights = next(section for section in exported["notice"]["body"] if section["type"] == "rights")
    assert rights["value"]["rights"] == list(FORMAT_1_RIGHTS)  # compact: codes alone

    copy_path = write(tmp_path, "notice.yaml", exported)
    second = import_notice(read_notice_file(copy_path), parent=make_notice_index(slug="second"))
    assert export_notice(second.page) == exported
    assert list(second.page.body.raw_data) == list(first.page.body.raw_data)

    again = import_notice(read_notice_file(path), parent=first.page.get_parent())
    assert (again.page.pk, again.changed) == (first.page.pk, False)


# Format 1 files that use what format 2 added


def test_a_format_1_file_using_a_format_2_field_is_told_to_say_format_version_2():
    data = notice_file(
        1,
        {"type": "summary", "value": {"text": "<p>Hello.</p>", "show_heading": False}},
        lawful_basis({"provision": "art6-1-e", "wording": "<p>Our words.</p>"}),
        rights_section(rights=["access", {"right": "objection"}]),
        {"type": "transfers", "value": {}},
        for_children=True,
        data_controller={"name": "Example Council", "public_authority": True},
    )
    assert problems_of(data) == [
        ("notice.for_children", f"“for_children” {NEW_IN_2}"),
        ("notice.data_controller.public_authority", f"“public_authority” {NEW_IN_2}"),
        ("notice.body[0].value.show_heading", f"“show_heading” {NEW_IN_2}"),
        ("notice.body[1].value.bases[0].wording", f"“wording” {NEW_IN_2}"),
        ("notice.body[2].value.rights[1].right", f"“right” {NEW_IN_2}"),
        ("notice.body[3].type", f"“transfers” {NEW_IN_2}"),
    ]

    data["format_version"] = 2
    page = import_notice(data).page
    assert page.for_children and page.data_controller.public_authority
    assert page.body[0].value["show_heading"] is False
    assert page.body[1].value["bases"][0]["wording"].source == "<p>Our words.</p>"


def test_every_field_format_2_added_is_declared_once():
    """Format 1's blocks (held in the test data) and the declared additions make format 2's."""
    format_1 = json.loads((DATA / "format-1-blocks.json").read_text())
    current = block_fields(NoticeBodyBlock(), "body")
    for path, fields in format_1.items():
        assert path in current, f"{path} is gone: format 1 files that use it would be refused"
        assert set(fields) <= set(current[path][1]), path
    undeclared = []
    for path, (block, fields) in current.items():
        if path in format_1:
            old = set(format_1[path])
        else:
            parent, _, name = path.rpartition(".")
            if parent not in format_1 or name.removesuffix("[]") not in format_1[parent]:
                continue  # inside a block type or field that format 2 added
            old = set()  # a field format 1 had, of another shape: its new fields are new
        for name in fields:
            expected = 1 if name in old else 2
            if added_in(block, name) != expected:
                undeclared.append((path, name, expected))
    assert undeclared == []


def block_fields(block: blocks.Block, path: str) -> dict[str, tuple[blocks.Block, list[str]]]:
    """The fields (or types) of every struct and stream block inside ``block``, by path."""
    found = {}
    if isinstance(block, blocks.ListBlock):
        return block_fields(block.child_block, f"{path}[]")
    if isinstance(block, blocks.BaseStreamBlock | blocks.BaseStructBlock):
        found[path] = (block, list(block.child_blocks))
        for name, child in block.child_blocks.items():
            found.update(block_fields(child, f"{path}.{name}"))
    return found


def test_the_keys_format_2_added_to_the_notice_and_its_shared_details():
    format_1_notice = [
        "title",
        "slug",
        "search_description",
        "version_label",
        "last_reviewed",
        *SNIPPET_MODELS,
        "body",
    ]
    assert [key for key in NOTICE_KEYS if key_added_in("notice", key) == 1] == format_1_notice
    assert [
        field
        for field in snippet_fields(DataController)
        if key_added_in("data_controller", field) == 2
    ] == ["email", "phone", "public_authority"]


# Format 2


def test_rights_in_the_councils_own_words_round_trip(tmp_path):
    own_wording = "<p>You can ask for a copy of your records.</p>"
    conditions = "<p>Where we rely on your consent.</p>"
    data = notice_file(
        2,
        rights_section(
            rights=[
                "rectification",
                {"right": "access", "wording": own_wording},
                {"type": "item", "id": "consent", "value": "withdraw-consent"},
                {
                    "type": "item",
                    "id": "portability",
                    "value": {"right": "portability", "conditions": conditions},
                },
                {"right": "complain", "wording": "", "conditions": ""},
            ]
        ),
    )
    page = import_notice(data, parent=make_notice_index(slug="first")).page
    assert rights_of(page) == [
        ("rectification", "", ""),
        ("access", own_wording, ""),
        ("withdraw-consent", "", ""),
        ("portability", "", conditions),
        ("complain", "", ""),
    ]
    ids = [right.id for right in section_value(page, "rights")["rights"].bound_blocks]
    assert ids[2:4] == ["consent", "portability"]

    exported = export_notice(page)
    rights = exported["notice"]["body"][0]["value"]["rights"]
    assert rights[0] == "rectification" and rights[2] == "withdraw-consent"
    assert rights[4] == "complain"
    assert rights[1]["type"] == "item" and rights[1]["value"] == {
        "right": "access",
        "title": "",
        "wording": own_wording,
        "conditions": "",
    }
    assert rights[3] == {
        "type": "item",
        "id": "portability",
        "value": {"right": "portability", "title": "", "wording": "", "conditions": conditions},
    }
    for name in ("notice.yaml", "notice.json"):
        path = write(tmp_path, name, exported)
        parent = make_notice_index(slug=name.replace(".", "-"))
        copied = import_notice(read_notice_file(path), parent=parent).page
        assert rights_of(copied) == rights_of(page)
        assert export_notice(copied) == exported


def test_an_empty_list_of_rights_stays_empty_in_format_2():
    page = import_notice(notice_file(2, rights_section(heading=""))).page
    assert rights_of(page) == []
    assert export_notice(page)["notice"]["body"][0]["value"]["rights"] == []


def test_the_documented_example_round_trips_with_every_block_and_field(tmp_path):
    data = documented_example()
    first = import_notice(data, parent=make_notice_index(slug="first")).page
    exported = export_notice(first)

    body = exported["notice"]["body"]
    assert {section["type"] for section in body} == set(NoticeBodyBlock().child_blocks)
    for section in body:
        block = NoticeBodyBlock().child_blocks[section["type"]]
        value = section["value"]
        if isinstance(value, dict):
            expected = [name for name in block.child_blocks if name not in OPTIONAL_FIELDS]
            assert [name for name in value if name not in OPTIONAL_FIELDS] == expected
    assert exported["notice"]["for_children"] is False
    assert exported["notice"]["data_controller"]["public_authority"] is True
    general = [section for section in body if section["type"] == "general"]
    assert [section["value"].get("heading_level") for section in general] == [3, 3]
    assert [section["value"].get("show_heading") for section in general] == [None, False]
    assert "<h3>If you object</h3>" in general[0]["value"]["text"]

    path = write(tmp_path, "notice.yaml", exported)
    second = import_notice(read_notice_file(path), parent=make_notice_index(slug="second")).page
    assert export_notice(second) == exported
    assert import_notice(read_notice_file(path), parent=second.get_parent()).changed is False


# Versions


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (3, "Format version 3 is not supported: this site reads format versions 1 and 2."),
        (0, "Format version 0 is not supported: this site reads format versions 1 and 2."),
        ("2", "Expected the number of a format version, such as 2; found “2”."),
    ],
)
def test_a_version_this_site_does_not_read_is_refused(version, message):
    assert problems_of(notice_file(version, rights_section())) == [("format_version", message)]


def test_a_file_without_a_version_is_told_the_current_one():
    data = notice_file(2, rights_section())
    del data["format_version"]
    assert problems_of(data) == [
        (
            "format_version",
            "Missing: a notice file says which version of the format it follows, "
            "“format_version: 2”.",
        )
    ]


# Codes, block types and fields that do not exist


def test_an_unknown_code_is_told_every_valid_code_and_the_nearest():
    data = notice_file(
        2,
        {
            "type": "personal_data",
            "value": {
                "groups": [
                    {"kind": "special", "categories": [{"description": "Health", "kind": "x"}]}
                ]
            },
        },
        lawful_basis(
            {"provision": "art6-1-x"},
            {"provision": "art6-1-e"},
            special_category_conditions=[
                {"provision": "art9-2-h", "schedule_1_conditions": ["dpa2018-s1-2", "s1-2"]}
            ],
        ),
        {"type": "sources", "value": {"publicly_available": "maybe"}},
        {
            "type": "transfers",
            "value": {"transfers": [{"destination": "Ireland", "safeguard": "adequate"}]},
        },
        rights_section(
            rights=["acess", {"right": "erasur"}, {"type": "item", "value": "portabilty"}]
        ),
        {"type": "automated_decisions", "value": {"used": "sometimes"}},
        {"type": "requirement", "value": {"requirement": "statutry"}},
        {"type": "general", "value": {"topic": "securty", "text": "<p>Safe.</p>"}},
    )
    kinds = "personal, special_category, criminal_offence"
    assert dict(problems_of(data)) == dict(
        [
            (
                "notice.body[0].value.groups[0].kind",
                f"“special” is not a valid code. Valid codes: {kinds}. "
                "Did you mean “special_category”?",
            ),
            (
                "notice.body[0].value.groups[0].categories[0].kind",
                f"“x” is not a valid code. Valid codes: {kinds}.",
            ),
            (
                "notice.body[1].value.bases[0].provision",
                f"“art6-1-x” is not a valid code. Valid codes: {ARTICLE_6_CODES}. "
                "Did you mean “art6-1-f”?",
            ),
            (
                "notice.body[1].value.special_category_conditions[0].schedule_1_conditions[1]",
                f"“s1-2” is not a valid code. Valid codes: {SCHEDULE_1_CODES}.",
            ),
            (
                "notice.body[2].value.publicly_available",
                "“maybe” is not a valid code. Valid codes: yes, no.",
            ),
            (
                "notice.body[3].value.transfers[0].safeguard",
                "“adequate” is not a valid code. Valid codes: adequacy, appropriate-safeguards, "
                "binding-corporate-rules, exception. Did you mean “adequacy”?",
            ),
            (
                "notice.body[4].value.rights[0]",
                f"“acess” is not a valid code. Valid codes: {RIGHT_CODES}. Did you mean “access”?",
            ),
            (
                "notice.body[4].value.rights[1].right",
                f"“erasur” is not a valid code. Valid codes: {RIGHT_CODES}. "
                "Did you mean “erasure”?",
            ),
            (
                "notice.body[4].value.rights[2].value",
                f"“portabilty” is not a valid code. Valid codes: {RIGHT_CODES}. "
                "Did you mean “portability”?",
            ),
            (
                "notice.body[5].value.used",
                "“sometimes” is not a valid code. Valid codes: no, yes.",
            ),
            (
                "notice.body[6].value.requirement",
                "“statutry” is not a valid code. Valid codes: statutory, contractual, "
                "contract-entry, voluntary, mixed. Did you mean “statutory”?",
            ),
            (
                "notice.body[7].value.topic",
                "“securty” is not a valid code. Valid codes: nhs_number, cp_is, "
                "automated_decisions, transfers, updates, security, data_matching, social_media, "
                "equalities, other. Did you mean “security”?",
            ),
        ]
    )


def test_an_unknown_code_in_a_file_is_located_on_its_line(tmp_path):
    path = tmp_path / "notice.yaml"
    path.write_text(
        "format: privacy-notice\n"
        "format_version: 2\n"
        "notice:\n"
        "  title: Blue Badge parking permits\n"
        "  body:\n"
        "    - type: rights\n"
        "      value:\n"
        "        rights:\n"
        "          - access\n"
        "          - objecton\n"
    )
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    assert str(caught.value) == (
        f"{path}:{line_of(path, 'objecton')}: notice.body[0].value.rights[1]: “objecton” is not "
        f"a valid code. Valid codes: {RIGHT_CODES}. Did you mean “objection”?"
    )
    assert not NoticePage.objects.exists()


def test_a_right_is_a_code_or_a_mapping():
    data = notice_file(2, rights_section(rights=[7, ["access"], {"right": "access", "text": ""}]))
    assert dict(problems_of(data)) == {
        "notice.body[0].value.rights[0]": "Expected the right alone, or a mapping with the "
        "fields right, title, wording, conditions; found a number.",
        "notice.body[0].value.rights[1]": "Expected the right alone, or a mapping with the "
        "fields right, title, wording, conditions; found a list.",
        "notice.body[0].value.rights[2].text": "Unknown field “text”. Allowed fields: right, "
        "title, wording, conditions.",
    }


def test_unknown_names_are_told_the_nearest_one_when_one_is_near():
    data = notice_file(
        2,
        {"type": "transfer", "value": {}},
        {"type": "lawful_basis", "vaule": {}},
        lawful_basis({"provision": "art6-1-e", "wordng": ""}, {"provision": "art6-1-e", "xyz": ""}),
        {"type": "wholly-unknown", "value": {}},
        for_childern=True,
        data_controller={"name": "Example Council", "emial": "a@example.gov.uk"},
    )
    data["formt"] = "privacy-notice"
    problems = dict(problems_of(data))
    assert problems["formt"] == (
        "Unknown key “formt”. Allowed keys: format, format_version, notice. Did you mean “format”?"
    )
    assert problems["notice.for_childern"].endswith(
        "body, easy_read, history. Did you mean “for_children”?"
    )
    assert problems["notice.data_controller.emial"].endswith(
        "registration_number, public_authority. Did you mean “email”?"
    )
    assert problems["notice.body[0].type"].startswith("Unknown block type “transfer”.")
    assert problems["notice.body[0].type"].endswith("Did you mean “transfers”?")
    assert problems["notice.body[1].vaule"] == (
        "Unknown key “vaule”. Allowed keys: type, id, value. Did you mean “value”?"
    )
    assert problems["notice.body[2].value.bases[0].wordng"] == (
        "Unknown field “wordng”. Allowed fields: provision, title, wording, purposes, "
        "explanation. Did you mean “wording”?"
    )
    assert problems["notice.body[2].value.bases[1].xyz"] == (
        "Unknown field “xyz”. Allowed fields: provision, title, wording, purposes, explanation."
    )
    assert problems["notice.body[3].type"].endswith("contacts, general.")

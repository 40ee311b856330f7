import io
import json

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from notice_blocks.models import NoticePage
from notice_blocks.notice_files import export_notice, read_notice_file
from tests.notice_blocks.test_notice_file_versions import SCHEDULE_1_CODES
from tests.notice_blocks.test_notice_files import DATA, database_state, line_of
from tests.utils import make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# import_notice


def test_import_reports_created_updated_and_unchanged(tmp_path):
    path = DATA / "minimal.yaml"
    output = run("import_notice", str(path))
    page = NoticePage.objects.get(slug="blue-badge-parking-permits")
    assert output == (
        f"Created: “Blue Badge parking permits” (id {page.pk}) /en/blue-badge-parking-permits/\n"
    )
    assert page.live

    assert run("import_notice", str(path)) == (
        f"Unchanged: “Blue Badge parking permits” (id {page.pk}) /en/blue-badge-parking-permits/\n"
    )

    edited = tmp_path / "edited.yaml"
    edited.write_text(path.read_text().replace("Blue Badge.</p>", "Blue Badge parking permit.</p>"))
    assert run("import_notice", str(edited)).startswith(
        f"Updated: “Blue Badge parking permits” (id {page.pk})"
    )
    assert "permit.</p>" in NoticePage.objects.get(pk=page.pk).body[0].value["text"].source


def test_import_under_a_parent_page_and_as_a_draft(tmp_path):
    index = make_notice_index(title="Privacy notices")
    path = DATA / "minimal.json"
    output = run("import_notice", str(path), "--parent", str(index.pk), "--draft")
    page = NoticePage.objects.get(slug="blue-badge")
    assert page.get_parent().pk == index.pk
    title = "“Blue Badge parking permits”"
    assert output == f"Created (draft): {title} (id {page.pk}) /en/privacy-notices/blue-badge/\n"
    assert not page.live

    published = run("import_notice", str(path), "--parent", str(index.pk))
    assert published.startswith("Updated: ")
    assert NoticePage.objects.get(pk=page.pk).live


def test_a_draft_update_leaves_the_live_notice_alone(tmp_path):
    page = make_notice_page()
    live = export_notice(page)
    data = json.loads(json.dumps(live))
    data["notice"]["version_label"] = "V2.0"
    path = tmp_path / "adoption.json"
    path.write_text(json.dumps(data))

    output = run("import_notice", str(path), "--draft")

    assert output.startswith(f"Updated (draft): “Adoption” (id {page.pk})")
    assert export_notice(NoticePage.objects.get(pk=page.pk)) == live
    draft = NoticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.version_label == "V2.0"


def test_import_errors_name_file_line_and_location_and_write_nothing():
    path = DATA / "bad-choice.yaml"
    before = database_state()
    with pytest.raises(CommandError) as caught:
        run("import_notice", str(path))
    lines = str(caught.value).splitlines()
    assert lines == [
        "1 file not imported:",
        f"{path}:{line_of(path, 'art6-1-z')}: notice.body[1].value.bases[1].provision: "
        "“art6-1-z” is not a valid code. Valid codes: art6-1-a, art6-1-b, art6-1-c, art6-1-d, "
        "art6-1-e, art6-1-f. Did you mean “art6-1-f”?",
        f"{path}:{line_of(path, 'schedule_1_conditions')}: "
        "notice.body[1].value.special_category_conditions[0].value.schedule_1_conditions[1]: "
        f"“dpa2018-s1-99” is not a valid code. Valid codes: {SCHEDULE_1_CODES}. "
        "Did you mean “dpa2018-s1-9”?",
    ]
    assert database_state() == before


def test_good_files_are_imported_and_bad_ones_reported():
    good, bad, broken = DATA / "minimal.yaml", DATA / "bad-date.yaml", DATA / "syntax-error.json"
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_notice", str(bad), str(good), str(broken), stdout=out)
    assert out.getvalue().startswith("Created: “Blue Badge parking permits”")
    message = str(caught.value)
    assert message.startswith("2 files not imported:\n")
    assert f"{bad}:{line_of(bad, 'last_reviewed')}: notice.last_reviewed: " in message
    broken_line = line_of(broken, '"body": [],') + 1
    assert f"{broken}:{broken_line}:3: JSON syntax error" in message
    assert NoticePage.objects.count() == 1


def test_import_refuses_an_unknown_parent():
    with pytest.raises(CommandError, match="There is no page with id 9999."):
        run("import_notice", str(DATA / "minimal.yaml"), "--parent", "9999")
    assert not NoticePage.objects.exists()


def test_import_of_a_missing_file_is_an_error(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(CommandError, match=f"{missing}: No such file or directory"):
        run("import_notice", str(missing))


# export_notice


def test_export_writes_yaml_to_standard_output():
    page = make_notice_page()
    output = run("export_notice", str(page.pk))
    assert output.startswith(
        "format: privacy-notice\nformat_version: 2\nnotice:\n  title: Adoption\n"
    )
    assert yaml.safe_load(output) == export_notice(page)


def test_export_writes_json_on_request():
    page = make_notice_page()
    output = run("export_notice", str(page.pk), "--format", "json")
    assert output.startswith('{\n  "format": "privacy-notice",')
    assert "Information Commissioner’s Office" in output
    assert json.loads(output) == export_notice(page)


@pytest.mark.parametrize(
    ("name", "format"), [("adoption.yaml", None), ("adoption.json", None), ("adoption.txt", "json")]
)
def test_export_to_a_file_imports_back_unchanged(tmp_path, name, format):
    page = make_notice_page()
    path = tmp_path / name
    args = ["export_notice", str(page.pk), "--output", str(path)]
    if format:
        args += ["--format", format]
    assert run(*args) == f"Wrote “Adoption” (id {page.pk}) to {path}\n"
    text = path.read_text(encoding="utf-8")
    loaded = (
        json.loads(text) if name.endswith(".json") or format == "json" else yaml.safe_load(text)
    )
    assert loaded == export_notice(page)

    if name.endswith((".yaml", ".json")):
        before = database_state()
        assert run("import_notice", str(path)).startswith("Unchanged: “Adoption”")
        assert database_state() == before
        assert read_notice_file(path) == export_notice(page)


def test_export_refuses_unknown_pages_and_pages_that_are_not_notices():
    index = make_notice_index(title="Privacy notices")
    with pytest.raises(CommandError, match="There is no page with id 9999."):
        run("export_notice", "9999")
    with pytest.raises(
        CommandError,
        match=f"Page {index.pk} \\(“Privacy notices”\\) is a privacy notice index, not a privacy",
    ):
        run("export_notice", str(index.pk))

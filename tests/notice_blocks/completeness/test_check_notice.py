"""The check_notice command on notice files and on notices of the site."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from notice_blocks.completeness.table import rules_table
from tests.utils import make_notice_page

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "tests" / "data" / "completeness"
COMPLETE = str(DATA / "complete.yaml")
GAPS = str(DATA / "gaps.yaml")
DEMO = Path(settings.BASE_DIR) / "cms" / "demo"
BOLTON = "cms/demo/bolton-childrens-social-care.yaml"
MANCHESTER = "cms/demo/manchester-childrens-social-care.yaml"

#: What the check finds in gaps.yaml: (article, severity, section id) of each line, in order.
GAPS_FOUND = [
    ("dpo-contact", "Art 13(1)(b)", "required", None),
    ("recipients", "Art 13(1)(e)", "required", None),
    ("retention", "Art 13(2)(a)", "required", None),
    ("transfers", "Art 13(1)(f)", "advised", None),
    ("requirement", "Art 13(2)(e)", "advised", None),
    ("automated-decisions-stated", "Art 13(2)(f)", "advised", None),
    ("special-category-condition", "Art 9(1), Art 9(2)", "required", "lawful-basis"),
    ("right-to-object", "Art 13(2)(b), Art 21(4)", "required", "rights"),
    ("portability-without-basis", "Art 20(1)", "required", "rights"),
]

#: What the check finds in the two demo notices, councils' real notices: (rule, article,
#: severity, section id).
DEMO_FOUND = {
    BOLTON: [
        ("transfers", "Art 13(1)(f)", "advised", None),
        ("special-category-condition", "Art 9(1), Art 9(2)", "required", "lawful-basis"),
    ],
    MANCHESTER: [
        ("transfers", "Art 13(1)(f), Art 14(1)(f)", "advised", None),
        ("automated-decisions-stated", "Art 13(2)(f), Art 14(2)(g)", "advised", None),
        ("publicly-available-sources", "Art 14(2)(f)", "required", "sources"),
        ("portability-without-basis", "Art 20(1)", "required", "rights"),
    ],
}


def check(*args) -> tuple[int, str, str]:
    """Run check_notice; its exit status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_notice", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def parsed(json_output: str) -> list[tuple]:
    return [
        (item["rule"], item["article"], item["severity"], item["section_id"])
        for item in json.loads(json_output)
    ]


def written(tmp_path: Path, name: str, change) -> str:
    """A copy of complete.yaml changed by ``change`` (a function of its data)."""
    data = yaml.safe_load(Path(COMPLETE).read_text())
    change(data["notice"])
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return str(path)


def test_a_complete_notice_finds_nothing_and_exits_0():
    status, out, err = check(COMPLETE)
    assert (status, out) == (0, "")
    assert err == "1 notice checked; findings: required 0, advised 0, reminder 0\n"


def test_text_output_is_one_line_per_finding_and_exits_1():
    status, out, err = check(GAPS)
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == len(GAPS_FOUND)
    for line, (_rule, article, severity, section_id) in zip(lines, GAPS_FOUND, strict=True):
        assert line.startswith(f"{GAPS}: {article}: {severity}: ")
        assert line.endswith(f" [section {section_id}]" if section_id else ".")
    assert lines[0] == (
        f"{GAPS}: Art 13(1)(b): required: The notice does not give the contact details of "
        "your data protection officer. Choose the data protection officer in the notice’s "
        "shared details, and add a “Data protection officer” contact to the “Contacts” section."
    )
    assert err == "1 notice checked; findings: required 6, advised 3, reminder 0\n"


def test_json_output_lists_every_finding_with_its_file():
    status, out, _err = check(GAPS, COMPLETE, "--format", "json")
    assert status == 1
    findings = json.loads(out)
    assert parsed(out) == GAPS_FOUND
    assert {item["file"] for item in findings} == {GAPS}
    assert set(findings[-1]) == {
        "file",
        "rule",
        "article",
        "severity",
        "message",
        "section_id",
        "field",
    }
    assert findings[-1]["field"] == "rights"
    assert findings[-1]["message"].startswith("The rights listed include the “Right to data")


def test_advised_findings_alone_exit_0(tmp_path):
    path = written(
        tmp_path,
        "no-transfers.yaml",
        lambda notice: notice.update(body=[s for s in notice["body"] if s["type"] != "transfers"]),
    )
    status, out, _err = check(path)
    assert status == 0
    assert out == (
        f"{path}: Art 13(1)(f), Art 14(1)(f): advised: The notice does not say whether personal "
        "information is sent outside the UK. Add the “Transfers outside the UK” section listing "
        "the transfers and their safeguards, or say there that you do not transfer information "
        "outside the UK.\n"
    )


def test_a_notice_for_children_gets_a_reminder(tmp_path):
    path = written(tmp_path, "children.yaml", lambda notice: notice.update(for_children=True))
    status, out, _err = check(path, "--format", "json")
    assert status == 0
    assert parsed(out) == [("childrens-code", "Art 12(1)", "reminder", None)]


def test_a_file_that_does_not_validate_reports_its_problems_and_exits_2(tmp_path):
    def bad_basis(notice):
        notice["body"][3]["value"]["bases"][0]["provision"] = "art6-1-x"

    path = written(tmp_path, "bad.yaml", bad_basis)
    status, out, err = check(path, GAPS)
    assert status == 2
    # The other file is still checked.
    assert len(out.splitlines()) == len(GAPS_FOUND)
    problem = err.splitlines()[0]
    assert problem.startswith(f"{path}:")
    assert "notice.body[3].value.bases[0].provision" in problem
    assert "art6-1-x" in problem
    assert err.splitlines()[-1] == "1 notice checked; findings: required 6, advised 3, reminder 0"


def test_an_unreadable_file_exits_2(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("not a notice")
    status, out, err = check(str(path), "--format", "json")
    assert (status, json.loads(out)) == (2, [])
    assert err.startswith(f"{path}: Cannot read “.txt” files")


def test_notices_of_the_site_by_page_id():
    page = make_notice_page()
    status, out, _err = check("--page", str(page.pk), "--format", "json")
    findings = json.loads(out)
    assert findings and {item["page"] for item in findings} == {page.pk}
    assert status == (1 if any(item["severity"] == "required" for item in findings) else 0)
    section_ids = {child.id for child in page.body}
    assert {item["section_id"] for item in findings} <= section_ids | {None}

    status, out, _err = check("--page", str(page.pk))
    assert out.startswith(f"page {page.pk}: Art ")


def test_a_page_id_that_is_not_a_notice_exits_2():
    status, out, err = check("--page", "1")
    assert (status, out) == (2, "")
    assert err.startswith("page 1: there is no privacy notice with this id.")


def test_nothing_to_check_exits_2():
    status, _out, err = check()
    assert status == 2
    assert "Give notice files to check" in err


def test_rules_prints_the_table_of_rules():
    assert check("--rules") == (0, rules_table(), "")


@pytest.mark.parametrize("path", DEMO_FOUND)
def test_the_demo_notices_have_the_gaps_of_the_real_notices(path):
    status, out, _err = check(path, "--format", "json")
    assert status == 1
    assert parsed(out) == DEMO_FOUND[path]


def test_run_as_a_command_on_the_demo_notices(tmp_path):
    """``manage.py check_notice`` in a process of its own: its output and exit status."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
    }

    def manage(*args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert manage("migrate", "-v", "0").returncode == 0
    completed = manage("check_notice", BOLTON, MANCHESTER)
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    assert [line.split(": ")[:3] for line in lines] == [
        [path, article, severity]
        for path, found in DEMO_FOUND.items()
        for _rule, article, severity, _section in found
    ]
    assert completed.stderr == "2 notices checked; findings: required 3, advised 3, reminder 0\n"

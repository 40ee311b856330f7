"""The site works with PDFs or easy read versions left out of ``INSTALLED_APPS``.

Each site is made in processes of its own, on a fresh SQLite file: Django checks, no
migration missing, migrations applied, a notice imported and served.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

NOTICE = {
    "format": "privacy-notice",
    "format_version": 1,
    "notice": {
        "title": "Blue Badge parking permits",
        "slug": "blue-badges",
        "body": [{"type": "summary", "value": {"text": "<p>How we use your information.</p>"}}],
    },
}
EASY_READ = {
    "title": "Blue Badges: easy read",
    "body": [
        {
            "type": "section",
            "value": {
                "topic": "summary",
                "heading": "About this",
                "points": [{"picture": "council", "text": "We use your information."}],
            },
        }
    ],
}

#: Each site, with what its PDF route answers (the immediate task backend builds a PDF on
#: publishing) and whether it imports easy read versions.
SITES = {
    "tests.settings.without_easy_read": {"pdf_status": "200", "easy_read": False},
    "tests.settings.without_pdf": {"pdf_status": "404", "easy_read": True},
}


def run(settings_module: str, database: Path, *args: str) -> str:
    """``manage.py <args>`` in the site of ``settings_module``; its output, or a failure."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{database}",
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, f"manage.py {' '.join(args)}:\n{completed.stderr}"
    return completed.stdout


def test_a_site_with_neither_pdfs_nor_easy_read_checks_and_misses_no_migration(tmp_path):
    database = tmp_path / "site.sqlite3"
    assert "no issues" in run("tests.settings.core_only", database, "check")
    run("tests.settings.core_only", database, "makemigrations", "--check", "--dry-run")


@pytest.mark.parametrize("settings_module", SITES)
def test_a_site_without_an_optional_app_checks_migrates_imports_and_serves(
    settings_module, tmp_path
):
    expected = SITES[settings_module]
    database = tmp_path / "site.sqlite3"
    (tmp_path / "notice.yaml").write_text(yaml.safe_dump(NOTICE))
    with_easy_read = {**NOTICE, "notice": {**NOTICE["notice"], "easy_read": EASY_READ}}
    (tmp_path / "with-easy-read.yaml").write_text(yaml.safe_dump(with_easy_read))

    assert "no issues" in run(settings_module, database, "check")
    run(settings_module, database, "makemigrations", "--check", "--dry-run")
    run(settings_module, database, "migrate", "--no-input")
    command = f"from tests.site_probe import probe; probe({str(tmp_path)!r})"
    found = dict(
        line.split("=", 1)
        for line in run(settings_module, database, "shell", "-c", command).splitlines()
        if "=" in line
    )

    assert found["page_status"] == "200"
    assert found["pdf_status"] == expected["pdf_status"]
    if expected["easy_read"]:
        assert found["easy_read_import_error"] == ""
    else:
        assert found["easy_read_import_error"].startswith("notice.easy_read: ")
        assert "notice_blocks.easy_read, is not installed" in found["easy_read_import_error"]

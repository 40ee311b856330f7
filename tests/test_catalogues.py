"""The interface's gettext catalogues: complete, well formed and in step with the source."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.translation import to_locale

LANGUAGE_CODES = "cy pl ro pt pa ur ar bn zh-hans".split()

# The same folders the project's `makemessages` run leaves out.
MAKEMESSAGES_IGNORE = [".venv", "tests", "bench", "docs"]

PYTHON_FORMAT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")
BRACE_FORMAT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def po_path(code: str, root: Path | None = None) -> Path:
    """Where the catalogue of one language lives."""
    base = root if root is not None else settings.BASE_DIR / "locale"
    return base / to_locale(code) / "LC_MESSAGES" / "django.po"


def load_catalogue(code: str) -> polib.POFile:
    path = po_path(code)
    assert path.is_file(), f"{path} is missing"
    return polib.pofile(str(path))


def translations_of(entry: polib.POEntry) -> list[str]:
    """The msgstr of an entry, or each of its plural forms."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def placeholders(text: str, entry: polib.POEntry) -> set[str]:
    """The interpolation placeholders the entry's flags say the text uses."""
    found: set[str] = set()
    if "python-format" in entry.flags:
        found |= {p for p in PYTHON_FORMAT.findall(text.replace("%%", ""))}
    if "python-brace-format" in entry.flags:
        found |= set(BRACE_FORMAT.findall(text))
    return found


def entry_key(entry: polib.POEntry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    """What `makemessages` extracts from the current code, run in a copy of the project."""
    copy = tmp_path_factory.mktemp("project") / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "locale", "*.sqlite3"),
    )
    (copy / "locale").mkdir()
    command = [sys.executable, "manage.py", "makemessages", "--locale", "en", "--keep-pot"]
    command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    subprocess.run(command, cwd=copy, env=environment, check=True, capture_output=True)
    pot = polib.pofile(str(copy / "locale" / "django.pot"))
    assert len(pot) > 100
    return pot


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory) -> Path:
    """Every catalogue compiled with msgfmt, as `compilemessages` does, into a folder of its own."""
    root = tmp_path_factory.mktemp("locale")
    for code in LANGUAGE_CODES:
        source = po_path(code)
        if not source.is_file():
            continue
        target = po_path(code, root).with_suffix(".mo")
        target.parent.mkdir(parents=True)
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(target), str(source)],
            check=True,
            capture_output=True,
        )
    return root


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_exists_with_its_header(code):
    catalogue = load_catalogue(code)
    assert catalogue.metadata["Language"].replace("-", "_").lower() == to_locale(code).lower()
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]
    assert re.match(r"nplurals=\d+; plural=.+;?", catalogue.metadata["Plural-Forms"])
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_entry_is_translated(code):
    catalogue = load_catalogue(code)
    nplurals = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert entries
    assert [entry.msgid for entry in entries if "fuzzy" in entry.flags] == []
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    for entry in entries:
        forms = translations_of(entry)
        assert all(form.strip() for form in forms), entry.msgid
        if entry.msgid_plural:
            assert len(forms) == nplurals, entry.msgid


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_placeholders_and_markup_are_kept(code):
    catalogue = load_catalogue(code)
    for entry in catalogue:
        if entry.obsolete:
            continue
        expected = placeholders(entry.msgid, entry)
        allowed = expected | placeholders(entry.msgid_plural or "", entry)
        tags = sorted(HTML_TAG.findall(entry.msgid))
        for form in translations_of(entry):
            used = placeholders(form, entry)
            assert expected <= used, (entry.msgid, form)
            assert used <= allowed, (entry.msgid, form)
            assert sorted(HTML_TAG.findall(form)) == tags, (entry.msgid, form)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_has_every_string_the_code_marks(code, extracted):
    catalogue = load_catalogue(code)
    present = {entry_key(entry) for entry in catalogue if not entry.obsolete}
    missing = [entry.msgid for entry in extracted if entry_key(entry) not in present]
    assert missing == []


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_compiled_catalogue_translates_the_interface(code, compiled_locale):
    catalogue = load_catalogue(code)
    singular = [entry for entry in catalogue if not entry.obsolete and not entry.msgid_plural]
    with override_settings(LOCALE_PATHS=[compiled_locale]), translation.override(code):
        assert translation.get_language() == code
        assert translation.gettext("Summary") != "Summary"
        for entry in singular:
            if entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr

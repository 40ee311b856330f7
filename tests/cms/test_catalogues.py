"""The gettext catalogues: complete, well formed and each in step with its own source.

There are two trees: the app's (``notice_blocks/locale/``, whose compiled ``.mo`` files are
committed so that the package carries them) and the site's (``locale/``, for ``cms/`` and
``templates/``). Each is extracted as its maintainers do it: the app's by ``makemessages``
run inside the app without the site's settings, the site's from the top leaving the app out.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.translation import to_locale

LANGUAGE_CODES = "cy pl ro pt pa ur ar bn zh-hans".split()

APP = "app"
SITE = "site"
TREES = [APP, SITE]
CATALOGUES = [(tree, code) for tree in TREES for code in LANGUAGE_CODES]
CATALOGUE_IDS = [f"{tree}-{code}" for tree, code in CATALOGUES]

# The folders the site's `makemessages` run leaves out: the app has catalogues of its own.
SITE_MAKEMESSAGES_IGNORE = [".venv", "tests", "bench", "docs", "notice_blocks"]

PYTHON_FORMAT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")
BRACE_FORMAT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def app_folder() -> Path:
    """The app's folder, relative to the project."""
    return Path(apps.get_app_config("notice_blocks").path).relative_to(settings.BASE_DIR)


def locale_root(tree: str, project: Path | None = None) -> Path:
    """The catalogue tree of the app or of the site, in the project or in a copy of it."""
    base = project if project is not None else settings.BASE_DIR
    return base / app_folder() / "locale" if tree == APP else base / "locale"


def po_path(code: str, root: Path) -> Path:
    """Where the catalogue of one language lives in a catalogue tree."""
    return root / to_locale(code) / "LC_MESSAGES" / "django.po"


def load_catalogue(tree: str, code: str) -> polib.POFile:
    path = po_path(code, locale_root(tree))
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


def translation_table(entries) -> dict[tuple[str | None, str], str | dict]:
    """What a catalogue translates each message to, as a compiled catalogue holds it."""
    return {
        (entry.msgctxt, entry.msgid): dict(entry.msgstr_plural) or entry.msgstr
        for entry in entries
        if not entry.obsolete and "fuzzy" not in entry.flags
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, polib.POFile]:
    """What `makemessages` extracts for each tree from the current code, in a copy of it."""
    copy = tmp_path_factory.mktemp("project") / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "locale", "*.sqlite3"),
    )
    command = [sys.executable, "-m", "django", "makemessages", "--locale", "en", "--keep-pot"]
    site_environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    site_command = [*command, *(f"--ignore={pattern}" for pattern in SITE_MAKEMESSAGES_IGNORE)]
    # The app's strings are extracted without the site's settings, whose LOCALE_PATHS would
    # otherwise receive them.
    app_environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"
    }
    runs = {
        SITE: (site_command, copy, site_environment),
        APP: (command, copy / app_folder(), app_environment),
    }
    pots = {}
    for tree, (arguments, folder, environment) in runs.items():
        locale_root(tree, copy).mkdir()
        subprocess.run(arguments, cwd=folder, env=environment, check=True, capture_output=True)
        pots[tree] = polib.pofile(str(locale_root(tree, copy) / "django.pot"))
    assert len(pots[APP]) > 100
    assert len(pots[SITE]) > 10
    return pots


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory) -> dict[str, Path]:
    """Each tree compiled with msgfmt, as `compilemessages` does, into a folder of its own."""
    roots = {}
    for tree in TREES:
        roots[tree] = root = tmp_path_factory.mktemp(f"locale-{tree}")
        for code in LANGUAGE_CODES:
            source = po_path(code, locale_root(tree))
            if not source.is_file():
                continue
            target = po_path(code, root).with_suffix(".mo")
            target.parent.mkdir(parents=True)
            subprocess.run(
                ["msgfmt", "--check-format", "-o", str(target), str(source)],
                check=True,
                capture_output=True,
            )
    return roots


@pytest.mark.parametrize(("tree", "code"), CATALOGUES, ids=CATALOGUE_IDS)
def test_catalogue_exists_with_its_header(tree, code):
    catalogue = load_catalogue(tree, code)
    assert catalogue.metadata["Language"].replace("-", "_").lower() == to_locale(code).lower()
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]
    assert re.match(r"nplurals=\d+; plural=.+;?", catalogue.metadata["Plural-Forms"])
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize(("tree", "code"), CATALOGUES, ids=CATALOGUE_IDS)
def test_every_entry_is_translated(tree, code):
    catalogue = load_catalogue(tree, code)
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


@pytest.mark.parametrize(("tree", "code"), CATALOGUES, ids=CATALOGUE_IDS)
def test_placeholders_and_markup_are_kept(tree, code):
    catalogue = load_catalogue(tree, code)
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


@pytest.mark.parametrize(("tree", "code"), CATALOGUES, ids=CATALOGUE_IDS)
def test_catalogue_has_every_string_its_source_marks_and_no_other(tree, code, extracted):
    catalogue = load_catalogue(tree, code)
    present = {entry_key(entry) for entry in catalogue if not entry.obsolete}
    marked = {entry_key(entry) for entry in extracted[tree]}
    assert sorted(key[1] for key in marked - present) == []
    assert sorted(key[1] for key in present - marked) == []


@pytest.mark.parametrize(("tree", "code"), CATALOGUES, ids=CATALOGUE_IDS)
def test_compiled_catalogue_translates_the_interface(tree, code, compiled_locale):
    catalogue = load_catalogue(tree, code)
    singular = [entry for entry in catalogue if not entry.obsolete and not entry.msgid_plural]
    with override_settings(LOCALE_PATHS=[compiled_locale[tree]]), translation.override(code):
        assert translation.get_language() == code
        for entry in singular:
            if entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_committed_compiled_catalogue_of_the_app_matches_its_source(code):
    source = po_path(code, locale_root(APP))
    compiled = source.with_suffix(".mo")
    assert compiled.is_file(), f"{compiled} is missing: run `make messages`"
    expected = translation_table(polib.pofile(str(source)))
    assert translation_table(polib.mofile(str(compiled))) == expected, (
        f"{compiled} is out of date: run `make messages`"
    )


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_app_translates_itself_without_the_site_catalogues(code):
    catalogue = load_catalogue(APP, code)
    singular = [entry for entry in catalogue if not entry.obsolete and not entry.msgid_plural]
    with override_settings(LOCALE_PATHS=[]), translation.override(code):
        assert translation.gettext("Summary") != "Summary"
        for entry in singular:
            if entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr

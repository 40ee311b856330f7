"""Installing the app into a new Wagtail site, exactly as docs/installing.md says.

For each Wagtail version the package declares (the oldest and the newest, and every one the
guide promises), the test builds the wheel of the working tree, installs it with that Wagtail
into a clean virtualenv, makes a site with ``wagtail start``, adds the guide's ``# settings``
block to its settings and writes its ``# urls.py`` block over its URLs, then runs ``check``,
``migrate`` and ``import_notice``, and fetches the notice and its PDF through the site's own
Python. It makes its own site database, so it runs on SQLite only.

PyICU is compiled once per run and handed to every virtualenv; pip's cache keeps the other
downloads between runs.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.paths import PROJECT_DIR

pytestmark = pytest.mark.packaging

ROOT = PROJECT_DIR
GUIDE = ROOT / "docs" / "installing.md"
NOTICE_FILE = ROOT / "tests" / "data" / "notice_files" / "minimal.yaml"
NOTICE_TITLE = "Blue Badge parking permits"
#: The Wagtail series the guide says the app supports.
DOCUMENTED_WAGTAIL = ("7.0", "8.0")
#: The project name given to ``wagtail start`` in the guide.
PROJECT = "mysite"

INSTALL_TIMEOUT = 900
COMMAND_TIMEOUT = 300
#: What the wheel is not built from: the project's local state, and build leftovers anywhere.
LOCAL_STATE = {".git", ".venv", "media", "private", "static", "db.sqlite3", "test-results"}
BUILD_LEFTOVERS = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "build", "dist", "*.egg-info", ".pytest_cache", ".ruff_cache"
)


def not_in_build(folder: str, names: list[str]) -> set[str]:
    ignored = set(BUILD_LEFTOVERS(folder, names))
    if Path(folder) == ROOT:
        ignored |= LOCAL_STATE & set(names)
    return ignored


def declared_requirement(name: str) -> Requirement:
    """The requirement on ``name`` among the package's dependencies in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        if requirement.name.lower() == name.lower():
            return requirement
    raise LookupError(f"pyproject.toml declares no dependency on {name}")


def pinned_version(name: str) -> Version:
    """The version of ``name`` the project is developed with (requirements.txt)."""
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or not line[0].isalnum():
            continue  # a comment, or an option such as -r
        requirement = Requirement(line)
        if requirement.name.lower() == name.lower():
            (specifier,) = requirement.specifier
            return Version(specifier.version)
    raise LookupError(f"requirements.txt pins no version of {name}")


def wagtail_series() -> list[str]:
    """The Wagtail series to install: the oldest the package declares, those the guide
    promises, and the newest (the one the project is developed with)."""
    lower = [
        Version(spec.version)
        for spec in declared_requirement("wagtail").specifier
        if spec.operator in (">=", "==", "~=")
    ]
    newest = pinned_version("wagtail")
    series = [f"{v.major}.{v.minor}" for v in lower[:1]]
    series += [*DOCUMENTED_WAGTAIL, f"{newest.major}.{newest.minor}"]
    return sorted(set(series), key=Version)


# Running commands


def clean_environment() -> dict[str, str]:
    """The environment of the test run, less what points at the project's own site."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run(*command, cwd: Path, timeout: int = COMMAND_TIMEOUT) -> str:
    """Run ``command``; its output, or a failure that shows the command and all it printed."""
    command = [str(part) for part in command]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=clean_environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(
            f"`{' '.join(command)}` did not finish in {timeout} s\n"
            f"--- stdout ---\n{error.stdout or ''}\n--- stderr ---\n{error.stderr or ''}",
            pytrace=False,
        )
    if done.returncode != 0:
        pytest.fail(
            f"`{' '.join(command)}` (in {cwd}) exited with {done.returncode}\n"
            f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}",
            pytrace=False,
        )
    return done.stdout + done.stderr


# The guide


def guide_block(first_line: str) -> str:
    """The guide's one ```python block whose first line is ``first_line``."""
    blocks = re.findall(r"^```python\n(.*?)^```$", GUIDE.read_text(), re.DOTALL | re.MULTILINE)
    matching = [block for block in blocks if block.splitlines()[0].strip() == first_line]
    assert len(matching) == 1, f"{GUIDE.name} needs one ```python block headed {first_line!r}"
    return matching[0]


def guide_command(containing: str, python: Path) -> list[str]:
    """The guide's one ```sh block that holds ``containing``, as a command run with ``python``."""
    blocks = re.findall(r"^```sh\n(.*?)^```$", GUIDE.read_text(), re.DOTALL | re.MULTILINE)
    matching = [block for block in blocks if containing in block]
    assert len(matching) == 1, f"{GUIDE.name} needs one ```sh block with {containing!r}"
    command = shlex.split(matching[0])
    assert command[0] == "python", matching[0]
    return [str(python), *command[1:]]


def test_the_guide_has_a_settings_block_and_a_urls_block_only():
    blocks = re.findall(r"^```python\n(.*?)^```$", GUIDE.read_text(), re.DOTALL | re.MULTILINE)
    assert sorted(block.splitlines()[0] for block in blocks) == ["# settings", "# urls.py"]


def test_the_declared_wagtail_range_holds_every_documented_version():
    declared = declared_requirement("wagtail").specifier
    missing = [s for s in DOCUMENTED_WAGTAIL if not declared.contains(f"{s}.0")]
    assert not missing, (
        f"pyproject.toml declares wagtail{declared}, which leaves out Wagtail "
        f"{', '.join(missing)} that {GUIDE.name} says the app supports"
    )


# Installing


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel of the working tree, built from a copy of it (the tree gets no build files)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=not_in_build)
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        ".",
        "--no-deps",
        "-w",
        base / "dist",
        cwd=source,
        timeout=INSTALL_TIMEOUT,
    )
    (built,) = (base / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="session")
def pyicu_wheels(tmp_path_factory) -> Path:
    """A folder with PyICU built once, for every virtualenv of the run to install from."""
    folder = tmp_path_factory.mktemp("pyicu-wheels")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        str(declared_requirement("PyICU")),
        "--no-deps",
        "-w",
        folder,
        cwd=folder,
        timeout=INSTALL_TIMEOUT,
    )
    return folder


FETCH_SCRIPT = f"""
import json, os, sys
import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "{PROJECT}.settings.dev")
django.setup()
from django.test import Client

url = sys.argv[1]
client = Client()
page = client.get(url)
pdf = client.get(url + "pdf/")
pdf_body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
print("FETCHED", json.dumps({{
    "page": [page.status_code, page.content.decode("utf-8", "replace")],
    "pdf": [pdf.status_code, pdf["Content-Type"], pdf_body[:5].decode("latin-1")],
    "pdf_page": pdf_body.decode("utf-8", "replace") if pdf.status_code != 200 else "",
}}))
"""


@pytest.mark.parametrize("series", wagtail_series(), ids=lambda s: f"wagtail-{s}")
def test_a_new_wagtail_site_serves_a_notice_and_its_pdf(series, wheel, pyicu_wheels, tmp_path):
    declared = declared_requirement("wagtail").specifier
    assert declared.contains(f"{series}.0"), (
        f"pyproject.toml declares wagtail{declared}: Wagtail {series} cannot be installed"
    )
    settings_block = guide_block("# settings")
    urls_block = guide_block("# urls.py")

    # A clean virtualenv with the wheel and this Wagtail.
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        python,
        "-m",
        "pip",
        "install",
        "--find-links",
        pyicu_wheels,
        wheel,
        f"wagtail=={series}.*",
        cwd=tmp_path,
        timeout=INSTALL_TIMEOUT,
    )

    # A new site, with the guide's settings and URLs.
    site = tmp_path / "site"
    site.mkdir()
    run(venv / "bin" / "wagtail", "start", PROJECT, site, cwd=tmp_path)
    base_settings = site / PROJECT / "settings" / "base.py"
    base_settings.write_text(base_settings.read_text() + "\n\n" + settings_block)
    (site / PROJECT / "urls.py").write_text(urls_block)

    checked = run(python, "manage.py", "check", cwd=site)
    assert "notice_blocks" not in checked, checked
    run(python, "manage.py", "migrate", "--no-input", cwd=site)
    made = run(*guide_command("NoticeIndexPage", python), cwd=site)
    index_ids = re.findall(r"^(\d+)$", made, re.MULTILINE)
    assert index_ids, made
    index_id = index_ids[-1]
    imported = run(
        python, "manage.py", "import_notice", "--parent", index_id, NOTICE_FILE, cwd=site
    )
    found = re.search(rf"Created: “{NOTICE_TITLE}” \(id \d+\) (\S+)", imported)
    assert found, imported
    url = found.group(1)
    if "ImmediateBackend" not in settings_block:
        run(python, "manage.py", "build_notice_pdfs", "--all", cwd=site)

    output = run(python, "-c", FETCH_SCRIPT, url, cwd=site)
    fetched = json.loads(output.split("FETCHED ", 1)[1].splitlines()[0])
    status, html = fetched["page"]
    assert status == 200, html[:2000]
    assert NOTICE_TITLE in html
    status, content_type, start = fetched["pdf"]
    assert (status, content_type, start) == (200, "application/pdf", "%PDF-"), fetched["pdf_page"]

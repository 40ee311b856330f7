"""The app's modules import each other one way: sub-apps depend on the core, never back.

Read from ``scripts/import-graph``, which prints each module's imports of the package.
"""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

SUB_APPS = (
    "notice_blocks.pdf",
    "notice_blocks.easy_read",
    "notice_blocks.versions",
    "notice_blocks.review",
    "notice_blocks.page_cache",
)
#: The one module of a sub-app that may import another sub-app (the pdf app), where its app's
#: ``ready`` asks for it; sub-apps import nothing else of each other.
PDF_MODULES = {
    "notice_blocks.easy_read": "notice_blocks.easy_read.pdf_version",
    "notice_blocks.versions": "notice_blocks.versions.pdfs",
    "notice_blocks.page_cache": "notice_blocks.page_cache.pdfs",
}


def import_graph() -> tuple[dict[str, set[str]], subprocess.CompletedProcess]:
    root = Path(settings.BASE_DIR)
    completed = subprocess.run(
        [sys.executable, str(root / "scripts" / "import-graph"), str(root / "notice_blocks")],
        capture_output=True,
        text=True,
        check=False,
    )
    graph = {}
    for line in completed.stdout.splitlines():
        module, _, targets = line.partition(" -> ")
        graph[module] = set(targets.split(", "))
    return graph, completed


def within(module: str, app: str) -> bool:
    return module == app or module.startswith(f"{app}.")


def test_no_modules_import_each_other_in_a_cycle():
    _graph, completed = import_graph()
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""


def test_the_core_imports_nothing_from_the_sub_apps():
    graph, _completed = import_graph()
    core_imports = {
        (module, target)
        for module, targets in graph.items()
        if not any(within(module, app) for app in SUB_APPS)
        for target in targets
        if any(within(target, app) for app in SUB_APPS)
    }
    assert core_imports == set()


def test_sub_apps_import_each_other_only_where_one_uses_pdfs():
    graph, _completed = import_graph()
    across = {
        (app, target_app, module)
        for module, targets in graph.items()
        for app in SUB_APPS
        if within(module, app)
        for target in targets
        for target_app in SUB_APPS
        if target_app != app and within(target, target_app)
    }
    assert across == {(app, "notice_blocks.pdf", module) for app, module in PDF_MODULES.items()}
    # Nothing imports those modules: their apps' ``ready`` load them when the pdf app is there.
    assert not any(set(PDF_MODULES.values()) & targets for targets in graph.values())


def test_the_script_reports_a_cycle(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f():\n    from .a import x\n")
    script = Path(settings.BASE_DIR) / "scripts" / "import-graph"
    completed = subprocess.run(
        [sys.executable, str(script), str(package)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert "Cycle: package.a <-> package.b" in completed.stderr

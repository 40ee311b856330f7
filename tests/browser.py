"""Drive Debian's Chromium through Playwright, and check pages with axe-core."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# WCAG 2.2 AA, as GDS monitors public sector sites, with the 2.0 and 2.1 rules it includes.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def axe_violations(page: Page) -> list[dict]:
    """The WCAG 2.2 AA violations axe-core finds on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    """Violations as a reader wants them in a failed test: rule, impact, help and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"  at {', '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
    return "\n".join(lines)


def active_element_id(page: Page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def has_horizontal_scroll(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def visit(page, live_server, path: str):
    response = page.goto(live_server.url + path)
    assert response.status == 200, f"{path}: {response.status}"
    return page


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, "axe-core found:\n" + describe_violations(violations)

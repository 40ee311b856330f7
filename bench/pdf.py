"""Benchmark notice PDFs: WeasyPrint against a warm Chromium page and the Chromium command line.

Run with ``make bench`` (through ``bench/run.py``) or alone:
``.venv/bin/python bench/pdf.py [--runs N] [--json PATH]``. In a throwaway SQLite database
and PDF folder, the script loads the demo notices and makes a notice of twice the Bolton
notice's sections (its 12-page twin), then for each notice and print variant measures, in
one run:

- WeasyPrint: ``render_notice_pdf`` in this process, after ``warm_up()`` and one render, as
  a warm worker renders (median wall clock and CPU time of N runs);
- a warm Chromium page: Chromium launched once through Playwright, one page reused,
  ``page.set_content(html)`` then ``page.pdf()`` of the same HTML and stylesheets, tagged
  (``tagged=True``, what PDF/UA needs) and untagged (the default). Each WeasyPrint run is
  followed by one run of each, so that the three share the machine's load, and the notices
  and variants are taken in turn run by run, so that each is measured under the same load
  (a shared machine's speed drifts within minutes) and in the same state of the process.
  The CPU time of the tagged run, summed over Chromium's processes and Playwright's driver,
  is compared with WeasyPrint's CPU time too: on a busy machine it moves less than the wall
  clock;
- the Chromium command line (``chromium --headless --print-to-pdf``): a new browser for each
  PDF, as a server calling the command line would;
- the 6-page notice stripped down: its HTML with no stylesheet but its paper's (A4, its
  margins), and its text alone (a paragraph each), laid out untagged by plain
  ``weasyprint.HTML(...).write_pdf()``, against the warm Chromium page printing the same HTML
  untagged, and against the warm Chromium page's time for the whole notice (the goal's
  divisor). However the notice's PDF is styled and tagged, its text has to be laid out: the
  text alone's time over Chromium's for the whole notice is about the least the goal's ratio
  can be;
- the pages of each PDF, and memory: the growth of peak resident memory of a fresh process
  rendering once with WeasyPrint, and the memory of the warm Chromium's processes after the
  runs (the sum of their proportional set sizes, each shared page counted once).

Figures depend on the machine and its load; the load average is printed and written with
them. Prefer the ratios, which compare measures taken side by side.
"""

import argparse
import html as html_module
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SIX_PAGES = "bolton-childrens-social-care"
TWELVE_PAGES = "bolton-childrens-social-care-twice"
DEFAULT_VARIANTS = ("standard", "large-print")


@dataclass
class Case:
    """One notice in one print variant, and what was measured of it."""

    slug: str
    variant: str
    weasyprint: list[float] = field(default_factory=list)
    weasyprint_cpu: list[float] = field(default_factory=list)
    chromium_tagged: list[float] = field(default_factory=list)
    chromium_tagged_cpu: list[float] = field(default_factory=list)
    chromium_untagged: list[float] = field(default_factory=list)
    chromium_cli: list[float] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    weasyprint_rss_growth: int = 0

    def median(self, name: str) -> float | None:
        values = getattr(self, name)
        return statistics.median(values) if values else None

    def ratio(self, name: str) -> float | None:
        other = self.median(name)
        return self.median("weasyprint") / other if other else None


@dataclass
class Stripped:
    """The 6-page notice stripped down, laid out by both renderers untagged."""

    name: str
    description: str
    html: str
    weasyprint: list[float] = field(default_factory=list)
    chromium: list[float] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)

    def median(self, name: str) -> float | None:
        values = getattr(self, name)
        return statistics.median(values) if values else None

    def same_html_ratio(self) -> float | None:
        """WeasyPrint's time / Chromium's, for this same stripped HTML."""
        chromium = self.median("chromium")
        return self.median("weasyprint") / chromium if chromium else None

    def ratio_to(self, whole_notice: float | None) -> float | None:
        """WeasyPrint's time for this HTML / Chromium's for the whole notice (tagged)."""
        return self.median("weasyprint") / whole_notice if whole_notice else None


# Django and the notices -------------------------------------------------------------------


def setup_django(workdir: Path) -> None:
    """Point Django at a throwaway database and PDF folder, then set it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["NOTICE_PDF_ROOT"] = str(workdir / "notice-pdfs")
    os.environ["NOTICE_TASK_BACKEND"] = "immediate"
    # Playwright's synchronous API runs an event loop in this thread, which Django takes for
    # an asynchronous context; the renders here are synchronous, one at a time.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"


def load_notices() -> None:
    """The demo notices, and the Bolton notice's twin with each section twice."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_notices", stdout=io.StringIO())
    bolton = notice(SIX_PAGES)
    twin = bolton.copy(
        update_attrs={"slug": TWELVE_PAGES, "title": f"{bolton.title} (twice)"},
        keep_live=False,
        copy_revisions=False,
        log_action=None,
    )
    sections = list(bolton.body.raw_data)
    again = [{**section, "id": f"{section['id']}-again"} for section in sections]
    twin.body = sections + again
    twin.save_revision().publish()


def notice(slug: str):
    from django.conf import settings

    from notice_blocks.models import NoticePage

    return NoticePage.objects.get(slug=slug, locale__language_code=settings.LANGUAGE_CODE)


def page_count(data: bytes) -> int:
    from pdfminer.pdfpage import PDFPage

    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))


def render(slug: str, variant: str) -> bytes:
    from django.utils import translation

    from notice_blocks.pdf.rendering import render_notice_pdf

    page = notice(slug)
    with translation.override(page.locale.language_code):
        return render_notice_pdf(page, variant)


def chromium_html(slug: str, variant: str) -> str:
    """The HTML WeasyPrint lays out, with the same stylesheets inlined for Chromium."""
    from django.utils import translation

    from notice_blocks.pdf.fetcher import static_file_path
    from notice_blocks.pdf.rendering import generated_content_css, render_notice_html
    from notice_blocks.pdf.variants import get_variant

    page = notice(slug)
    with translation.override(page.locale.language_code):
        html = render_notice_html(page, variant)
        stylesheets = get_variant(variant).stylesheets
        css = [Path(static_file_path(name)).read_text() for name in stylesheets]
        css.append(generated_content_css())
    styles = "".join(f"<style>{text}</style>" for text in css)
    return html.replace("</head>", f"{styles}</head>", 1)


# Only the page size and margins of the notice's PDF, for both renderers.
PAPER = "<style>@page { size: A4; margin: 20mm 20mm 24mm; }</style>"


class _Paragraphs(HTMLParser):
    """The paragraphs of a document's body: its text between block-level tags, in order,
    outside ``<head>``, styles and scripts."""

    SKIPPED = frozenset({"head", "style", "script", "title"})
    BLOCKS = frozenset(
        {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "dt", "dd", "br"}
        | {"section", "article", "header", "footer", "nav", "ul", "ol", "dl", "table", "tr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.language = "en"
        self._skipping = 0
        self._runs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.language = dict(attrs).get("lang") or self.language
        if tag in self.SKIPPED:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1
        elif tag in self.BLOCKS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._runs.append(data)

    def end_paragraph(self) -> None:
        text = " ".join("".join(self._runs).split())
        if text:
            self.paragraphs.append(text)
        self._runs = []


def text_only_html(html: str) -> str:
    """The document's text alone, a ``<p>`` per paragraph, in the document's language."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.end_paragraph()
    paragraphs = "".join(f"<p>{html_module.escape(text)}</p>" for text in parser.paragraphs)
    return (
        f'<!doctype html><html lang="{html_module.escape(parser.language)}">'
        f"<head><title>Notice</title>{PAPER}</head><body>{paragraphs}</body></html>"
    )


def stripped_notices() -> list[Stripped]:
    """The 6-page notice with no stylesheet but its paper's, and its text alone."""
    from django.utils import translation

    from notice_blocks.pdf.rendering import render_notice_html

    page = notice(SIX_PAGES)
    with translation.override(page.locale.language_code):
        unstyled = render_notice_html(page, "standard").replace("</head>", f"{PAPER}</head>", 1)
    return [
        Stripped("unstyled", "the notice's HTML, no stylesheet but its paper", unstyled),
        Stripped("text_only", "its text alone, a paragraph each", text_only_html(unstyled)),
    ]


# Measures ---------------------------------------------------------------------------------


def timed(call) -> tuple[float, float, object]:
    started, started_cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - started, time.process_time() - started_cpu, result


def chromium_printer(case: Case, browser_page) -> Callable[[bool], bytes] | None:
    """A function printing the case's HTML on the warm Chromium page, tagged or not."""
    if browser_page is None:
        return None
    html = chromium_html(case.slug, case.variant)

    def print_pdf(tagged: bool) -> bytes:
        browser_page.set_content(html)
        return browser_page.pdf(prefer_css_page_size=True, print_background=True, tagged=tagged)

    return print_pdf


def measure_warm(cases: list[Case], browser_page, runs: int) -> None:
    """WeasyPrint and the warm Chromium page, one run of each in turn, and the cases in turn
    run by run: the cases' medians, and so the 12 ÷ 6 pages ratio, come from the same stretch
    of the machine's time and the same state of the process."""
    printers = [(case, chromium_printer(case, browser_page)) for case in cases]
    for case, chromium in printers:  # warm-up
        case.pages["weasyprint"] = page_count(render(case.slug, case.variant))
        if chromium is not None:
            case.pages["chromium"] = page_count(chromium(True))
            chromium(False)
    for _ in range(runs):
        for case, chromium in printers:
            wall, cpu, _ = timed(partial(render, case.slug, case.variant))
            case.weasyprint.append(wall)
            case.weasyprint_cpu.append(cpu)
            if chromium is None:
                continue
            processes = chromium_processes()
            cpu_before = cpu_seconds(processes)
            wall, driver_cpu, _ = timed(partial(chromium, True))
            case.chromium_tagged.append(wall)
            case.chromium_tagged_cpu.append(cpu_seconds(processes) - cpu_before + driver_cpu)
            case.chromium_untagged.append(timed(partial(chromium, False))[0])


def measure_stripped(stripped: Stripped, browser_page, runs: int) -> None:
    """Plain WeasyPrint and the warm Chromium page, untagged, one run of each in turn."""
    import weasyprint

    from notice_blocks.pdf.rendering import collection_deferred
    from notice_blocks.pdf.reuse import font_configuration

    def plain_weasyprint() -> bytes:
        with collection_deferred():  # as the notice's own render
            document = weasyprint.HTML(string=stripped.html)
            return document.write_pdf(font_config=font_configuration())

    def chromium() -> bytes:
        browser_page.set_content(stripped.html)
        return browser_page.pdf(prefer_css_page_size=True, print_background=True)

    stripped.pages = {
        "weasyprint": page_count(plain_weasyprint()),
        "chromium": page_count(chromium()),
    }
    for _ in range(runs):
        stripped.weasyprint.append(timed(plain_weasyprint)[0])
        stripped.chromium.append(timed(chromium)[0])


def measure_cli(case: Case, workdir: Path, runs: int) -> None:
    """``chromium --headless --print-to-pdf``, a new browser each time (after one warm-up)."""
    source = workdir / f"{case.slug}-{case.variant}.html"
    source.write_text(chromium_html(case.slug, case.variant), encoding="utf-8")
    target = workdir / f"{case.slug}-{case.variant}-cli.pdf"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--user-data-dir={workdir / 'chromium-cli-profile'}",
        f"--print-to-pdf={target}",
        source.as_uri(),
    ]
    for run in range(runs + 1):
        target.unlink(missing_ok=True)
        wall, _, _ = timed(lambda: subprocess.run(command, capture_output=True, timeout=120))
        if run:  # the first run is the warm-up
            case.chromium_cli.append(wall)
    case.pages["chromium_cli"] = page_count(target.read_bytes())


def peak_rss(pid: int | str = "self") -> int:
    """Peak resident memory (VmHWM) of process ``pid`` in bytes; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def chromium_processes() -> list[int]:
    """The Chromium processes (and Playwright's driver) this process started."""
    found = []
    for pid in descendants(os.getpid()):
        try:
            name = Path(f"/proc/{pid}/comm").read_text()
        except OSError:
            continue
        if "chrom" in name or "node" in name:
            found.append(pid)
    return found


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time (user and system) the processes ``pids`` have used so far."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def chromium_pss() -> int:
    """Memory of the Chromium processes this process started, in bytes: the sum of their
    proportional set sizes (Linux), each shared page counted once across them."""
    total = 0
    for pid in descendants(os.getpid()):
        try:
            if "chrom" not in Path(f"/proc/{pid}/comm").read_text():
                continue
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    return total


def rss_of_one_render(workdir: Path, slug: str, variant: str) -> int:
    """Peak RSS growth (bytes) of a fresh process that sets Django up and renders once."""
    output = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(workdir), slug, variant],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    return json.loads(output.splitlines()[-1])["rss_growth"]


def rss_child(workdir: Path, slug: str, variant: str) -> None:
    setup_django(workdir)
    notice(slug)  # the database and models are loaded before the baseline
    before = peak_rss()
    render(slug, variant)
    print(json.dumps({"rss_growth": peak_rss() - before}))


# Report -----------------------------------------------------------------------------------


def fmt(value: float | None, spec: str = ".3f") -> str:
    return "n/a" if value is None else format(value, spec)


def pages_text(pages: dict[str, int]) -> str:
    """WeasyPrint's page count / Chromium's."""
    return "/".join(str(pages.get(key, "?")) for key in ("weasyprint", "chromium"))


def cpu_ratio(case: Case) -> float | None:
    chromium = case.median("chromium_tagged_cpu")
    return case.median("weasyprint_cpu") / chromium if chromium else None


def print_table(cases: list[Case]) -> None:
    header = (
        f"{'notice':36} {'variant':11} {'pages':>5} {'weasy s':>8} {'cpu s':>6} "
        f"{'tagged s':>8} {'ratio':>6} {'cpu s':>6} {'ratio':>6} {'untag s':>8} {'ratio':>6} "
        f"{'cli s':>6} {'ratio':>6} "
        f"{'RSS MiB':>7}"
    )
    print(header)
    print("-" * len(header))
    for case in cases:
        pages = pages_text(case.pages)
        print(
            f"{case.slug:36} {case.variant:11} {pages:>5} {fmt(case.median('weasyprint')):>8} "
            f"{fmt(case.median('weasyprint_cpu')):>6} "
            f"{fmt(case.median('chromium_tagged')):>8} "
            f"{fmt(case.ratio('chromium_tagged'), '.2f'):>6} "
            f"{fmt(case.median('chromium_tagged_cpu')):>6} {fmt(cpu_ratio(case), '.2f'):>6} "
            f"{fmt(case.median('chromium_untagged')):>8} "
            f"{fmt(case.ratio('chromium_untagged'), '.2f'):>6} "
            f"{fmt(case.median('chromium_cli')):>6} {fmt(case.ratio('chromium_cli'), '.2f'):>6} "
            f"{case.weasyprint_rss_growth / 2**20:>7.0f}",
            flush=True,
        )
    print(
        "\npages: WeasyPrint's / Chromium's; weasy s, cpu s: median wall clock and CPU time of"
        "\n  render_notice_pdf in a warm process; tagged s, untag s: median wall clock of"
        "\n  set_content + pdf on a warm Chromium page, tagged=True and the default, and the"
        "\n  CPU time of all Chromium's processes and Playwright's driver for the tagged one"
        "\n  (against WeasyPrint's CPU time: the ratio least moved by the load); cli s:"
        "\n  chromium --headless --print-to-pdf, a new browser each run; ratio: WeasyPrint's"
        "\n  time / the one before it; RSS MiB: peak resident memory growth of a fresh process"
        "\n  rendering once with WeasyPrint"
    )


def print_stripped(notices: list[Stripped], whole_notice: float | None) -> None:
    header = (
        f"{'6-page notice, stripped (untagged)':44} {'pages':>5} {'weasy s':>8} "
        f"{'chrome s':>8} {'ratio':>6} {'whole':>6}"
    )
    print(f"\n{header}\n{'-' * len(header)}")
    for stripped in notices:
        pages = pages_text(stripped.pages)
        print(
            f"{stripped.description:44} {pages:>5} {fmt(stripped.median('weasyprint')):>8} "
            f"{fmt(stripped.median('chromium')):>8} {fmt(stripped.same_html_ratio(), '.2f'):>6} "
            f"{fmt(stripped.ratio_to(whole_notice), '.2f'):>6}"
        )
    print(
        "\nweasy s: plain weasyprint.HTML(...).write_pdf() with this process's fonts, on A4 with"
        "\n  the notice's margins; chrome s: set_content + pdf of the same HTML on the warm"
        "\n  Chromium page; ratio: WeasyPrint's time / Chromium's for the same HTML; whole:"
        "\n  WeasyPrint's time / the warm Chromium page's for the whole notice, tagged (the"
        "\n  goal's divisor). However its PDF is styled and tagged, the notice's text has to be"
        "\n  laid out: its text alone's 'whole' is about the least the goal's ratio can be"
    )


def figures(
    cases: list[Case], stripped: list[Stripped], runs: int, load: dict, chromium_memory: int
) -> dict:
    by_key = {(case.slug, case.variant): case for case in cases}
    six, twelve = by_key.get((SIX_PAGES, "standard")), by_key.get((TWELVE_PAGES, "standard"))

    def rounded(value: float | None, digits: int = 3) -> float | None:
        return None if value is None else round(value, digits)

    result = {
        "weasyprint_vs_warm_chromium_6_pages": rounded(six.ratio("chromium_tagged")),
        "weasyprint_vs_warm_chromium_untagged_6_pages": rounded(six.ratio("chromium_untagged")),
        "weasyprint_vs_chromium_cli": rounded(six.ratio("chromium_cli")),
        "weasyprint_vs_warm_chromium_cpu_6_pages": rounded(
            six.median("weasyprint_cpu") / six.median("chromium_tagged_cpu")
            if six.median("chromium_tagged_cpu")
            else None
        ),
        "weasyprint_6_pages_seconds": rounded(six.median("weasyprint")),
        "weasyprint_6_pages_cpu_seconds": rounded(six.median("weasyprint_cpu")),
        "warm_chromium_tagged_6_pages_seconds": rounded(six.median("chromium_tagged")),
        "warm_chromium_tagged_6_pages_cpu_seconds": rounded(six.median("chromium_tagged_cpu")),
        "warm_chromium_untagged_6_pages_seconds": rounded(six.median("chromium_untagged")),
        "chromium_cli_6_pages_seconds": rounded(six.median("chromium_cli")),
        "weasyprint_render_rss_mib": rounded(six.weasyprint_rss_growth / 2**20, 1),
        "warm_chromium_pss_mib": rounded(chromium_memory / 2**20, 1) if chromium_memory else None,
    }
    if twelve is not None:
        result["twelve_vs_six_pages"] = rounded(
            twelve.median("weasyprint") / six.median("weasyprint")
        )
        result["twelve_vs_six_pages_cpu"] = rounded(
            twelve.median("weasyprint_cpu") / six.median("weasyprint_cpu")
        )
        result["weasyprint_12_pages_seconds"] = rounded(twelve.median("weasyprint"))
        result["weasyprint_vs_warm_chromium_12_pages"] = rounded(twelve.ratio("chromium_tagged"))
    for notice_stripped in stripped:
        name = notice_stripped.name
        result[f"weasyprint_{name}_vs_warm_chromium_6_pages"] = rounded(
            notice_stripped.ratio_to(six.median("chromium_tagged"))
        )
        result[f"weasyprint_{name}_vs_chromium_same_html"] = rounded(
            notice_stripped.same_html_ratio()
        )
        result[f"weasyprint_{name}_6_pages_seconds"] = rounded(notice_stripped.median("weasyprint"))
    result["settings"] = {"runs": runs, **load}
    result["cases"] = [
        {
            "notice": case.slug,
            "variant": case.variant,
            "pages": case.pages,
            **{
                f"{name}_median_seconds": rounded(case.median(name))
                for name in (
                    "weasyprint",
                    "weasyprint_cpu",
                    "chromium_tagged",
                    "chromium_tagged_cpu",
                    "chromium_untagged",
                    "chromium_cli",
                )
            },
            "weasyprint_rss_growth_mib": rounded(case.weasyprint_rss_growth / 2**20, 1),
        }
        for case in cases
    ]
    return {key: value for key, value in result.items() if value is not None}


def run(workdir: Path, args: argparse.Namespace) -> dict:
    setup_django(workdir)
    import weasyprint

    from notice_blocks.pdf.rendering import warm_up

    load_notices()
    warm_up()
    chromium_version = (
        subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
        if Path(CHROMIUM).exists()
        else "not installed"
    )
    load_start = os.getloadavg()
    print(f"WeasyPrint {weasyprint.__version__}; {chromium_version}; {os.cpu_count()} CPUs")
    print(f"Median of {args.runs} runs after a warm-up; load average {load_start[0]:.2f}.\n")

    cases = [Case(slug, variant) for slug in (SIX_PAGES, TWELVE_PAGES) for variant in args.variants]
    stripped = []
    chromium_memory = 0
    browser_page = None
    playwright = browser = None
    if Path(CHROMIUM).exists() and not args.no_chromium:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        browser_page = browser.new_page()
        stripped = stripped_notices()
    try:
        measure_warm(cases, browser_page, args.runs)
        for notice_stripped in stripped:
            measure_stripped(notice_stripped, browser_page, args.runs)
        if browser_page is not None:
            chromium_memory = chromium_pss()
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
    for case in cases:
        if Path(CHROMIUM).exists() and not args.no_chromium:
            measure_cli(case, workdir, args.runs)
        case.weasyprint_rss_growth = rss_of_one_render(workdir, case.slug, case.variant)

    print_table(cases)
    if stripped:
        six = next(case for case in cases if (case.slug, case.variant) == (SIX_PAGES, "standard"))
        print_stripped(stripped, six.median("chromium_tagged"))
    load_end = os.getloadavg()
    load = {"load_average_start": list(load_start), "load_average_end": list(load_end)}
    result = figures(cases, stripped, args.runs, load, chromium_memory)
    print(
        f"\nWeasyPrint / warm Chromium page (tagged), 6 pages: "
        f"{fmt(result.get('weasyprint_vs_warm_chromium_6_pages'), '.2f')} wall clock, "
        f"{fmt(result.get('weasyprint_vs_warm_chromium_cpu_6_pages'), '.2f')} CPU time; "
        f"12 pages / 6 pages: {fmt(result.get('twelve_vs_six_pages'), '.2f')} wall clock, "
        f"{fmt(result.get('twelve_vs_six_pages_cpu'), '.2f')} CPU time; "
        f"the notice's text alone in WeasyPrint / the whole notice in the warm Chromium page: "
        f"{fmt(result.get('weasyprint_text_only_vs_warm_chromium_6_pages'), '.2f')}; "
        f"WeasyPrint / Chromium command line: "
        f"{fmt(result.get('weasyprint_vs_chromium_cli'), '.2f')}; "
        f"warm Chromium's processes: {fmt(result.get('warm_chromium_pss_mib'), '.0f')} MiB "
        "(proportional set size, after the runs); "
        f"load average {load_end[0]:.2f} at the end."
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure (default 5)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--variants",
        nargs="+",
        default=list(DEFAULT_VARIANTS),
        help=f"print variants to measure (default: {' '.join(DEFAULT_VARIANTS)})",
    )
    parser.add_argument("--no-chromium", action="store_true", help="measure WeasyPrint only")
    parser.add_argument("--rss-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        workdir, slug, variant = args.rss_child
        rss_child(Path(workdir), slug, variant)
        return
    if "standard" not in args.variants:
        parser.error("the standard variant is needed for the goals")
    args.runs = max(args.runs, 1)

    workdir = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        result = run(workdir, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

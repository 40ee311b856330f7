"""Run the benchmarks, check the goals, and compare with the previous run (``make bench``).

Each section runs in a process of its own, one after another, and writes its figures with
``--json``:

- ``pdf``: ``bench/pdf.py``, PDF rendering against a warm Chromium page and the Chromium
  command line, per page count;
- ``load``: ``bench/load.py``, pages and a stored PDF under load against a bare WSGI app on
  the same gunicorn;
- ``publish``: ``bench/publish.py``, publish to ready of a notice's 30 PDFs with two RQ
  workers.

The script then prints the goals as pass/fail and every figure of every section beside the
same figure of the previous result file, with the machine's CPU count and load average, and
writes all of it to ``bench/results/<UTC timestamp>.json``. A section whose script is missing
or fails is reported as such; the others still run. The exit status is 1 when a section did
not run through, whatever the goals say.
"""

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
RESULTS = BENCH / "results"
SECTION_TIMEOUT = 1800
# A change of a figure by more than this, the wrong way, is flagged as a regression.
REGRESSION = 0.10


@dataclass(frozen=True)
class Section:
    name: str
    script: str
    title: str


@dataclass(frozen=True)
class Goal:
    section: str
    key: str
    label: str
    limit: float
    higher_is_better: bool
    # A figure of the same section that is about the least the goal's figure can be, if any.
    bound_key: str | None = None
    bound_label: str = ""

    def passed(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit


SECTIONS = (
    Section("pdf", "pdf.py", "PDF rendering against Chromium"),
    Section("load", "load.py", "pages under load against a bare WSGI app"),
    Section("publish", "publish.py", "publish to ready with two RQ workers"),
)
GOALS = (
    Goal("load", "cached_notice_vs_bare", "cached notice page ≥ 0.5 × bare app's req/s", 0.5, True),
    Goal(
        "pdf",
        "weasyprint_vs_warm_chromium_6_pages",
        "6-page PDF ≤ 1.0 × a warm Chromium page's time",
        1.0,
        False,
        bound_key="weasyprint_text_only_vs_warm_chromium_6_pages",
        bound_label="WeasyPrint's time for the notice's text alone, unstyled and untagged",
    ),
    Goal("pdf", "twelve_vs_six_pages", "12-page PDF ≤ 2 × the 6-page PDF's time", 2.0, False),
    Goal(
        "publish",
        "publish_to_ready_seconds_30_pdfs",
        "30 PDFs of a 10-language notice ready in ≤ 30 s",
        30.0,
        False,
    ),
)


def higher_is_better(key: str) -> bool | None:
    """Which way a figure should move, from its name; None when the name does not say."""
    if key.endswith(("_vs_bare", "per_second")):
        return True
    if key.endswith(("_seconds", "_mib", "_ms")) or "_seconds_" in key:
        return False
    if key.startswith(("weasyprint_", "twelve_vs_")) and "_vs_" in key:
        return False
    return None


def figure(value) -> float | None:
    """A number to compare: the value itself, or the largest of a list of numbers.

    Mappings (a section's settings, its measures in full) are kept in the result file only.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list) and value and all(figure(item) is not None for item in value):
        return max(figure(item) for item in value)
    return None


def figures(section: dict) -> dict[str, float]:
    """The top-level figures of a section's results that can be compared."""
    found = {key: figure(value) for key, value in section.get("figures", {}).items()}
    return {key: value for key, value in found.items() if value is not None}


def run_section(section: Section, extra: list[str]) -> dict:
    """Run one section's script in its own process; its status, duration and figures."""
    script = BENCH / section.script
    if not script.exists():
        return {"status": "missing", "script": f"bench/{section.script}"}
    with tempfile.TemporaryDirectory(prefix="bench-run-") as workdir:
        output = Path(workdir) / f"{section.name}.json"
        command = [sys.executable, str(script), "--json", str(output), *extra]
        print(f"\n=== {section.name}: {section.title} ({shlex.join(command[1:])})\n", flush=True)
        started = time.perf_counter()
        try:
            completed = subprocess.run(command, cwd=PROJECT, timeout=SECTION_TIMEOUT)
            returncode = completed.returncode
        except subprocess.TimeoutExpired:
            returncode = None
        result = {
            "status": "ok",
            "script": f"bench/{section.script}",
            "seconds": round(time.perf_counter() - started, 1),
            "returncode": returncode,
        }
        if returncode != 0 or not output.exists():
            result["status"] = "timed out" if returncode is None else "failed"
            return result
        result["figures"] = json.loads(output.read_text())
        return result


def previous_results(before: str) -> tuple[str, dict] | None:
    """The latest result file named before ``before``, with its contents."""
    earlier = sorted(path for path in RESULTS.glob("*.json") if path.stem < before)
    if not earlier:
        return None
    return earlier[-1].name, json.loads(earlier[-1].read_text())


def git_state() -> dict:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=PROJECT, capture_output=True, text=True
        ).stdout.strip()

    return {
        "commit": git("rev-parse", "HEAD"),
        "changed_files": git("diff", "--name-only", "HEAD").splitlines(),
    }


def goal_lines(sections: dict) -> list[dict]:
    verdicts = []
    for goal in GOALS:
        section = figures(sections.get(goal.section, {}))
        value = section.get(goal.key)
        verdict = {
            "section": goal.section,
            "key": goal.key,
            "label": goal.label,
            "limit": goal.limit,
            "value": value,
            "passed": None if value is None else goal.passed(value),
        }
        if goal.bound_key:
            verdict["bound"] = {
                "key": goal.bound_key,
                "label": goal.bound_label,
                "value": section.get(goal.bound_key),
            }
        verdicts.append(verdict)
    return verdicts


def change(key: str, value: float, before: float | None) -> str:
    """How ``value`` moved from ``before``, flagged when it moved the wrong way."""
    if before is None:
        return "(no previous figure)"
    if before == 0:
        return f"(previously {before:g})"
    moved = (value - before) / abs(before)
    better = higher_is_better(key)
    flag = ""
    if better is not None and abs(moved) > REGRESSION:
        flag = "  better" if (moved > 0) == better else "  WORSE"
    return f"(previously {before:.4g}, {moved:+.0%}{flag})"


def python_loop_seconds(runs: int = 5) -> float:
    """The median CPU time of a fixed loop of Python: how fast this machine runs Python now.

    Shared machines speed up and slow down with their neighbours' work (on one, this loop
    took from 0.19 to 0.47 s within an hour): a figure that moved with it did not regress.
    """
    times = []
    for _ in range(runs):
        started = time.process_time()
        total = 0
        for number in range(3_000_000):
            total += number * number
        times.append(time.process_time() - started)
    return round(statistics.median(times), 3)


def speed_text(machine: dict, previous: tuple[str, dict] | None) -> str:
    """The fixed loop's times in this run, and in the previous run if it has them."""
    text = (
        f"a fixed Python loop took {machine['python_loop_seconds_start']} s of CPU at the "
        f"start and {machine['python_loop_seconds_end']} s at the end"
    )
    before = previous[1].get("machine", {}) if previous else {}
    if "python_loop_seconds_end" in before:
        text += (
            f" ({before['python_loop_seconds_start']} and {before['python_loop_seconds_end']} s"
            " in the previous run)"
        )
    return text


def print_summary(report: dict, previous: tuple[str, dict] | None) -> None:
    machine = report["machine"]
    print("\n=== Summary")
    print(
        f"{machine['cpu_count']} CPUs; load average (1, 5, 15 min) "
        f"{' '.join(f'{load:.2f}' for load in machine['load_average_start'])} at the start, "
        f"{' '.join(f'{load:.2f}' for load in machine['load_average_end'])} at the end; "
        f"{speed_text(machine, previous)}; "
        f"commit {report['git']['commit'][:12]}"
        + (
            f" with uncommitted changes to {len(report['git']['changed_files'])} files"
            if report["git"]["changed_files"]
            else ""
        )
    )
    print(f"Compared with: {previous[0] if previous else 'no previous result file'}\n")
    for verdict in report["goals"]:
        if verdict["value"] is None:
            status = report["sections"].get(verdict["section"], {}).get("status", "not run")
            state = "n/a " if status == "ok" else "MISSING"
            detail = f"{verdict['key']} not reported ({verdict['section']}: {status})"
        else:
            state = "PASS" if verdict["passed"] else "FAIL"
            detail = f"{verdict['key']} = {verdict['value']:.3g}"
        print(f"{state:7} {verdict['label']}: {detail}")
        bound = verdict.get("bound")
        if bound and bound["value"] is not None:
            print(
                f"{'':7}   at least about {bound['value']:.3g}: {bound['label']} ({bound['key']})"
            )
    before_sections = previous[1].get("sections", {}) if previous else {}
    for name, section in report["sections"].items():
        if section["status"] != "ok":
            exit_status = section.get("returncode")
            print(
                f"\n{name}: {section['status']} ({section['script']}"
                + ("" if exit_status is None else f", exit status {exit_status}")
                + ")"
            )
            continue
        print(f"\n{name} ({section['seconds']:.0f} s):")
        earlier = figures(before_sections.get(name, {}))
        for key, value in figures(section).items():
            print(f"  {key:40} {value:>10.4g}  {change(key, value, earlier.get(key))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sections",
        default=",".join(section.name for section in SECTIONS),
        help="the sections to run, comma-separated (default: all)",
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="SECTION=ARGS",
        help='more arguments for a section\'s script, e.g. load="--duration 5"',
    )
    parser.add_argument(
        "--no-save", action="store_true", help="do not write a file in bench/results/"
    )
    args = parser.parse_args()
    chosen = args.sections.split(",")
    unknown = set(chosen) - {section.name for section in SECTIONS}
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    extra: dict[str, list[str]] = {}
    for item in args.extra:
        name, _, values = item.partition("=")
        extra.setdefault(name, []).extend(shlex.split(values))

    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    load_start = os.getloadavg()
    loop_start = python_loop_seconds()
    sections = {
        section.name: run_section(section, extra.get(section.name, []))
        for section in SECTIONS
        if section.name in chosen
    }
    report = {
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "load_average_start": [round(load, 2) for load in load_start],
            "load_average_end": [round(load, 2) for load in os.getloadavg()],
            "python_loop_seconds_start": loop_start,
            "python_loop_seconds_end": python_loop_seconds(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "git": git_state(),
        "sections": sections,
    }
    report["goals"] = goal_lines(sections)
    previous = previous_results(stamp)
    print_summary(report, previous)
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{stamp}.json"
        path.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nWritten to {path.relative_to(PROJECT)}")
    if any(section["status"] != "ok" for section in sections.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()

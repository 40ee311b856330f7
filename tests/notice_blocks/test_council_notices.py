"""Councils' own notices, written as an editor would, read back as residents get them.

Each notice of ``tests/data/council_notices`` is a notice file (``<name>.yaml``) and the text
the council publishes (``<name>.txt``), in the plain form of ``tests/reference``: lists with
``-``, bold with ``**``, and headings marked with ``#`` (the title), ``##``, ``###``… by level.
Every sentence of the text must reach the public page and the PDF, in order; every heading the
council wrote must be a heading at its level, and no heading the council did not write may be
added. Where the notice blocks still bend a council's text, the sentences and headings are
listed in ``BENDS``, with the reason, and tested on their own; so are the findings of
``check_notice`` that it gets wrong, in ``CHECK_BENDS``.
"""

import json
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from pdfminer.pdftypes import PDFObjRef, resolve1

from notice_blocks.models import NoticePage
from notice_blocks.pdf.rendering import render_notice_pdf
from notice_blocks.pdf.variants import STANDARD
from tests.notice_blocks.pdf.test_rendering import (
    PRINTED_ADDRESS,
    _name,
    read_pdf,
    tagged_content,
)
from tests.paths import TESTS_DIR
from tests.reference_text import text_sentences, visible_text, words

pytestmark = pytest.mark.django_db

NOTICES_DIR = TESTS_DIR / "data" / "council_notices"
ADULT_SOCIAL_CARE = "adult-social-care"
EARLY_HELP = "early-help"
GENERAL = "general-privacy-notice"
NAMES = [ADULT_SOCIAL_CARE, EARLY_HELP, GENERAL]
SLUGS = {GENERAL: "privacy"}

#: Headings of the page and the PDF that belong to the site, not to the notice.
FURNITURE_HEADINGS = {(2, "Contents")}
_HEADING_LINE = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_CONTENTS_PAGE = re.compile(r"\(page \d+\)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str

    def __str__(self) -> str:
        return f"h{self.level} {self.text}"

    def matches(self, other: "Heading") -> bool:
        return self.level == other.level and words(self.text) == words(other.text)


# What the council published -------------------------------------------------------------


def notice_file(name: str) -> Path:
    return NOTICES_DIR / f"{name}.yaml"


def published_text(name: str) -> str:
    return (NOTICES_DIR / f"{name}.txt").read_text(encoding="utf-8")


def council_sentences(name: str) -> list[str]:
    """The sentences of the published notice, headings included (without ``#``), in order."""
    return [sentence.lstrip("#").strip() for sentence in text_sentences(published_text(name))]


def council_headings(name: str) -> list[Heading]:
    """The title and headings the council wrote, each with its level."""
    found = (_HEADING_LINE.match(line.strip()) for line in published_text(name).splitlines())
    return [Heading(len(match[1]), match[2]) for match in found if match]


# Comparing ----------------------------------------------------------------------------------


def unplaced_sentences(sentences: list[str], text: str) -> tuple[list[str], list[str]]:
    """The sentences missing from ``text``, and those in it but out of order.

    Each sentence is looked for, as a sequence of words, after the one before it.
    """
    haystack = f" {' '.join(words(text))} "
    position = 0
    missing, out_of_order = [], []
    for sentence in sentences:
        needle = f" {' '.join(words(sentence))} "
        found = haystack.find(needle, position)
        if found >= 0:
            position = found + len(needle) - 1
        elif needle in haystack:
            out_of_order.append(sentence)
        else:
            missing.append(sentence)
    return missing, out_of_order


def unmatched_headings(
    expected: list[Heading], shown: list[Heading]
) -> tuple[list[Heading], list[Heading]]:
    """The council's headings not shown (at their level, in order), and headings added."""
    shown = [
        heading for heading in shown if (heading.level, heading.text) not in FURNITURE_HEADINGS
    ]
    matched: set[int] = set()
    position = 0
    missing = []
    for heading in expected:
        index = next((i for i in range(position, len(shown)) if heading.matches(shown[i])), None)
        if index is None:
            missing.append(heading)
        else:
            matched.add(index)
            position = index + 1
    return missing, [heading for i, heading in enumerate(shown) if i not in matched]


def report(title: str, items: list) -> str:
    return f"{title}:\n" + "\n".join(f"  - {item}" for item in items) if items else ""


# The notices as residents get them ------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker) -> tuple[str, str]:
    """The notices, imported once for the module; returns what the import printed.

    As for the ``demo`` fixture, the import runs in a transaction of the module's own, rolled
    back after the module's last test.
    """
    stdout, stderr = StringIO(), StringIO()
    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
        try:
            paths = [str(notice_file(name)) for name in NAMES]
            call_command("import_notice", *paths, stdout=stdout, stderr=stderr)
        except BaseException as error:
            transaction.set_rollback(True)
            module_transaction.__exit__(type(error), error, error.__traceback__)
            raise
    yield stdout.getvalue(), stderr.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


def notice_page_title(name: str) -> str:
    return yaml.safe_load(notice_file(name).read_text(encoding="utf-8"))["notice"]["title"]


def notice_page(name: str) -> NoticePage:
    return NoticePage.objects.get(slug=SLUGS.get(name, name), locale__language_code="en")


def public_page(client, name: str) -> BeautifulSoup:
    """The notice's ``<main>`` as a resident who is not logged in gets it, contents left out."""
    response = client.get(notice_page(name).url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    for contents in main.select("nav.app-contents-list"):
        contents.decompose()
    return main


def page_headings(main: BeautifulSoup) -> list[Heading]:
    return [
        Heading(int(element.name[1]), " ".join(element.get_text(" ").split()))
        for element in main.find_all(re.compile(r"^h[1-6]$"))
    ]


@dataclass
class NoticePdf:
    text: str
    headings: list[Heading]


_PDFS: dict[str, NoticePdf] = {}


def structure_headings(path: Path) -> list[Heading]:
    """The H1 to H6 elements of a tagged PDF's structure tree, in order, with their text."""
    with tagged_content(path) as content:
        document, chars_by_page, page_index = (
            content.document,
            content.chars_by_page,
            content.page_index,
        )
        headings: list[Heading] = []

        def walk(node, page: int | None, out: list) -> None:
            if isinstance(node, PDFObjRef):
                node = node.resolve()
            if isinstance(node, int):
                out.append((page, node))
            elif isinstance(node, list):
                for kid in node:
                    walk(kid, page, out)
            elif isinstance(node, dict) and _name(node.get("Type")) != "OBJR":
                if isinstance(node.get("Pg"), PDFObjRef):
                    page = page_index[node["Pg"].objid]
                if _name(node.get("Type")) == "MCR":
                    out.append((page, resolve1(node["MCID"])))
                    return
                mcids: list = []
                if "K" in node:
                    walk(node["K"], page, mcids)
                out.extend(mcids)
                # A heading holds no other heading: added once read, it is still in order.
                heading = re.fullmatch(r"H([1-6])", _name(node.get("S")) or "")
                if heading:
                    text = "".join(
                        "".join(char.get_text() for char in chars_by_page[p][mcid])
                        for p, mcid in mcids
                    )
                    headings.append(Heading(int(heading[1]), " ".join(text.split())))

        walk(resolve1(document.catalog["StructTreeRoot"])["K"], None, [])
    return headings


def notice_pdf(name: str, tmp_path_factory) -> NoticePdf:
    """The notice's standard PDF, rendered once per test session and read back."""
    if name not in _PDFS:
        with translation.override("en"):
            data = render_notice_pdf(notice_page(name), STANDARD.value)
        path = tmp_path_factory.mktemp("council-pdfs") / f"{name}.pdf"
        path.write_bytes(data)
        text = PRINTED_ADDRESS.sub("", read_pdf(path).tagged_text)
        # The contents list: from its heading to its last entry's "(page 4)".
        entries = list(_CONTENTS_PAGE.finditer(text))
        if entries:
            start = text.rfind("Contents", 0, entries[0].start())
            text = text[:start] + text[entries[-1].end() :]
        _PDFS[name] = NoticePdf(text=text, headings=structure_headings(path))
    return _PDFS[name]


def check_notice(path: Path, output_format: str = "text") -> tuple[int, str, str]:
    """``manage.py check_notice FILE``: its exit status, output and error output."""
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command(
            "check_notice", str(path), "--format", output_format, stdout=stdout, stderr=stderr
        )
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, stdout.getvalue(), stderr.getvalue()


# What the notice blocks still bend ------------------------------------------------------------


@dataclass(frozen=True)
class Bend:
    """Something the notice blocks change in a council's text, where they change it.

    ``sentences`` are sentences of the published text that are not shown as written, or not
    in their place; ``missing`` the council's headings that are not headings at their level;
    ``added`` the headings shown that the council did not write (``"h3 Personal data"``).
    A bend that a line or two would fix is ``trivial``: its test fails until it is fixed.
    Any other is expected to fail, strictly, until the blocks can say what the council says.
    """

    reason: str
    sentences: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    trivial: bool = False


BENDS: dict[str, tuple[Bend, ...]] = {
    ADULT_SOCIAL_CARE: (
        Bend(
            "A contact's details are always shown as telephone, post, email, website "
            "(components/contact_details.html): the council gives the email address first.",
            sentences=(
                "Telephone: 01632 960001",
                "Post: Data Protection Officer, Northmoor Borough Council, Town Hall, Market "
                "Place, Northmoor, NM1 1AA",
            ),
        ),
    ),
    GENERAL: (
        Bend(
            "The review line is always “Reviewed <month> <year> <version>” "
            "(components/review_line.html): the council's “Last updated” and day are lost.",
            sentences=("Last updated: 1 April 2025",),
        ),
        Bend(
            "The retention schedule is always shown before the closing text "
            "(blocks/retention.html): the council names it last.",
            sentences=(
                "Our retention periods are listed in our Records Retention and Disposal "
                "Schedule, which you can ask the Information Governance Team for.",
            ),
        ),
    ),
}

BEND_CASES = [
    pytest.param(
        name,
        bend,
        id=f"{name}-{index}",
        marks=() if bend.trivial else pytest.mark.xfail(strict=True, reason=bend.reason),
    )
    for name, bends in BENDS.items()
    for index, bend in enumerate(bends)
]


def bent(name: str, field: str) -> set[str]:
    return {item for bend in BENDS.get(name, ()) for item in getattr(bend, field)}


def placed_as_written(name: str, text: str) -> tuple[list[str], list[str]]:
    """The sentences missing from ``text`` and out of order, the known bends left out."""
    sentences = [s for s in council_sentences(name) if s not in bent(name, "sentences")]
    return unplaced_sentences(sentences, text)


def headings_as_written(name: str, shown: list[Heading]) -> tuple[list[Heading], list[Heading]]:
    """The council's headings missing from ``shown``, and headings added, bar known bends."""
    expected = [h for h in council_headings(name) if str(h) not in bent(name, "missing")]
    missing, added = unmatched_headings(expected, shown)
    return missing, [h for h in added if str(h) not in bent(name, "added")]


def bend_problems(name: str, bend: Bend, text: str, shown: list[Heading]) -> list[str]:
    """What of ``bend`` still bends, in ``text`` and ``shown`` headings."""
    missing, out_of_order = unplaced_sentences(council_sentences(name), text)
    missing_headings, added_headings = unmatched_headings(council_headings(name), shown)
    return [
        *(f"not as written: {s}" for s in bend.sentences if s in missing),
        *(f"out of order: {s}" for s in bend.sentences if s in out_of_order),
        *(f"not a heading: {h}" for h in bend.missing if h in map(str, missing_headings)),
        *(f"added: {h}" for h in bend.added if h in map(str, added_headings)),
    ]


# What check_notice finds -------------------------------------------------------------------

#: The findings a reader of each notice expects, by rule, with their severity.
EXPECTED_FINDINGS = {
    ADULT_SOCIAL_CARE: {},
    EARLY_HELP: {
        # The notice lists its sources, but not whether any are publicly available.
        "publicly-available-sources": "required",
        # It says nothing on how long the family's records are kept.
        "retention": "required",
        # Nor on transfers outside the UK or automated decisions: advised.
        "transfers": "advised",
        "automated-decisions-stated": "advised",
    },
    GENERAL: {
        # The automated decisions are explained, but not what they mean for the person.
        "automated-decisions-explained": "required",
    },
}


# Tests ----------------------------------------------------------------------------------------


def test_published_texts_are_the_notices_they_stand_for():
    general = published_text(GENERAL)
    assert len(general) >= 20_000
    assert len([h for h in council_headings(GENERAL) if h.level == 2]) >= 12
    for name in NAMES:
        headings = council_headings(name)
        assert headings[0] == Heading(1, notice_page_title(name))
        assert any(heading.level > 2 for heading in headings), name
        assert len(council_sentences(name)) > 60


def test_sentences_are_placed_in_order_and_headings_at_their_level():
    text = "Who we are We hold your name. We share it with schools. Your rights"
    sentences = ["Who we are", "We share it with schools.", "We hold your name.", "We sell it."]

    assert unplaced_sentences(sentences, text) == (["We sell it."], ["We hold your name."])

    expected = [Heading(2, "Who we are"), Heading(3, "Sharing"), Heading(2, "Your rights")]
    shown = [Heading(2, "Contents"), Heading(2, "Who we are"), Heading(2, "Sharing")]
    shown += [Heading(3, "Personal data"), Heading(2, "Your rights")]
    assert unmatched_headings(expected, shown) == (
        [Heading(3, "Sharing")],
        [Heading(2, "Sharing"), Heading(3, "Personal data")],
    )


def test_every_notice_imports_without_a_problem(imported):
    stdout, stderr = imported
    assert stderr == ""
    for name in NAMES:
        page = notice_page(name)
        assert page.live
        assert f"Created: “{page.title}”" in stdout


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_is_on_the_page_in_order(client, imported, name):
    missing, out_of_order = placed_as_written(name, visible_text(str(public_page(client, name))))
    assert not missing and not out_of_order, "\n".join(
        filter(None, [report("Not on the page", missing), report("Out of order", out_of_order)])
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_heading_is_a_heading_at_its_level_and_none_is_added(client, imported, name):
    missing, added = headings_as_written(name, page_headings(public_page(client, name)))
    assert not missing and not added, "\n".join(
        filter(None, [report("Not a heading at its level", missing), report("Added", added)])
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_sentence_is_in_the_pdf_in_order(imported, tmp_path_factory, name):
    missing, out_of_order = placed_as_written(name, notice_pdf(name, tmp_path_factory).text)
    assert not missing and not out_of_order, "\n".join(
        filter(None, [report("Not in the PDF", missing), report("Out of order", out_of_order)])
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_heading_is_tagged_at_its_level_in_the_pdf_and_none_is_added(
    imported, tmp_path_factory, name
):
    missing, added = headings_as_written(name, notice_pdf(name, tmp_path_factory).headings)
    assert not missing and not added, "\n".join(
        filter(None, [report("Not tagged at its level", missing), report("Added", added)])
    )


@pytest.mark.parametrize("name,bend", BEND_CASES)
def test_what_the_blocks_bend(client, imported, tmp_path_factory, name, bend):
    main = public_page(client, name)
    pdf = notice_pdf(name, tmp_path_factory)
    problems = [
        *(
            f"page, {p}"
            for p in bend_problems(name, bend, visible_text(str(main)), page_headings(main))
        ),
        *(f"PDF, {p}" for p in bend_problems(name, bend, pdf.text, pdf.headings)),
    ]
    assert not problems, f"{bend.reason}\n" + "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_check_notice_reports_what_a_reader_expects(name):
    path = notice_file(name)
    status, output, errors = check_notice(path, "json")
    findings = json.loads(output)
    found = {finding["rule"]: finding["severity"] for finding in findings}
    assert found == EXPECTED_FINDINGS[name]
    assert status == (1 if "required" in found.values() else 0)
    assert errors == ""
    # The text report: one line per finding, naming the file, then a count of them.
    status, output, errors = check_notice(path)
    lines = output.splitlines()
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings, strict=True):
        assert line.startswith(f"{path}: {finding['article']}: {finding['severity']}: ")
        assert finding["message"] in line
    assert errors.startswith("1 notice checked; findings: ")

"""Hostile notice files: every kind is refused with one line per problem, quickly and cheaply.

Each kind of bad file is made here from the minimal notice file, imported with the
``import_notice`` command under a watchdog (2 s) and a bound on Python's allocations
(200 MB), and must raise ``CommandError`` naming the place of each problem, without a
traceback and without writing anything.
"""

import contextlib
import copy
import json
import os
import re
import signal
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DataError
from wagtail.models import Page, Revision

from notice_blocks.models import NoticePage
from notice_blocks.notice_files import NoticeFileError, import_notice, read_notice_file
from notice_blocks.notice_files import limits as limits_module
from notice_blocks.notice_files.limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_INTEGER,
    MAX_LIST_ITEMS,
    MAX_MAPPING_KEYS,
    MAX_TEXT_LENGTH,
    MAX_VALUES,
    number,
)
from notice_blocks.notice_files.schema import SNIPPET_MODELS
from tests.paths import PROJECT_DIR, TESTS_DIR

# The whole set also runs on PostgreSQL, which refuses values SQLite stores (NUL characters,
# lone surrogates, integers beyond its columns).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

DATA = TESTS_DIR / "data" / "notice_files"
DOCS = PROJECT_DIR / "docs" / "notice-format.md"
MINIMAL_JSON = json.loads((DATA / "minimal.json").read_text())
MINIMAL_YAML = (DATA / "minimal.yaml").read_text()

WATCHDOG_SECONDS = 2.0
PEAK_BYTES = 200 * 1024 * 1024

TYPES = "summary, heading, personal_data, purposes"


# Making bad files from the minimal one


def changed(change: Callable[[dict], None]) -> dict:
    """The minimal notice file's data, changed by ``change``."""
    data = copy.deepcopy(MINIMAL_JSON)
    change(data)
    return data


def json_file(change: Callable[[dict], None]) -> Callable[[], str]:
    """The minimal JSON file, changed (non-ASCII text, lone surrogates included, escaped)."""
    return lambda: json.dumps(changed(change), indent=2)


def yaml_file(old: str, new: str) -> Callable[[], str]:
    """The minimal YAML file with ``old`` written as ``new``."""

    def make() -> str:
        assert old in MINIMAL_YAML, old
        return MINIMAL_YAML.replace(old, new, 1)

    return make


def notice_key(key: str, value: object) -> Callable[[dict], None]:
    return lambda data: data["notice"].__setitem__(key, value)


def section(index: int, key: str, value: object) -> Callable[[dict], None]:
    return lambda data: data["notice"]["body"][index].__setitem__(key, value)


def summary_field(key: str, value: object) -> Callable[[dict], None]:
    return lambda data: data["notice"]["body"][0]["value"].__setitem__(key, value)


def purpose(index: int, value: object) -> Callable[[dict], None]:
    return lambda data: data["notice"]["body"][1]["value"]["purposes"].__setitem__(index, value)


def easy_read(**point: object) -> Callable[[dict], None]:
    """Give the notice an easy read version of one point, with ``point``'s fields."""

    def change(data: dict) -> None:
        data["notice"]["easy_read"] = {
            "title": "Blue Badges: easy read",
            "body": [
                {
                    "type": "section",
                    "value": {
                        "topic": "summary",
                        "heading": "About this booklet",
                        "points": [{"picture": "council", "text": "We are the council.", **point}],
                    },
                }
            ],
        }

    return change


def nested_yaml(depth: int) -> str:
    """``depth`` block mappings, one inside the other, as the notice."""
    lines = ["format: privacy-notice", "format_version: 1", "notice:"]
    lines += [f"{'  ' * level}k{level}:" for level in range(1, depth + 1)]
    lines.append(f"{'  ' * (depth + 1)}deep")
    return "\n".join(lines) + "\n"


def alias_bomb() -> str:
    """The “billion laughs”: nine levels of nine aliases each, 416 bytes."""
    lines = ["format: privacy-notice", "format_version: 1", 'a: &a ["lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    lines.append("notice: *i")
    return "\n".join(lines) + "\n"


def alias_expansion() -> str:
    """Few aliases, each standing for twice the values of the one before."""
    items = ", ".join(["x"] * MAX_LIST_ITEMS)
    lines = ["format: privacy-notice", "format_version: 1", f"a0: &a0 [{items}]"]
    for level in range(1, 8):
        lines.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]")
    lines.append("notice: *a7")
    return "\n".join(lines) + "\n"


def too_many_values() -> dict:
    body = [
        {"type": "purposes", "value": {"purposes": ["p"] * 100}}
        for _ in range(MAX_VALUES // 100 + 1)
    ]
    return changed(notice_key("body", body))


def bomb_yaml_in(value: str) -> Callable[[], str]:
    return yaml_file("notice:\n", f"notice: {value}\nunused:\n")


@dataclass(frozen=True)
class BadFile:
    """A kind of bad file, and the problems it must be refused with.

    ``expected`` holds one (location, words of the message) pair per problem; ``located``
    says whether each problem's line in the file is known.
    """

    id: str
    name: str
    content: Callable[[], str | bytes]
    expected: list[tuple[str, str]]
    located: bool = True


BAD_FILES = [
    # Limits
    BadFile(
        "huge-file",
        "notice.yaml",
        lambda: MINIMAL_YAML + "#" * MAX_FILE_BYTES + "\n",
        [("", "larger than the limit of 2 MiB (2,097,152 bytes)")],
        located=False,
    ),
    BadFile(
        "huge-file-json",
        "notice.json",
        lambda: json.dumps(MINIMAL_JSON) + " " * MAX_FILE_BYTES,
        [("", "larger than the limit of 2 MiB")],
        located=False,
    ),
    BadFile(
        "alias-bomb",
        "notice.yaml",
        alias_bomb,
        [("d[2]", f"Too many aliases: a notice file needs none, and holds at most {MAX_ALIASES}")],
    ),
    BadFile(
        "alias-expansion",
        "notice.yaml",
        alias_expansion,
        [("a5[1]", f"Too many values: a notice file holds at most {number(MAX_VALUES)}")],
    ),
    BadFile(
        "alias-loop",
        "notice.yaml",
        bomb_yaml_in("&loop [a, *loop]"),
        [("notice[1]", "The alias *loop is inside the value it stands for.")],
    ),
    BadFile(
        "alias-undefined",
        "notice.yaml",
        bomb_yaml_in("*nowhere"),
        [("notice", "The alias *nowhere has no anchor &nowhere before it.")],
    ),
    BadFile(
        "too-many-aliases",
        "notice.yaml",
        bomb_yaml_in(f"[&x a, {', '.join(['*x'] * (MAX_ALIASES + 1))}]"),
        [(f"notice[{MAX_ALIASES + 1}]", "Too many aliases")],
    ),
    BadFile(
        "deep-nesting-yaml",
        "notice.yaml",
        bomb_yaml_in("[" * 100_000 + "]" * 100_000),
        [("notice[0][0]", f"Nested too deeply: mappings and lists nest at most {MAX_DEPTH} deep")],
    ),
    BadFile(
        "deep-nesting-yaml-mappings",
        "notice.yaml",
        bomb_yaml_in("{a: " * 100_000 + "}" * 100_000),
        [("notice.a.a", "Nested too deeply")],
    ),
    BadFile(
        "deep-nesting-yaml-block",
        "notice.yaml",
        lambda: nested_yaml(MAX_DEPTH + 5),
        [("notice.k1.k2", "Nested too deeply")],
    ),
    BadFile(
        "deep-nesting-json",
        "notice.json",
        lambda: '{"format": "privacy-notice", "notice": ' + "[" * 100_000 + "]" * 100_000 + "}",
        [("notice[0][0]", "Nested too deeply")],
    ),
    BadFile(
        "deep-nesting-json-shallow",
        "notice.json",
        json_file(notice_key("body", json.loads("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)))),
        [("notice.body[0][0]", "Nested too deeply")],
    ),
    BadFile(
        "long-list-yaml",
        "notice.yaml",
        yaml_file(
            "    - type: summary\n",
            "    - type: purposes\n      value:\n        purposes: ["
            + ", ".join(["p"] * (MAX_LIST_ITEMS + 1))
            + "]\n    - type: summary\n",
        ),
        [
            (
                "notice.body[0].value.purposes",
                f"Too many items: a list holds at most {number(MAX_LIST_ITEMS)}",
            )
        ],
    ),
    BadFile(
        "long-list-json",
        "notice.json",
        json_file(lambda data: data["notice"]["body"][1]["value"].update(purposes=["p"] * 1001)),
        [("notice.body[1].value.purposes", "Too many items")],
    ),
    BadFile(
        "big-mapping",
        "notice.json",
        json_file(
            lambda data: data["notice"]["body"][0]["value"].update(
                {f"field{index}": "" for index in range(MAX_MAPPING_KEYS)}
            )
        ),
        [
            (
                "notice.body[0].value",
                f"Too many keys: a mapping holds at most {number(MAX_MAPPING_KEYS)}",
            )
        ],
    ),
    BadFile(
        "long-text-yaml",
        "notice.yaml",
        yaml_file("text: <p>", "text: <p>" + "x" * MAX_TEXT_LENGTH),
        [
            (
                "notice.body[0].value.text",
                "Text too long: 100,088 characters, over the limit of 100,000.",
            )
        ],
    ),
    BadFile(
        "long-text-json",
        "notice.json",
        json_file(notice_key("title", "t" * (MAX_TEXT_LENGTH + 1))),
        [("notice.title", "Text too long: 100,001 characters")],
    ),
    BadFile(
        "long-key",
        "notice.json",
        json_file(notice_key("k" * (MAX_TEXT_LENGTH + 1), "")),
        [("notice.kkkk", "Text too long")],
    ),
    BadFile(
        "too-many-values",
        "notice.json",
        lambda: json.dumps(too_many_values()),
        [("notice.body", "Too many values")],
    ),
    BadFile(
        "too-many-values-yaml",
        "notice.yaml",
        lambda: json.dumps(too_many_values()).replace('"p", ', "p, "),
        [("notice.body", "Too many values")],
    ),
    BadFile(
        "huge-integer-yaml",
        "notice.yaml",
        yaml_file("format_version: 1", "format_version: 1" + "0" * 5000),
        [
            (
                "format_version",
                "“10000000000000000000000000000000000000000000000000000000000…” is not a",
            )
        ],
    ),
    BadFile(
        "huge-integer-json",
        "notice.json",
        lambda: json.dumps(MINIMAL_JSON).replace(
            '"format_version": 1', '"format_version": 1' + "0" * 5000
        ),
        [("format_version", "is not a number")],
    ),
    BadFile(
        "large-integer",
        "notice.json",
        json_file(lambda data: data.update(format_version=2**70)),
        [("format_version", f"This number is too large: numbers go up to {number(MAX_INTEGER)}")],
    ),
    BadFile(
        "infinite-version",
        "notice.yaml",
        yaml_file("format_version: 1", "format_version: .inf"),
        [("format_version", "Expected the number of a format version, such as 2; found inf.")],
    ),
    BadFile(
        "nan-title",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title: .nan"),
        [("notice.title", "Expected text, found a number. Put it in quotes.")],
    ),
    BadFile(
        "infinity-json",
        "notice.json",
        lambda: json.dumps(changed(notice_key("title", float("inf")))),
        [("notice.title", "Expected text, found a number.")],
    ),
    BadFile(
        "image-id-too-large",
        "notice.json",
        json_file(easy_read(image=2**40)),
        [("notice.easy_read.body[0].value.points[0].image", "There is no image with id")],
    ),
    # Text that cannot be stored
    BadFile(
        "nul-in-title",
        "notice.json",
        json_file(notice_key("title", "Blue\x00Badge")),
        [("notice.title", "The text holds the control character U+0000 (character 5)")],
    ),
    BadFile(
        "nul-in-title-yaml",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", 'title: "Blue\\0Badge"'),
        [("notice.title", "control character U+0000")],
    ),
    BadFile(
        "nul-byte-yaml",
        "notice.yaml",
        yaml_file("Blue Badge parking", "Blue Badge\x00parking"),
        [("", "The file holds the control character U+0000")],
    ),
    BadFile(
        "nul-byte-json",
        "notice.json",
        lambda: json.dumps(MINIMAL_JSON).replace("Blue Badge parking", "Blue Badge\x00parking"),
        [("", "The file holds the control character U+0000")],
    ),
    BadFile(
        "bell-in-rich-text",
        "notice.json",
        json_file(summary_field("text", "<p>Ring\x07</p>")),
        [("notice.body[0].value.text", "control character U+0007 (character 8)")],
    ),
    BadFile(
        "escape-in-list-item-yaml",
        "notice.yaml",
        yaml_file(
            "    - type: summary\n",
            '    - type: purposes\n      value:\n        purposes: ["a\\e[31m"]\n'
            "    - type: summary\n",
        ),
        [("notice.body[0].value.purposes[0]", "control character U+001B")],
    ),
    BadFile(
        "form-feed-in-search-description",
        "notice.json",
        json_file(notice_key("search_description", "a\x0cb")),
        [("notice.search_description", "U+000C")],
    ),
    BadFile(
        "surrogate-in-title-json",
        "notice.json",
        json_file(notice_key("title", "Blue \ud800 Badge")),
        [("notice.title", "The text holds U+D800 (character 6), a lone surrogate")],
    ),
    BadFile(
        "surrogate-in-rich-text-json",
        "notice.json",
        json_file(summary_field("text", "<p>\udfff</p>")),
        [("notice.body[0].value.text", "U+DFFF (character 4), a lone surrogate")],
    ),
    BadFile(
        "surrogates-reversed-json",
        "notice.json",
        json_file(purpose(1, "\udc00\ud800")),
        [("notice.body[1].value.purposes[1]", "U+DC00 (character 1), a lone surrogate")],
    ),
    BadFile(
        "surrogate-in-key-json",
        "notice.json",
        json_file(notice_key("\ud800", "x")),
        [("notice.\\ud800", "a lone surrogate")],
    ),
    BadFile(
        "surrogate-in-yaml",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", 'title: "Blue \\ud800 Badge"'),
        [("", "YAML syntax error: found invalid Unicode character escape code")],
    ),
    BadFile(
        "nul-in-key-json",
        "notice.json",
        json_file(notice_key("ti\x00tle", "x")),
        [("notice.ti\\x00tle", "control character U+0000")],
    ),
    BadFile(
        "nul-in-slug",
        "notice.json",
        json_file(notice_key("slug", "blue\x00badge")),
        [("notice.slug", "U+0000")],
    ),
    BadFile(
        "escape-in-shared-detail",
        "notice.json",
        json_file(notice_key("data_controller", {"name": "Council\x1b"})),
        [("notice.data_controller.name", "U+001B")],
    ),
    BadFile(
        "nul-in-id",
        "notice.json",
        json_file(section(0, "id", "sum\x00mary")),
        [("notice.body[0].id", "U+0000")],
    ),
    BadFile(
        "nul-in-easy-read-point",
        "notice.json",
        json_file(easy_read(text="We are\x00 the council.")),
        [("notice.easy_read.body[0].value.points[0].text", "U+0000")],
    ),
    BadFile(
        "delete-character-yaml",
        "notice.yaml",
        yaml_file("Blue Badge parking", "Blue Badge\x7fparking"),
        [("", "The file holds the character U+007F, which YAML does not allow.")],
    ),
    BadFile(
        "not-utf8",
        "notice.yaml",
        lambda: MINIMAL_YAML.replace("Blue Badge", "Bléu Badge").encode("latin-1"),
        [("", "The file is not UTF-8 text")],
        located=False,
    ),
    BadFile(
        "utf16",
        "notice.json",
        lambda: json.dumps(MINIMAL_JSON).encode("utf-16"),
        [("", "The file is not UTF-8 text (byte 0)")],
        located=False,
    ),
    # YAML values that are not plain data
    BadFile(
        "unknown-tag",
        "notice.yaml",
        yaml_file("title: Blue", "title: !foo Blue"),
        [("notice.title", "The YAML tag “!foo” is not allowed")],
    ),
    BadFile(
        "python-object-tag",
        "notice.yaml",
        yaml_file(
            "title: Blue Badge parking permits",
            'title: !!python/object/apply:os.system ["echo owned"]',
        ),
        [("notice.title", "The YAML tag “!!python/object/apply:os.system” is not allowed")],
    ),
    BadFile(
        "python-name-tag",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title: !!python/name:os.system ''"),
        [("notice.title", "“!!python/name:os.system” is not allowed")],
    ),
    BadFile(
        "binary-tag",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title: !!binary Qmx1ZQ=="),
        [("notice.title", "“!!binary” is not allowed")],
    ),
    BadFile(
        "set-tag",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title: !!set {a, b}"),
        [("notice.title", "“!!set” is not allowed")],
    ),
    BadFile(
        "str-tag-on-a-list",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title: !!str [a, b]"),
        [("notice.title", "“!!str” is not allowed")],
    ),
    BadFile(
        "int-tag-on-text",
        "notice.yaml",
        yaml_file("format_version: 1", "format_version: !!int one"),
        [("format_version", "“one” is not a number.")],
    ),
    BadFile(
        "float-tag-on-text",
        "notice.yaml",
        yaml_file("format_version: 1", "format_version: !!float ''"),
        [("format_version", "“” is not a number.")],
    ),
    BadFile(
        "bool-tag-on-text",
        "notice.yaml",
        yaml_file("format_version: 1", "format_version: !!bool maybe"),
        [("format_version", "“maybe” is not true or false.")],
    ),
    BadFile(
        "timestamp-tag-on-text",
        "notice.yaml",
        yaml_file("  body:", "  last_reviewed: !!timestamp soon\n  body:"),
        [("notice.last_reviewed", "“soon” is not a date.")],
    ),
    BadFile(
        "impossible-date",
        "notice.yaml",
        yaml_file("  body:", "  last_reviewed: 2021-02-30\n  body:"),
        [("notice.last_reviewed", "“2021-02-30” is not a date.")],
    ),
    BadFile(
        "impossible-month",
        "notice.yaml",
        yaml_file("  body:", "  last_reviewed: 2021-13-01\n  body:"),
        [("notice.last_reviewed", "“2021-13-01” is not a date.")],
    ),
    BadFile(
        "impossible-time",
        "notice.yaml",
        yaml_file("  body:", "  last_reviewed: 2021-02-28 25:00:00\n  body:"),
        [("notice.last_reviewed", "“2021-02-28 25:00:00” is not a date.")],
    ),
    BadFile(
        "two-documents",
        "notice.yaml",
        lambda: f"{MINIMAL_YAML}---\n{MINIMAL_YAML}",
        [("", "A notice file holds one YAML document, and another starts here.")],
    ),
    BadFile(
        "list-as-key",
        "notice.yaml",
        yaml_file("  body:", "  ? [a, b]\n  : c\n  body:"),
        [("notice", "Expected text as a key, found a list.")],
    ),
    BadFile(
        "number-as-key",
        "notice.yaml",
        yaml_file("  body:", "  1: one\n  body:"),
        [("notice.1", "Expected text as a key, found a number. Put it in quotes.")],
    ),
    BadFile(
        "null-as-key",
        "notice.yaml",
        yaml_file("  body:", "  ~: nothing\n  body:"),
        [("notice.?", "Expected text as a key, found nothing.")],
    ),
    BadFile(
        "bool-as-key",
        "notice.yaml",
        yaml_file("  body:", "  yes: nothing\n  body:"),
        [("notice.True", "Expected text as a key, found true or false.")],
    ),
    BadFile(
        "date-as-key",
        "notice.yaml",
        yaml_file("  body:", "  2021-01-01: nothing\n  body:"),
        [("notice.2021-01-01", "Expected text as a key, found a date.")],
    ),
    BadFile(
        "duplicate-key",
        "notice.yaml",
        yaml_file("  body:", "  title: Again\n  body:"),
        [("notice.title", "This key is given twice (first on line 5).")],
    ),
    # Values of the wrong kind, at every level
    BadFile(
        "top-level-list",
        "notice.yaml",
        lambda: "- format: privacy-notice\n",
        [("", "A notice file is a mapping with the keys format, format_version and notice.")],
    ),
    BadFile(
        "top-level-number",
        "notice.json",
        lambda: "3",
        [("", "A notice file is a mapping")],
    ),
    BadFile("top-level-null", "notice.yaml", lambda: "~\n", [("", "A notice file is a mapping")]),
    BadFile(
        "top-level-text", "notice.json", lambda: '"notice"', [("", "A notice file is a mapping")]
    ),
    BadFile("empty-file", "notice.yaml", lambda: "", [("", "The file is empty.")], located=False),
    BadFile(
        "comments-only",
        "notice.yaml",
        lambda: "# nothing here\n",
        [("", "The file is empty.")],
        located=False,
    ),
    BadFile(
        "empty-json",
        "notice.json",
        lambda: "",
        [("", "JSON syntax error: Expecting value")],
    ),
    BadFile(
        "notice-is-list",
        "notice.json",
        json_file(lambda data: data.update(notice=[1])),
        [("notice", "Expected the notice: a mapping with the keys title, slug")],
    ),
    BadFile(
        "notice-is-text",
        "notice.json",
        json_file(lambda data: data.update(notice="notice")),
        [("notice", "found text.")],
    ),
    BadFile(
        "notice-is-null",
        "notice.yaml",
        lambda: "format: privacy-notice\nformat_version: 1\nnotice:\n",
        [("notice", "found nothing.")],
    ),
    BadFile(
        "body-is-mapping",
        "notice.json",
        json_file(notice_key("body", {"type": "summary"})),
        [("notice.body", "Expected a list of blocks, each with a type")],
    ),
    BadFile(
        "body-is-text",
        "notice.json",
        json_file(notice_key("body", "summary")),
        [("notice.body", "Expected a list of blocks")],
    ),
    BadFile(
        "section-is-text",
        "notice.json",
        json_file(lambda data: data["notice"]["body"].__setitem__(0, "summary")),
        [("notice.body[0]", "Expected a block: a mapping with a type")],
    ),
    BadFile(
        "section-is-list",
        "notice.json",
        json_file(lambda data: data["notice"]["body"].__setitem__(0, ["summary"])),
        [("notice.body[0]", "found a list.")],
    ),
    BadFile(
        "type-is-list",
        "notice.yaml",
        yaml_file("- type: summary", "- type: [summary]"),
        [("notice.body[0].type", f"Expected a block type ({TYPES}")],
    ),
    BadFile(
        "type-is-list-json",
        "notice.json",
        json_file(section(1, "type", ["purposes"])),
        [("notice.body[1].type", "found a list.")],
    ),
    BadFile(
        "type-is-mapping",
        "notice.yaml",
        yaml_file("- type: summary", "- type: {a: 1}"),
        [("notice.body[0].type", "found a mapping.")],
    ),
    BadFile(
        "type-is-number",
        "notice.yaml",
        yaml_file("- type: summary", "- type: 3"),
        [("notice.body[0].type", "found a number.")],
    ),
    BadFile(
        "type-is-null",
        "notice.yaml",
        yaml_file("- type: summary", "- type:"),
        [("notice.body[0].type", "found nothing.")],
    ),
    BadFile(
        "type-is-bool",
        "notice.yaml",
        yaml_file("- type: summary", "- type: yes"),
        [("notice.body[0].type", "found true or false.")],
    ),
    BadFile(
        "value-is-list",
        "notice.json",
        json_file(section(0, "value", ["text"])),
        [
            (
                "notice.body[0].value",
                "Expected a mapping with the fields heading, text, heading_level, show_heading, "
                "standard_subheadings; found a list.",
            )
        ],
    ),
    BadFile(
        "value-is-text",
        "notice.json",
        json_file(section(0, "value", "text")),
        [("notice.body[0].value", "found text.")],
    ),
    BadFile(
        "field-is-list",
        "notice.json",
        json_file(summary_field("text", ["<p>a</p>"])),
        [("notice.body[0].value.text", "Expected text, found a list.")],
    ),
    BadFile(
        "field-is-mapping",
        "notice.json",
        json_file(summary_field("heading", {"a": "b"})),
        [("notice.body[0].value.heading", "Expected text, found a mapping.")],
    ),
    BadFile(
        "field-is-number",
        "notice.json",
        json_file(summary_field("text", 1e308)),
        [("notice.body[0].value.text", "Expected text, found a number. Put it in quotes.")],
    ),
    BadFile(
        "field-is-bool",
        "notice.yaml",
        yaml_file("text: <p>This notice", "heading: no\n        text: <p>This notice"),
        [("notice.body[0].value.heading", "Expected text, found true or false.")],
    ),
    BadFile(
        "field-is-date",
        "notice.yaml",
        yaml_file("text: <p>This notice", "heading: 2021-01-01\n        text: <p>This notice"),
        [("notice.body[0].value.heading", "Expected text, found a date.")],
    ),
    BadFile(
        "list-is-text",
        "notice.json",
        json_file(lambda data: data["notice"]["body"][1]["value"].update(purposes="all")),
        [("notice.body[1].value.purposes", "Expected a list, found text.")],
    ),
    BadFile(
        "list-item-is-mapping",
        "notice.json",
        json_file(purpose(1, {"text": "a purpose"})),
        [("notice.body[1].value.purposes[1]", "Expected text, found a mapping.")],
    ),
    BadFile(
        "list-item-is-list",
        "notice.json",
        json_file(purpose(1, ["a purpose"])),
        [("notice.body[1].value.purposes[1]", "Expected text, found a list.")],
    ),
    BadFile(
        "list-item-value-is-number",
        "notice.json",
        json_file(purpose(0, {"type": "item", "value": 7})),
        [("notice.body[1].value.purposes[0].value", "Expected text, found a number.")],
    ),
    BadFile(
        "id-is-number",
        "notice.json",
        json_file(section(0, "id", 7)),
        [("notice.body[0].id", "An id is text made of letters, digits, hyphens and underscores")],
    ),
    BadFile(
        "id-is-list",
        "notice.json",
        json_file(section(0, "id", ["a"])),
        [("notice.body[0].id", "found a list.")],
    ),
    BadFile(
        "id-has-spaces",
        "notice.json",
        json_file(section(0, "id", "the summary")),
        [("notice.body[0].id", "found 'the summary'.")],
    ),
    BadFile(
        "list-item-id-is-mapping",
        "notice.json",
        json_file(purpose(0, {"type": "item", "id": {"a": 1}, "value": "assess"})),
        [("notice.body[1].value.purposes[0].id", "found a mapping.")],
    ),
    BadFile(
        "shared-detail-is-list",
        "notice.json",
        json_file(notice_key("data_controller", ["Council"])),
        [("notice.data_controller", "Expected a mapping with the fields name, address")],
    ),
    BadFile(
        "shared-detail-is-text",
        "notice.json",
        json_file(notice_key("supervisory_authority", "ICO")),
        [("notice.supervisory_authority", "found text.")],
    ),
    BadFile(
        "shared-detail-field-is-list",
        "notice.json",
        json_file(notice_key("data_controller", {"name": "Council", "address": ["1 Road"]})),
        [("notice.data_controller.address", "Expected text, found a list.")],
    ),
    BadFile(
        "shared-detail-without-name",
        "notice.json",
        json_file(notice_key("data_controller", {"address": "1 Road"})),
        [("notice.data_controller.name", "Missing: a shared detail is found by its name.")],
    ),
    BadFile(
        "shared-detail-name-is-spaces",
        "notice.json",
        json_file(notice_key("data_controller", {"name": "   "})),
        [("notice.data_controller.name", "Missing: a shared detail is found by its name.")],
    ),
    BadFile(
        "shared-detail-name-is-number",
        "notice.json",
        json_file(notice_key("general_privacy_notice", {"name": 3})),
        [("notice.general_privacy_notice.name", "Expected text, found a number.")],
    ),
    BadFile(
        "whitespace-title",
        "notice.json",
        json_file(notice_key("title", " \t\n ")),
        [("notice.title", "Missing: every notice has a title.")],
    ),
    BadFile(
        "empty-title",
        "notice.json",
        json_file(notice_key("title", "")),
        [("notice.title", "Missing: every notice has a title.")],
    ),
    BadFile(
        "null-title",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title:"),
        [("notice.title", "Missing: every notice has a title.")],
    ),
    BadFile(
        "whitespace-slug",
        "notice.json",
        json_file(notice_key("slug", "   ")),
        [("notice.slug", "Missing: the slug is only spaces.")],
    ),
    BadFile(
        "title-is-list",
        "notice.json",
        json_file(notice_key("title", ["Blue Badge"])),
        [("notice.title", "Expected text, found a list.")],
    ),
    BadFile(
        "title-is-mapping",
        "notice.yaml",
        yaml_file("title: Blue Badge parking permits", "title: {en: Blue Badge}"),
        [("notice.title", "Expected text, found a mapping.")],
    ),
    BadFile(
        "slug-is-number",
        "notice.json",
        json_file(notice_key("slug", 12)),
        [("notice.slug", "Expected text, found a number. Put it in quotes.")],
    ),
    BadFile(
        "last-reviewed-is-list",
        "notice.json",
        json_file(notice_key("last_reviewed", ["2021-01-01"])),
        [("notice.last_reviewed", "Expected a date (YYYY-MM-DD), found a list.")],
    ),
    BadFile(
        "last-reviewed-is-not-a-date",
        "notice.json",
        json_file(notice_key("last_reviewed", "2021-02-30")),
        [("notice.last_reviewed", "it is an invalid date")],
    ),
    BadFile(
        "format-is-list",
        "notice.json",
        json_file(lambda data: data.update(format=["privacy-notice"])),
        [("format", "This is not a privacy notice file: its format is a list")],
    ),
    BadFile(
        "format-version-is-text",
        "notice.json",
        json_file(lambda data: data.update(format_version="1")),
        [("format_version", "Expected the number of a format version, such as 2; found “1”.")],
    ),
    BadFile(
        "format-version-is-float",
        "notice.yaml",
        yaml_file("format_version: 1", "format_version: 1.0"),
        [("format_version", "found 1.0.")],
    ),
    BadFile(
        "easy-read-is-list",
        "notice.json",
        json_file(notice_key("easy_read", ["title"])),
        [("notice.easy_read", "Expected the easy read version: a mapping with the keys title")],
    ),
    BadFile(
        "easy-read-title-is-spaces",
        "notice.json",
        json_file(lambda data: (easy_read()(data), data["notice"]["easy_read"].update(title="  "))),
        [("notice.easy_read.title", "Missing: every easy read version has a title.")],
    ),
    BadFile(
        "easy-read-body-is-mapping",
        "notice.json",
        json_file(
            lambda data: (easy_read()(data), data["notice"]["easy_read"].update(body={"a": 1}))
        ),
        [("notice.easy_read.body", "Expected a list of blocks")],
    ),
    BadFile(
        "easy-read-point-is-text",
        "notice.json",
        json_file(
            lambda data: (
                easy_read()(data),
                data["notice"]["easy_read"]["body"][0]["value"].update(points=["a point"]),
            )
        ),
        [("notice.easy_read.body[0].value.points[0]", "Expected a mapping with the fields")],
    ),
]


# Bounds


class Watchdog(BaseException):
    """Raised in the test's thread when a bad file takes too long to refuse.

    A ``BaseException``, so that no ``except Exception`` on the way can swallow it.
    """


@dataclass
class Usage:
    peak_bytes: int = 0


@contextlib.contextmanager
def bounded(seconds: float = WATCHDOG_SECONDS):
    """Interrupt the block after ``seconds``; measure its peak of Python allocations."""

    def expire(signum, frame):
        raise Watchdog(f"still running after {seconds} s")

    usage = Usage()
    previous = signal.signal(signal.SIGALRM, expire)
    tracemalloc.start()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield usage
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        usage.peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def database_counts() -> dict[str, int]:
    counts = {"pages": Page.objects.count(), "revisions": Revision.objects.count()}
    counts.update({name: model.objects.count() for name, model in SNIPPET_MODELS.items()})
    return counts


@pytest.fixture(scope="module")
def warmed_up(tmp_path_factory):
    """Refuse one file before the bounded ones, so that they do not pay for first imports."""
    path = tmp_path_factory.mktemp("warm-up") / "notice.json"
    path.write_text(json.dumps(changed(summary_field("text", 3))))
    return path


def write_bad_file(directory: Path, bad_file: BadFile) -> Path:
    path = directory / bad_file.name
    content = bad_file.content()
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def bad_file_params() -> list:
    return [pytest.param(bad_file, id=bad_file.id) for bad_file in BAD_FILES]


@pytest.mark.parametrize("bad_file", bad_file_params())
def test_a_bad_file_is_refused_with_one_line_per_problem(tmp_path, warmed_up, bad_file):
    path = write_bad_file(tmp_path, bad_file)
    with pytest.raises(CommandError):
        call_command("import_notice", str(warmed_up))
    before = database_counts()

    with pytest.raises(CommandError) as caught, bounded() as usage:
        call_command("import_notice", str(path))

    assert usage.peak_bytes < PEAK_BYTES
    assert caught.value.returncode == 1
    assert database_counts() == before
    heading, *problems = str(caught.value).split("\n")
    assert heading == "1 file not imported:"
    assert len(problems) == len(bad_file.expected), "\n".join(problems)
    position = r":\d+(:\d+)?" if bad_file.located else ""
    for line in problems:
        assert line.isprintable(), line
        assert re.match(rf"{re.escape(str(path))}{position}: ", line), line
    for location, words in bad_file.expected:
        where = rf"{re.escape(location)}[^ ]*: " if location else ""
        pattern = rf"^{re.escape(str(path))}(:\d+)*: {where}.*{re.escape(words)}"
        assert any(re.search(pattern, line) for line in problems), (pattern, problems)


def test_problems_in_json_with_escaped_characters_beyond_the_bmp_keep_their_lines(tmp_path):
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(changed(summary_field("heading", ["😀 \ud800"])), indent=2))
    with pytest.raises(NoticeFileError) as caught:
        import_notice(read_notice_file(path))
    lines = path.read_text().splitlines()
    assert [(problem.location, problem.line) for problem in caught.value.problems] == [
        ("notice.body[0].value.heading[0]", lines.index('            "\\ud83d\\ude00 \\ud800"') + 1)
    ]


def test_there_are_many_kinds_of_bad_file():
    ids = [bad_file.id for bad_file in BAD_FILES]
    assert len(set(ids)) == len(ids) >= 60


@pytest.mark.parametrize("kind", ["alias-bomb", "deep-nesting-yaml", "deep-nesting-json"])
def test_the_command_refuses_a_bomb_without_a_traceback(tmp_path, kind):
    bad_file = next(bad_file for bad_file in BAD_FILES if bad_file.id == kind)
    path = write_bad_file(tmp_path, bad_file)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_notice", str(path)],
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("CommandError: 1 file not imported:\n")
    assert bad_file.expected[0][1] in result.stderr


@pytest.mark.parametrize(
    "text",
    ["Blue\x00Badge", "Blue \ud800 Badge", "Blue\x1bBadge"],
    ids=["nul", "surrogate", "escape"],
)
def test_text_from_python_is_checked_too(text):
    data = changed(notice_key("title", text))
    before = database_counts()
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data)
    assert caught.value.location == "notice.title"
    assert len(caught.value.problems) == 1
    assert database_counts() == before


def test_a_value_the_database_refuses_is_reported_and_nothing_is_written(monkeypatch, tmp_path):
    """The last line of defence: a database error while writing rolls the import back."""
    save_revision = NoticePage.save_revision

    def refused(page, *args, **kwargs):
        save_revision(page, *args, **kwargs)
        raise DataError('invalid byte sequence for encoding "UTF8": 0x00\nDETAIL: here')

    monkeypatch.setattr(NoticePage, "save_revision", refused)
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(MINIMAL_JSON))
    before = database_counts()

    with pytest.raises(CommandError) as caught:
        call_command("import_notice", str(path))

    assert str(caught.value).split("\n") == [
        "1 file not imported:",
        f"{path}:1: The database refused the notice, so nothing was written: invalid byte "
        'sequence for encoding "UTF8": 0x00 DETAIL: here',
    ]
    assert database_counts() == before


def test_the_demo_notices_are_far_within_the_limits():
    for path in (Path(settings.BASE_DIR) / "cms" / "demo").glob("*.yaml"):
        assert path.stat().st_size < MAX_FILE_BYTES / 10
        assert read_notice_file(path)["format"] == "privacy-notice"


def test_every_limit_is_documented():
    text = DOCS.read_text()
    limits = text[text.index("## Limits") :]
    limits = limits[: limits.index("\n## ", 1)]
    names = [name for name in vars(limits_module) if name.startswith("MAX_")]
    assert len(names) == 9
    for name in names:
        value = getattr(limits_module, name)
        shown = limits_module.file_size(value) if name == "MAX_FILE_BYTES" else number(value)
        assert shown in limits, name

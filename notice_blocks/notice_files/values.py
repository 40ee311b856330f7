"""Checking every value of a notice file's data, whatever its place in the file.

Every mapping, list, key and text value is checked against the limits (see ``limits``), and
every text value and key must be text that can be stored: no control characters other than
tab and line breaks, and no lone surrogates, which are not characters and cannot be written
as UTF-8. This runs before anything else looks at the data, so the checks that follow see
only plain values of a bounded size.
"""

import datetime
import re

from django.utils.translation import gettext as _

from .body import describe
from .errors import NoticeProblem, shown
from .limits import (
    MAX_DEPTH,
    MAX_INTEGER,
    MAX_LIST_ITEMS,
    MAX_MAPPING_KEYS,
    MAX_TEXT_LENGTH,
    MAX_VALUES,
    number,
)
from .locations import child_location

#: What text in a notice file cannot hold: control characters other than tab, line feed and
#: carriage return, and lone surrogates (U+D800 to U+DFFF).
FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

#: The plain values a notice file's data holds, besides mappings and lists.
SCALARS = (str, bool, int, float, datetime.date, type(None))


class Unreadable:
    """A value in a file that cannot be read, such as the date 2021-02-30.

    The reader keeps it in place of the value, to be reported at its location.
    """

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:
        return f"Unreadable({self.message!r})"


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def depth_limit_message() -> str:
    return _("Nested too deeply: mappings and lists nest at most %(limit)s deep.") % {
        "limit": number(MAX_DEPTH)
    }


def values_limit_message() -> str:
    return _(
        "Too many values: a notice file holds at most %(limit)s (mappings, lists, text, "
        "numbers and dates, counting each alias as the values it stands for)."
    ) % {"limit": number(MAX_VALUES)}


def list_limit_message() -> str:
    return _("Too many items: a list holds at most %(limit)s.") % {"limit": number(MAX_LIST_ITEMS)}


def mapping_limit_message() -> str:
    return _("Too many keys: a mapping holds at most %(limit)s.") % {
        "limit": number(MAX_MAPPING_KEYS)
    }


def text_limit_message(length: int) -> str:
    return _("Text too long: %(length)s characters, over the limit of %(limit)s.") % {
        "length": number(length),
        "limit": number(MAX_TEXT_LENGTH),
    }


def text_problem(text: str) -> str | None:
    """What is wrong with a text value or key, if anything."""
    if len(text) > MAX_TEXT_LENGTH:
        return text_limit_message(len(text))
    found = FORBIDDEN_CHARACTER.search(text)
    if found is None:
        return None
    character = found.group()
    values = {"code": code_point(character), "position": number(found.start() + 1)}
    if "\ud800" <= character <= "\udfff":
        return (
            _(
                "The text holds %(code)s (character %(position)s), a lone surrogate: it is "
                "not a character, and cannot be stored."
            )
            % values
        )
    return (
        _(
            "The text holds the control character %(code)s (character %(position)s): text "
            "holds no control characters other than tabs and line breaks."
        )
        % values
    )


def key_name(key: object) -> str:
    """A key as its location shows it: the key itself, cut short, or ``?``."""
    if isinstance(key, str):
        return shown(key)
    if isinstance(key, bool | int | float | datetime.date):
        try:
            return shown(str(key))
        except ValueError:  # a number too long to write out
            pass
    return "?"


class _LimitReached(Exception):
    pass


class ValueChecker:
    """Walks a file's data once, stopping at the first limit it goes beyond."""

    def __init__(self) -> None:
        self.problems: list[NoticeProblem] = []
        self.count = 0

    def error(self, location: str, message: str) -> None:
        self.problems.append(NoticeProblem(location, message))

    def stop(self, location: str, message: str) -> None:
        self.error(location, message)
        raise _LimitReached

    def check(self, value: object, location: str, depth: int) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            self.stop(location, values_limit_message())
        if isinstance(value, dict):
            self.check_mapping(value, location, depth)
        elif isinstance(value, list):
            self.check_list(value, location, depth)
        elif isinstance(value, str):
            message = text_problem(value)
            if message:
                self.error(location, message)
        elif isinstance(value, Unreadable):
            self.error(location, value.message)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            self.error(
                location,
                _("This number is too large: numbers go up to %(limit)s.")
                % {"limit": number(MAX_INTEGER)},
            )
        elif not isinstance(value, SCALARS):
            self.error(
                location,
                _(
                    "Expected text, a number, true or false, a date, a list or a mapping; "
                    "found %(found)s."
                )
                % {"found": type(value).__name__},
            )

    def check_mapping(self, value: dict, location: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.stop(location, depth_limit_message())
        if len(value) > MAX_MAPPING_KEYS:
            self.stop(location, mapping_limit_message())
        for key, item in value.items():
            key_location = child_location(location, key_name(key))
            if isinstance(key, Unreadable):
                self.error(key_location, key.message)
            elif not isinstance(key, str):
                self.error(
                    key_location,
                    _("Expected text as a key, found %(found)s. Put it in quotes.")
                    % {"found": describe(key)},
                )
            elif message := text_problem(key):
                self.error(key_location, message)
            self.check(item, key_location, depth + 1)

    def check_list(self, value: list, location: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.stop(location, depth_limit_message())
        if len(value) > MAX_LIST_ITEMS:
            self.stop(location, list_limit_message())
        for index, item in enumerate(value):
            self.check(item, child_location(location, index), depth + 1)


def value_problems(data: object) -> list[NoticeProblem]:
    """The problems of the values in ``data``, a notice file's content, wherever they are.

    Every text problem is reported; a limit ends the walk, and is the last problem reported.
    """
    checker = ValueChecker()
    try:
        checker.check(data, "", 1)
    except _LimitReached:
        pass
    return checker.problems

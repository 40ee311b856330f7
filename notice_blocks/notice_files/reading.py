"""Reading a notice file from disk, within the limits, remembering the line of every location."""

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .errors import NoticeFileError, shown
from .limits import MAX_FILE_BYTES, file_size
from .locations import child_location, parent_location
from .values import Unreadable, code_point, depth_limit_message, value_problems
from .yaml_loading import NoticeLoader, compose

__all__ = [
    "JSON_SUFFIXES",
    "YAML_SUFFIXES",
    "NoticeFileData",
    "child_location",
    "parent_location",
    "read_notice_file",
]

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)

#: Characters a notice file cannot hold anywhere: control characters other than tab, line
#: feed and carriage return.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Characters YAML does not allow in a file (besides control characters).
NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: A surrogate written as an escape in JSON, such as ``\ud83d``.
ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class NoticeFileData(dict):
    """A notice file's content, which also knows the file's name and where each key is."""

    def __init__(self, data: dict, *, source: str = "", lines: dict[str, int] | None = None):
        super().__init__(data)
        self.source = source
        self.lines = lines or {}

    def line_of(self, location: str) -> int | None:
        """The line of ``location``, or of its nearest ancestor present in the file."""
        while True:
            if location in self.lines:
                return self.lines[location]
            if not location:
                return None
            location = parent_location(location)


def read_notice_file(path: str | PathLike) -> dict:
    """Parse a notice file by its extension: ``.yaml``/``.yml`` or ``.json``.

    Returns a dict (a ``NoticeFileData``) that ``import_notice`` uses to give the line of
    each problem. A file beyond the limits (see ``limits``), with a syntax error, or holding
    a value that cannot be read or stored raises ``NoticeFileError``, with the line of each
    problem where it is known.
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in YAML_SUFFIXES + JSON_SUFFIXES:
        raise NoticeFileError(
            _("Cannot read “%(suffix)s” files: a notice file ends in .yaml, .yml or .json.")
            % {"suffix": path.suffix or path.name},
            source=source,
        )
    text = _read_text(path, source)
    is_yaml = suffix in YAML_SUFFIXES
    _check_characters(text, NOT_YAML if is_yaml else CONTROL_CHARACTER, source)
    with _collector_paused():
        data, lines = _load_yaml(text, source) if is_yaml else _load_json(text, source)
        if not isinstance(data, dict):
            raise NoticeFileError(
                _("A notice file is a mapping with the keys format, format_version and notice."),
                line=1,
                source=source,
            )
        notice_data = NoticeFileData(data, source=source, lines=lines)
        problems = value_problems(data)
    if problems:
        error = NoticeFileError(problems=problems, source=source)
        raise error.located(notice_data.line_of, source)
    return notice_data


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file's values are made and walked.

    They hold no cycles (an alias inside its own anchor is refused), and collecting as they
    are made would cost more than making them; the limits bound the memory they take.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_text(path: Path, source: str) -> str:
    """The file's text: no more than one byte over the limit is read."""
    try:
        with path.open("rb") as file:
            content = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise NoticeFileError(error.strerror or str(error), source=source) from error
    if len(content) > MAX_FILE_BYTES:
        raise NoticeFileError(
            _("The file is larger than the limit of %(limit)s for a notice file.")
            % {"limit": file_size(MAX_FILE_BYTES)},
            source=source,
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NoticeFileError(
            _("The file is not UTF-8 text (byte %(position)d).") % {"position": error.start},
            source=source,
        ) from error


def _check_characters(text: str, pattern: re.Pattern, source: str) -> None:
    """Refuse a file holding a character that no notice file can hold, where it first is."""
    found = pattern.search(text)
    if found is None:
        return
    character = found.group()
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    if CONTROL_CHARACTER.match(character):
        message = _(
            "The file holds the control character %(code)s: a notice file holds no control "
            "characters other than tabs and line breaks."
        )
    else:
        message = _("The file holds the character %(code)s, which YAML does not allow.")
    raise NoticeFileError(
        message % {"code": code_point(character)}, line=line, column=column, source=source
    )


def _load_yaml(text: str, source: str) -> tuple[object, dict[str, int]]:
    loader = None
    try:
        loader = NoticeLoader(text)
        node, lines, problems = compose(loader)
        if node is None:
            raise NoticeFileError(_("The file is empty."), source=source)
        if problems:
            raise NoticeFileError(problems=problems, source=source)
        return loader.construct_document(node), lines
    except NoticeFileError as error:
        raise NoticeFileError(problems=error.problems, source=source) from error
    except yaml.MarkedYAMLError as error:
        raise _yaml_syntax_error(error, source) from error
    except yaml.YAMLError as error:
        raise NoticeFileError(
            _("YAML syntax error: %(message)s") % {"message": " ".join(str(error).split())},
            source=source,
        ) from error
    except RecursionError as error:
        raise NoticeFileError(depth_limit_message(), source=source) from error
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_syntax_error(error: yaml.MarkedYAMLError, source: str) -> NoticeFileError:
    mark = error.problem_mark or error.context_mark
    message = error.problem or error.context or ""
    if error.problem and error.context and error.context_mark:
        message = _("%(problem)s, %(context)s that starts on line %(line)d") % {
            "problem": error.problem,
            "context": error.context,
            "line": error.context_mark.line + 1,
        }
    return NoticeFileError(
        _("YAML syntax error: %(message)s") % {"message": message},
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        source=source,
    )


def _json_integer(digits: str) -> int | Unreadable:
    try:
        return int(digits)
    except ValueError:  # thousands of digits
        return Unreadable(_("“%(value)s” is not a number.") % {"value": shown(digits)})


def _load_json(text: str, source: str) -> tuple[object, dict[str, int]]:
    try:
        data = json.loads(text, parse_int=_json_integer)
    except json.JSONDecodeError as error:
        raise NoticeFileError(
            _("JSON syntax error: %(message)s") % {"message": error.msg},
            line=error.lineno,
            column=error.colno,
            source=source,
        ) from error
    except RecursionError as error:
        _json_lines(text, source)  # stops where the nesting goes too deep, with its line
        raise NoticeFileError(depth_limit_message(), source=source) from error
    return data, _json_lines(text, source)


def _json_lines(text: str, source: str) -> dict[str, int]:
    """The line of each location in a JSON file, which is YAML too, composed within the limits.

    YAML refuses escaped surrogates, even in pairs: they are read as another character, which
    leaves the structure as it is. A file that YAML reads differently (tabs for indentation,
    for example) is simply not located.
    """
    loader = None
    try:
        loader = NoticeLoader(ESCAPED_SURROGATE.sub(r"\\uFFFD", text))
        _node, lines, problems = compose(loader)
    except NoticeFileError as error:
        raise NoticeFileError(problems=error.problems, source=source) from error
    except yaml.YAMLError:
        return {}
    finally:
        if loader is not None:
            loader.dispose()
    if problems:
        raise NoticeFileError(problems=problems, source=source)
    return lines

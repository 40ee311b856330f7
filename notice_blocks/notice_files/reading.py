"""Reading a notice file from disk, remembering the line of every location in it."""

import json
from os import PathLike
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .errors import NoticeFileError, NoticeProblem

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


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


def parent_location(location: str) -> str:
    """``notice.body[3].value`` → ``notice.body[3]`` → ``notice.body`` → ``notice`` → ``""``."""
    if location.endswith("]"):
        return location[: location.rindex("[")]
    return location.rpartition(".")[0]


def child_location(location: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{location}[{key}]"
    return f"{location}.{key}" if location else str(key)


def read_notice_file(path: str | PathLike) -> dict:
    """Parse a notice file by its extension: ``.yaml``/``.yml`` or ``.json``.

    Returns a dict (a ``NoticeFileData``) that ``import_notice`` uses to give the line of
    each problem. Syntax errors raise ``NoticeFileError`` with their line and column.
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
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise NoticeFileError(error.strerror or str(error), source=source) from error
    except UnicodeDecodeError as error:
        raise NoticeFileError(
            _("The file is not UTF-8 text (byte %(position)d).") % {"position": error.start},
            source=source,
        ) from error
    if suffix in YAML_SUFFIXES:
        data, lines = _load_yaml(text, source)
    else:
        data, lines = _load_json(text, source)
    if not isinstance(data, dict):
        raise NoticeFileError(
            _("A notice file is a mapping with the keys format, format_version and notice."),
            line=1,
            source=source,
        )
    return NoticeFileData(data, source=source, lines=lines)


def _load_yaml(text: str, source: str) -> tuple[object, dict[str, int]]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise NoticeFileError(_("The file is empty."), source=source)
        lines: dict[str, int] = {}
        problems: list[NoticeProblem] = []
        _map_lines(node, "", lines, problems, set())
        if problems:
            raise NoticeFileError(problems=problems, source=source)
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or ""
        if error.problem and error.context and error.context_mark:
            message = _("%(problem)s, %(context)s that starts on line %(line)d") % {
                "problem": error.problem,
                "context": error.context,
                "line": error.context_mark.line + 1,
            }
        raise NoticeFileError(
            _("YAML syntax error: %(message)s") % {"message": message},
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            source=source,
        ) from error
    except yaml.YAMLError as error:
        raise NoticeFileError(
            _("YAML syntax error: %(message)s") % {"message": error}, source=source
        ) from error
    finally:
        loader.dispose()


def _load_json(text: str, source: str) -> tuple[object, dict[str, int]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NoticeFileError(
            _("JSON syntax error: %(message)s") % {"message": error.msg},
            line=error.lineno,
            column=error.colno,
            source=source,
        ) from error
    # JSON is YAML too: composing it gives the line of each location. A file that
    # PyYAML reads differently (tabs for indentation, for example) is simply not located.
    lines: dict[str, int] = {}
    problems: list[NoticeProblem] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            _map_lines(node, "", lines, problems, set())
    except yaml.YAMLError:
        return data, {}
    if problems:
        raise NoticeFileError(problems=problems, source=source)
    return data, lines


def _map_lines(
    node: yaml.Node,
    location: str,
    lines: dict[str, int],
    problems: list[NoticeProblem],
    ancestors: set[int],
) -> None:
    """Record the line of every location below ``node``; report keys given twice."""
    lines.setdefault(location, node.start_mark.line + 1)
    if id(node) in ancestors:  # an alias of one of its own ancestors
        return
    ancestors = ancestors | {id(node)}
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_location = child_location(location, key)
            key_line = key_node.start_mark.line + 1
            if key in first_line:
                problems.append(
                    NoticeProblem(
                        key_location,
                        _("This key is given twice (first on line %(line)d).")
                        % {"line": first_line[key]},
                        line=key_line,
                    )
                )
                continue
            first_line[key] = key_line
            lines[key_location] = key_line
            _map_lines(value_node, key_location, lines, problems, ancestors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, child_location(location, index), lines, problems, ancestors)

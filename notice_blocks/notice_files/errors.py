"""What goes wrong in a notice file, and where."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

# Characters that would break a problem's line, or could not be printed: control characters
# and lone surrogates, which a file's keys and a path may hold.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` on one line, its control characters and lone surrogates escaped (``\\x00``)."""
    return UNPRINTABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def shown(text: str, length: int = 60) -> str:
    """Text from a file, cut short to be quoted in a message."""
    return text if len(text) <= length else f"{text[: length - 1]}…"


@dataclass(frozen=True)
class NoticeProblem:
    """One problem in a notice file.

    ``location`` is a path into the file's data, such as
    ``notice.body[3].value.bases[0].provision``; it is empty for the file as a whole.
    ``line`` and ``column`` count from 1 and are known for YAML files (and JSON files that
    YAML can read).
    """

    location: str
    message: str
    line: int | None = None
    column: int | None = None

    def format(self, source: str = "") -> str:
        """The problem as one line, for example ``notice.yaml:57: notice.title: …``.

        Control characters and lone surrogates are escaped, so that a problem is always one
        line that can be printed.
        """
        position = ":".join(str(part) for part in (self.line, self.column) if part is not None)
        if source and position:
            prefix = f"{source}:{position}: "
        elif source:
            prefix = f"{source}: "
        elif position:
            prefix = f"line {position}: "
        else:
            prefix = ""
        where = f"{self.location}: " if self.location else ""
        return printable(f"{prefix}{where}{self.message}")

    def __str__(self) -> str:
        return self.format()


class NoticeFileError(Exception):
    """A notice file that cannot be read or imported, with every problem found in it.

    ``location``, ``message``, ``line`` and ``column`` describe the first problem;
    ``problems`` lists them all, in the order they appear in the file.
    """

    def __init__(
        self,
        message: str = "",
        location: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        problems: Iterable[NoticeProblem] = (),
        source: str = "",
    ):
        self.problems = list(problems) or [NoticeProblem(location, str(message), line, column)]
        self.source = source
        super().__init__(str(self))

    @property
    def location(self) -> str:
        return self.problems[0].location

    @property
    def message(self) -> str:
        return self.problems[0].message

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def column(self) -> int | None:
        return self.problems[0].column

    def __str__(self) -> str:
        return "\n".join(problem.format(self.source) for problem in self.problems)

    def located(self, line_of: Callable[[str], int | None], source: str = "") -> "NoticeFileError":
        """The same problems with the line of each location, sorted by line."""
        problems = [
            problem
            if problem.line is not None
            else replace(problem, line=line_of(problem.location))
            for problem in self.problems
        ]
        problems.sort(key=lambda problem: problem.line or 0)
        return NoticeFileError(problems=problems, source=source or self.source)

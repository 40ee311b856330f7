"""The words of a point: its lines, and the short lists some of its lines make.

Each line of a point is a sentence or more. A line starting with a bullet (“- ”, “* ”, “• ” or
“– ”) is an item of a list; the items that follow one another make one list, and the line just
before them leads into it: “We share it with:”. The checks count a list with its lead-in as
one sentence, and check each item's length as a sentence's.
"""

import re
from dataclasses import dataclass, field

#: A bullet at the start of a line, then the item's words.
BULLET = re.compile(r"^[-*•–]\s+(?P<item>\S.*)$")


@dataclass
class Line:
    """A line of a point: a sentence or more, perhaps leading into the list after it."""

    text: str
    items: list[str] = field(default_factory=list)

    @property
    def is_list(self) -> bool:
        """Whether this is a list with no line before it to lead into it."""
        return not self.text


def point_lines(text: str) -> list[Line]:
    """The lines of a point's text, each list with the line that leads into it."""
    lines: list[Line] = []
    for raw in (text or "").splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        bullet = BULLET.match(stripped)
        if bullet is None:
            lines.append(Line(stripped))
        elif lines:
            # The line before leads into the list, or is the list so far.
            lines[-1].items.append(bullet["item"].strip())
        else:
            lines.append(Line("", [bullet["item"].strip()]))
    return lines

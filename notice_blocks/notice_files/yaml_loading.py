"""Reading a YAML notice file within the limits, remembering the line of every location.

``compose`` builds the document's nodes from the parser's events one at a time, without
recursion, and stops at the first limit a file goes beyond: nesting, list and mapping sizes,
text length, aliases and the number of values, each alias counted as the values it stands
for (so that aliases can never multiply the work). Only plain values are made: text,
numbers, true or false, dates, lists and mappings; any other tag is refused.
"""

from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .body import describe
from .errors import NoticeFileError, NoticeProblem, shown
from .limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_LIST_ITEMS,
    MAX_MAPPING_KEYS,
    MAX_TEXT_LENGTH,
    MAX_VALUES,
    number,
)
from .locations import child_location
from .values import (
    Unreadable,
    depth_limit_message,
    list_limit_message,
    mapping_limit_message,
    text_limit_message,
    values_limit_message,
)

YAML_TAG = "tag:yaml.org,2002:"
STR_TAG = f"{YAML_TAG}str"
MERGE_TAG = f"{YAML_TAG}merge"

#: The tags of the values a notice file may hold, by kind of node.
ALLOWED_TAGS = {
    ScalarNode: {
        f"{YAML_TAG}{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")
    }
    | {MERGE_TAG},
    SequenceNode: {f"{YAML_TAG}seq"},
    MappingNode: {f"{YAML_TAG}map"},
}

ParserLoader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


#: What a scalar is not, when its value cannot be made.
NOT_A_DATE = gettext_lazy("“%(value)s” is not a date.")
NOT_A_NUMBER = gettext_lazy("“%(value)s” is not a number.")
NOT_TRUE_OR_FALSE = gettext_lazy("“%(value)s” is not true or false.")


class NoticeLoader(ParserLoader):
    """YAML's safe loader (libyaml's when there is one), whose impossible values are kept.

    A scalar that cannot be made into its value (the date 2021-02-30, a number of thousands
    of digits, ``!!int abc``) becomes an ``Unreadable``, reported at its location.
    """

    def construct_or_keep(self, construct, node: ScalarNode, message) -> object:
        try:
            return construct(self, node)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            return Unreadable(message % {"value": shown(str(node.value))})

    def construct_date(self, node: ScalarNode) -> object:
        return self.construct_or_keep(yaml.SafeLoader.construct_yaml_timestamp, node, NOT_A_DATE)

    def construct_integer(self, node: ScalarNode) -> object:
        return self.construct_or_keep(yaml.SafeLoader.construct_yaml_int, node, NOT_A_NUMBER)

    def construct_float(self, node: ScalarNode) -> object:
        return self.construct_or_keep(yaml.SafeLoader.construct_yaml_float, node, NOT_A_NUMBER)

    def construct_bool(self, node: ScalarNode) -> object:
        return self.construct_or_keep(yaml.SafeLoader.construct_yaml_bool, node, NOT_TRUE_OR_FALSE)


NoticeLoader.add_constructor(f"{YAML_TAG}timestamp", NoticeLoader.construct_date)
NoticeLoader.add_constructor(f"{YAML_TAG}int", NoticeLoader.construct_integer)
NoticeLoader.add_constructor(f"{YAML_TAG}float", NoticeLoader.construct_float)
NoticeLoader.add_constructor(f"{YAML_TAG}bool", NoticeLoader.construct_bool)


def shown_tag(tag: str) -> str:
    """A tag as a file writes it: ``!!python/object``, ``!local``."""
    if tag.startswith(YAML_TAG):
        tag = f"!!{tag.removeprefix(YAML_TAG)}"
    return shown(tag)


@dataclass
class _Open:
    """A mapping or list being composed: its node, location and expanded size so far."""

    node: MappingNode | SequenceNode
    location: str
    size: int = 1
    key: Node | None = None  # a mapping's key waiting for its value
    key_location: str = ""
    first_lines: dict[str, int] = field(default_factory=dict)
    anchored: bool = False


class Composer:
    """Composes one document from a loader's events, within the limits."""

    def __init__(self, loader: yaml.BaseLoader):
        self.loader = loader
        self.lines: dict[str, int] = {}
        self.problems: list[NoticeProblem] = []
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[int, int] = {}  # the expanded size of each complete anchored node
        self.total = 0
        self.aliases = 0

    def compose(self) -> Node | None:
        """The file's only document, or None if the file is empty."""
        loader = self.loader
        loader.get_event()  # the start of the stream
        if loader.check_event(StreamEndEvent):
            return None
        loader.get_event()  # the start of the document
        node = self.compose_node()
        loader.get_event()  # the end of the document
        if loader.check_event(DocumentStartEvent):
            mark = loader.peek_event().start_mark
            raise NoticeFileError(
                _("A notice file holds one YAML document, and another starts here."),
                line=mark.line + 1,
                column=mark.column + 1,
            )
        return node

    def stop(self, location: str, message: str, mark) -> None:
        raise NoticeFileError(message, location, line=mark.line + 1, column=mark.column + 1)

    def count(self, size: int, location: str, mark) -> None:
        self.total += size
        if self.total > MAX_VALUES:
            self.stop(location, values_limit_message(), mark)

    def compose_node(self) -> Node:
        stack: list[_Open] = []
        while True:
            event = self.loader.get_event()
            if isinstance(event, CollectionEndEvent):
                done = stack.pop()
                node, size, mark = done.node, done.size, done.node.start_mark
                node.end_mark = event.end_mark
                if done.anchored:
                    self.sizes[id(node)] = size
            else:
                parent = stack[-1] if stack else None
                location = self.location_of(parent, event)
                mark = event.start_mark
                is_key = (
                    parent is not None
                    and isinstance(parent.node, MappingNode)
                    and parent.key is None
                )
                if not is_key:  # a key's line is recorded with its text
                    self.lines.setdefault(location, mark.line + 1)
                if isinstance(event, AliasEvent):
                    node, size = self.alias(event, location)
                elif isinstance(event, ScalarEvent):
                    node, size = self.scalar(event, location, is_key), 1
                else:
                    if len(stack) >= MAX_DEPTH:
                        self.stop(location, depth_limit_message(), mark)
                    node = self.collection(event, location)
                    stack.append(_Open(node, location, anchored=event.anchor is not None))
                    continue
            if not stack:
                return node
            self.attach(stack[-1], node, size, mark)

    def location_of(self, parent: _Open | None, event) -> str:
        if parent is None:
            return ""
        if isinstance(parent.node, SequenceNode):
            return child_location(parent.location, len(parent.node.value))
        if parent.key is not None:
            return parent.key_location
        if isinstance(event, ScalarEvent):  # a key
            return child_location(parent.location, shown(event.value))
        return parent.location

    def alias(self, event: AliasEvent, location: str) -> tuple[Node, int]:
        mark = event.start_mark
        name = shown(event.anchor)
        if event.anchor not in self.anchors:
            self.stop(
                location,
                _("The alias *%(name)s has no anchor &%(name)s before it.") % {"name": name},
                mark,
            )
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.stop(
                location,
                _(
                    "Too many aliases: a notice file needs none, and holds at most "
                    "%(limit)s (*%(name)s is one more)."
                )
                % {"limit": number(MAX_ALIASES), "name": name},
                mark,
            )
        node = self.anchors[event.anchor]
        size = self.sizes.get(id(node))
        if size is None:
            self.stop(
                location,
                _("The alias *%(name)s is inside the value it stands for.") % {"name": name},
                mark,
            )
        self.count(size, location, mark)
        return node, size

    def scalar(self, event: ScalarEvent, location: str, is_key: bool) -> ScalarNode:
        if len(event.value) > MAX_TEXT_LENGTH:
            self.stop(location, text_limit_message(len(event.value)), event.start_mark)
        self.count(1, location, event.start_mark)
        tag = self.tag(ScalarNode, event, event.value, location)
        if tag == MERGE_TAG and not is_key:  # "<<" merges only as a key
            tag = STR_TAG
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        self.anchor(event, node)
        if event.anchor is not None:
            self.sizes[id(node)] = 1
        return node

    def collection(self, event, location: str) -> MappingNode | SequenceNode:
        self.count(1, location, event.start_mark)
        kind = MappingNode if isinstance(event, MappingStartEvent) else SequenceNode
        tag = self.tag(kind, event, None, location)
        node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        self.anchor(event, node)
        return node

    def anchor(self, event, node: Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node

    def tag(self, kind: type[Node], event, value: str | None, location: str) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, value, event.implicit)
        if tag == f"{YAML_TAG}value":  # a plain "=": text
            tag = STR_TAG
        if tag not in ALLOWED_TAGS[kind]:
            mark = event.start_mark
            self.problems.append(
                NoticeProblem(
                    location,
                    _(
                        "The YAML tag “%(tag)s” is not allowed: a notice file holds text, "
                        "numbers, true or false, dates, lists and mappings."
                    )
                    % {"tag": shown_tag(tag)},
                    line=mark.line + 1,
                    column=mark.column + 1,
                )
            )
        return tag

    def attach(self, parent: _Open, node: Node, size: int, mark) -> None:
        """Add a complete node to the mapping or list being composed around it."""
        parent.size += size
        if isinstance(parent.node, SequenceNode):
            parent.node.value.append(node)
            if len(parent.node.value) > MAX_LIST_ITEMS:
                self.stop(parent.location, list_limit_message(), mark)
            return
        if parent.key is None:
            parent.key = node
            parent.key_location = parent.location
            if isinstance(node, ScalarNode):
                self.key(parent, node)
            else:
                self.problems.append(
                    NoticeProblem(
                        parent.location,
                        _("Expected text as a key, found %(found)s.")
                        % {"found": describe([] if isinstance(node, SequenceNode) else {})},
                        line=mark.line + 1,
                        column=mark.column + 1,
                    )
                )
            return
        parent.node.value.append((parent.key, node))
        parent.key = None
        if len(parent.node.value) > MAX_MAPPING_KEYS:
            self.stop(parent.location, mapping_limit_message(), mark)

    def key(self, parent: _Open, node: ScalarNode) -> None:
        """Record where a key is, reporting a key given twice."""
        key = str(node.value)
        location = child_location(parent.location, shown(key))
        line = node.start_mark.line + 1
        parent.key_location = location
        if key in parent.first_lines:
            self.problems.append(
                NoticeProblem(
                    location,
                    _("This key is given twice (first on line %(line)d).")
                    % {"line": parent.first_lines[key]},
                    line=line,
                )
            )
            return
        parent.first_lines[key] = line
        self.lines[location] = line


def compose(loader: yaml.BaseLoader) -> tuple[Node | None, dict[str, int], list[NoticeProblem]]:
    """The document's node, the line of each location, and the problems found composing it.

    A limit gone beyond raises ``NoticeFileError`` at once; syntax errors raise YAML's.
    """
    composer = Composer(loader)
    node = composer.compose()
    return node, composer.lines, composer.problems

"""Writing notice data as text: readable YAML, or JSON."""

import json

import yaml

FORMATS = ("yaml", "json")


class NoticeDumper(yaml.SafeDumper):
    """Block-style YAML: nested lists indented, no aliases, multi-line text as ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted style where a literal block cannot hold the text exactly.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


NoticeDumper.add_representer(str, _represent_str)


def dump_notice(data: dict, format: str = "yaml") -> str:
    """``data`` (as ``export_notice`` gives it) as the text of a notice file."""
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format == "yaml":
        return yaml.dump(
            data,
            Dumper=NoticeDumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=float("inf"),
        )
    raise ValueError(f"Unknown format {format!r}: choose one of {', '.join(FORMATS)}.")


def format_for(filename: str) -> str:
    """The format a file name calls for: JSON for ``.json``, YAML otherwise."""
    return "json" if filename.lower().endswith(".json") else "yaml"

"""The rules as a Markdown table, for their documentation and ``check_notice --rules``."""

from .rules import RULES, Rule

HEADER = (
    "| rule | article | severity | the notice needs | how to satisfy it |\n"
    "| --- | --- | --- | --- | --- |\n"
)


def rules_table(rules: tuple[Rule, ...] = RULES) -> str:
    """One row per rule: its slug, articles, severity, what it requires and how to satisfy it."""
    rows = (
        f"| `{rule.slug}` | {rule.articles} | {rule.severity.value} | {rule.requires} | "
        f"{rule.remedy} |\n"
        for rule in rules
    )
    return HEADER + "".join(rows)

"""Checking a notice page against every rule, and which pages are checked."""

from .findings import Finding
from .notice import Notice
from .rules import RULES, Rule


def check_notice_page(page, rules: tuple[Rule, ...] = RULES) -> tuple[Finding, ...]:
    """The findings for ``page``, any notice page, saved or not.

    Sorted by section (findings about the page first), then the most serious first, then
    in the order of ``rules``.
    """
    notice = Notice(page)
    findings = [
        (order, finding) for order, rule in enumerate(rules) for finding in rule.findings(notice)
    ]
    findings.sort(
        key=lambda item: (
            item[1].section_index is not None,
            item[1].section_index or 0,
            item[1].severity.rank,
            item[0],
        )
    )
    return tuple(finding for _order, finding in findings)


def is_checked(page) -> bool:
    """Whether the completeness check applies to ``page`` (a page, or a page type).

    Every admin surface of the check and the publish gate ask this. Notice page types say so
    with ``completeness_checked``; a page type that is a version of another notice (checked
    on that notice) turns it off. Other pages are never checked.
    """
    return bool(getattr(page, "completeness_checked", False))

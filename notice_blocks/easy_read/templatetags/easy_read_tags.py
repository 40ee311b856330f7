"""The anchors of an easy read page's points and meanings, and the marks of its preview.

Each point, meaning and the title (for the notice as a whole) has a readable id
(``section-2-point-3``), by which the Checks panel names where a finding is. Only a preview has
a review in its context, and marks them: ``data-easy-read-issues`` names the checks that fail
there, for the Checks panel's rules; ``data-easy-read-place`` and ``data-easy-read-problems``
(each check's problems, as JSON) say where and what, in words, for the panel to show. A
published page carries no marks.
"""

import json

from django import template
from django.utils.html import format_html

from ..places import WHOLE_NOTICE_ANCHOR

register = template.Library()


@register.simple_tag(takes_context=True)
def easy_read_marks(context, anchor: str | None) -> str:
    """`` id="…"`` of an element the checks may find at fault and, in a preview, its marks."""
    if not anchor:
        return ""
    review = context.get("easy_read_review")
    if review is None:
        return format_html(' id="{}"', anchor)
    findings = review.findings_at(anchor)
    if not findings:
        return format_html(' id="{}" data-easy-read-issues=""', anchor)
    problems: dict[str, list[str]] = {}
    for finding in findings:
        problems.setdefault(finding.check.value, []).append(finding.problem)
    return format_html(
        ' id="{}" data-easy-read-issues="{}" data-easy-read-place="{}"'
        ' data-easy-read-problems="{}"',
        anchor,
        " ".join(sorted(problems)),
        findings[0].place_name,
        json.dumps(problems, ensure_ascii=False),
    )


@register.simple_tag(takes_context=True)
def easy_read_notice_marks(context) -> str:
    """The id and marks of the title, which stands for the notice as a whole."""
    return easy_read_marks(context, WHOLE_NOTICE_ANCHOR)

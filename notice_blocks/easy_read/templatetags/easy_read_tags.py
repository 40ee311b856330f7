"""Marks on an easy read page's preview that the editor's Checks panel reports."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def easy_read_issue_attributes(context, block_id: str | None = None) -> str:
    """``data-easy-read-issues`` naming the checks that fail on a point (or on the page).

    Only a preview has a review in its context; a published page carries no marks.
    """
    review = context.get("easy_read_review")
    if review is None:
        return ""
    return format_html(' data-easy-read-issues="{}"', " ".join(review.checks_for(block_id or None)))

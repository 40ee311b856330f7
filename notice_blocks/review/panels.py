"""The dashboard panel: the notices the user may edit that are due for review."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .due import DueNotice

#: The most notices the panel lists; the report lists them all.
PANEL_LIMIT = 10


class NoticesDueForReviewPanel(Component):
    name = "notices_due_for_review"
    template_name = "notice_blocks/review/panel.html"
    # After the workflow panels, before the user's recent edits.
    order = 230

    def __init__(self, due: list[DueNotice]) -> None:
        self.due = due

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "notices": self.due[:PANEL_LIMIT],
                "count": len(self.due),
                "more": len(self.due) > PANEL_LIMIT,
                "report_url": reverse("notice_review:report"),
            }
        )
        return context

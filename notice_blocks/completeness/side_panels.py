"""A notice's completeness in the status side panel of its editor.

Wagtail gives the page status panel no way to add an item, so ``show_completeness_status``
extends the panel's context: on the notice pages checked (see ``is_checked``), the panel also
includes ``notice_blocks/completeness/status.html``, with the findings of the page as the
editor has it (its latest draft, or the form as posted). The panel is drawn again on each
autosave, so the summary follows the draft.
"""

from django.urls import reverse
from wagtail.admin.ui.side_panels import PageStatusSidePanel

from .check import is_checked
from .summary import Completeness

STATUS_TEMPLATE = "notice_blocks/completeness/status.html"
#: The status item it follows (the page's workflow and live status).
AFTER_TEMPLATE = "wagtailadmin/shared/side_panels/includes/status/workflow.html"


def completeness_context(page) -> dict:
    """What the status item shows: the summary, and where the full list of findings is."""
    completeness = Completeness.of(page)
    if not completeness.checked:
        icon = "error"
    elif completeness.required:
        icon = "warning"
    else:
        icon = "success"
    return {
        "notice_completeness": completeness,
        "notice_completeness_icon": icon,
        "notice_completeness_url": (
            reverse("notice_completeness:page", args=[page.pk]) if page.pk else None
        ),
    }


def with_status_template(templates: list[str]) -> list[str]:
    templates = [template for template in templates if template != STATUS_TEMPLATE]
    position = templates.index(AFTER_TEMPLATE) + 1 if AFTER_TEMPLATE in templates else 0
    return [*templates[:position], STATUS_TEMPLATE, *templates[position:]]


def show_completeness_status(panel_class: type = PageStatusSidePanel) -> None:
    """Make the page status panel show a notice's completeness (once, whatever the calls)."""
    get_context_data = panel_class.get_context_data
    if getattr(get_context_data, "shows_completeness", False):
        return

    def get_context_data_with_completeness(self, parent_context):
        context = get_context_data(self, parent_context)
        if is_checked(self.object):
            context.update(completeness_context(self.object))
            context["status_templates"] = with_status_template(context["status_templates"])
        return context

    get_context_data_with_completeness.shows_completeness = True
    panel_class.get_context_data = get_context_data_with_completeness

"""Approving a notice from the dashboard when its publication is refused.

Approving the last task of a workflow publishes the page. A notice that became refused after
it was submitted (the completeness check was switched on, a shared detail changed, or it
fails another check that publishing enforces, such as the easy read checks) is refused by its
``publish``, which raises ``ValidationError``. Wagtail approves in one transaction, so nothing
is approved or published; ``NoticeWorkflowActionView`` tells the moderator why, instead of
failing with an error page, and the task stays in progress.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext

from ..compat import WorkflowActionView
from ..models import AbstractNoticePage


def refusal_message(page, error: ValidationError) -> str:
    return gettext(
        "“%(title)s” was not approved, and its task is still in progress: the notice cannot "
        "be published as it is. %(reasons)s"
    ) % {"title": page.get_admin_display_title(), "reasons": " ".join(error.messages)}


def answering_refusals(post):
    """``post`` of a workflow action view, answering a notice's refused publication.

    The moderator is told why and sent where the action would have taken them; the modal
    (an XHR request) is given that address as the successful action's redirect.
    """

    @wraps(post)
    def answered(view, request, *args, **kwargs):
        try:
            return post(view, request, *args, **kwargs)
        except ValidationError as error:
            if not issubclass(view.object.specific_class, AbstractNoticePage):
                raise
            messages.error(request, refusal_message(view.object, error))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return view.render_modal_json(
                request, {"step": "success", "redirect": view.redirect_url}
            )
        return redirect(view.redirect_url)

    return answered


class NoticeWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action view, which tells why a notice could not be published."""

    post = answering_refusals(WorkflowActionView.post)

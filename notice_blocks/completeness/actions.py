"""The admin's publish actions that do not go through a notice's own form, gated too.

The editor's publish button on page types whose form does not check completeness, and
publishing several pages at once from a listing: both ask ``publish_findings``.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext

from .check import is_checked
from .findings import Finding
from .publishing import describe, enforced_on_publish, publish_findings


def refusal_message(findings: tuple[Finding, ...]) -> str:
    return gettext(
        "The notice was saved as a draft, not published: it misses items UK GDPR Articles 13 "
        "and 14 require. %(findings)s"
    ) % {"findings": " ".join(describe(finding) for finding in findings)}


def refuse_publishing_in_editor(request, page):
    """``before_publish_page`` hook: a notice the completeness check refuses stays a draft.

    A notice's own form refuses it before this; this stops page types whose form does not
    (the draft is saved, and the editor is shown what is missing).
    """
    if not is_checked(page):
        return None
    findings = publish_findings(page)
    if not findings:
        return None
    messages.error(request, refusal_message(findings))
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_bulk_publishing(request, action_type: str, objects: list, action):
    """``before_bulk_action`` hook: nothing is published while a notice chosen is refused.

    The notices (and, where chosen, their unpublished descendants) are checked as their latest
    revisions stand; the editor is told which keep the others from being published.
    """
    if action_type != "publish" or not enforced_on_publish():
        return None
    pages = [page.specific for page in objects]
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += list(page.get_descendants().not_live().specific())
    refused = [
        page
        for page in pages
        if is_checked(page) and publish_findings(page.get_latest_revision_as_object())
    ]
    if not refused:
        return None
    titles = ", ".join(f"“{page.get_admin_display_title()}”" for page in refused)
    messages.error(
        request,
        ngettext(
            "Nothing was published: %(titles)s misses items UK GDPR Articles 13 and 14 "
            "require. Open it to see what is missing, or publish the other pages without it.",
            "Nothing was published: %(titles)s miss items UK GDPR Articles 13 and 14 require. "
            "Open them to see what is missing, or publish the other pages without them.",
            len(refused),
        )
        % {"titles": titles},
    )
    return redirect(action.next_url)

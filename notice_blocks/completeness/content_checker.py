"""The completeness findings in the editor's Checks panel, through Wagtail's content checker.

One axe rule per completeness rule reports the sections its findings are about, found in the
preview by their anchors (the body child's id); a finding about the page as a whole, or about
a section the preview does not show, is reported on the page's main heading. The rules'
targets come from the page the checker is given (in the preview panel, the page as the editor
has it now), so the Checks panel follows the editor's changes. Nothing is added to the page's
HTML: the findings travel in the checker's configuration, which Wagtail gives only to users
who may use the admin, and this checker only where they may edit the page.
"""

import json
from functools import cache

from django.utils.text import capfirst
from django.utils.translation import gettext

from ..compat import ContentCheckerItem, checks_in_editor, content_checker_options
from .check import is_checked
from .findings import Finding, Severity
from .rules import RULES, Rule
from .summary import Completeness

#: Fails on the sections named in the options, and on the page's main heading for findings
#: about the page (or about sections the preview does not show).
EVALUATE = (
    "function (node, options) {"
    " var heading = document.querySelector('h1') || document.body;"
    " var missing = options.sections.some(function (id) {"
    " return !document.getElementById(id); });"
    " if (node === heading) { return !(options.page || missing); }"
    " return options.sections.indexOf(node.id) === -1; }"
)

IMPACT = {Severity.ERROR: "serious", Severity.WARNING: "moderate", Severity.INFO: "minor"}
TAG = "notice-completeness"


def rule_id(rule: Rule) -> str:
    return f"notice-completeness-{rule.slug}"


def targets(findings: list[Finding]) -> dict:
    """The check's options: the sections the findings are about, and whether one is the page's."""
    sections = list(dict.fromkeys(f.section_id for f in findings if f.section_id))
    return {"sections": sections, "page": any(not f.section_id for f in findings)}


def selector(sections: list[str]) -> str:
    """The main heading (or the body, without one) and the sections, by their ids."""
    return ", ".join(["h1", "body", *(f"[id={json.dumps(section)}]" for section in sections)])


def message(rule: Rule, findings: list[Finding]) -> dict:
    """What the Checks panel says of a rule: severity, provisions and the finding's words.

    Where the notice has no single finding of the rule, what the rule asks for stands in.
    """
    article = findings[0].article if findings else str(rule.articles)
    words = {finding.message for finding in findings}
    help_text = words.pop() if len(words) == 1 else f"{rule.requires} {rule.remedy}"
    return {
        "error_name": gettext("%(severity)s (%(article)s): %(requires)s")
        % {
            "severity": capfirst(rule.severity.label),
            "article": article,
            "requires": rule.requires,
        },
        "help_text": help_text,
    }


class CompletenessChecks:
    """Adds the completeness rules to a content checker, for one notice page."""

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.completeness = Completeness.of(page) if page is not None else Completeness()

    def findings_of(self, rule: Rule) -> list[Finding]:
        return [finding for finding in self.completeness.findings if finding.rule == rule.slug]

    def get_axe_run_only(self, request):
        run_only = super().get_axe_run_only(request)
        if not run_only:  # every rule runs, these too
            return run_only
        return [*run_only, *(rule_id(rule) for rule in RULES)]

    def get_axe_custom_rules(self, request):
        rules = []
        for rule in RULES:
            options = targets(self.findings_of(rule))
            rules.append(
                {
                    "id": rule_id(rule),
                    "impact": IMPACT[rule.severity],
                    "selector": selector(options["sections"]),
                    "tags": [TAG],
                    "any": [rule_id(rule)],
                    "enabled": True,
                }
            )
        return [*super().get_axe_custom_rules(request), *rules]

    def get_axe_custom_checks(self, request):
        checks = [
            {"id": rule_id(rule), "evaluate": EVALUATE, "options": targets(self.findings_of(rule))}
            for rule in RULES
        ]
        return [*super().get_axe_custom_checks(request), *checks]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        for rule in RULES:
            messages[rule_id(rule)] = message(rule, self.findings_of(rule))
        return messages


class CompletenessContentChecker(CompletenessChecks, ContentCheckerItem):
    """Wagtail's content checks, and the completeness of a notice."""


def checker_class(item: ContentCheckerItem) -> type:
    """The class of a checker that checks what ``item`` checks, and the completeness too.

    Wagtail's own checker is replaced by ``CompletenessContentChecker``; another app's (one
    that adds its own checks to pages of a type it knows) is extended, so that both apply.
    """
    base = type(item)
    if base.__module__.startswith("wagtail."):
        return CompletenessContentChecker
    return extended(base)


@cache
def extended(base: type) -> type:
    return type(f"Completeness{base.__name__}", (CompletenessChecks, base), {})


def use_completeness_checks(request, items: list, page) -> None:
    """``construct_wagtail_userbar`` hook: the completeness checks on the notice pages checked.

    Registered to run after other apps have chosen their checker; only in the editor (a
    public page's user bar keeps Wagtail's own checks), for users who may edit the page.
    """
    if not is_checked(page):
        return
    user = getattr(request, "user", None)
    if page.pk and (user is None or not page.permissions_for_user(user).can_edit()):
        return
    for index, item in enumerate(items):
        if (
            isinstance(item, ContentCheckerItem)
            and not isinstance(item, CompletenessChecks)
            and checks_in_editor(request, item)
        ):
            items[index] = checker_class(item)(page=page, **content_checker_options(item))

"""The plain-language checks in the editor's Checks panel, through Wagtail's content checker.

The page's preview marks each point, meaning and its title (for the notice as a whole) with
the checks that fail there (``data-easy-read-issues``, from ``EasyReadReview``); one axe rule
per check reports the marked elements, so that the Checks panel lists them. It names each by
the element's readable id (``#section-2-point-3``, see ``places``), which the editor's script
``checks-panel.js`` replaces with the place and the problems in words.
"""

from ..compat import ContentCheckerItem, checks_in_editor, content_checker_options
from .checks import Check, describe
from .models import EasyReadNoticePage

#: Passes unless the element is marked as failing the check named in the options.
EVALUATE_MARK = (
    "function (node, options) {"
    " var issues = (node.getAttribute('data-easy-read-issues') || '').split(' ');"
    " return issues.indexOf(options.check) === -1; }"
)


def rule_id(check: Check) -> str:
    return f"easy-read-{check.value}"


class EasyReadContentChecker(ContentCheckerItem):
    """Wagtail's content checks, and the easy read plain-language checks."""

    def get_axe_run_only(self, request):
        return [*super().get_axe_run_only(request), *(rule_id(check) for check in Check)]

    def get_axe_custom_rules(self, request):
        return [
            *super().get_axe_custom_rules(request),
            *(
                {
                    "id": rule_id(check),
                    "impact": "serious",
                    "selector": "[data-easy-read-issues]",
                    "tags": ["easy-read"],
                    "any": [rule_id(check)],
                    "enabled": True,
                }
                for check in Check
            ),
        ]

    def get_axe_custom_checks(self, request):
        return [
            *super().get_axe_custom_checks(request),
            *(
                {"id": rule_id(check), "evaluate": EVALUATE_MARK, "options": {"check": check.value}}
                for check in Check
            ),
        ]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        for check in Check:
            error_name, help_text = describe(check)
            messages[rule_id(check)] = {"error_name": error_name, "help_text": help_text}
        return messages


def use_easy_read_checks(request, items: list, page) -> None:
    """``construct_wagtail_userbar`` hook: the easy read checks in easy read pages' editor."""
    if not isinstance(page, EasyReadNoticePage):
        return
    for index, item in enumerate(items):
        if (
            isinstance(item, ContentCheckerItem)
            and not isinstance(item, EasyReadContentChecker)
            and checks_in_editor(request, item)
        ):
            items[index] = EasyReadContentChecker(**content_checker_options(item))

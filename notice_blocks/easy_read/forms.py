"""The easy read page's edit form: the plain-language checks are enforced on publishing."""

import copy
from collections import defaultdict

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import (
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)

from .checks import Finding
from .publishing import publish_findings


def leads_to_publishing(data) -> bool:
    """Whether the editor's action publishes the page or puts it on the way to being published.

    Submitting to a workflow is checked too, so that a moderator who approves the revision
    (from the dashboard, without this form) publishes one that passed.
    """
    if any(
        data.get(name) for name in ("action-publish", "action-submit", "action-restart-workflow")
    ):
        return True
    return (
        bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == "approve"
    )


class EasyReadPageForm(WagtailAdminPageForm):
    """Refuses to publish an easy read notice that fails its checks, where the setting says so.

    Publishing, submitting to a workflow and approving in the editor are checked. Each finding
    is shown on the field it is about; drafts can always be saved, and the Checks panel shows
    the same findings while the editor writes.
    """

    def clean(self):
        cleaned_data = super().clean()
        if not leads_to_publishing(self.data):
            return cleaned_data
        if self.errors or "body" not in cleaned_data:
            return cleaned_data
        page = copy.copy(self.instance)
        for name in ("title", "slug", "version_label", "last_reviewed", "body"):
            if name in cleaned_data:
                setattr(page, name, cleaned_data[name])
        full_notice = self.parent_page.specific if self.parent_page else None
        self.add_findings(publish_findings(page, full_notice))
        return cleaned_data

    def add_findings(self, findings: tuple[Finding, ...]) -> None:
        """Attach each finding to its point's field, or to the form as a whole."""
        by_point: dict[int, dict[int, dict[str, list[str]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        for finding in findings:
            if finding.section_index is None or finding.point_index is None:
                self.add_error(None, finding.message)
            else:
                field = finding.field or "text"
                by_point[finding.section_index][finding.point_index][field].append(finding.message)
        if by_point:
            self.add_error("body", body_error(by_point))


def body_error(by_point: dict[int, dict[int, dict[str, list[str]]]]) -> StreamBlockValidationError:
    """The nested block error that shows each message on its point's field."""
    return StreamBlockValidationError(
        block_errors={
            section_index: StructBlockValidationError(
                block_errors={
                    "points": ListBlockValidationError(
                        block_errors={
                            point_index: StructBlockValidationError(
                                block_errors={
                                    field: ValidationError(messages)
                                    for field, messages in fields.items()
                                }
                            )
                            for point_index, fields in points.items()
                        }
                    )
                }
            )
            for section_index, points in by_point.items()
        }
    )

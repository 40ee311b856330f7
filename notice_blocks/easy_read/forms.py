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

from ..change_notes import ChangeNoteFormMixin
from .checks import Finding
from .publishing import publish_findings

#: Messages by (section's position in the stream, list name), item's position, and field.
ItemErrors = dict[tuple[int, str], dict[int, dict[str, list[str]]]]


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


class EasyReadPageForm(ChangeNoteFormMixin, WagtailAdminPageForm):
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
        """Attach each finding to its point's (or meaning's) field, or to the form as a whole."""
        by_item: ItemErrors = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for finding in findings:
            place = finding.place
            if place is None:
                self.add_error(None, finding.message)
            else:
                by_item[(place.section_index, place.list_name)][place.item_index][
                    place.field
                ].append(finding.message)
        if by_item:
            self.add_error("body", body_error(by_item))


def body_error(by_item: ItemErrors) -> StreamBlockValidationError:
    """The nested block error that shows each message on its point's (or word's) field."""
    return StreamBlockValidationError(
        block_errors={
            section_index: StructBlockValidationError(
                block_errors={
                    list_name: ListBlockValidationError(
                        block_errors={
                            item_index: StructBlockValidationError(
                                block_errors={
                                    field: ValidationError(messages)
                                    for field, messages in fields.items()
                                }
                            )
                            for item_index, fields in items.items()
                        }
                    )
                }
            )
            for (section_index, list_name), items in by_item.items()
        }
    )

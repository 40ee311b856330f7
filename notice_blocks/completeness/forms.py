"""A notice's edit form: the completeness check is enforced on publishing, where that is set.

Publishing (now or scheduled), submitting to a workflow and approving in the editor are
checked; each “required” finding is shown on the section and field it is about, or above the
form. Drafts can always be saved, and the Checks panel shows every finding while the editor
writes.
"""

import copy
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm

from ..change_notes import ChangeNoteFormMixin
from .findings import Finding
from .publishing import describe, enforced_on_publish, publish_findings


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


class CompletenessFormMixin:
    """Refuses to publish a notice with “required” findings, where the setting says so."""

    def clean(self):
        cleaned_data = super().clean()
        if not enforced_on_publish() or not leads_to_publishing(self.data) or self.errors:
            return cleaned_data
        self.add_findings(publish_findings(self.page_as_posted()))
        return cleaned_data

    def page_as_posted(self):
        """The page as the editor's form would save it, without changing the form's page."""
        return construct_instance(
            self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
        )

    def add_findings(self, findings: tuple[Finding, ...]) -> None:
        """Attach each finding to its section's field, its page field, or the form."""
        by_section: dict[int, dict[str | None, list[str]]] = defaultdict(lambda: defaultdict(list))
        for finding in findings:
            if finding.section_index is not None and "body" in self.fields:
                by_section[finding.section_index][finding.field].append(describe(finding))
            elif finding.field in self.fields:
                self.add_error(finding.field, describe(finding))
            else:
                self.add_error(None, describe(finding))
        if by_section:
            self.add_error("body", body_error(self.cleaned_data.get("body"), by_section))


class NoticePageForm(ChangeNoteFormMixin, CompletenessFormMixin, WagtailAdminPageForm):
    """The edit form of notice pages."""


def body_error(
    body, by_section: dict[int, dict[str | None, list[str]]]
) -> blocks.StreamBlockValidationError:
    """The nested block error that shows each message on its section's field.

    A message about a field the section's block does not have is shown on the section.
    """
    section_errors = {}
    unplaced = []
    for index, fields in by_section.items():
        try:
            block = body[index].block
        except (IndexError, TypeError):
            unplaced += [message for messages in fields.values() for message in messages]
            continue
        children = getattr(block, "child_blocks", None)
        if children is None:
            section_errors[index] = ValidationError(
                [message for messages in fields.values() for message in messages]
            )
            continue
        field_errors = {}
        section_messages = []
        for name, messages in fields.items():
            if name in children:
                field_errors[name] = field_error(children[name], messages)
            else:
                section_messages += messages
        section_errors[index] = blocks.StructBlockValidationError(
            block_errors=field_errors, non_block_errors=section_messages
        )
    return blocks.StreamBlockValidationError(block_errors=section_errors, non_block_errors=unplaced)


def field_error(block: blocks.Block, messages: list[str]) -> ValidationError:
    """``messages`` as the error a child block of that kind shows above its items."""
    if isinstance(block, blocks.ListBlock):
        return blocks.ListBlockValidationError(non_block_errors=messages)
    if isinstance(block, blocks.StreamBlock):
        return blocks.StreamBlockValidationError(non_block_errors=messages)
    if isinstance(block, blocks.StructBlock):
        return blocks.StructBlockValidationError(non_block_errors=messages)
    return ValidationError(messages)

"""The change note in a notice's edit form: written for the revision about to be published.

A notice's change note is a field of its revisions. Once a revision with a note is live, the
note has done its job (it names that version), so the editor's next edit starts empty: a
publish without a new note is a minor correction of the current version. A draft keeps the
note written for it until it is published.
"""


class ChangeNoteFormMixin:
    """Starts the change note empty when the revision being edited is the live one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if "change_note" in self.fields and page.pk and not page.has_unpublished_changes:
            self.initial["change_note"] = ""

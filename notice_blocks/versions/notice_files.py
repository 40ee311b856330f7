"""A notice's versions in its notice file, under ``notice.history`` (docs/notice-format.md).

So that a council can move a notice to another site without losing its public history, an
export lists the notice's versions, oldest first: number, label, when each came into force
and its change note. An import checks them against the versions the notice has here, which
it keeps (the file must agree with them), and adds the versions the file has after them.
Their text is not in the file: they are kept without it, but for the version the imported
notice is, which is given the notice's live revision.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from ..models import AbstractNoticePage
from ..notice_files.body import allowed, describe, expected_text
from ..notice_files.checking import FileChecker, is_blank
from ..notice_files.errors import NoticeFileError, shown
from ..notice_files.limits import MAX_HISTORY_VERSIONS, number
from ..notice_files.locations import child_location
from ..notice_files.results import ImportResult
from ..notice_files.sections import register_section
from ..notice_files.suggestions import did_you_mean
from .models import NoticeVersion
from .recording import starts_version, text_fingerprint
from .views import local_time

KEY = "history"
LOCATION = child_location("notice", KEY)
#: The keys of a version, in the order an export writes them.
VERSION_KEYS = ("number", "version_label", "in_force_from", "change_note")


@dataclass(frozen=True)
class FileVersion:
    """One version as a file gives it, checked."""

    number: int
    version_label: str
    change_note: str
    in_force_from: datetime
    location: str


@dataclass(frozen=True)
class CurrentVersion:
    """The notice's current version when the file was checked, as the import must leave it."""

    pk: int
    in_force_from: datetime
    revision_id: int | None
    text_fingerprint: str
    text_changed_at: datetime


@dataclass(frozen=True)
class HistoryPlan:
    """A checked history: the versions to add after the ``kept`` ones the notice has."""

    entries: tuple[FileVersion, ...]
    kept: int
    current: CurrentVersion | None
    #: Whether the notice the file gives is its last version (else a version after it).
    notice_is_last: bool

    @property
    def added(self) -> tuple[FileVersion, ...]:
        return self.entries[self.kept :]


def shown_moment(moment: datetime) -> str:
    """A moment as a file writes it: the site's local time, with its offset."""
    return local_time(moment).isoformat(timespec="seconds")


def same_moment(first: datetime, second: datetime) -> bool:
    """Whether two moments are the same to the second, as files write them."""
    return first.replace(microsecond=0) == second.replace(microsecond=0)


# Checking


class HistoryChecker:
    """Checks ``notice.history`` of one file, adding its problems to the file's checker."""

    def __init__(self, checker: FileChecker):
        self.checker = checker

    def error(self, location: str, message: str) -> None:
        self.checker.error(location, message)

    def check(self, notice: dict, page: Page | None) -> HistoryPlan | None:
        """What the import adds to the notice's versions; None when there is nothing to add."""
        if KEY not in notice:
            return None
        history = notice[KEY]
        if not isinstance(history, list):
            self.error(
                LOCATION,
                _(
                    "Expected the notice's versions: a list of mappings with the keys "
                    "%(keys)s; found %(found)s. Leave the key out to keep the notice's "
                    "versions as they are."
                )
                % {"keys": allowed(VERSION_KEYS), "found": describe(history)},
            )
            return None
        if len(history) > MAX_HISTORY_VERSIONS:
            self.error(
                LOCATION,
                _("Too many versions: a history holds at most %(limit)s.")
                % {"limit": number(MAX_HISTORY_VERSIONS)},
            )
            return None
        checked = [
            self.check_version(item, child_location(LOCATION, index), index + 1)
            for index, item in enumerate(history)
        ]
        # The versions that could be read are checked together too, so that every problem
        # is reported at once.
        entries = [entry for entry in checked if entry is not None]
        self.check_sequence(entries)
        existing = (
            list(NoticeVersion.objects.filter(page_id=page.pk).order_by("number"))
            if page is not None
            else []
        )
        self.check_against(entries, existing)
        if self.checker.problems:
            return None
        kept = min(len(entries), len(existing))
        current = existing[-1] if existing else None
        label, note = _text(notice.get("version_label")), _text(notice.get("change_note")).strip()
        last = entries[-1] if entries else None
        return HistoryPlan(
            entries=tuple(entries),
            kept=kept,
            current=CurrentVersion(
                current.pk,
                current.in_force_from,
                current.revision_id,
                current.text_fingerprint,
                current.text_changed_at,
            )
            if current is not None
            else None,
            notice_is_last=last is not None
            and not starts_version(label, note, last.version_label, last.change_note),
        )

    def check_version(self, item: object, location: str, expected: int) -> FileVersion | None:
        if not isinstance(item, dict):
            self.error(
                location,
                _("Expected a version: a mapping with the keys %(keys)s; found %(found)s.")
                % {"keys": allowed(VERSION_KEYS), "found": describe(item)},
            )
            return None
        problems = len(self.checker.problems)
        for key in item:
            if key not in VERSION_KEYS:
                self.error(
                    child_location(location, shown(str(key))),
                    _("Unknown key “%(key)s”. Allowed keys: %(keys)s.")
                    % {"key": shown(str(key)), "keys": allowed(VERSION_KEYS)}
                    + did_you_mean(str(key), VERSION_KEYS),
                )
        self.check_number(item, location, expected)
        fields: dict[str, object] = {}
        for name in ("version_label", "change_note"):
            self.check_text(item.get(name), child_location(location, name), name, fields)
        moment = None
        if is_blank(item.get("in_force_from")):
            self.error(
                child_location(location, "in_force_from"),
                _("Missing: every version says when it came into force."),
            )
        else:
            moment = self.checker.check_datetime(
                item["in_force_from"], child_location(location, "in_force_from")
            )
        if len(self.checker.problems) > problems:
            return None
        return FileVersion(
            expected, fields["version_label"], fields["change_note"].strip(), moment, location
        )

    def check_number(self, item: dict, location: str, expected: int) -> None:
        location = child_location(location, "number")
        found = item.get("number")
        if found is None:
            self.error(location, _("Missing: every version has its number."))
        elif type(found) is not int:
            self.error(
                location,
                _("Expected the version's number, %(expected)d; found %(found)s.")
                % {"expected": expected, "found": describe(found)},
            )
        elif found != expected:
            self.error(
                location,
                _(
                    "Expected version %(expected)d here, not %(found)d: a history lists a "
                    "notice's versions oldest first, numbered 1, 2, 3 and on, each once."
                )
                % {"expected": expected, "found": found},
            )

    def check_text(self, value: object, location: str, name: str, fields: dict) -> None:
        """A version's label or note, held as the notice's own field is (its length too)."""
        if value is None:
            fields[name] = ""
        elif not isinstance(value, str):
            self.error(location, expected_text(value))
        else:
            self.checker.clean_field(AbstractNoticePage, name, value, location, fields)

    def check_sequence(self, entries: list[FileVersion]) -> None:
        """Each version comes into force after the one before, and is a version of its own."""
        now = timezone.now()
        for before, entry in zip([None, *entries], entries, strict=False):
            moment_location = child_location(entry.location, "in_force_from")
            if entry.in_force_from > now:
                self.error(
                    moment_location,
                    _(
                        "Version %(number)d comes into force on %(moment)s, which is still to "
                        "come: a history lists versions that have been in force."
                    )
                    % {"number": entry.number, "moment": shown_moment(entry.in_force_from)},
                )
            if before is None:
                continue
            # Files give moments to the second: two versions published within a second of
            # each other (by a script) come into force at the same moment.
            if entry.in_force_from < before.in_force_from:
                self.error(
                    moment_location,
                    _(
                        "Version %(number)d came into force on %(moment)s, before version "
                        "%(before)d (%(before_moment)s): a version is in force from its date "
                        "until the next version's, so each comes into force after the one "
                        "before."
                    )
                    % {
                        "number": entry.number,
                        "moment": shown_moment(entry.in_force_from),
                        "before": before.number,
                        "before_moment": shown_moment(before.in_force_from),
                    },
                )
            if not starts_version(
                entry.version_label, entry.change_note, before.version_label, before.change_note
            ):
                self.error(
                    entry.location,
                    _(
                        "Version %(number)d has the version label and change note of version "
                        "%(before)d: a new version has a label or a change note of its own."
                    )
                    % {"number": entry.number, "before": before.number},
                )

    def check_against(self, entries: list[FileVersion], existing: list[NoticeVersion]) -> None:
        """The versions the notice has here are kept: the file must give them as they are."""
        by_number = {version.number: version for version in existing}
        for entry in entries:
            version = by_number.get(entry.number)
            if version is None:
                continue
            differences = [
                (name, found, held)
                for name, found, held in (
                    ("version_label", entry.version_label, version.version_label),
                    ("change_note", entry.change_note, version.change_note),
                )
                if found != held
            ]
            if not same_moment(entry.in_force_from, version.in_force_from):
                differences.append(
                    (
                        "in_force_from",
                        shown_moment(entry.in_force_from),
                        shown_moment(version.in_force_from),
                    )
                )
            for name, found, held in differences:
                self.error(
                    child_location(entry.location, name),
                    _(
                        "Version %(number)d of this notice on this site has %(name)s “%(held)s”, "
                        "not “%(found)s”: a history adds to the versions a notice has, and "
                        "cannot change them."
                    )
                    % {
                        "number": entry.number,
                        "name": name,
                        "held": shown(held),
                        "found": shown(found),
                    },
                )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


# Writing


def write_history(plan: HistoryPlan, notice: AbstractNoticePage) -> ImportResult:
    """Add the versions the file has after the notice's, the last one tied to its live revision.

    The import has just saved (and maybe published) the notice, which recorded its
    publication as a version of its own (or a correction): the file's history, which comes
    before that publication, takes its place, and it is recorded again after the history.
    """
    added = plan.added
    if not added:
        return ImportResult(notice, created=False, changed=False, summary=_summary(0))
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=notice.pk).first()
        NoticeVersion.objects.filter(page_id=notice.pk, number__gt=plan.kept).delete()
        if plan.current is not None:
            NoticeVersion.objects.filter(pk=plan.current.pk).update(
                revision_id=plan.current.revision_id,
                text_fingerprint=plan.current.text_fingerprint,
                text_changed_at=plan.current.text_changed_at,
            )
        versions = NoticeVersion.objects.bulk_create(
            NoticeVersion(
                page_id=notice.pk,
                number=entry.number,
                version_label=entry.version_label,
                change_note=entry.change_note,
                in_force_from=moment,
                text_changed_at=moment,
            )
            for entry, moment in zip(added, _moments(plan), strict=True)
        )
        _record_live_revision(plan, notice, versions[-1])
    return ImportResult(notice, created=False, changed=True, summary=_summary(len(added)))


def _moments(plan: HistoryPlan) -> list[datetime]:
    """When each added version came into force: never before the version kept before it,
    which the file gives only to the second."""
    moments = []
    latest = plan.current.in_force_from if plan.current is not None else None
    for entry in plan.added:
        latest = entry.in_force_from if latest is None else max(latest, entry.in_force_from)
        moments.append(latest)
    return moments


def _record_live_revision(plan: HistoryPlan, notice: AbstractNoticePage, last: NoticeVersion):
    """Tie the live notice, which the import left as the file gives it, to its version."""
    if not notice.live or notice.live_revision_id is None:
        return  # published later, it is a correction of the last version or a new one
    if notice.has_unpublished_changes:
        raise NoticeFileError(
            _(
                "The versions this history adds come after the notice's current version, so "
                "they are added only when the notice is published as the file gives it: "
                "import the file without saving it as a draft, or leave the history out."
            ),
            LOCATION,
        )
    fingerprint = text_fingerprint(notice)
    current = plan.current
    text_changed_at = (
        current.text_changed_at
        if current is not None and current.text_fingerprint == fingerprint
        else notice.last_published_at
    )
    if plan.notice_is_last:
        last.revision_id = notice.live_revision_id
        last.text_fingerprint = fingerprint
        last.text_changed_at = text_changed_at
        last.save(update_fields=["revision", "text_fingerprint", "text_changed_at"])
        return
    published_at = notice.last_published_at
    if published_at < last.in_force_from:
        raise NoticeFileError(
            _(
                "The notice as the file gives it is a version after version %(number)d (its "
                "version label or change note differs), but it was published on %(published)s, "
                "before version %(number)d came into force (%(moment)s)."
            )
            % {
                "number": last.number,
                "published": shown_moment(published_at),
                "moment": shown_moment(last.in_force_from),
            },
            LOCATION,
        )
    NoticeVersion.objects.create(
        page_id=notice.pk,
        number=last.number + 1,
        revision_id=notice.live_revision_id,
        version_label=notice.version_label,
        change_note=(notice.change_note or "").strip(),
        in_force_from=published_at,
        text_changed_at=text_changed_at,
        text_fingerprint=fingerprint,
    )


def _summary(added: int) -> str:
    if not added:
        return _("History unchanged")
    return ngettext(
        "History: %(count)d version added", "History: %(count)d versions added", added
    ) % {"count": added}


# Exporting


def export_history(notice: Page) -> list[dict] | None:
    """The notice's versions, oldest first, as its file holds them; None when it has none."""
    versions = NoticeVersion.objects.filter(page_id=notice.pk).order_by("number")
    return [
        {
            "number": version.number,
            "version_label": version.version_label,
            "in_force_from": shown_moment(version.in_force_from),
            "change_note": version.change_note,
        }
        for version in versions
    ] or None


class HistorySection:
    """``notice.history`` of a notice file: the notice's public versions."""

    key = KEY

    def check(self, checker: FileChecker, notice: dict, page: Page | None):
        return HistoryChecker(checker).check(notice, page)

    def write(self, plan: HistoryPlan, notice: Page, publish: bool) -> ImportResult:
        return write_history(plan, notice)

    def export(self, notice: Page) -> list[dict] | None:
        return export_history(notice)

    def notice_of(self, page: Page) -> Page | None:
        return None


def register_notice_file_section() -> None:
    register_section(HistorySection())

"""Record a notice's versions as it is published: every road to publishing sends the signal.

A publication starts a new version when it is the notice's first, or when its change note or
version label differs from the current version's; otherwise it is a minor correction, which
keeps the current version and moves it on to the new revision.
"""

import hashlib
import json
from dataclasses import asdict

from django.db import transaction
from wagtail.models import Page
from wagtail.signals import page_published

from ..models import AbstractNoticePage
from .comparison import notice_text
from .models import NoticeVersion


def text_fingerprint(page: AbstractNoticePage) -> str:
    """A digest of the words a resident reads in ``page`` (see ``comparison.notice_text``)."""
    text = json.dumps(asdict(notice_text(page)), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def starts_version(label: str, note: str, before_label: str, before_note: str) -> bool:
    """Whether a publication with ``label`` and ``note`` starts a version after the one with
    ``before_label`` and ``before_note``: a new label, or a change note of its own."""
    return label != before_label or bool(note and note != before_note)


def record_publication(page: AbstractNoticePage, revision) -> NoticeVersion:
    """Start a version for the published ``revision`` of ``page``, or correct the current one."""
    published_at = page.last_published_at or revision.created_at
    note = (page.change_note or "").strip()
    label = page.version_label or ""
    fingerprint = text_fingerprint(page)
    with transaction.atomic():
        # The page's row is the lock: two publications of one notice are recorded in turn.
        Page.objects.select_for_update().filter(pk=page.pk).first()
        current = NoticeVersion.objects.filter(page_id=page.pk).order_by("-number").first()
        if current is None or starts_version(
            label, note, current.version_label, current.change_note
        ):
            return NoticeVersion.objects.create(
                page_id=page.pk,
                number=current.number + 1 if current else 1,
                revision=revision,
                version_label=label,
                change_note=note,
                in_force_from=published_at,
                text_changed_at=published_at,
                text_fingerprint=fingerprint,
            )
        current.revision = revision
        if fingerprint != current.text_fingerprint:
            current.text_fingerprint = fingerprint
            current.text_changed_at = published_at
        current.save(update_fields=["revision", "text_fingerprint", "text_changed_at"])
        return current


def record_on_publish(sender, instance, revision=None, **kwargs) -> None:
    if revision is None or kwargs.get("alias") or not isinstance(instance, AbstractNoticePage):
        return
    record_publication(instance, revision)


def connect() -> None:
    page_published.connect(record_on_publish, dispatch_uid="notice_versions_on_publish")

"""The app's settings: every ``NOTICE_*`` setting it reads, with its default and meaning.

A site sets any of them in its Django settings to override the default. The app reads them
through ``setting()`` when it needs them, so ``override_settings`` reaches every reader;
``docs/settings.md`` lists the same table for site builders.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

#: The alias of ``STORAGES`` that notice PDFs are kept in.
PDF_STORAGE_ALIAS = "notice_pdfs"


@dataclass(frozen=True)
class Setting:
    """A setting's default and what it means, in one line."""

    default: Any
    meaning: str


SETTINGS: dict[str, Setting] = {
    "NOTICE_BASE_TEMPLATE": Setting(
        "notice_blocks/base.html",
        "The template the app's pages extend (blocks `title`, `meta`, `extra_css`, "
        "`before_content`, `content`).",
    ),
    "NOTICE_REDIRECT_ALL_PAGES_TO_THEIR_LANGUAGE": Setting(
        False,
        "Send a request for any page of the site in a language it is not written in to its "
        "own language, not only the app's pages.",
    ),
    "NOTICE_PDF_MAX_ATTEMPTS": Setting(
        3, "Renders of one PDF tried before it waits for an editor to retry it."
    ),
    "NOTICE_PDF_RETRY_SECONDS": Setting(
        30, "The delay before the first retry of a failed render, doubled after each failure."
    ),
    "NOTICE_PDF_LEASE_SECONDS": Setting(
        120,
        "How long a builder may hold its claim on a PDF, and a queued build wait before it "
        "is queued again.",
    ),
    "NOTICE_PDF_RETRY_AFTER_SECONDS": Setting(
        30, "The `Retry-After` of the page answered while a PDF is being prepared."
    ),
    "NOTICE_PDF_TASK_QUEUE": Setting("default", "The task queue that PDF builds go to."),
    "NOTICE_PDF_FALLBACK_ROOT": Setting(
        "private/notice-pdfs",
        f'Where PDFs are kept when `STORAGES` has no "{PDF_STORAGE_ALIAS}" alias (relative to '
        "the working directory).",
    ),
    "NOTICE_EASY_READ_MAX_SENTENCE_WORDS": Setting(
        15, "The most words an easy read sentence may have."
    ),
    "NOTICE_EASY_READ_MAX_POINT_SENTENCES": Setting(
        3, "The most sentences an easy read point may have."
    ),
    "NOTICE_EASY_READ_MAX_PDF_PAGES": Setting(20, "The most pages an easy read PDF may have."),
    "NOTICE_EASY_READ_ALLOWED_ACRONYMS": Setting(
        ("UK",), "Acronyms readers know without an explanation."
    ),
    "NOTICE_EASY_READ_EXTRA_HARD_WORDS": Setting(
        {}, "A council's own hard words: a language code to a list of words."
    ),
    "NOTICE_EASY_READ_ENFORCE_ON_PUBLISH": Setting(
        True, "Whether an easy read notice that fails a plain-language check cannot be published."
    ),
    "NOTICE_COMPLETENESS_ENFORCE_ON_PUBLISH": Setting(
        False,
        "Whether a notice that misses an item UK GDPR Articles 13 and 14 require (a “required” "
        "finding of the completeness check) cannot be published; drafts are always saved.",
    ),
    "NOTICE_REVIEW_INTERVAL_DAYS": Setting(
        365, "Days after its last review that a notice without a review-by date is due for review."
    ),
    "NOTICE_REVIEW_DUE_SOON_DAYS": Setting(
        30,
        "Days before its review date that a notice is listed as due and its owners are "
        "reminded (with `notice_blocks.review`).",
    ),
    "NOTICE_REVIEW_REMINDER_EMAILS": Setting(
        (),
        "Addresses sent every review reminder besides each notice's owner and last publisher, "
        "such as the data protection officer's (`manage.py check` refuses a blank or invalid "
        "one: `notice_blocks_review.E001`).",
    ),
    "NOTICE_REVIEW_REMINDER_HOUR": Setting(
        7, "The hour (site time) of the daily reminder task, on a task backend that defers tasks."
    ),
}


def declare(**declared: Setting) -> None:
    """Add an app's settings, each with its default and meaning, to those ``setting()`` reads.

    An app calls it once, from its own ``conf`` module; a name already declared is refused.
    """
    taken = sorted(set(declared) & set(SETTINGS))
    if taken:
        raise ValueError(f"Settings already declared: {', '.join(taken)}")
    SETTINGS.update(declared)


def setting(name: str) -> Any:
    """The site's value of a ``NOTICE_*`` setting, or its default."""
    return getattr(settings, name, SETTINGS[name].default)


class SettingValue:
    """A class attribute that reads a setting where it is looked up: ``page.base_template``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None) -> Any:
        return setting(self.name)

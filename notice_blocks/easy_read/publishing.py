"""Whether an easy read page may be published: the one gate every road to publishing uses.

The editor's form, the importer of notice files and ``EasyReadNoticePage.publish`` (which
translations and workflows go through) all ask ``publish_findings``.
"""

from ..conf import setting
from .checks import Finding
from .review import EasyReadReview


def enforced_on_publish() -> bool:
    """Whether a notice failing a plain-language check is kept from publication (a setting)."""
    return setting("NOTICE_EASY_READ_ENFORCE_ON_PUBLISH")


def publish_findings(page, full_notice=None) -> tuple[Finding, ...]:
    """What keeps ``page`` (saved or not) from being published; empty when it may be.

    The plain-language checks, where ``NOTICE_EASY_READ_ENFORCE_ON_PUBLISH`` says so.
    ``full_notice`` is the notice it is a version of, when that is not yet its parent.
    """
    if not enforced_on_publish():
        return ()
    return EasyReadReview.of(page, full_notice).findings

"""The plain-language review of an easy read notice: every check, for a page as it stands.

The length of its PDF is checked where PDFs are installed: ``pdf_version`` then registers
how its pages are counted.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation

from .checks import Finding, check_body, check_page_count, check_topics

PAGE_COUNT_CACHE_SECONDS = 60 * 60

#: Counts the pages of an easy read page's PDF, once registered.
PageCounter = Callable[[object], int]
_page_counters: list[PageCounter] = []


def count_pdf_pages_with(counter: PageCounter) -> None:
    """Check the length of easy read PDFs, counting their pages with ``counter``."""
    _page_counters[:] = [counter]


@dataclass(frozen=True)
class EasyReadReview:
    """What the checks found on an easy read notice."""

    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, page, full_notice=None, *, count_pages: bool = True) -> "EasyReadReview":
        """Check ``page`` (saved or not) against its full notice and its PDF's length."""
        language_code = page.locale.language_code
        full_notice = full_notice if full_notice is not None else page.full_notice
        findings = list(check_body(page.body, language_code))
        if full_notice is not None:
            findings += check_topics(page.body, full_notice.body)
        if count_pages and _page_counters:
            findings += check_page_count(pdf_page_count(page))
        return cls(tuple(findings))

    def findings_at(self, anchor: str) -> list[Finding]:
        """The findings marked on one element of the preview, by its anchor (``places``)."""
        return [finding for finding in self.findings if finding.anchor == anchor]


def pdf_page_count(page) -> int:
    """The number of pages of the page's easy read PDF, remembered for the same content."""
    language_code = page.locale.language_code
    content = json.dumps(
        [page.title, page.version_label, str(page.last_reviewed), page.body.get_prep_value()],
        sort_keys=True,
        default=str,
    )
    key = (
        "notice_blocks:easy-read-pages:"
        + hashlib.sha256(f"{language_code}\n{content}".encode()).hexdigest()
    )
    count = cache.get(key)
    if count is None:
        with translation.override(language_code):
            count = _page_counters[0](page)
        cache.set(key, count, PAGE_COUNT_CACHE_SECONDS)
    return count

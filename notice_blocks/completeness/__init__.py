"""Whether a notice says everything UK GDPR Articles 13 and 14 require.

``check_notice_page(page)`` returns the findings for any notice page, saved or not.
"""

from .findings import Finding, Severity, check_notice_page

__all__ = ["Finding", "Severity", "check_notice_page"]

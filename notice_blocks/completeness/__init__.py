"""Whether a notice says everything UK GDPR Articles 13 and 14 require.

``check_notice_page(page)`` returns the findings for any notice page, saved or not;
``is_checked(page)`` says whether the admin checks pages of its type; ``RULES`` lists what is
checked.
"""

from .check import check_notice_page, is_checked
from .findings import Finding, Severity
from .rules import RULES, Rule

__all__ = ["RULES", "Finding", "Rule", "Severity", "check_notice_page", "is_checked"]

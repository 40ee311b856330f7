"""The test site with the core app only.

No PDFs, easy read versions, public versions or review reminders.
"""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import INSTALLED_APPS

OPTIONAL_APPS = (
    "notice_blocks.pdf",
    "notice_blocks.easy_read",
    "notice_blocks.versions",
    "notice_blocks.review",
)
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in OPTIONAL_APPS]

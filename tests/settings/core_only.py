"""The test site with neither PDFs nor easy read versions of notices."""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import INSTALLED_APPS

OPTIONAL_APPS = ("notice_blocks.pdf", "notice_blocks.easy_read")
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in OPTIONAL_APPS]

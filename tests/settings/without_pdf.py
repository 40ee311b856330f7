"""The test site without PDFs of notices."""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "notice_blocks.pdf"]

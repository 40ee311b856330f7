"""Settings for the test suite."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests keep notice PDFs in a folder of their own (tests point it at a temporary folder).
STORAGES["notice_pdfs"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": os.environ.get(
            "NOTICE_PDF_ROOT", str(Path(tempfile.gettempdir()) / "notice-pdfs-test")
        ),
    },
}

# The test database is a file when it is SQLite, so that an RQ worker process and the
# request threads of the concurrency tests see the data a test commits.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"notices-test-{os.getpid()}.sqlite3")
    }

# A small app of edge cases the tests run against: a site-defined notice page type.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405

# Tests build PDFs at once in the test process, without debug: the warning says so in vain.
SILENCED_SYSTEM_CHECKS = ["notice_blocks.W002"]

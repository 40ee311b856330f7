"""Demo content: two real council notices, shipped as notice files.

Both are public sector information, reproduced under the Open Government Licence v3.0
(see README.md in this folder).
"""

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent

#: The demo notice files, in the order they are loaded.
DEMO_NOTICE_FILES: tuple[Path, ...] = (
    DEMO_DIR / "manchester-childrens-social-care.yaml",
    DEMO_DIR / "bolton-childrens-social-care.yaml",
)

"""Notices as data: read, import and export notice files (docs/notice-format.md)."""

from .errors import NoticeFileError, NoticeProblem
from .exporting import export_notice
from .importing import import_notice
from .reading import NoticeFileData, read_notice_file
from .results import ImportResult
from .schema import FORMAT_NAME, FORMAT_VERSION
from .writing import dump_notice

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ImportResult",
    "NoticeFileData",
    "NoticeFileError",
    "NoticeProblem",
    "dump_notice",
    "export_notice",
    "import_notice",
    "read_notice_file",
]

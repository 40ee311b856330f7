"""What a notice page links to besides its text: other versions of it and its downloads.

Apps contribute links through a Wagtail hook of each kind (``LinkKind.hook_name``): each
function is called with the page and the request, and returns the page's links of that kind
(or none). The ``notice_links`` template tag lists them, so the notice's templates need not
know the apps.
"""

from dataclasses import dataclass
from enum import StrEnum


class LinkKind(StrEnum):
    """Where a link is shown: among the page's versions, or in its downloads list."""

    VERSION = "version"
    DOWNLOAD = "download"

    @property
    def hook_name(self) -> str:
        """The Wagtail hook that contributes them, such as ``notice_page_download_links``."""
        return f"notice_page_{self.value}_links"


@dataclass(frozen=True)
class NoticeLink:
    """One link of a notice page: where it goes and what it says.

    A download also says the language of the file, its size if known, and its media type.
    """

    url: str
    label: str
    language_code: str = ""
    language_name: str = ""
    size: str = ""
    media_type: str = ""

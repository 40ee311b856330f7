"""Dates the British way in the admin, for a site's ``FORMAT_MODULE_PATH``.

Django's ``en`` formats are American: the admin reads a typed 06/12/2026 as 12 June and shows
dates month first. A site that sets ``FORMAT_MODULE_PATH = ["notice_blocks.formats"]`` shows
and reads English dates day first (6 December 2026, 06/12/2026), and lets editors who use the
admin in Polish, Romanian or Chinese submit the day-first dates its date pickers write
(``WAGTAIL_DATE_FORMAT = "%d/%m/%Y"``). Other formats of those languages are Django's.
"""

#: The admin's date and date-time pickers write these (``WAGTAIL_DATE_FORMAT``,
#: ``WAGTAIL_DATETIME_FORMAT``); every language's input formats must read them.
DATE_INPUT = "%d/%m/%Y"
DATETIME_INPUT = "%d/%m/%Y %H:%M"


def with_day_first(django_formats: list[str], day_first: str) -> list[str]:
    """A language's own input formats, then the admin's day-first one."""
    return [*django_formats, *([] if day_first in django_formats else [day_first])]

"""English dates day first: 6 December 2026, 06/12/2026; times on the 24-hour clock."""

from .. import DATE_INPUT, DATETIME_INPUT

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Day first, never month first; Django adds the ISO formats (2026-12-06) to each list.
DATE_INPUT_FORMATS = [DATE_INPUT, "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", DATETIME_INPUT, "%d/%m/%y %H:%M"]

"""Chinese (Simplified): Django's formats, and the admin's day-first dates read as written."""

from django.conf.locale.zh_Hans import formats as django_formats

from .. import DATE_INPUT, DATETIME_INPUT, with_day_first

DATE_INPUT_FORMATS = with_day_first(django_formats.DATE_INPUT_FORMATS, DATE_INPUT)
DATETIME_INPUT_FORMATS = with_day_first(django_formats.DATETIME_INPUT_FORMATS, DATETIME_INPUT)

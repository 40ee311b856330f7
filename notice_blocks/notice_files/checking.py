"""What checking any page of a notice file needs: its fields and its body, with locations."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks import StreamValue

from .block_errors import block_problems
from .body import BodyReader, describe, expected_text
from .errors import NoticeFileError, NoticeProblem, shown
from .locations import child_location
from .streams import assign_ids

TEXT_FIELDS = ("title", "slug", "search_description", "version_label", "change_note")
#: No moment in a notice file is earlier: a year such as 1 or 1066 is a typing mistake, and
#: the calendar's first days have no local time to show.
EARLIEST_MOMENT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


def is_blank(value: object) -> bool:
    """Whether a value is missing: nothing, or text that is empty or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


class FileChecker:
    """Collects the problems of one notice file."""

    def __init__(self) -> None:
        self.problems: list[NoticeProblem] = []

    def error(self, location: str, message: str) -> None:
        self.problems.append(NoticeProblem(location, str(message)))

    def raise_problems(self) -> None:
        if self.problems:
            raise NoticeFileError(problems=self.problems)

    def check_page_fields(
        self, values: dict, location: str, model: type[models.Model]
    ) -> dict[str, object]:
        """The page fields of ``values`` (the mapping at ``location``), cleaned by ``model``.

        A file describes the whole page: what it leaves out is empty. An empty slug is left
        out of the result, for the caller to make one.
        """
        fields: dict[str, object] = {
            "search_description": "",
            "version_label": "",
            "change_note": "",
        }
        for name in TEXT_FIELDS:
            if name not in values:
                continue
            field_location = child_location(location, name)
            value = "" if values[name] is None else values[name]
            if not isinstance(value, str):
                self.error(field_location, expected_text(value))
                continue
            if name == "title" and is_blank(value):
                continue  # reported as missing
            if name == "slug" and not value:
                continue
            if name == "slug" and is_blank(value):
                self.error(
                    field_location,
                    _(
                        "Missing: the slug is only spaces. Give a slug, or leave it out to make "
                        "one from the title."
                    ),
                )
                continue
            self.clean_field(model, name, value, field_location, fields)
        fields["last_reviewed"] = self.check_date(
            values.get("last_reviewed"), child_location(location, "last_reviewed"), model
        )
        return fields

    def clean_field(
        self, model: type[models.Model], name: str, value: object, location: str, fields: dict
    ) -> None:
        field = model._meta.get_field(name)
        try:
            if isinstance(field, models.TextField) and field.max_length:
                # A model's text field does not check its own length: its form does.
                MaxLengthValidator(field.max_length)(value)
            fields[name] = field.clean(value, None)
        except ValidationError as error:
            for message in error.messages:
                self.error(location, message)

    def check_date(
        self, value: object, location: str, model: type[models.Model]
    ) -> datetime.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            self.error(location, _("Expected a date (YYYY-MM-DD), found a date and a time of day."))
            return None
        if not isinstance(value, str | datetime.date):
            self.error(
                location,
                _("Expected a date (YYYY-MM-DD), found %(found)s.") % {"found": describe(value)},
            )
            return None
        fields: dict[str, object] = {}
        self.clean_field(model, "last_reviewed", value, location, fields)
        return fields.get("last_reviewed")

    def check_datetime(self, value: object, location: str) -> datetime.datetime | None:
        """A moment in time: a date and time with its offset, or without one (a time of the
        site's time zone), or a date (its start there). ``None`` after reporting a problem."""
        moment = value if isinstance(value, datetime.datetime) else None
        if isinstance(value, datetime.date) and moment is None:
            moment = datetime.datetime.combine(value, datetime.time.min)
        elif isinstance(value, str):
            try:
                moment = parse_datetime(value.strip())
            except ValueError:
                self.error(location, _("“%(value)s” is not a date.") % {"value": shown(value)})
                return None
        if moment is None:
            self.error(
                location,
                _(
                    "Expected a date and time (YYYY-MM-DDTHH:MM:SS+HH:MM, or a date, "
                    "YYYY-MM-DD), found %(found)s."
                )
                % {"found": f"“{shown(value)}”" if isinstance(value, str) else describe(value)},
            )
            return None
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            # Pages show the moment in the site's time zone: it must have a time there too.
            timezone.localtime(moment, timezone.get_default_timezone())
            moment = moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            self.error(
                location,
                _("“%(value)s” is too far in the past or the future to be stored.")
                % {"value": shown(str(value))},
            )
            return None
        if moment < EARLIEST_MOMENT:
            self.error(
                location,
                _("“%(value)s” is too long ago: a notice file's dates are from 1900 onwards.")
                % {"value": shown(str(value))},
            )
            return None
        return moment

    def check_stream(
        self,
        block: blocks.StreamBlock,
        reader: BodyReader,
        value: object,
        location: str,
        current: object,
        place: str,
    ) -> StreamValue | None:
        """A body checked by ``reader`` then by the blocks, its ids kept from ``current``.

        ``current`` is the page's body as ``body_data`` gives it (None for a new page);
        ``place`` is where ids made for items without one derive from.
        """
        data = reader.read(block, value, location)
        self.problems.extend(reader.problems)
        assign_ids(block, data, current, place)
        try:
            return block.clean(block.to_python(data))
        except ValidationError as error:
            for problem in block_problems(error, location, value, block):
                if not _within(problem.location, reader.reported):
                    self.problems.append(problem)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            self.error(location, _("The sections cannot be read: %(error)s") % {"error": error})
        return None


def _within(location: str, prefixes: list[str]) -> bool:
    return any(
        location == prefix or location.startswith((f"{prefix}.", f"{prefix}["))
        for prefix in prefixes
    )

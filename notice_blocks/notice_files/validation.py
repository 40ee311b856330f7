"""Checking a notice file's data before anything is written.

``check_notice`` reports every problem at once, each with its location in the file, or
returns a ``NoticePlan``: what the import will write.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.models import Page

from ..models import AbstractNoticePage
from .body import BodyReader, allowed, describe, expected_text
from .checking import FileChecker, is_blank
from .errors import NoticeFileError, shown
from .locations import child_location
from .schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    FORMAT_VERSIONS,
    NOTICE_FLAGS,
    NOTICE_KEYS,
    SNIPPET_MODELS,
    TOP_LEVEL_KEYS,
    snippet_fields,
)
from .sections import OPTIONAL_SECTION_APPS, section_keys, sections
from .streams import body_data
from .suggestions import did_you_mean
from .upgrading import key_added_in, newer_format_message, upgrade_body
from .values import value_problems


@dataclass
class SharedDetailPlan:
    """A shared detail named by the file: the record to use, and whether to save it."""

    instance: models.Model
    created: bool
    changed: bool


@dataclass
class NoticePlan:
    """A checked notice file: what an import writes."""

    model: type[AbstractNoticePage]
    parent: Page
    page: AbstractNoticePage | None  # the notice the file updates, if there is one
    current: AbstractNoticePage | None  # that notice's latest content (its latest revision)
    fields: dict[str, object]
    shared_details: dict[str, SharedDetailPlan | None]
    body: StreamValue
    parts: dict[str, object]  # by section key; a part the file leaves out is left alone

    def page_values(self) -> dict[str, object]:
        """The values of the notice's model fields, once the shared details are saved."""
        return {
            **self.fields,
            **{
                key: detail.instance if detail else None
                for key, detail in self.shared_details.items()
            },
            "body": self.body,
        }


def notice_file_keys() -> tuple[str, ...]:
    """Every key a notice may have in a file on this site."""
    return (*NOTICE_KEYS, *section_keys())


class NoticeChecker(FileChecker):
    """Collects the problems of one notice file."""

    def __init__(self, parent: Page, model: type[AbstractNoticePage]):
        super().__init__()
        self.parent = parent
        self.model = model
        self.format_version = FORMAT_VERSION  # the file's, once checked

    def check(self, data: object) -> NoticePlan:
        # Limits and unstorable text first: what follows sees only plain, bounded values.
        self.problems.extend(value_problems(data))
        self.raise_problems()
        notice = self.check_top_level(data)
        keys = notice_file_keys()
        for key in notice:
            location = child_location("notice", shown(str(key)))
            if key in keys:
                self.known_to_file("notice", key, location)
                continue
            if key in OPTIONAL_SECTION_APPS:
                self.error(
                    location,
                    _(
                        "This site cannot import “%(key)s”: its app, %(app)s, is not installed. "
                        "Leave the key out, or add the app to INSTALLED_APPS."
                    )
                    % {"key": key, "app": OPTIONAL_SECTION_APPS[key]},
                )
            else:
                self.error(
                    location,
                    _("Unknown key “%(key)s”. Allowed keys: %(keys)s.")
                    % {"key": shown(str(key)), "keys": allowed(keys)}
                    + did_you_mean(str(key), keys),
                )
        fields = self.check_notice_fields(notice)
        shared_details = {
            key: self.check_shared_detail(key, model, notice.get(key))
            for key, model in SNIPPET_MODELS.items()
        }
        page = current = None
        if fields.get("slug"):
            page = self.model.objects.child_of(self.parent).filter(slug=fields["slug"]).first()
            current = page.get_latest_revision_as_object() if page else None
        body = self.check_body(notice, current)
        parts = {section.key: section.check(self, notice, page) for section in sections()}
        self.raise_problems()
        return NoticePlan(
            self.model, self.parent, page, current, fields, shared_details, body, parts
        )

    def check_top_level(self, data: object) -> dict:
        if not isinstance(data, dict):
            raise NoticeFileError(
                _("A notice file is a mapping with the keys format, format_version and notice.")
            )
        self.check_format(data)
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.error(
                    shown(str(key)),
                    _("Unknown key “%(key)s”. Allowed keys: %(keys)s.")
                    % {"key": shown(str(key)), "keys": allowed(TOP_LEVEL_KEYS)}
                    + did_you_mean(str(key), TOP_LEVEL_KEYS),
                )
        notice = data.get("notice")
        if not isinstance(notice, dict):
            self.error(
                "notice",
                _("Expected the notice: a mapping with the keys %(keys)s; found %(found)s.")
                % {"keys": allowed(notice_file_keys()), "found": describe(notice)},
            )
            self.raise_problems()
        return notice

    def check_format(self, data: dict) -> None:
        """Stop at a file of another format or version: nothing else in it can be understood."""
        if "format" not in data:
            self.error(
                "format",
                _("Missing: a notice file says “format: %(name)s”.") % {"name": FORMAT_NAME},
            )
        elif data["format"] != FORMAT_NAME:
            self.error(
                "format",
                _("This is not a privacy notice file: its format is %(found)s, not “%(name)s”.")
                % {"found": _quoted(data["format"]), "name": FORMAT_NAME},
            )
        version = data.get("format_version")
        if "format_version" not in data:
            self.error(
                "format_version",
                _(
                    "Missing: a notice file says which version of the format it follows, "
                    "“format_version: %(version)d”."
                )
                % {"version": FORMAT_VERSION},
            )
        elif type(version) is not int:
            self.error(
                "format_version",
                _("Expected the number of a format version, such as %(version)d; found %(found)s.")
                % {"found": _quoted(version), "version": FORMAT_VERSION},
            )
        elif version not in FORMAT_VERSIONS:
            self.error(
                "format_version",
                _(
                    "Format version %(found)s is not supported: this site reads format versions "
                    "%(versions)s."
                )
                % {
                    "found": _quoted(version),
                    "versions": get_text_list([str(known) for known in FORMAT_VERSIONS], _("and")),
                },
            )
        self.raise_problems()
        self.format_version = version

    def known_to_file(self, place: str, key: str, location: str) -> bool:
        """Whether the file's version has ``key`` of ``place``; if not, say which has it."""
        version = key_added_in(place, key)
        if version <= self.format_version:
            return True
        self.error(location, newer_format_message(key, version))
        return False

    def check_notice_fields(self, notice: dict) -> dict[str, object]:
        if is_blank(notice.get("title")):
            self.error("notice.title", _("Missing: every notice has a title."))
        fields = self.check_page_fields(notice, "notice", self.model)
        if not notice.get("slug") and fields.get("title"):
            # No slug given: it is made from the title, as the editor does.
            allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
            slug = slugify(fields["title"], allow_unicode=allow_unicode)
            if slug:
                self.clean_field(self.model, "slug", slug, "notice.title", fields)
            else:
                self.error(
                    "notice.slug",
                    _("No slug can be made from this title: give the notice a slug."),
                )
        for name in NOTICE_FLAGS:
            # Left out or null: false. A key the file's version does not have is reported.
            value = notice.get(name)
            if key_added_in("notice", name) > self.format_version:
                continue
            if value is None or isinstance(value, bool):
                fields[name] = bool(value)
            else:
                self.error(
                    child_location("notice", name),
                    _("Expected true or false, found %(found)s.") % {"found": describe(value)},
                )
        return fields

    def check_shared_detail(
        self, key: str, model: type[models.Model], value: object
    ) -> SharedDetailPlan | None:
        location = child_location("notice", key)
        names = snippet_fields(model)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(
                location,
                _("Expected a mapping with the fields %(fields)s; found %(found)s.")
                % {"fields": allowed(names), "found": describe(value)},
            )
            return None
        values: dict[str, object] = {}
        for name, field_value in value.items():
            field_location = child_location(location, shown(str(name)))
            if name not in names:
                self.error(
                    field_location,
                    _("Unknown field “%(key)s”. Allowed fields: %(fields)s.")
                    % {"key": shown(str(name)), "fields": allowed(names)}
                    + did_you_mean(str(name), names),
                )
                continue
            if not self.known_to_file(key, name, field_location):
                continue
            if isinstance(model._meta.get_field(name), models.BooleanField):
                if isinstance(field_value, bool):
                    values[name] = field_value
                else:
                    self.error(
                        field_location,
                        _("Expected true or false, found %(found)s.")
                        % {"found": describe(field_value)},
                    )
                continue
            if field_value is not None and not isinstance(field_value, str):
                self.error(field_location, expected_text(field_value))
            else:
                values[name] = field_value or ""
        if is_blank(values.get("name")):
            if "name" in values or "name" not in value:
                self.error(
                    child_location(location, "name"),
                    _("Missing: a shared detail is found by its name."),
                )
            return None
        locale = self.parent.locale
        instance = model.objects.filter(locale=locale, name=values["name"]).order_by("pk").first()
        created = instance is None
        if created:
            instance = model(locale=locale)
        before = {name: getattr(instance, name) for name in names}
        for name, field_value in values.items():
            setattr(instance, name, field_value)
        try:
            instance.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field_location = child_location(location, name) if name in names else location
                for message in messages:
                    self.error(field_location, message)
            return None
        changed = created or any(getattr(instance, name) != before[name] for name in names)
        return SharedDetailPlan(instance, created, changed)

    def check_body(self, notice: dict, current: AbstractNoticePage | None) -> StreamValue | None:
        location = "notice.body"
        if "body" not in notice:
            self.error(location, _("Missing: every notice has a body, a list of sections."))
            return None
        block = self.model._meta.get_field("body").stream_block
        return self.check_stream(
            block,
            BodyReader(self.format_version),
            upgrade_body(block, notice["body"], self.format_version),
            location,
            body_data(block, current.body) if current else None,
            f"{notice.get('slug') or notice.get('title')}.body",
        )


def _quoted(value: object) -> str:
    if isinstance(value, str):
        return f"“{shown(value)}”"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return describe(value)


def check_notice(data: object, parent: Page, model: type[AbstractNoticePage]) -> NoticePlan:
    """Check a notice file's data; raise ``NoticeFileError`` with every problem found."""
    return NoticeChecker(parent, model).check(data)

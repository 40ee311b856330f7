"""Translations of the demo content, shipped as PO files and applied through wagtail-localize.

``translations/<slug>/<language>.po`` translates a demo notice, ``translations/<slug>/<field>/
<language>.po`` the shared detail the notice chooses in ``<field>``,
``translations/<slug>/easy-read/<language>.po`` the notice's easy read version, and
``translations/<index slug>/<language>.po`` the notice index. Each file is what
wagtail-localize exports for that object (``Translation.export_po()``), translated.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.db import models
from django.utils.text import slugify
from modelcluster.models import get_serializable_data_for_fields
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.models import AbstractNoticePage

from . import DEMO_DIR

TRANSLATIONS_DIR = DEMO_DIR / "translations"

#: The demo notices that ship translations, by slug.
TRANSLATED_NOTICES: tuple[str, ...] = ("bolton-childrens-social-care",)

#: The languages they are translated into.
TRANSLATION_LANGUAGES: tuple[str, ...] = ("cy", "ur")

#: The folder, below a notice's, holding the PO files of the notice's easy read version.
EASY_READ_DIR = "easy-read"

#: The notice's fields that choose a shared detail, translated before the notice itself.
SHARED_DETAIL_FIELDS: tuple[str, ...] = (
    "data_controller",
    "data_protection_officer",
    "supervisory_authority",
    "general_privacy_notice",
)


@dataclass(frozen=True)
class TranslatedObject:
    """A demo object and the folder holding its PO files."""

    instance: models.Model
    po_dir: Path

    def po_path(self, language_code: str) -> Path:
        return self.po_dir / f"{language_code}.po"


@dataclass
class TranslationResult:
    """What applying one PO file did."""

    instance: models.Model
    status: str
    warnings: list = field(default_factory=list)
    untranslated: int = 0


def translated_objects(notice: Page) -> Iterator[TranslatedObject]:
    """What a translation of ``notice`` needs, in the order it must be translated.

    The shared details and the notice index come first: wagtail-localize points the translated
    notice at their translations, and places it under the translated index. The notice's easy
    read version comes last, to be placed under the translated notice.
    """
    notice_dir = TRANSLATIONS_DIR / notice.slug
    for field_name in SHARED_DETAIL_FIELDS:
        detail = getattr(notice, field_name)
        if detail is not None:
            yield TranslatedObject(detail, notice_dir / field_name)
    index = notice.get_parent().specific
    yield TranslatedObject(index, TRANSLATIONS_DIR / index.slug)
    yield TranslatedObject(notice, notice_dir)
    # Its easy read version: the notice page below it, where easy read is installed.
    for child in notice.get_children().specific():
        if isinstance(child, AbstractNoticePage):
            yield TranslatedObject(child, notice_dir / EASY_READ_DIR)


def read_po(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=200)


def _content(instance: models.Model) -> dict:
    """The values of the fields wagtail-localize translates or synchronises.

    Stream fields are compared as data: the key order of their stored JSON depends on the
    database (PostgreSQL's jsonb reorders keys).
    """
    data = get_serializable_data_for_fields(instance)
    names = {translatable.field_name for translatable in get_translatable_fields(type(instance))}
    content = {}
    for name in names & data.keys():
        value = data[name]
        if isinstance(instance._meta.get_field(name), StreamField) and isinstance(value, str):
            value = json.loads(value)
        content[name] = value
    return content


def _is_up_to_date(source: TranslationSource, locale: Locale) -> bool:
    """Whether the stored translation already says what the source and its strings give."""
    try:
        stored = source.get_translated_instance(locale)
    except models.ObjectDoesNotExist:
        return False
    if isinstance(stored, Page) and (not stored.live or stored.has_unpublished_changes):
        return False
    expected = source.get_ephemeral_translated_instance(locale, fallback=True)
    if isinstance(expected, Page):
        # As wagtail-localize does when it saves a page: a slug taken by a sibling gets a suffix.
        expected.slug = find_available_slug(
            expected.get_parent(), slugify(expected.slug), ignore_page_id=expected.pk
        )
    return _content(expected) == _content(stored)


def apply_translation(
    instance: models.Model, locale: Locale, po: polib.POFile
) -> TranslationResult:
    """Create or update the translation of ``instance`` into ``locale`` from ``po``.

    Pages are published. Nothing is saved when the translation is already up to date, so
    applying the same file twice creates no revision.
    """
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    warnings = translation.import_po(po)
    total, translated = translation.get_progress()
    result = TranslationResult(
        instance=instance, status="unchanged", warnings=warnings, untranslated=total - translated
    )
    if _is_up_to_date(source, locale):
        result.instance = source.get_translated_instance(locale)
        return result

    existed = source.object.has_translation(locale)
    if isinstance(instance, Page):
        # Saved as a draft, then published here rather than when the surrounding transaction
        # commits, so the page is live whichever transaction the caller runs in.
        translation.save_target(publish=False)
        target = source.get_translated_instance(locale)
        target.get_latest_revision().publish()
        target.refresh_from_db()
    else:
        translation.save_target(publish=True)
        target = source.get_translated_instance(locale)
    result.instance = target
    result.status = "updated" if existed else "created"
    return result


def translate_demo_notice(notice: Page, language_code: str) -> Iterator[TranslationResult]:
    """Translate ``notice``, what it needs and its easy read version into ``language_code``.

    Each object is translated from its shipped file; one without a file for the language is
    left untranslated.
    """
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    for translated in translated_objects(notice):
        path = translated.po_path(language_code)
        if path.exists():
            yield apply_translation(translated.instance, locale, read_po(path))

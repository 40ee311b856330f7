"""The language of each passage a translated page shows in its source's words.

wagtail-localize publishes a translation with the source's text wherever a segment is not
translated: ``Translation.save_target`` always falls back to it. Submitting a page for
translation publishes its translation at once, all in the source's language; the translation
editor's “Publish”, and publishing after a sync, fall back for each segment still
untranslated; a segment translated since stays in the source's words until the translation
is published again. A shared detail with no translation in the page's locale stays the
source's own. Read aloud in the page's language, such a passage is mispronounced throughout.

``untranslated_passages`` finds these passages, by comparing each text segment of the page
and of the shared details it shows with the source segment at the same place: a segment
whose text is still the source's, and that the translator has not confirmed as its own
translation, is an untranslated passage in the source's language. Segments without words
(numbers, telephone numbers) and those made only of codes, web and email addresses,
postcodes, version labels and references (such as 6(1)(d)) read the same in any language
and are left out. ``mark_passage_languages`` then gives the element holding each such
passage in a rendered document its ``lang`` and ``dir``, and changes nothing else.
"""

import hashlib
import html
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Model
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .bidi import LTR, RTL
from .html_tokens import TOKEN, VOID_ELEMENTS

logger = logging.getLogger(__name__)

#: How long the passages of one version of a page are kept.
CACHE_TIMEOUT = 60 * 60
CACHE_PREFIX = "notice-passage-languages"

#: Segments of a page that are not shown as text on it.
HIDDEN_PATHS = frozenset({"slug"})

# Characters that do not change what a passage says: bidirectional marks and isolates,
# zero-width spaces and joiners, soft hyphens and the byte order mark.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_LETTER = re.compile(r"[^\W\d_]")
# What reads the same in any language: web and email addresses, domain names, UK postcodes,
# version labels, references such as 6(1)(d), and codes of capitals and digits (Z5725371).
_SAME_IN_ANY_LANGUAGE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b(?:/\S*)?"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
    r"|\b[Vv]\d+(?:\.\d+)*\b"
    r"|\b\d+[a-zA-Z]?(?:\([0-9a-zA-Z]{1,4}\))+"
    r"|\b[A-Z]*\d[A-Z\d]*\b"
)


def passage_text(text: str) -> str:
    """``text`` (HTML, or a segment's inline HTML) as words: how passages are compared."""
    return _words(_TAG.sub("", _LINE_BREAK.sub(" ", text))).strip()


def _words(text: str) -> str:
    """HTML text without markup as its characters, each run of spaces one space."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", html.unescape(text)))


def has_words(text: str) -> bool:
    """Whether ``text`` says something in a language, beyond codes, numbers and addresses."""
    return bool(_LETTER.search(_SAME_IN_ANY_LANGUAGE.sub(" ", text)))


def text_direction(language_code: str) -> str:
    """``rtl`` for a language written right to left, ``ltr`` for any other."""
    code = language_code.lower()
    return RTL if {code, code.split("-")[0]} & set(settings.LANGUAGES_BIDI) else LTR


def shown_details(page: Model) -> list[TranslatableMixin]:
    """The translatable records (shared details) that ``page`` refers to in its own fields."""
    details = []
    for translatable in get_translatable_fields(type(page)):
        model_field = page._meta.get_field(translatable.field_name)
        if (
            isinstance(model_field, models.ForeignKey)
            and issubclass(model_field.related_model, TranslatableMixin)
            and not issubclass(model_field.related_model, Page)
            and translatable.is_translated(page)
        ):
            detail = getattr(page, model_field.name)
            if detail is not None:
                details.append(detail)
    return details


def untranslated_passages(page: Model) -> dict[str, str]:
    """The passages ``page`` shows in another language than its own, with that language.

    Keyed by their words (``passage_text``). The answer is kept for each version of the
    page's and its shared details' text, so a page asks the database once per version.
    """
    details = shown_details(page)
    key = _cache_key(page, details)
    passages = cache.get(key)
    if passages is None:
        passages = _find_passages(page, details)
        cache.set(key, passages, CACHE_TIMEOUT)
    return passages


def _cache_key(page: Model, details: list[TranslatableMixin]) -> str:
    digest = hashlib.sha256()
    for instance in (page, *details):
        digest.update(f"{instance._meta.label}:{instance.pk}:{instance.locale_id}".encode())
        for translatable in get_translatable_fields(type(instance)):
            model_field = instance._meta.get_field(translatable.field_name)
            if not model_field.concrete:
                continue
            value = getattr(instance, model_field.attname)
            if isinstance(model_field, StreamField):
                value = list(value.raw_data)
            digest.update(f"\0{model_field.attname}={value!r}".encode())
    return f"{CACHE_PREFIX}:{digest.hexdigest()}"


def _text_segments(instance: Model) -> list[tuple[str, str]]:
    """The path and words of each text segment of ``instance`` that says something."""
    segments = []
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue) and segment.path not in HIDDEN_PATHS:
            text = passage_text(segment.string.data)
            if has_words(text):
                segments.append((segment.path, text))
    return segments


def _find_passages(page: Model, details: list[TranslatableMixin]) -> dict[str, str]:
    locale_id = page.locale_id
    passages: dict[str, str] = {}
    translated = [page, *(d for d in details if d.locale_id == locale_id)]
    for detail in details:
        if detail.locale_id != locale_id:
            # A shared detail with no translation in the page's locale: all its own language.
            language = Locale.objects.get(pk=detail.locale_id).language_code
            passages.update((text, language) for _path, text in _text_segments(detail))

    # The source of each translated object: the text of each of its segments, the language
    # it is written in, and whether the translator gave the same text as its translation.
    sources: dict[tuple[str, str], list[tuple[str, str]]] = {}
    rows = (
        StringSegment.objects.filter(
            source__object_id__in=[str(instance.translation_key) for instance in translated],
            source__translations__target_locale_id=locale_id,
        )
        .annotate_translation(locale_id)
        .values_list(
            "source__object_id",
            "context__path",
            "string__data",
            "source__locale__language_code",
            "translation",
        )
    )
    for object_id, path, data, language, translation in rows:
        text = passage_text(data)
        if translation is not None and passage_text(translation) == text:
            continue  # The same in both languages, as the translator says.
        sources.setdefault((str(object_id), path), []).append((text, language))

    if not sources:
        return passages
    for instance in translated:
        object_id = str(instance.translation_key)
        for path, text in _text_segments(instance):
            for source_text, language in sources.get((object_id, path), ()):
                if source_text == text:
                    passages[text] = language
    return passages


def mark_passage_languages(document: str, page: Model) -> str:
    """The HTML ``document`` of ``page`` with each untranslated passage's language marked.

    The element whose text is such a passage, the block that holds it (a paragraph, list
    item, heading, cell…) or else the smallest element, gains ``lang`` and ``dir`` (only
    ``lang`` where it has a ``dir`` of its own); nothing else changes. An element that
    declares a language already is left as it is, and so is the document when anything
    goes wrong.
    """
    try:
        passages = untranslated_passages(page)
        if not passages:
            return document
        return _mark(document, passages)
    except Exception:
        logger.exception(
            "Could not mark the languages of passages of page %s", getattr(page, "pk", None)
        )
        return document


_LANG = re.compile(r"""(?:^|\s)(?:xml:)?lang\s*=""", re.IGNORECASE)
_DIR = re.compile(r"""(?:^|\s)dir\s*=""", re.IGNORECASE)
#: Elements that hold a passage as a block of text: marked rather than an element inside.
TEXT_BLOCKS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 dt dd td th caption figcaption blockquote address summary "
    "legend label pre".split()
)


@dataclass
class _Element:
    name: str
    #: Where attributes are added: the end of its start tag's attributes.
    insert_at: int
    declared_language: bool
    declared_direction: bool
    #: The index in the document's text chunks where its text starts, and its length so far.
    first_chunk: int
    start: int
    #: Elements inside it whose text is a passage, not yet marked: its own text may be too.
    candidates: list["_Candidate"] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    element: _Element
    text: str


def _declares(attribute: re.Pattern, name: str, attributes: str) -> bool:
    """Whether a start tag's ``attributes`` give the attribute ``name``."""
    return name in attributes.lower() and bool(attribute.search(attributes))


def _mark(document: str, passages: dict[str, str]) -> str:
    # The document's text, a chunk (as ``_words``) for each run between tags, and its length.
    chunks: list[str] = []
    length = 0
    open_elements: list[_Element] = []
    marked: list[_Candidate] = []
    shortest = min(len(text) for text in passages)
    longest = max(len(text) for text in passages)

    def close(element: _Element) -> None:
        text = ""
        # Joining chunks merges at most the two spaces at their ends into one.
        spaces = 2 * (len(chunks) - element.first_chunk)
        if shortest <= length - element.start and length - element.start - spaces <= longest:
            text = _SPACE.sub(" ", "".join(chunks[element.first_chunk :])).strip()
        candidate = None
        if text in passages:
            inner = [c for c in element.candidates if c.text == text]
            marked.extend(c for c in element.candidates if c.text != text)
            if element.declared_language:
                candidate = None
            elif not inner:
                candidate = _Candidate(element, text)
            elif element.name in TEXT_BLOCKS and inner[0].element.name not in TEXT_BLOCKS:
                candidate = _Candidate(element, text)
            else:
                candidate = inner[0]
        else:
            marked.extend(element.candidates)
        if candidate is not None:
            if open_elements:
                open_elements[-1].candidates.append(candidate)
            else:
                marked.append(candidate)

    position = 0
    for token in TOKEN.finditer(document):
        if token.start() > position:
            chunks.append(_words(document[position : token.start()]))
            length += len(chunks[-1])
        position = token.end()
        name = (token.group("name") or "").lower()
        if not name:
            continue
        attributes = token.group("attributes")
        if token.group("end"):
            for index in range(len(open_elements) - 1, -1, -1):
                if open_elements[index].name == name:
                    while len(open_elements) > index:
                        close(open_elements.pop())
                    break
            continue
        if name in VOID_ELEMENTS or attributes.rstrip().endswith("/"):
            if name == "br":
                chunks.append(" ")
                length += 1
            continue
        open_elements.append(
            _Element(
                name=name,
                insert_at=token.start("attributes") + len(attributes.rstrip()),
                declared_language=_declares(_LANG, "lang", attributes),
                declared_direction=_declares(_DIR, "dir", attributes),
                first_chunk=len(chunks),
                start=length,
            )
        )
    if position < len(document):
        chunks.append(_words(document[position:]))
        length += len(chunks[-1])
    while open_elements:
        close(open_elements.pop())

    insertions = []
    for candidate in marked:
        element = candidate.element
        language = passages[candidate.text]
        added = f' lang="{language}"'
        if not element.declared_direction:
            added += f' dir="{text_direction(language)}"'
        insertions.append((element.insert_at, added))
    parts, position = [], 0
    for at, added in sorted(insertions):
        parts.extend((document[position:at], added))
        position = at
    parts.append(document[position:])
    return "".join(parts)

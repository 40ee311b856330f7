"""The plain-language checks of an easy read notice.

Each check finds where the notice breaks an easy read rule: sentences of a few words, a
picture with real alt text beside every point, short lists, no unexplained acronym or hard
word, every topic of the full notice covered, and a short PDF. The meanings of the word list
are checked as a point's words are, except for how many sentences they have. Words are counted
by ICU's segmentation for the notice's language (see ``text``), so the checks work in every
language notices are published in. The limits are settings, read when a check runs, but for
the five items a list may have.

A point may hold a short list (see ``point_text``): each item is checked for length as a
sentence, and the list counts as one sentence with the line that leads into it.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from ..conf import setting
from .blocks import is_topic
from .hard_words import hard_words
from .pictures import get_picture
from .places import WHOLE_NOTICE_ANCHOR, Item, Place, points_of, whole_notice_name, words_of
from .point_text import point_lines
from .text import sentences, words

#: Two or more capital Latin letters, joined by hyphens as in “CP-IS”, perhaps a plural “s”.
ACRONYM = re.compile(r"(?<![A-Za-zÀ-ɏ0-9])([A-Z]{2,}(?:-[A-Z]{2,})*)s?(?![A-Za-zÀ-ɏ0-9])")
#: How a word list entry gives one word several ways: “Data protection officer (DPO)”.
TERM_SEPARATORS = re.compile(r"[()（）\[\]/,，;；]")
IMAGE_FILE_EXTENSION = re.compile(r"\.(avif|bmp|gif|heic|jpe?g|png|svg|tiff?|webp)$", re.I)
#: A single ASCII token with a hyphen or a digit: “IMG2041”, “social-worker-1”.
FILE_NAME_LIKE = re.compile(r"(?=.*[-\d])[A-Za-z0-9.-]+")
#: Languages written without spaces between words: hard words are found as substrings.
UNSPACED_LANGUAGES = frozenset({"bo", "ja", "km", "lo", "my", "th", "zh"})
#: A word of this length or more also matches longer forms: “retain” matches “retained”.
MIN_STEM_LENGTH = 4
QUOTE_LENGTH = 80
#: The most items a list in a point may have: more is a new point.
MAX_LIST_ITEMS = 5

GENERIC_ALT_TEXTS = (
    pgettext_lazy("easy read generic alt text", "image"),
    pgettext_lazy("easy read generic alt text", "picture"),
    pgettext_lazy("easy read generic alt text", "photo"),
    pgettext_lazy("easy read generic alt text", "photograph"),
    pgettext_lazy("easy read generic alt text", "icon"),
    pgettext_lazy("easy read generic alt text", "graphic"),
    pgettext_lazy("easy read generic alt text", "illustration"),
    pgettext_lazy("easy read generic alt text", "drawing"),
    pgettext_lazy("easy read generic alt text", "logo"),
    pgettext_lazy("easy read generic alt text", "img"),
    pgettext_lazy("easy read generic alt text", "pic"),
)


class Check(models.TextChoices):
    """The plain-language rules an easy read notice is checked against."""

    SENTENCE_LENGTH = "sentence-length", gettext_lazy("Long sentence")
    POINT_LENGTH = "point-length", gettext_lazy("Too many sentences in a point")
    LIST_LENGTH = "list-length", gettext_lazy("Too many items in a list")
    ACRONYM = "acronym", gettext_lazy("Acronym not explained")
    PICTURE = "picture", gettext_lazy("Point without a picture")
    ALT_TEXT = "alt-text", gettext_lazy("Picture without real alt text")
    HARD_WORD = "hard-word", gettext_lazy("Hard word not explained")
    PAGE_COUNT = "page-count", gettext_lazy("PDF too long")
    TOPICS = "topics", gettext_lazy("Topic of the full notice not covered")


@dataclass(frozen=True)
class Finding:
    """One place where an easy read notice breaks a rule.

    ``problem`` says what is wrong; ``place`` where, for a point's field or a word's meaning,
    and is ``None`` for findings about the notice as a whole. ``message`` says both.
    """

    check: Check
    problem: str
    place: Place | None = None

    @property
    def message(self) -> str:
        """“Section 2 “Who we share with”, point 3: …”, or the problem of the whole notice."""
        if self.place is None:
            return self.problem
        return gettext("%(place)s: %(problem)s") % {
            "place": self.place.name,
            "problem": self.problem,
        }

    @property
    def anchor(self) -> str:
        """The id of the element of the preview that the finding is marked on."""
        return self.place.anchor if self.place else WHOLE_NOTICE_ANCHOR

    @property
    def place_name(self) -> str:
        return self.place.name if self.place else whole_notice_name()


def max_sentence_words() -> int:
    return setting("NOTICE_EASY_READ_MAX_SENTENCE_WORDS")


def max_point_sentences() -> int:
    return setting("NOTICE_EASY_READ_MAX_POINT_SENTENCES")


def max_pdf_pages() -> int:
    return setting("NOTICE_EASY_READ_MAX_PDF_PAGES")


def allowed_acronyms() -> frozenset[str]:
    """Acronyms that readers know without an explanation."""
    return frozenset(setting("NOTICE_EASY_READ_ALLOWED_ACRONYMS"))


def describe(check: Check) -> tuple[str, str]:
    """The name of a check and what to do about it, as the Checks panel shows them."""
    if check == Check.SENTENCE_LENGTH:
        limit = max_sentence_words()
        return (
            ngettext(
                "Sentence longer than %(limit)d word",
                "Sentence longer than %(limit)d words",
                limit,
            )
            % {"limit": limit},
            gettext("Split it into shorter sentences. One idea per sentence."),
        )
    if check == Check.POINT_LENGTH:
        limit = max_point_sentences()
        return (
            ngettext(
                "Point with more than %(limit)d sentence",
                "Point with more than %(limit)d sentences",
                limit,
            )
            % {"limit": limit},
            gettext("Start a new point, with its own picture, for the next idea."),
        )
    if check == Check.LIST_LENGTH:
        return (
            ngettext(
                "List with more than %(limit)d item",
                "List with more than %(limit)d items",
                MAX_LIST_ITEMS,
            )
            % {"limit": MAX_LIST_ITEMS},
            gettext("Keep a list short. Put the other items in a new point, with its picture."),
        )
    if check == Check.PAGE_COUNT:
        limit = max_pdf_pages()
        return (
            ngettext("PDF longer than %(limit)d page", "PDF longer than %(limit)d pages", limit)
            % {"limit": limit},
            gettext("Easy read documents must be short. Make it shorter, or split it in two."),
        )
    help_texts = {
        Check.ACRONYM: gettext(
            "Write the words in full, or explain the acronym in the word list. For example: "
            "Information Commissioner’s Office (ICO)."
        ),
        Check.PICTURE: gettext(
            "Every point needs a picture beside it. Choose one from the library, or add your own."
        ),
        Check.ALT_TEXT: gettext(
            "Say what the picture shows, in words. Do not use the file name, or a word like "
            "“image”."
        ),
        Check.HARD_WORD: gettext(
            "Add the word to the word list, and say what it means in easy words."
        ),
        Check.TOPICS: gettext(
            "The easy read version must cover every topic of the full notice. Add a section "
            "about it."
        ),
    }
    return str(check.label), help_texts[check]


def quote(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(QUOTE_LENGTH)


def normalised(text: str) -> str:
    """Text compared without case, punctuation or the underscores of file names."""
    return " ".join(re.sub(r"[\W_]+", " ", text).split()).casefold()


# Matching hard words and acronyms


def is_unspaced(language_code: str) -> bool:
    return language_code.split("-")[0].lower() in UNSPACED_LANGUAGES


def word_matches(expected: str, found: str, last: bool) -> bool:
    """Whether a word of the text is a word of a hard word (its last word may be inflected)."""
    if last and len(expected) >= MIN_STEM_LENGTH:
        return found.startswith(expected)
    return found == expected


class Phrase:
    """A hard word as the casefolded words (or, unspaced, characters) it is written with."""

    def __init__(self, text: str, language_code: str):
        self.text = text
        self.unspaced = is_unspaced(language_code)
        if self.unspaced:
            self.key = "".join(text.split()).casefold()
        else:
            self.key = tuple(word.casefold() for word in words(text, language_code))

    def __len__(self) -> int:
        return len(self.key)

    def spans_in(self, tokens: str | tuple[str, ...]) -> Iterator[tuple[int, int]]:
        """Where the phrase occurs in a text's words (or characters)."""
        size = len(self.key)
        if not size:
            return
        if self.unspaced:
            start = tokens.find(self.key)
            while start != -1:
                yield start, start + size
                start = tokens.find(self.key, start + 1)
            return
        for start in range(len(tokens) - size + 1):
            if all(
                word_matches(expected, tokens[start + offset], offset == size - 1)
                for offset, expected in enumerate(self.key)
            ):
                yield start, start + size


def tokens_of(text: str, language_code: str) -> str | tuple[str, ...]:
    if is_unspaced(language_code):
        return "".join(text.split()).casefold()
    return tuple(word.casefold() for word in words(text, language_code))


class WordList:
    """The words a notice's word list explains."""

    def __init__(self, body, language_code: str):
        self.language_code = language_code
        self.terms: list[str | tuple[str, ...]] = []
        self.acronyms: set[str] = set()
        for child in body:
            if child.block_type != "word_list":
                continue
            for entry in child.value["words"]:
                word = entry["word"] or ""
                self.acronyms.update(match.group(1) for match in ACRONYM.finditer(word))
                for term in TERM_SEPARATORS.split(word):
                    if term.strip():
                        self.terms.append(tokens_of(term, language_code))

    def explains(self, phrase: Phrase) -> bool:
        """Whether an entry is the hard word, or names it: “Information Commissioner’s Office”."""
        return any(any(phrase.spans_in(term)) for term in self.terms)


def unexplained_hard_words(
    text: str, phrases: list[Phrase], word_list: WordList, language_code: str
) -> list[str]:
    """The hard words in ``text`` that the word list does not explain, each once.

    The longest hard word wins where two overlap: “data protection officer” is one word.
    """
    tokens = tokens_of(text, language_code)
    taken: set[int] = set()
    found: list[tuple[int, str]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        for start, end in phrase.spans_in(tokens):
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            if not word_list.explains(phrase):
                found.append((start, phrase.text))
    return list(dict.fromkeys(word for _start, word in sorted(found)))


def explained_in_brackets(acronym: str, text: str) -> bool:
    """Whether the text writes the acronym beside its words in brackets, either way round."""
    escaped = re.escape(acronym)
    after_words = rf"\w[^()（）]*[(（]\s*{escaped}s?\s*[)）]"
    before_words = rf"(?<![A-Za-z]){escaped}s?\s*[(（][^()（）]*\w[^()（）]*[)）]"
    return bool(re.search(after_words, text) or re.search(before_words, text))


def unexplained_acronyms(text: str, word_list: WordList) -> list[str]:
    """The acronyms in ``text`` that are neither allowed nor explained, each once."""
    allowed = allowed_acronyms()
    found: dict[str, None] = {}
    for match in ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in allowed or match.group(0) in allowed or acronym in word_list.acronyms:
            continue
        if not explained_in_brackets(acronym, text):
            found.setdefault(acronym)
    return list(found)


# Alt text


def generic_alt_texts() -> set[str]:
    """“image”, “picture” and the like, in every language notices are published in."""
    texts = {normalised(str(text)) for text in GENERIC_ALT_TEXTS}
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            texts.update(normalised(str(text)) for text in GENERIC_ALT_TEXTS)
    return texts


def alt_text_problem(alt_text: str, image, generic: set[str]) -> str | None:
    """Why an own image's alt text is not real alt text, or ``None`` if it is."""
    alt_text = alt_text.strip()
    if not alt_text:
        return gettext("Your own picture has no alt text. Say what the picture shows.")
    context = {"alt_text": quote(alt_text)}
    if (
        IMAGE_FILE_EXTENSION.search(alt_text)
        or "_" in alt_text
        or FILE_NAME_LIKE.fullmatch(alt_text)
    ):
        message = gettext("“%(alt_text)s” looks like a file name. Say what the picture shows.")
        return message % context
    key = normalised(alt_text)
    file_name = PurePosixPath(getattr(image.file, "name", "") or "")
    if key in {normalised(image.title), normalised(file_name.name), normalised(file_name.stem)}:
        return (
            gettext(
                "“%(alt_text)s” is the picture’s title or file name. Say what the picture shows."
            )
            % context
        )
    key_words = key.split()
    if key in generic or (
        len(key_words) == 2 and len(key_words[0]) <= 3 and key_words[1] in generic
    ):
        return gettext("“%(alt_text)s” does not say what the picture shows.") % context
    return None


# The checks


class BodyChecker:
    """Runs the checks of each point and of each meaning over one easy read body."""

    def __init__(self, body, language_code: str):
        self.body = body
        self.language_code = language_code
        self.word_list = WordList(body, language_code)

    @cached_property
    def hard_phrases(self) -> list[Phrase]:
        phrases = [Phrase(word, self.language_code) for word in hard_words(self.language_code)]
        return [phrase for phrase in phrases if len(phrase)]

    @cached_property
    def generic_alt_texts(self) -> set[str]:
        return generic_alt_texts()

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for point in points_of(self.body):
            found += self.check_point(point)
        for entry in words_of(self.body):
            found += self.check_meaning(entry)
        return found

    def check_point(self, point: Item) -> Iterator[Finding]:
        text = point.value.get("text") or ""
        yield from self.check_lines(point.place, text)
        yield from self.check_picture(point)
        yield from self.check_words(point.place, text)

    def check_meaning(self, entry: Item) -> Iterator[Finding]:
        """A meaning is written as a point's words are, in as many sentences as it needs."""
        text = entry.value.get("meaning") or ""
        for sentence in sentences(text, self.language_code):
            yield from self.check_sentence(entry.place, sentence)
        yield from self.check_words(entry.place, text)

    def check_words(self, place: Place, text: str) -> Iterator[Finding]:
        """Acronyms and hard words that the word list does not explain."""
        for acronym in unexplained_acronyms(text, self.word_list):
            yield Finding(
                Check.ACRONYM,
                gettext(
                    "“%(acronym)s” is not explained. Write the words in full, or explain it "
                    "in the word list."
                )
                % {"acronym": acronym},
                place,
            )
        hard = unexplained_hard_words(text, self.hard_phrases, self.word_list, self.language_code)
        for word in hard:
            yield Finding(
                Check.HARD_WORD,
                gettext("“%(word)s” is a hard word. Explain it in the word list.") % {"word": word},
                place,
            )

    def check_sentence(self, place: Place, sentence: str) -> Iterator[Finding]:
        limit = max_sentence_words()
        count = len(words(sentence, self.language_code))
        if count > limit:
            yield Finding(
                Check.SENTENCE_LENGTH,
                ngettext(
                    "“%(sentence)s” has %(count)d word (limit: %(limit)d).",
                    "“%(sentence)s” has %(count)d words (limit: %(limit)d).",
                    count,
                )
                % {"sentence": quote(sentence), "count": count, "limit": limit},
                place,
            )

    def check_lines(self, place: Place, text: str) -> Iterator[Finding]:
        """The length of each sentence and list item, and how many sentences the point has.

        A list counts as one sentence with the line that leads into it, or alone.
        """
        count = 0
        for line in point_lines(text):
            found = sentences(line.text, self.language_code) if line.text else []
            count += len(found) if found else 1
            for sentence in found:
                yield from self.check_sentence(place, sentence)
            for item in line.items:
                for sentence in sentences(item, self.language_code):
                    yield from self.check_sentence(place, sentence)
            if len(line.items) > MAX_LIST_ITEMS:
                yield Finding(
                    Check.LIST_LENGTH,
                    ngettext(
                        "The list has %(count)d item (limit: %(limit)d). Put the others in a "
                        "new point.",
                        "The list has %(count)d items (limit: %(limit)d). Put the others in a "
                        "new point.",
                        len(line.items),
                    )
                    % {"count": len(line.items), "limit": MAX_LIST_ITEMS},
                    place,
                )
        limit = max_point_sentences()
        if count > limit:
            yield Finding(
                Check.POINT_LENGTH,
                ngettext(
                    "This point has %(count)d sentence (limit: %(limit)d). Start a new point.",
                    "This point has %(count)d sentences (limit: %(limit)d). Start a new point.",
                    count,
                )
                % {"count": count, "limit": limit},
                place,
            )

    def check_picture(self, point: Item) -> Iterator[Finding]:
        image = point.value.get("image")
        if image is None:
            if get_picture(point.value.get("picture") or "") is None:
                yield Finding(
                    Check.PICTURE,
                    gettext(
                        "This point has no picture. Choose one from the library, or add your own."
                    ),
                    point.place.at("picture"),
                )
            return
        problem = alt_text_problem(point.value.get("alt_text") or "", image, self.generic_alt_texts)
        if problem:
            yield Finding(Check.ALT_TEXT, problem, point.place.at("alt_text"))


def check_body(body, language_code: str) -> list[Finding]:
    """What the checks of points and meanings find in a body written in ``language_code``."""
    return BodyChecker(body, language_code).findings()


def check_topics(body, full_notice_body) -> list[Finding]:
    """The topics of the full notice that no section of the easy read body covers."""
    covered = {child.value["topic"] for child in body if child.block_type == "section"}
    missing: dict[str, list] = {}
    for child in full_notice_body:
        if is_topic(child.block) and child.block_type not in covered:
            missing.setdefault(child.block_type, []).append(child)
    found = []
    for children in missing.values():
        topic = str(children[0].block.label)
        headings = [
            f"“{heading}”"
            for heading in dict.fromkeys(child.block.get_heading(child.value) for child in children)
            if heading
        ]
        if headings:
            message = gettext(
                "The full notice has a “%(topic)s” section (%(headings)s) that the easy read "
                "version does not cover."
            ) % {"topic": topic, "headings": ", ".join(headings)}
        else:
            message = gettext(
                "The full notice has a “%(topic)s” section that the easy read version does not "
                "cover."
            ) % {"topic": topic}
        found.append(Finding(Check.TOPICS, message))
    return found


def check_page_count(page_count: int) -> list[Finding]:
    """A finding if the easy read PDF has more pages than easy read documents may have."""
    limit = max_pdf_pages()
    if page_count <= limit:
        return []
    message = ngettext(
        "The PDF has %(count)d page (limit: %(limit)d). Make it shorter, or split it in two.",
        "The PDF has %(count)d pages (limit: %(limit)d). Make it shorter, or split it in two.",
        page_count,
    ) % {"count": page_count, "limit": limit}
    return [Finding(Check.PAGE_COUNT, message)]

"""Words and sentences of a text, segmented by ICU's rules for its language.

Counting words by splitting on spaces fails for Chinese, which has none, and miscounts
scripts whose punctuation is not ASCII (Urdu's ``۔``, Bengali's ``।``). ICU's break iterators
segment each language by its own rules, with a dictionary for Chinese.
"""

from functools import lru_cache

import icu

#: ICU word rule statuses from this value up are words: letters, numbers, kana, ideographs.
#: Below it are spaces and punctuation.
WORD_STATUS = icu.UWordBreak.NUMBER


@lru_cache(maxsize=64)
def icu_locale(language_code: str) -> str:
    """The ICU locale of a Django language code: ``"zh-hans"`` is ``"zh_Hans"``."""
    return icu.Locale.forLanguageTag(language_code).getName() or "en"


def _segments(iterator: icu.BreakIterator, text: str) -> list[tuple[str, int]]:
    """Each segment of ``text`` with the rule status that ended it.

    ICU counts in UTF-16 code units, so the text is sliced as an ICU string: slicing the
    Python string would shift after any character outside the Basic Multilingual Plane.
    """
    unicode_text = icu.UnicodeString(text)
    iterator.setText(unicode_text)
    segments = []
    start = iterator.first()
    for end in iterator:
        segments.append((str(unicode_text[start:end]), iterator.getRuleStatus()))
        start = end
    return segments


def words(text: str, language_code: str) -> list[str]:
    """The words of ``text``, without spaces or punctuation."""
    iterator = icu.BreakIterator.createWordInstance(icu.Locale(icu_locale(language_code)))
    return [segment for segment, status in _segments(iterator, text) if status >= WORD_STATUS]


def sentences(text: str, language_code: str) -> list[str]:
    """The sentences of ``text``; each line ends a sentence too.

    ICU's standard suppressions keep abbreviations such as “e.g.” inside a sentence, in the
    languages that ICU has a list for.
    """
    locale = icu.Locale(f"{icu_locale(language_code)}@ss=standard")
    iterator = icu.BreakIterator.createSentenceInstance(locale)
    found = []
    for line in text.splitlines():
        for segment, _status in _segments(iterator, line):
            if segment.strip():
                found.append(segment.strip())
    return found

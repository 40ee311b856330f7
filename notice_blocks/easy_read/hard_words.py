"""The hard words an easy read notice must explain, in each language.

Translators give each word as it is said in their language; the setting
``NOTICE_EASY_READ_EXTRA_HARD_WORDS`` (a language code to a list of words) adds a council's own.
"""

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from ..conf import setting

HARD_WORDS: tuple[Promise, ...] = (
    pgettext_lazy("easy read hard word", "personal data"),
    pgettext_lazy("easy read hard word", "data protection"),
    pgettext_lazy("easy read hard word", "data protection officer"),
    pgettext_lazy("easy read hard word", "data subject"),
    pgettext_lazy("easy read hard word", "lawful basis"),
    pgettext_lazy("easy read hard word", "legal basis"),
    pgettext_lazy("easy read hard word", "legal obligation"),
    pgettext_lazy("easy read hard word", "legitimate interest"),
    pgettext_lazy("easy read hard word", "public task"),
    pgettext_lazy("easy read hard word", "vital interests"),
    pgettext_lazy("easy read hard word", "consent"),
    pgettext_lazy("easy read hard word", "processing"),
    pgettext_lazy("easy read hard word", "controller"),
    pgettext_lazy("easy read hard word", "processor"),
    pgettext_lazy("easy read hard word", "special category"),
    pgettext_lazy("easy read hard word", "criminal offence data"),
    pgettext_lazy("easy read hard word", "retention"),
    pgettext_lazy("easy read hard word", "retention schedule"),
    pgettext_lazy("easy read hard word", "retain"),
    pgettext_lazy("easy read hard word", "safeguarding"),
    pgettext_lazy("easy read hard word", "statutory"),
    pgettext_lazy("easy read hard word", "legislation"),
    pgettext_lazy("easy read hard word", "regulation"),
    pgettext_lazy("easy read hard word", "anonymised"),
    pgettext_lazy("easy read hard word", "pseudonymised"),
    pgettext_lazy("easy read hard word", "automated decision"),
    pgettext_lazy("easy read hard word", "profiling"),
    pgettext_lazy("easy read hard word", "confidential"),
    pgettext_lazy("easy read hard word", "disclose"),
    pgettext_lazy("easy read hard word", "disclosure"),
    pgettext_lazy("easy read hard word", "third party"),
    pgettext_lazy("easy read hard word", "privacy notice"),
    pgettext_lazy("easy read hard word", "rectification"),
    pgettext_lazy("easy read hard word", "erasure"),
    pgettext_lazy("easy read hard word", "portability"),
    pgettext_lazy("easy read hard word", "supervisory authority"),
    pgettext_lazy("easy read hard word", "Information Commissioner"),
    pgettext_lazy("easy read hard word", "court proceedings"),
    pgettext_lazy("easy read hard word", "care proceedings"),
    pgettext_lazy("easy read hard word", "child protection plan"),
    pgettext_lazy("easy read hard word", "looked after"),
    pgettext_lazy("easy read hard word", "multi-agency"),
    pgettext_lazy("easy read hard word", "assessment"),
    pgettext_lazy("easy read hard word", "referral"),
    pgettext_lazy("easy read hard word", "national data opt-out"),
)


def extra_hard_words(language_code: str) -> list[str]:
    """The council's own hard words for a language, from the settings."""
    extra = setting("NOTICE_EASY_READ_EXTRA_HARD_WORDS") or {}
    return list(extra.get(language_code, ()))


def hard_words(language_code: str) -> list[str]:
    """The hard words of a language, each once, in the order they are listed."""
    with translation.override(language_code):
        translated = [str(word) for word in HARD_WORDS]
    found: dict[str, str] = {}
    for word in (*translated, *extra_hard_words(language_code)):
        word = " ".join(word.split())
        if word:
            found.setdefault(word.casefold(), word)
    return list(found.values())

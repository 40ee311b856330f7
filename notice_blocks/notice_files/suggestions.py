"""Messages for a code or name that a notice file gets wrong: what is valid, and the nearest."""

import difflib
from collections.abc import Iterable

from django.utils.translation import gettext as _

from .errors import shown

#: Longer words are not compared: no code or name comes close to them.
MAX_COMPARED_LENGTH = 100


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` Did you mean “x”?`` for the option nearest to ``word``, or nothing if none is near."""
    if len(word) > MAX_COMPARED_LENGTH:
        return ""
    nearest = difflib.get_close_matches(word, [str(option) for option in options], n=1)
    return " " + _("Did you mean “%(word)s”?") % {"word": nearest[0]} if nearest else ""


def unknown_code(code: str, codes: Iterable[str]) -> str:
    """The message for a code that is not one of ``codes``: all of them, and the nearest."""
    codes = list(codes)
    message = _("“%(code)s” is not a valid code. Valid codes: %(codes)s.") % {
        "code": shown(code),
        "codes": ", ".join(codes),
    }
    return message + did_you_mean(code, codes)


def choice_codes(choices: Iterable) -> list[str]:
    """The codes of a choice field's choices, those inside named groups included."""
    codes = []
    for code, label in choices:
        if isinstance(label, list | tuple):
            codes += choice_codes(label)
        elif code not in ("", None):
            codes.append(str(code))
    return codes

"""Answers worked out once per request, which several parts of one page ask for.

A notice's page asks more than once for the same things (its languages: in the head's
``hreflang`` links and in the language switcher): the first answer is kept on the request,
and goes with it. Nothing is kept without a request (as when a PDF is rendered), nor from one
request to the next, so nothing kept can outlive a publish.
"""

from collections.abc import Callable, Hashable
from typing import TypeVar

from django.http import HttpRequest

T = TypeVar("T")

#: The attribute of a request that keeps its answers, by key.
ATTRIBUTE = "_notice_blocks_answers"


def once_per_request(request: HttpRequest | None, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, worked out the first time ``key`` is asked for during ``request``."""
    if request is None:
        return compute()
    answers = request.__dict__.setdefault(ATTRIBUTE, {})
    if key not in answers:
        answers[key] = compute()
    return answers[key]

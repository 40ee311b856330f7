"""A completeness rule: what it checks, under which articles, and how much it matters."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils.functional import Promise

from ..findings import Finding, Severity
from ..notice import Notice, Section


@dataclass(frozen=True)
class Articles:
    """The provisions a rule applies, as ``13(1)(b)`` without “Art”.

    ``article_13`` applies to every notice, ``article_14`` where the notice lists sources
    (``Notice.article_14_applies``); a rule with neither applies ``other`` (such as
    ``Art 9(2)``), which is shown as it is.
    """

    article_13: str = ""
    article_14: str = ""
    other: str = ""

    def applying(self, notice: Notice) -> str:
        """The provisions that apply to ``notice``, in the form ``Art 13(1)(b), Art 14(1)(b)``.

        Empty when the rule is only about an article that does not apply.
        """
        parts = []
        if self.article_13 and notice.article_13_applies:
            parts.append(f"Art {self.article_13}")
        if self.article_14 and notice.article_14_applies:
            parts.append(f"Art {self.article_14}")
        if not parts and (self.article_13 or self.article_14):
            return ""
        if self.other:
            parts.append(self.other)
        return ", ".join(parts)

    def __str__(self) -> str:
        parts = [f"Art {self.article_13}"] if self.article_13 else []
        if self.article_14:
            parts.append(f"Art {self.article_14}")
        if self.other:
            parts.append(self.other)
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """What a rule finds: a message, and the section and field to fix (None for the page).

    ``article`` narrows the rule's provisions down for this problem, such as the one
    Article 9 condition that needs a Schedule 1 condition.
    """

    message: str
    section: Section | None = None
    field: str | None = None
    article: str = ""


def located(section: Section | None, field: str) -> tuple[Section | None, str | None]:
    """A problem's section and field: the field of ``section``, or neither without one."""
    return (section, field) if section is not None else (None, None)


@dataclass(frozen=True)
class Rule:
    """One check of a notice.

    ``requires`` says what a notice needs and ``remedy`` how to satisfy it, for the rules'
    documentation; ``check`` returns the problems found in a notice.
    """

    slug: str
    articles: Articles
    severity: Severity
    requires: Promise
    remedy: Promise
    check: Callable[[Notice], Iterable[Problem]]

    def findings(self, notice: Notice) -> Iterator[Finding]:
        article = self.articles.applying(notice)
        if not article:
            return
        for problem in self.check(notice):
            section = problem.section
            yield Finding(
                rule=self.slug,
                article=problem.article or article,
                severity=self.severity,
                message=str(problem.message),
                section_id=section.id if section else None,
                section_index=section.index if section else None,
                field=problem.field,
            )


def rule(
    slug: str, articles: Articles, severity: Severity, *, requires: Promise, remedy: Promise
) -> Callable[[Callable[[Notice], Iterable[Problem]]], Rule]:
    """Make the decorated function the ``check`` of a rule."""

    def decorate(check: Callable[[Notice], Iterable[Problem]]) -> Rule:
        return Rule(slug, articles, severity, requires, remedy, check)

    return decorate

"""Automated decisions, and transfers outside the UK."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..findings import Severity
from ..notice import Notice
from .base import Articles, Problem, located, rule

#: Automated decisions said in a notice's own words, whether made or not.
AUTOMATED_DECISIONS_IN_PROSE = (
    r"automated (decision|means|processing)|\bprofiling\b|decision[^.]{0,60}\bcomputer"
    r"|\bcomputer[^.]{0,60}\bdecision|human (intervention|involvement)"
)
#: Transfers said in a notice's own words, whether made or not.
TRANSFERS_IN_PROSE = (
    r"outside (of )?the (UK|United Kingdom|EEA|European)|\boverseas\b|\babroad\b"
    r"|third countr|international (transfer|organisation)"
)


@rule(
    "automated-decisions-explained",
    Articles("13(2)(f)", "14(2)(g)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where decisions are made by automated means alone: the logic involved, their "
        "significance and the consequences for the person."
    ),
    remedy=gettext_lazy(
        "Fill in “How the decisions are made”, “What the decisions mean for you” and “What "
        "could happen as a result” in the Automated decisions section."
    ),
)
def automated_decisions_explained(notice: Notice) -> Iterator[Problem]:
    explanations = {
        "logic": _(
            "You make decisions by automated means alone: explain how the decisions are made "
            "(the logic involved), under “How the decisions are made”."
        ),
        "significance": _(
            "You make decisions by automated means alone: explain what the decisions mean for "
            "the person, under “What the decisions mean for you”."
        ),
        "consequences": _(
            "You make decisions by automated means alone: explain what could happen to the "
            "person as a result, under “What could happen as a result”."
        ),
    }
    for section in notice.of_type("automated_decisions"):
        if section.get("used") != "yes":
            continue
        for field, message in explanations.items():
            if not section.says(field):
                yield Problem(message, section, field)


@rule(
    "automated-decisions-stated",
    Articles("13(2)(f)", "14(2)(g)"),
    Severity.WARNING,
    requires=gettext_lazy(
        "Whether decisions are made about people by automated means alone, including "
        "profiling. Required where they are; advised where they are not."
    ),
    remedy=gettext_lazy(
        "Add an Automated decisions section, answering whether you make such decisions, or a "
        "general section on automated decisions."
    ),
)
def automated_decisions_stated(notice: Notice) -> Iterator[Problem]:
    if notice.of_type("automated_decisions") or notice.general("automated_decisions"):
        return
    if notice.mentions(AUTOMATED_DECISIONS_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not say whether you make decisions about people by automated "
            "means alone, such as profiling. Add the “%(section)s” section, or say there that "
            "a person makes every decision."
        )
        % {"section": notice.label("automated_decisions")}
    )


@rule(
    "transfers",
    Articles("13(1)(f)", "14(1)(f)"),
    Severity.WARNING,
    requires=gettext_lazy(
        "Whether the information is sent outside the UK, and under which safeguards. "
        "Required where it is; advised where it is not."
    ),
    remedy=gettext_lazy(
        "Add a Transfers outside the UK section listing the transfers, or saying in its "
        "introduction that you do not transfer information outside the UK; or a general "
        "section on transfers."
    ),
)
def transfers(notice: Notice) -> Iterator[Problem]:
    if notice.general("transfers"):
        return
    sections = notice.of_type("transfers")
    for section in sections:
        if section.items("transfers") or section.says("intro", "outro"):
            return
    if not sections and notice.mentions(TRANSFERS_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not say whether personal information is sent outside the UK. "
            "Add the “%(section)s” section listing the transfers and their safeguards, or say "
            "there that you do not transfer information outside the UK."
        )
        % {"section": notice.label("transfers")},
        *located(sections[0] if sections else None, "intro"),
    )

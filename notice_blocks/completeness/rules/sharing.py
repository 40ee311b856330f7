"""Who receives the data, how long it is kept, and whether people must give it."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..findings import Severity
from ..notice import Notice
from .base import Articles, Problem, located, rule

#: The answers that make giving some information a requirement, by law or contract.
REQUIRED = ("statutory", "contractual", "contract-entry", "mixed")
#: Sharing said in a notice's own words: “we share … with”, “we do not share”.
SHARING_IN_PROSE = (
    r"\b(share|shares|shared|sharing|disclose|discloses|disclosed|pass|passed)\b[^.]{0,100}"
    r"\b(with|to)\b|\b(do not|don’t|don't|never) (share|disclose)"
)
#: Keeping said in a notice's own words: “we keep … for six years”, “our retention schedule”.
#: A length of time must follow the verb: “the information we hold about you” says nothing.
RETENTION_IN_PROSE = (
    r"\b(keep|keeps|kept|retain|retains|retained|hold|holds|store|stores)\b[^.]{0,80}"
    r"\b(years?|months?|weeks?|days?|as long as|until|permanently|indefinitely)\b"
    r"|\bretention (period|schedule|policy)"
)
#: Whether giving data is required, said in a notice's own words.
REQUIREMENT_IN_PROSE = (
    r"\b(required|obliged|have|need|must) to (provide|give)\b|\bfail(s|ed)? to (provide|give)\b"
    r"|\b(do not|don’t|don't|choose not to) (provide|give)\b|\bnot obliged\b|\bmandatory\b"
    r"|\bvoluntary\b|\bstatutory requirement\b|\bcontractual requirement\b"
)


@rule(
    "recipients",
    Articles("13(1)(e)", "14(1)(e)"),
    Severity.ERROR,
    requires=gettext_lazy("Who receives the information (recipients or kinds of recipient)."),
    remedy=gettext_lazy(
        "Add a Sharing section listing the recipients, or saying in its introduction that "
        "you do not share the information."
    ),
)
def recipients(notice: Notice) -> Iterator[Problem]:
    sections = notice.of_type("sharing")
    for section in sections:
        if section.items("recipients") or section.items("conditions"):
            return
        if section.says("intro", "conditions_intro", "outro"):
            return
    if not sections and notice.mentions(SHARING_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not say who receives the information. Add the “%(section)s” "
            "section listing the organisations or kinds of organisation you share it with, or "
            "say there that you do not share it."
        )
        % {"section": notice.label("sharing")},
        *located(sections[0] if sections else None, "recipients"),
    )


@rule(
    "retention",
    Articles("13(2)(a)", "14(2)(a)"),
    Severity.ERROR,
    requires=gettext_lazy("How long the information is kept, or the criteria that decide it."),
    remedy=gettext_lazy(
        "Add a Retention section with the periods, the criteria or a link to the retention "
        "schedule."
    ),
)
def retention(notice: Notice) -> Iterator[Problem]:
    sections = notice.of_type("retention")
    for section in sections:
        schedule = section.get("schedule") or {}
        if (
            section.items("periods")
            or section.says("intro", "criteria", "holds", "outro")
            or (schedule.get("url") or "").strip()
            or (schedule.get("text") or "").strip()
        ):
            return
    if not sections and notice.mentions(RETENTION_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not say how long the information is kept. Add the retention "
            "periods, the criteria that decide them, or a link to your retention schedule to "
            "the “%(section)s” section."
        )
        % {"section": notice.label("retention")},
        *located(sections[0] if sections else None, "periods"),
    )


@rule(
    "requirement",
    Articles(article_13="13(2)(e)"),
    Severity.WARNING,
    requires=gettext_lazy(
        "Whether people must give the information (by law or contract) and what happens if "
        "they do not."
    ),
    remedy=gettext_lazy(
        "Add an “If you do not give us the information” section, or say it in the notice’s text."
    ),
)
def requirement(notice: Notice) -> Iterator[Problem]:
    sections = notice.of_type("requirement")
    for section in sections:
        if section.get("requirement") in REQUIRED and not section.says("consequences"):
            yield Problem(
                _(
                    "Say what happens if people do not give the information you require, under "
                    "“If you do not give it”."
                ),
                section,
                "consequences",
            )
    if sections or notice.mentions(REQUIREMENT_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not say whether people must give you their information, for "
            "example because the law requires it, or what happens if they do not. Add the "
            "“%(section)s” section."
        )
        % {"section": notice.label("requirement")}
    )

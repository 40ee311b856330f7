"""The data: its categories and sources, and the conditions special kinds of data need."""

import re
from collections.abc import Iterator

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...legal import SCHEDULE_1_PART_NEEDED, get_provision, schedule_1_condition_part
from ..findings import Severity
from ..notice import CRIMINAL_OFFENCE, SPECIAL_CATEGORY, Notice, Section, has_words
from ..text import prose
from .base import Articles, Problem, located, rule

#: Publicly available sources mentioned in a notice's own words.
PUBLIC_SOURCES_IN_PROSE = (
    r"publicly (available|accessible)|public(ly)? (sources?|records?|registers?)|public domain"
)
#: Article 9 conditions named in a notice's own words.
ARTICLE_9_IN_PROSE = r"article\s*9|\b9\s*\(\s*2\s*\)"
SCHEDULE_1_IN_PROSE = r"schedule\s*1\b"


def examples(found: list[tuple[Section, str]]) -> str:
    """Up to three descriptions of data, shortened, for a message."""
    descriptions = [description for _section, description in found if description][:3]
    return "; ".join(Truncator(description).chars(40) for description in descriptions)


def missing_condition(
    found: list[tuple[Section, str]],
    sections: list[Section],
    field: str,
    listed: str,
    described: str,
    remedy: str,
) -> Problem:
    """Data ``found`` that has no condition for its use: ``listed`` with up to three examples
    of it (``described`` when it has none to show), then ``remedy``; on ``field`` of the first
    lawful basis section, or else on the groups of the section that holds the data."""
    shown = examples(found)
    message = listed % {"examples": shown} if shown else described
    section = sections[0] if sections else None
    return Problem(
        " ".join((message, remedy)),
        section or found[0][0],
        field if section else "groups",
    )


def statement(notice: Notice) -> Section | None:
    """The first lawful basis section with a Schedule 1 (appropriate policy) statement."""
    return next((s for s in notice.of_type("lawful_basis") if s.says("schedule_1_statement")), None)


@rule(
    "data-categories",
    Articles(article_14="14(1)(d)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where information comes from others: the categories of personal data used."
    ),
    remedy=gettext_lazy(
        "Add a Personal data used section with the categories of data, or describe them in "
        "the introduction of one of its groups."
    ),
)
def data_categories(notice: Notice) -> Iterator[Problem]:
    for section in notice.of_type("personal_data"):
        for group in section.items("groups"):
            if has_words(group.get("intro")) or any(
                has_words(category.get("description")) for category in group.get("categories")
            ):
                return
    yield Problem(
        _(
            "Some of the information comes from other organisations, so the notice must say "
            "what kinds of personal information you use. Add the “%(section)s” section."
        )
        % {"section": notice.label("personal_data")},
        *located(notice.first("personal_data"), "groups"),
    )


@rule(
    "publicly-available-sources",
    Articles(article_14="14(2)(f)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where information comes from others: whether any of it comes from publicly "
        "available sources."
    ),
    remedy=gettext_lazy(
        "Answer “Publicly available sources” in the Sources of the data section, or say it "
        "in the notice’s text."
    ),
)
def publicly_available_sources(notice: Notice) -> Iterator[Problem]:
    sections = notice.of_type("sources")
    if any(section.get("publicly_available") in ("yes", "no") for section in sections):
        return
    if notice.mentions(PUBLIC_SOURCES_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice lists where information comes from, but not whether any of it comes "
            "from publicly available sources, such as public registers. Answer “Publicly "
            "available sources” in the “%(section)s” section."
        )
        % {"section": notice.label("sources")},
        next(s for s in sections if s.items("sources")),
        "publicly_available",
    )


@rule(
    "special-category-condition",
    Articles(other="Art 9(1), Art 9(2)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where special category data is used: a condition for it from UK GDPR Article 9(2)."
    ),
    remedy=gettext_lazy(
        "Add the conditions you rely on under “Special category conditions” in the Lawful "
        "basis section, or name them in its special category introduction."
    ),
)
def special_category_condition(notice: Notice) -> Iterator[Problem]:
    found = notice.data_of_kind(SPECIAL_CATEGORY)
    if not found or notice.article_9:
        return
    sections = notice.of_type("lawful_basis")
    if notice.mentions(ARTICLE_9_IN_PROSE, sections):
        return
    yield missing_condition(
        found,
        sections,
        "special_category_conditions",
        _(
            "The notice lists special category data (%(examples)s) but gives no condition "
            "for using it from UK GDPR Article 9."
        ),
        _(
            "The notice describes special category data but gives no condition for using it "
            "from UK GDPR Article 9."
        ),
        _(
            "Add the conditions you rely on under “Special category conditions” in "
            "the “%(section)s” section."
        )
        % {"section": notice.label("lawful_basis")},
    )


@rule(
    "schedule-1-condition",
    Articles(other="Art 9(2)(b), (g), (h), (i), (j), DPA 2018 s.10"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Article 9(2)(b), (g), (h), (i) and (j) each need a condition from Schedule 1 of the "
        "Data Protection Act 2018 as well."
    ),
    remedy=gettext_lazy(
        "Choose the Schedule 1 conditions of each such condition, or write a Schedule 1 "
        "statement in the Lawful basis section."
    ),
)
def schedule_1_condition(notice: Notice) -> Iterator[Problem]:
    if statement(notice):
        return
    for section, condition in notice.article_9:
        code = condition.get("provision")
        if code not in SCHEDULE_1_PART_NEEDED:
            continue
        provision = get_provision(code)
        letter = code.rsplit("-", 1)[-1]
        articles = f"Art 9(2)({letter}), DPA 2018 s.10"
        chosen = condition.get("schedule_1_conditions") or []
        part = SCHEDULE_1_PART_NEEDED[code]
        if chosen and all(schedule_1_condition_part(other) != part for other in chosen):
            yield Problem(
                _(
                    "“%(condition)s” (%(reference)s) needs a condition from Part %(part)d of "
                    "Schedule 1 of the Data Protection Act 2018, but the conditions chosen for it "
                    "are from another Part."
                )
                % {"condition": provision.title, "reference": provision.reference, "part": part},
                section,
                "special_category_conditions",
                articles,
            )
            continue
        if chosen:
            continue
        if any(
            re.search(SCHEDULE_1_IN_PROSE, prose(condition.get(name)), re.IGNORECASE)
            for name in ("explanation", "wording")
        ):
            continue
        yield Problem(
            _(
                "“%(condition)s” (%(reference)s) also needs a condition from Schedule 1 of the "
                "Data Protection Act 2018. Choose it under “Data Protection Act 2018 Schedule 1 "
                "conditions”, or write a Schedule 1 statement in this section."
            )
            % {"condition": provision.title, "reference": provision.reference},
            section,
            "special_category_conditions",
            articles,
        )


@rule(
    "criminal-offence-condition",
    Articles(other="Art 10, DPA 2018 s.10(5)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where criminal offence data is used: a condition for it from Schedule 1 of the Data "
        "Protection Act 2018."
    ),
    remedy=gettext_lazy(
        "Add the conditions under “Criminal offence data conditions” in the Lawful basis "
        "section, or write a Schedule 1 statement there."
    ),
)
def criminal_offence_condition(notice: Notice) -> Iterator[Problem]:
    found = notice.data_of_kind(CRIMINAL_OFFENCE)
    if not found or notice.criminal_offence_conditions or statement(notice):
        return
    sections = notice.of_type("lawful_basis")
    if any(s.says("criminal_offence_intro") for s in sections) and notice.mentions(
        SCHEDULE_1_IN_PROSE, sections
    ):
        return
    yield missing_condition(
        found,
        sections,
        "criminal_offence_conditions",
        _(
            "The notice lists criminal offence data (%(examples)s) but gives no condition "
            "for using it from Schedule 1 of the Data Protection Act 2018."
        ),
        _(
            "The notice describes criminal offence data but gives no condition for using it "
            "from Schedule 1 of the Data Protection Act 2018."
        ),
        _(
            "Add the conditions under “Criminal offence data conditions” in the "
            "“%(section)s” section, or a Schedule 1 statement."
        )
        % {"section": notice.label("lawful_basis")},
    )

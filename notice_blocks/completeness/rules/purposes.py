"""What the data is used for, and the lawful bases for using it."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...legal import LEGITIMATE_INTERESTS
from ..findings import Severity
from ..notice import Notice, has_words
from .base import Articles, Problem, located, rule

#: Purposes said in a notice's own words: “we use your information to …”.
PURPOSES_IN_PROSE = (
    r"\b(we|the council) (use|uses|collect|collects|process|processes|need|needs)\b"
    r"[^.]{0,120}\b(to|for|so that|because)\b"
)
#: A lawful basis said in a notice's own words.
BASIS_IN_PROSE = r"article\s*6|\b6\s*\(\s*1\s*\)|\blawful basis|\blegal basis"


@rule(
    "purposes",
    Articles("13(1)(c)", "14(1)(c)"),
    Severity.ERROR,
    requires=gettext_lazy("What the personal information is used for."),
    remedy=gettext_lazy(
        "Add a Purposes section with the purposes, or describe them in its introduction; "
        "saying what each lawful basis is relied on for also counts."
    ),
)
def purposes(notice: Notice) -> Iterator[Problem]:
    sections = notice.of_type("purposes")
    for section in sections:
        if section.items("purposes") or section.says("intro", "outro"):
            return
    if any(has_words(basis.get("purposes")) for _section, basis in notice.article_6):
        return
    if sections:
        yield Problem(
            _(
                "The “%(section)s” section does not say what the information is used for. "
                "List the purposes, or describe them in its introduction."
            )
            % {"section": notice.label("purposes")},
            sections[0],
            "purposes",
        )
    elif not notice.mentions(PURPOSES_IN_PROSE):
        yield Problem(
            _(
                "The notice does not say what the personal information is used for. Add the "
                "“%(section)s” section."
            )
            % {"section": notice.label("purposes")}
        )


@rule(
    "lawful-basis",
    Articles("13(1)(c)", "14(1)(c)"),
    Severity.ERROR,
    requires=gettext_lazy("The lawful basis for using the information (UK GDPR Article 6)."),
    remedy=gettext_lazy("Add a Lawful basis section with the Article 6 bases you rely on."),
)
def lawful_basis(notice: Notice) -> Iterator[Problem]:
    if notice.article_6 or notice.mentions(BASIS_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not give a lawful basis for using personal information. Add the "
            "“%(section)s” section with the UK GDPR Article 6 bases you rely on."
        )
        % {"section": notice.label("lawful_basis")},
        *located(notice.first("lawful_basis"), "bases"),
    )


@rule(
    "legitimate-interests",
    Articles("13(1)(d)", "14(2)(b)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "The legitimate interests pursued, where legitimate interests (Art 6(1)(f)) is a "
        "lawful basis."
    ),
    remedy=gettext_lazy(
        "Add a Legitimate interests section, or describe the interests in the explanation "
        "or wording of that basis."
    ),
)
def legitimate_interests(notice: Notice) -> Iterator[Problem]:
    bases = [
        (s, basis)
        for s, basis in notice.article_6
        if basis.get("provision") == LEGITIMATE_INTERESTS
    ]
    if not bases:
        return
    for section in notice.of_type("legitimate_interests"):
        if section.items("interests") or section.says("intro", "outro"):
            return
    if any(
        has_words(basis.get(name))
        for _section, basis in bases
        for name in ("explanation", "wording", "purposes")
    ):
        return
    yield Problem(
        _(
            "You rely on legitimate interests, but the notice does not say what those "
            "interests are. Add the “%(section)s” section, or describe them in the explanation "
            "of that lawful basis."
        )
        % {"section": notice.label("legitimate_interests")},
        bases[0][0],
        "bases",
    )


@rule(
    "public-authority-legitimate-interests",
    Articles(other="Art 6(1)"),
    Severity.WARNING,
    requires=gettext_lazy(
        "A public authority relies on legitimate interests only for what it does outside "
        "its tasks as a public authority (the last sentence of Art 6(1))."
    ),
    remedy=gettext_lazy(
        "Rely on public task for the council’s tasks, and say what legitimate interests is "
        "relied on for; or mark the data controller as not a public authority."
    ),
)
def public_authority_legitimate_interests(notice: Notice) -> Iterator[Problem]:
    if not notice.public_authority:
        return
    for section, basis in notice.article_6:
        if basis.get("provision") == LEGITIMATE_INTERESTS and not has_words(basis.get("purposes")):
            yield Problem(
                _(
                    "A public authority cannot rely on legitimate interests for its tasks as a "
                    "public authority. Rely on public task for those, and keep legitimate "
                    "interests for anything else you do, saying what it is relied on for."
                ),
                section,
                "bases",
            )
            return

"""The rights the notice tells people about, as its lawful bases give them."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...legal import BASES_GIVING_OBJECTION, BASES_GIVING_PORTABILITY, CONSENT, get_provision
from ..findings import Severity
from ..notice import Notice
from .base import Articles, Problem, located, rule

#: Rights that rules of their own check, left out of the ``rights`` rule.
CHECKED_ON_THEIR_OWN = ("withdraw-consent", "complain", "objection")
#: Rights described in a notice's own words.
RIGHTS_IN_PROSE = r"\byour rights\b|\bright of access\b|\bright to (access|ask for a copy)\b"
WITHDRAW_CONSENT_IN_PROSE = r"withdraw (your |that |this )?consent|withdraw it\b"
ICO_IN_PROSE = r"information commissioner|\bICO\b"
OBJECTION_IN_PROSE = r"\bobject\b|\bobjection\b|right to object"


def titles(codes) -> str:
    return ", ".join(f"“{get_provision(code).title}”" for code in codes)


@rule(
    "rights",
    Articles("13(2)(b)", "14(2)(c)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "The rights people have: access, rectification, erasure and restriction always; "
        "data portability with consent or contract; the rights about automated decisions "
        "where they are made."
    ),
    remedy=gettext_lazy(
        "Add a Rights section. Leave its list of rights empty to show the rights that follow "
        "from the lawful bases, or list every one of them."
    ),
)
def rights(notice: Notice) -> Iterator[Problem]:
    sections = notice.of_type("rights")
    if not sections:
        if not notice.mentions(RIGHTS_IN_PROSE):
            yield Problem(
                _(
                    "The notice does not tell people about their rights. Add the “%(section)s” "
                    "section, and leave its list of rights empty to show the rights that follow "
                    "from your lawful bases."
                )
                % {"section": notice.label("rights")}
            )
        return
    missing = [
        code
        for code in notice.rights_following_bases
        if code not in CHECKED_ON_THEIR_OWN and code not in notice.rights_shown
    ]
    if missing:
        yield Problem(
            _(
                "The rights listed leave out %(rights)s. Add them, or leave the list of rights "
                "empty to show the rights that follow from your lawful bases."
            )
            % {"rights": titles(missing)},
            notice.rights_listed_explicitly[0],
            "rights",
        )


@rule(
    "withdraw-consent",
    Articles("13(2)(c)", "14(2)(d)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where consent (Art 6(1)(a) or 9(2)(a)) is a basis: the right to withdraw consent "
        "at any time."
    ),
    remedy=gettext_lazy(
        "Add the right to withdraw consent to the Rights section (or leave its list empty), "
        "or say how to withdraw consent in the notice’s text."
    ),
)
def withdraw_consent(notice: Notice) -> Iterator[Problem]:
    if not (notice.article_6_codes | notice.article_9_codes) & CONSENT:
        return
    if "withdraw-consent" in notice.rights_shown or notice.mentions(WITHDRAW_CONSENT_IN_PROSE):
        return
    section = notice.first("rights")
    yield Problem(
        _(
            "You rely on consent, so the notice must say that people can withdraw their "
            "consent at any time. Add the “%(right)s” to the rights listed."
        )
        % {"right": get_provision("withdraw-consent").title},
        *(
            located(section, "rights")
            if section
            else located(notice.first("lawful_basis"), "bases")
        ),
    )


@rule(
    "complain-to-ico",
    Articles("13(2)(d)", "14(2)(e)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "The right to complain to the Information Commissioner’s Office (Art 77)."
    ),
    remedy=gettext_lazy(
        "Add the right to complain to the Rights section (or leave its list empty), add a "
        "“Complaints to the supervisory authority” contact to a Contacts section, or name "
        "the Information Commissioner’s Office in the notice’s text."
    ),
)
def complain_to_ico(notice: Notice) -> Iterator[Problem]:
    if "complain" in notice.rights_shown or notice.contacts("complaints"):
        return
    if notice.mentions(ICO_IN_PROSE):
        return
    yield Problem(
        _(
            "The notice does not tell people that they can complain to the Information "
            "Commissioner’s Office. Add the “%(right)s” to the rights listed, or a "
            "“Complaints to the supervisory authority” contact to the “%(section)s” section."
        )
        % {"right": get_provision("complain").title, "section": notice.label("contacts")},
        *located(notice.first("rights"), "rights"),
    )


@rule(
    "right-to-object",
    Articles("13(2)(b)", "14(2)(c)", "Art 21(4)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "Where public task (Art 6(1)(e)) or legitimate interests (Art 6(1)(f)) is a basis: "
        "the right to object, stated explicitly."
    ),
    remedy=gettext_lazy(
        "Add the right to object to the rights listed, or leave the list empty to show the "
        "rights that follow from the lawful bases."
    ),
)
def right_to_object(notice: Notice) -> Iterator[Problem]:
    if not notice.article_6_codes & BASES_GIVING_OBJECTION:
        return
    listed = notice.rights_listed_explicitly
    if not listed or "objection" in notice.rights_shown:
        return
    if notice.mentions(OBJECTION_IN_PROSE, notice.of_type("rights")):
        return
    yield Problem(
        _(
            "You rely on public task or legitimate interests, so people have the right to "
            "object, and the notice must say so. Add the “%(right)s” to the rights listed."
        )
        % {"right": get_provision("objection").title},
        listed[0],
        "rights",
    )


@rule(
    "portability-without-basis",
    Articles(other="Art 20(1)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "The right to data portability is listed only where consent (Art 6(1)(a)) or a "
        "contract (Art 6(1)(b)) is a basis."
    ),
    remedy=gettext_lazy(
        "Remove the right to data portability from the rights listed, or leave the list "
        "empty to show the rights that follow from the lawful bases."
    ),
)
def portability_without_basis(notice: Notice) -> Iterator[Problem]:
    if notice.article_6_codes & BASES_GIVING_PORTABILITY:
        return
    for section in notice.rights_listed_explicitly:
        if "portability" in notice.listed_rights(section):
            yield Problem(
                _(
                    "The rights listed include the “%(right)s”, but it applies only where you "
                    "rely on consent or a contract, and the notice relies on neither. Remove "
                    "it, or leave the list of rights empty to show the rights that follow from "
                    "your lawful bases."
                )
                % {"right": get_provision("portability").title},
                section,
                "rights",
            )
            return

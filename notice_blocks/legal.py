"""The law a privacy notice cites: lawful bases, conditions and rights, with plain wording.

Values stored in notices are the ``code`` of each entry; references, titles and wording come
from here (and so from the gettext catalogues), never from the notice itself.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LegalProvision:
    """One article, condition or right, as a resident reads it."""

    code: str
    reference: str | Promise
    title: str | Promise
    wording: str | Promise

    @property
    def choice_label(self) -> Promise:
        return format_lazy("{} – {}", self.reference, self.title)


def _art6(letter: str, title: Promise, wording: Promise) -> LegalProvision:
    reference = format_lazy(_("UK GDPR Article 6(1)({letter})"), letter=letter)
    return LegalProvision(f"art6-1-{letter}", reference, title, wording)


def _art9(letter: str, title: Promise, wording: Promise) -> LegalProvision:
    reference = format_lazy(_("UK GDPR Article 9(2)({letter})"), letter=letter)
    return LegalProvision(f"art9-2-{letter}", reference, title, wording)


def schedule_1_part(paragraph: int) -> int:
    """The Part of DPA 2018 Schedule 1 that holds ``paragraph``: 1 to 4, 5 to 28, 29 on."""
    return 1 if paragraph <= 4 else 2 if paragraph <= 28 else 3


def schedule_1_condition_part(code: str) -> int:
    """The Part of DPA 2018 Schedule 1 that the condition stored as ``code`` is in."""
    return schedule_1_part(int(code.rsplit("-", 1)[-1]))


def _schedule1(paragraph: int, title: Promise, wording: Promise) -> LegalProvision:
    reference = format_lazy(
        _("Data Protection Act 2018, Schedule 1, Part {part}, paragraph {paragraph}"),
        part=schedule_1_part(paragraph),
        paragraph=paragraph,
    )
    return LegalProvision(f"dpa2018-s1-{paragraph}", reference, title, wording)


ARTICLE_6_BASES = (
    _art6(
        "a",
        _("Consent"),
        _(
            "You have given clear consent for us to use your personal information for a specific purpose."
        ),
    ),
    _art6(
        "b",
        _("Contract"),
        _(
            "We need to use your personal information for a contract we have with you, or because you asked us to take steps before entering into a contract."
        ),
    ),
    _art6(
        "c",
        _("Legal obligation"),
        _("We need to use your personal information to comply with the law."),
    ),
    _art6(
        "d",
        _("Vital interests"),
        _("We need to use your personal information to protect someone’s life."),
    ),
    _art6(
        "e",
        _("Public task"),
        _(
            "We need to use your personal information to carry out a task in the public interest or our official functions, which are set out in law."
        ),
    ),
    _art6(
        "f",
        _("Legitimate interests"),
        _(
            "We need to use your personal information for our legitimate interests or those of someone else, unless your interests outweigh them. We cannot rely on this for our official functions as a public authority."
        ),
    ),
)

ARTICLE_9_CONDITIONS = (
    _art9(
        "a",
        _("Explicit consent"),
        _(
            "You have given explicit consent for us to use this information for one or more specified purposes."
        ),
    ),
    _art9(
        "b",
        _("Employment, social security and social protection"),
        _(
            "We need to use this information to meet our obligations or exercise our rights under employment, social security or social protection law."
        ),
    ),
    _art9(
        "c",
        _("Vital interests"),
        _(
            "We need to use this information to protect your life or someone else’s, and the person concerned cannot give consent."
        ),
    ),
    _art9(
        "d",
        _("Not-for-profit bodies"),
        _(
            "A not-for-profit body uses this information about its members or former members, with appropriate safeguards."
        ),
    ),
    _art9("e", _("Made public by you"), _("The information has been made public by you.")),
    _art9(
        "f",
        _("Legal claims and courts"),
        _(
            "We need to use this information to make, exercise or defend legal claims, or courts need it when acting in their judicial capacity."
        ),
    ),
    _art9(
        "g",
        _("Substantial public interest"),
        _(
            "We need to use this information for reasons of substantial public interest set out in law."
        ),
    ),
    _art9(
        "h",
        _("Health and social care"),
        _(
            "We need to use this information to provide health or social care, or to manage health or social care systems and services."
        ),
    ),
    _art9(
        "i",
        _("Public health"),
        _(
            "We need to use this information for reasons of public interest in the area of public health."
        ),
    ),
    _art9(
        "j",
        _("Archiving, research and statistics"),
        _(
            "We need to use this information for archiving in the public interest, scientific or historical research, or statistics."
        ),
    ),
)

SCHEDULE_1_CONDITIONS = (
    _schedule1(
        1,
        _("Employment, social security and social protection"),
        _("The law on employment, social security or social protection requires it."),
    ),
    _schedule1(
        2,
        _("Health or social care purposes"),
        _(
            "It is needed to provide health or social care, or to manage health or social care systems and services."
        ),
    ),
    _schedule1(
        3,
        _("Public health"),
        _("It is needed for reasons of public interest in the area of public health."),
    ),
    _schedule1(
        4,
        _("Research"),
        _("It is needed for archiving, research or statistics in the public interest."),
    ),
    _schedule1(
        6,
        _("Statutory and government purposes"),
        _(
            "It is needed to carry out a function given to us by law, for reasons of substantial public interest."
        ),
    ),
    _schedule1(
        7, _("Administration of justice"), _("It is needed for the administration of justice.")
    ),
    _schedule1(
        8,
        _("Equality of opportunity or treatment"),
        _("It is needed to identify or keep under review equality of opportunity or treatment."),
    ),
    _schedule1(
        9,
        _("Racial and ethnic diversity at senior levels"),
        _(
            "It is needed to promote or maintain diversity in the racial and ethnic origins of people in senior roles."
        ),
    ),
    _schedule1(
        10,
        _("Preventing or detecting unlawful acts"),
        _("It is needed to prevent or detect unlawful acts."),
    ),
    _schedule1(
        11,
        _("Protecting the public"),
        _(
            "It is needed to protect the public against dishonesty, malpractice or other seriously improper conduct."
        ),
    ),
    _schedule1(
        12,
        _("Regulatory requirements"),
        _(
            "It is needed to meet a regulatory requirement to establish whether someone has committed an unlawful act or been dishonest."
        ),
    ),
    _schedule1(
        13,
        _("Journalism in connection with unlawful acts"),
        _("It is needed for journalism about unlawful acts, dishonesty or malpractice."),
    ),
    _schedule1(14, _("Preventing fraud"), _("It is needed to prevent fraud.")),
    _schedule1(
        15,
        _("Terrorist financing and money laundering"),
        _("It is needed to report a suspicion of terrorist financing or money laundering."),
    ),
    _schedule1(
        16,
        _("Support for people with a disability or medical condition"),
        _(
            "It is needed by a not-for-profit body that supports people with a particular disability or medical condition."
        ),
    ),
    _schedule1(
        17,
        _("Counselling"),
        _("It is needed to provide confidential counselling, advice or support."),
    ),
    _schedule1(
        18,
        _("Safeguarding of children and of individuals at risk"),
        _(
            "It is needed to protect a child or an adult at risk from neglect or from physical, mental or emotional harm."
        ),
    ),
    _schedule1(
        19,
        _("Safeguarding of economic well-being"),
        _("It is needed to protect the economic well-being of an adult at economic risk."),
    ),
    _schedule1(20, _("Insurance"), _("It is needed for an insurance purpose.")),
    _schedule1(
        21,
        _("Occupational pensions"),
        _("It is needed to decide who is eligible for an occupational pension."),
    ),
    _schedule1(
        22,
        _("Political parties"),
        _("It is needed by a registered political party for its political activities."),
    ),
    _schedule1(
        23,
        _("Elected representatives responding to requests"),
        _("It is needed by an elected representative to act on a request from you."),
    ),
    _schedule1(
        24,
        _("Disclosure to elected representatives"),
        _("It is needed to answer an elected representative acting on your request."),
    ),
    _schedule1(
        25,
        _("Informing elected representatives about prisoners"),
        _("It is needed to tell an elected representative about a prisoner."),
    ),
    _schedule1(
        26,
        _("Publication of legal judgments"),
        _("It is needed to publish a judgment or decision of a court or tribunal."),
    ),
    _schedule1(27, _("Anti-doping in sport"), _("It is needed to prevent doping in sport.")),
    _schedule1(
        28,
        _("Standards of behaviour in sport"),
        _("It is needed to protect the integrity of a sport or a sporting event."),
    ),
    _schedule1(
        29,
        _("Consent"),
        _("You have given consent for us to use information about criminal offences."),
    ),
    _schedule1(
        30,
        _("Protecting someone’s vital interests"),
        _(
            "It is needed to protect your life or someone else’s, and the person concerned cannot give consent."
        ),
    ),
    _schedule1(
        31,
        _("Not-for-profit bodies"),
        _(
            "A not-for-profit body uses it about its members or former members, with appropriate safeguards."
        ),
    ),
    _schedule1(32, _("Made public by you"), _("The information has been made public by you.")),
    _schedule1(
        33,
        _("Legal claims"),
        _(
            "It is needed for legal proceedings, legal advice or to establish, exercise or defend legal rights."
        ),
    ),
    _schedule1(
        34,
        _("Judicial acts"),
        _("It is needed by a court or tribunal acting in its judicial capacity."),
    ),
    _schedule1(
        35,
        _("Indecency offences involving children"),
        _("It is needed to administer an account used in an indecency offence involving children."),
    ),
    _schedule1(
        36,
        _("Substantial public interest"),
        _(
            "It meets one of the substantial public interest conditions above, such as safeguarding or preventing unlawful acts."
        ),
    ),
    _schedule1(
        37,
        _("Insurance"),
        _("It is needed for an insurance purpose, in line with the insurance condition above."),
    ),
)

STANDARD_RIGHTS = (
    LegalProvision(
        "access",
        _("UK GDPR Article 15"),
        _("Right of access"),
        _("You can ask for a copy of the personal information we hold about you."),
    ),
    LegalProvision(
        "rectification",
        _("UK GDPR Article 16"),
        _("Right to rectification"),
        _(
            "You can ask us to correct personal information that is wrong or to complete information that is incomplete."
        ),
    ),
    LegalProvision(
        "erasure",
        _("UK GDPR Article 17"),
        _("Right to erasure"),
        _("You can ask us to delete your personal information in some circumstances."),
    ),
    LegalProvision(
        "restriction",
        _("UK GDPR Article 18"),
        _("Right to restrict processing"),
        _("You can ask us to limit how we use your personal information in some circumstances."),
    ),
    LegalProvision(
        "portability",
        _("UK GDPR Article 20"),
        _("Right to data portability"),
        _(
            "You can ask us to give the information you gave us to you or to another organisation in a format a computer can read, in some circumstances."
        ),
    ),
    LegalProvision(
        "objection",
        _("UK GDPR Article 21"),
        _("Right to object"),
        _("You can object to us using your personal information in some circumstances."),
    ),
    LegalProvision(
        "automated-decisions",
        _("UK GDPR Article 22"),
        _("Rights about automated decisions"),
        _(
            "You can ask for a person to review a decision that was made about you by a computer alone."
        ),
    ),
    LegalProvision(
        "withdraw-consent",
        _("UK GDPR Article 7(3)"),
        _("Right to withdraw consent"),
        _("Where we rely on your consent, you can withdraw it at any time."),
    ),
    LegalProvision(
        "complain",
        _("UK GDPR Article 77"),
        _("Right to complain"),
        _(
            "You can complain to the Information Commissioner’s Office (ICO), the UK’s data protection regulator, if you are unhappy with how we have used your personal information."
        ),
    ),
)

#: The rights every notice states, whatever its lawful bases.
RIGHTS_ALWAYS = ("access", "rectification", "erasure", "restriction")
#: Article 9(2) conditions that need a DPA 2018 Schedule 1 condition as well, and the Part it
#: must come from (DPA 2018 s.10(2) and (3)).
SCHEDULE_1_PART_NEEDED = {"art9-2-b": 1, "art9-2-g": 2, "art9-2-h": 1, "art9-2-i": 1, "art9-2-j": 1}
#: Legitimate interests, the Article 6(1)(f) basis.
LEGITIMATE_INTERESTS = "art6-1-f"
#: The bases that give the right to object: public task and legitimate interests (Art 21(1)).
BASES_GIVING_OBJECTION = frozenset({"art6-1-e", LEGITIMATE_INTERESTS})
#: The bases that give the right to data portability: consent and contract (Art 20(1)).
BASES_GIVING_PORTABILITY = frozenset({"art6-1-a", "art6-1-b"})
#: Consent as an Article 6 basis or an Article 9 condition: it can be withdrawn (Art 7(3)).
CONSENT = frozenset({"art6-1-a", "art9-2-a"})


def rights_for_bases(
    article_6_codes, article_9_codes=(), automated_decisions: bool = False
) -> list[str]:
    """The codes of the rights that follow from a notice's lawful bases, in standard order.

    Access, rectification, erasure, restriction and the right to complain always; objection
    with public task or legitimate interests (Art 21); portability with consent or contract
    (Art 20); withdrawing consent with consent (Art 7(3)); the rights about automated
    decisions where decisions are made by automated means alone (Art 22).
    """
    article_6, article_9 = set(article_6_codes), set(article_9_codes)
    codes = {*RIGHTS_ALWAYS, "complain"}
    if article_6 & BASES_GIVING_OBJECTION:
        codes.add("objection")
    if article_6 & BASES_GIVING_PORTABILITY:
        codes.add("portability")
    if (article_6 | article_9) & CONSENT:
        codes.add("withdraw-consent")
    if automated_decisions:
        codes.add("automated-decisions")
    return [right.code for right in STANDARD_RIGHTS if right.code in codes]


#: The safeguards a transfer outside the UK is made under (UK GDPR Chapter V).
TRANSFER_SAFEGUARDS = (
    LegalProvision(
        "adequacy",
        _("UK GDPR Article 45"),
        _("UK adequacy regulations"),
        _(
            "The UK government has decided that the country protects personal information to a standard equal to the UK’s."
        ),
    ),
    LegalProvision(
        "appropriate-safeguards",
        _("UK GDPR Article 46"),
        _("Appropriate safeguards"),
        _(
            "We have a contract or other safeguard approved in the UK, such as the International Data Transfer Agreement, that makes the receiver protect your information as the UK’s law does."
        ),
    ),
    LegalProvision(
        "binding-corporate-rules",
        _("UK GDPR Article 47"),
        _("Binding corporate rules"),
        _(
            "The receiver is part of a group of companies whose rules for protecting personal information have been approved by the ICO."
        ),
    ),
    LegalProvision(
        "exception",
        _("UK GDPR Article 49"),
        _("An exception for a specific situation"),
        _(
            "The law allows the transfer in this specific situation, for example to protect someone’s life or to make or defend a legal claim."
        ),
    ),
)

#: Whether people must give us their information, and why (UK GDPR Art 13(2)(e)).
REQUIREMENTS = (
    LegalProvision(
        "statutory",
        _("UK GDPR Article 13(2)(e)"),
        _("Required by law"),
        _("The law requires you to give us this information."),
    ),
    LegalProvision(
        "contractual",
        _("UK GDPR Article 13(2)(e)"),
        _("Required by a contract"),
        _("You need to give us this information under a contract you have with us."),
    ),
    LegalProvision(
        "contract-entry",
        _("UK GDPR Article 13(2)(e)"),
        _("Needed for a contract"),
        _("We need this information before we can enter into a contract with you."),
    ),
    LegalProvision(
        "voluntary",
        _("UK GDPR Article 13(2)(e)"),
        _("Your choice"),
        _("You do not have to give us this information."),
    ),
    LegalProvision(
        "mixed",
        _("UK GDPR Article 13(2)(e)"),
        _("Some of it is required"),
        _(
            "You have to give us some of this information, because the law or a contract requires it; the rest is your choice."
        ),
    ),
)

_BY_CODE = {
    provision.code: provision
    for provision in (
        *ARTICLE_6_BASES,
        *ARTICLE_9_CONDITIONS,
        *SCHEDULE_1_CONDITIONS,
        *STANDARD_RIGHTS,
        *TRANSFER_SAFEGUARDS,
        *REQUIREMENTS,
    )
}


def get_provision(code: str) -> LegalProvision:
    """The provision stored as ``code`` in a notice."""
    return _BY_CODE[code]


def choices(provisions: tuple[LegalProvision, ...]) -> list[tuple[str, Promise]]:
    """Choices for a ChoiceBlock, each labelled with its reference and title."""
    return [(provision.code, provision.choice_label) for provision in provisions]


def title_choices(provisions: tuple[LegalProvision, ...]) -> list[tuple[str, Promise]]:
    """Choices for a ChoiceBlock, each labelled with its title alone."""
    return [(provision.code, provision.title) for provision in provisions]

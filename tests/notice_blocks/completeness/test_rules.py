"""Each completeness rule, on a notice that breaks it and on notices that satisfy it."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from notice_blocks.completeness import RULES, Finding, Severity, check_notice_page
from tests.utils import make_notice_page

from .notices import changed, contact, controller, found, notice, officer, plus, section, without

pytestmark = pytest.mark.django_db

RULE_SLUGS = {rule.slug for rule in RULES}


@dataclass
class Breaks:
    """A notice that breaks ``rule``, and what its one finding says."""

    rule: str
    name: str
    page: Callable
    section_id: str | None
    field: str | None
    article: str
    says: str = ""


@dataclass
class Satisfies:
    """A notice that satisfies ``rule`` in a way other than the complete notice does."""

    rule: str
    name: str
    page: Callable


BREAKS = [
    Breaks(
        "controller-identity",
        "no data controller",
        lambda: notice(data_controller=None),
        None,
        "data_controller",
        "Art 13(1)(a), Art 14(1)(a)",
        "who the data controller is",
    ),
    Breaks(
        "controller-contact",
        "a controller with no contact details",
        lambda: notice(data_controller=controller(website="")),
        None,
        "data_controller",
        "Art 13(1)(a), Art 14(1)(a)",
        "how to contact the data controller, Example Council",
    ),
    Breaks(
        "dpo-contact",
        "no data protection officer",
        lambda: notice(data_protection_officer=None),
        None,
        "data_protection_officer",
        "Art 13(1)(b), Art 14(1)(b)",
        "Choose the data protection officer",
    ),
    Breaks(
        "dpo-contact",
        "an officer with no contact details",
        lambda: notice(data_protection_officer=officer(email="")),
        None,
        "data_protection_officer",
        "Art 13(1)(b), Art 14(1)(b)",
        "has no contact details",
    ),
    Breaks(
        "dpo-contact",
        "an officer the notice does not show",
        lambda: notice(changed("contacts", contacts=[contact("complaints", text="")])),
        "contacts",
        "contacts",
        "Art 13(1)(b), Art 14(1)(b)",
        "Add a “Data protection officer” contact to the “Contacts” section",
    ),
    Breaks(
        "dpo-contact-advised",
        "a controller that is not a public authority, without an officer",
        lambda: notice(
            data_controller=controller(public_authority=False), data_protection_officer=None
        ),
        None,
        "data_protection_officer",
        "Art 13(1)(b), Art 14(1)(b)",
    ),
    Breaks(
        "purposes",
        "no purposes section",
        lambda: notice(without("purposes")),
        None,
        None,
        "Art 13(1)(c), Art 14(1)(c)",
        "Add the “Purposes” section",
    ),
    Breaks(
        "purposes",
        "an empty purposes section",
        lambda: notice(changed("purposes", purposes=[])),
        "purposes",
        "purposes",
        "Art 13(1)(c), Art 14(1)(c)",
    ),
    Breaks(
        "lawful-basis",
        "no lawful basis section",
        lambda: notice(without("lawful_basis")),
        None,
        None,
        "Art 13(1)(c), Art 14(1)(c)",
        "UK GDPR Article 6",
    ),
    Breaks(
        "legitimate-interests",
        "legitimate interests without the interests",
        lambda: notice(changed("lawful_basis", bases=[{"provision": "art6-1-f"}])),
        "lawful-basis",
        "bases",
        "Art 13(1)(d), Art 14(2)(b)",
        "Add the “Legitimate interests” section",
    ),
    Breaks(
        "public-authority-legitimate-interests",
        "a public authority relying on legitimate interests",
        lambda: notice(changed("lawful_basis", bases=[{"provision": "art6-1-f"}])),
        "lawful-basis",
        "bases",
        "Art 6(1)",
        "cannot rely on legitimate interests",
    ),
    Breaks(
        "data-categories",
        "data from others without its categories",
        lambda: notice(without("personal_data")),
        None,
        None,
        "Art 14(1)(d)",
        "Add the “Personal data used” section",
    ),
    Breaks(
        "publicly-available-sources",
        "sources without saying whether any are public",
        lambda: notice(changed("sources", publicly_available="")),
        "sources",
        "publicly_available",
        "Art 14(2)(f)",
    ),
    Breaks(
        "special-category-condition",
        "special category data without an Article 9 condition",
        lambda: notice(changed("lawful_basis", special_category_conditions=[])),
        "lawful-basis",
        "special_category_conditions",
        "Art 9(1), Art 9(2)",
        "special category data (Health and disability)",
    ),
    Breaks(
        "special-category-condition",
        "a group of special category data without a condition",
        lambda: notice(
            plus(
                without("personal_data", "lawful_basis"),
                section(
                    "personal_data",
                    groups=[{"intro": "<p>Your health.</p>", "kind": "special_category"}],
                ),
            )
        ),
        "personal-data",
        "groups",
        "Art 9(1), Art 9(2)",
        "describes special category data",
    ),
    Breaks(
        "schedule-1-condition",
        "Article 9(2)(h) without Schedule 1",
        lambda: notice(
            changed(
                "lawful_basis",
                special_category_conditions=[
                    {"provision": "art9-2-c"},
                    {"provision": "art9-2-h", "schedule_1_conditions": []},
                ],
            )
        ),
        "lawful-basis",
        "special_category_conditions",
        "Art 9(2)(h), DPA 2018 s.10",
        "“Health and social care” (UK GDPR Article 9(2)(h)) also needs a condition",
    ),
    Breaks(
        "schedule-1-condition",
        "Article 9(2)(g) with a condition from Part 1 of Schedule 1",
        lambda: notice(
            changed(
                "lawful_basis",
                special_category_conditions=[
                    {"provision": "art9-2-h", "schedule_1_conditions": ["dpa2018-s1-2"]},
                    {"provision": "art9-2-g", "schedule_1_conditions": ["dpa2018-s1-2"]},
                ],
            )
        ),
        "lawful-basis",
        "special_category_conditions",
        "Art 9(2)(g), DPA 2018 s.10",
        "(UK GDPR Article 9(2)(g)) needs a condition from Part 2 of Schedule 1",
    ),
    Breaks(
        "criminal-offence-condition",
        "criminal offence data without a condition",
        lambda: notice(changed("lawful_basis", criminal_offence_conditions=[])),
        "lawful-basis",
        "criminal_offence_conditions",
        "Art 10, DPA 2018 s.10(5)",
        "criminal offence data (Criminal convictions)",
    ),
    Breaks(
        "recipients",
        "no sharing section",
        lambda: notice(without("sharing")),
        None,
        None,
        "Art 13(1)(e), Art 14(1)(e)",
        "who receives the information",
    ),
    Breaks(
        "recipients",
        "an empty sharing section",
        lambda: notice(changed("sharing", recipients=[])),
        "sharing",
        "recipients",
        "Art 13(1)(e), Art 14(1)(e)",
    ),
    Breaks(
        "transfers",
        "nothing on transfers",
        lambda: notice(without("transfers")),
        None,
        None,
        "Art 13(1)(f), Art 14(1)(f)",
        "say there that you do not transfer information outside the UK",
    ),
    Breaks(
        "transfers",
        "an empty transfers section",
        lambda: notice(changed("transfers", intro="")),
        "transfers",
        "intro",
        "Art 13(1)(f), Art 14(1)(f)",
    ),
    Breaks(
        "retention",
        "no retention section",
        lambda: notice(without("retention")),
        None,
        None,
        "Art 13(2)(a), Art 14(2)(a)",
        "how long the information is kept",
    ),
    Breaks(
        "retention",
        "an empty retention section",
        lambda: notice(changed("retention", periods=[])),
        "retention",
        "periods",
        "Art 13(2)(a), Art 14(2)(a)",
    ),
    Breaks(
        "rights",
        "no rights section",
        lambda: notice(without("rights")),
        None,
        None,
        "Art 13(2)(b), Art 14(2)(c)",
        "Add the “Rights” section",
    ),
    Breaks(
        "rights",
        "a list of rights that leaves some out",
        lambda: notice(changed("rights", rights=[{"right": "access"}, "objection"])),
        "rights",
        "rights",
        "Art 13(2)(b), Art 14(2)(c)",
        "leave out “Right to rectification”, “Right to erasure”, “Right to restrict "
        "processing”, “Right to data portability”, “Rights about automated decisions”.",
    ),
    Breaks(
        "withdraw-consent",
        "consent without the right to withdraw it",
        lambda: notice(changed("rights", rights=["access", "objection", "complain"])),
        "rights",
        "rights",
        "Art 13(2)(c), Art 14(2)(d)",
        "withdraw their consent at any time",
    ),
    Breaks(
        "complain-to-ico",
        "no right to complain and no complaints contact",
        lambda: notice(
            changed(
                "contacts",
                changed("rights", rights=["access", "withdraw-consent"]),
                contacts=[contact("data_protection_officer", text="")],
            )
        ),
        "rights",
        "rights",
        "Art 13(2)(d), Art 14(2)(e)",
        "complain to the Information Commissioner’s Office",
    ),
    Breaks(
        "right-to-object",
        "public task without the right to object",
        lambda: notice(changed("rights", rights=["access", "withdraw-consent", "complain"])),
        "rights",
        "rights",
        "Art 13(2)(b), Art 14(2)(c), Art 21(4)",
        "Add the “Right to object”",
    ),
    Breaks(
        "portability-without-basis",
        "portability without consent or contract",
        lambda: notice(
            changed(
                "rights",
                changed("lawful_basis", bases=[{"provision": "art6-1-e"}]),
                rights=["access", "portability", "objection"],
            )
        ),
        "rights",
        "rights",
        "Art 20(1)",
        "relies on neither",
    ),
    Breaks(
        "requirement",
        "nothing on whether giving the information is required",
        lambda: notice(without("requirement")),
        None,
        None,
        "Art 13(2)(e)",
        "Add the “If you do not give us the information” section",
    ),
    Breaks(
        "requirement",
        "a requirement without its consequences",
        lambda: notice(changed("requirement", consequences="")),
        "requirement",
        "consequences",
        "Art 13(2)(e)",
    ),
    Breaks(
        "automated-decisions-explained",
        "automated decisions without their logic",
        lambda: notice(changed("automated_decisions", logic="")),
        "automated-decisions",
        "logic",
        "Art 13(2)(f), Art 14(2)(g)",
        "the logic involved",
    ),
    Breaks(
        "automated-decisions-stated",
        "nothing on automated decisions",
        lambda: notice(without("automated_decisions")),
        None,
        None,
        "Art 13(2)(f), Art 14(2)(g)",
        "a person makes every decision",
    ),
    Breaks(
        "childrens-code",
        "a notice for children",
        lambda: notice(for_children=True),
        None,
        "for_children",
        "Art 12(1)",
        "Age appropriate design code",
    ),
]

SATISFIES = [
    Satisfies("controller-identity", "a controller chosen", notice),
    Satisfies(
        "controller-contact",
        "a service contact instead",
        lambda: notice(
            changed(
                "contacts",
                contacts=[
                    contact("data_protection_officer", text=""),
                    contact("service", name="Fostering team", phone="01234 567890"),
                ],
            ),
            data_controller=controller(website=""),
        ),
    ),
    Satisfies(
        "dpo-contact",
        "the officer's email in the notice's words",
        lambda: notice(
            plus(
                without("contacts"),
                section("general", text="<p>Email dpo@example.gov.uk with questions.</p>"),
            )
        ),
    ),
    Satisfies(
        "dpo-contact",
        "an officer named with an email address",
        lambda: notice(
            plus(
                without("contacts"),
                section(
                    "general",
                    text="<p>Our Data Protection Officer: info.gov@example.gov.uk</p>",
                ),
            ),
            data_protection_officer=None,
        ),
    ),
    Satisfies(
        "dpo-contact",
        "not a public authority (advised instead)",
        lambda: notice(
            data_controller=controller(public_authority=False), data_protection_officer=None
        ),
    ),
    Satisfies("dpo-contact-advised", "a public authority (required instead)", notice),
    Satisfies(
        "dpo-contact-advised",
        "an officer shown",
        lambda: notice(data_controller=controller(public_authority=False)),
    ),
    Satisfies(
        "purposes",
        "purposes in the introduction",
        lambda: notice(changed("purposes", purposes=[], intro="<p>To find foster carers.</p>")),
    ),
    Satisfies(
        "purposes",
        "what each basis is relied on for",
        lambda: notice(
            plus(
                without("purposes", "lawful_basis"),
                section(
                    "lawful_basis",
                    bases=[{"provision": "art6-1-e", "purposes": "Assessing foster carers"}],
                ),
            )
        ),
    ),
    Satisfies(
        "lawful-basis",
        "a basis in a general section",
        lambda: notice(
            plus(
                without("lawful_basis"),
                section("general", text="<p>Our lawful basis is our public task.</p>"),
            )
        ),
    ),
    Satisfies(
        "legitimate-interests",
        "a legitimate interests section",
        lambda: notice(
            plus(
                changed("lawful_basis", bases=[{"provision": "art6-1-f"}]),
                section("legitimate_interests", interests=["keeping our buildings safe"]),
            )
        ),
    ),
    Satisfies(
        "legitimate-interests",
        "the interests in the basis's explanation",
        lambda: notice(
            changed(
                "lawful_basis",
                bases=[{"provision": "art6-1-f", "explanation": "<p>Keeping staff safe.</p>"}],
            )
        ),
    ),
    Satisfies(
        "public-authority-legitimate-interests",
        "a controller that is not a public authority",
        lambda: notice(
            changed("lawful_basis", bases=[{"provision": "art6-1-f"}]),
            data_controller=controller(public_authority=False),
        ),
    ),
    Satisfies(
        "data-categories",
        "data only from the person (Article 14 does not apply)",
        lambda: notice(without("personal_data", "sources")),
    ),
    Satisfies(
        "publicly-available-sources",
        "said in the sources' introduction",
        lambda: notice(
            changed(
                "sources",
                publicly_available="",
                intro="<p>None of it comes from publicly available sources.</p>",
            )
        ),
    ),
    Satisfies(
        "special-category-condition",
        "the condition named in the introduction",
        lambda: notice(
            changed(
                "lawful_basis",
                special_category_conditions=[],
                special_category_intro="<p>We rely on Article 9(2)(h) UK GDPR.</p>",
            )
        ),
    ),
    Satisfies(
        "schedule-1-condition",
        "a Schedule 1 statement",
        lambda: notice(
            changed(
                "lawful_basis",
                special_category_conditions=[{"provision": "art9-2-g"}],
                schedule_1_statement="<p>Our appropriate policy document covers these.</p>",
            )
        ),
    ),
    Satisfies(
        "schedule-1-condition",
        "Schedule 1 named in the condition's explanation",
        lambda: notice(
            changed(
                "lawful_basis",
                special_category_conditions=[
                    {"provision": "art9-2-h", "explanation": "<p>And Schedule 1 Part 1.</p>"}
                ],
            )
        ),
    ),
    Satisfies(
        "criminal-offence-condition",
        "a Schedule 1 statement",
        lambda: notice(
            changed(
                "lawful_basis",
                criminal_offence_conditions=[],
                schedule_1_statement="<p>Our appropriate policy document covers these.</p>",
            )
        ),
    ),
    Satisfies(
        "recipients",
        "saying that nothing is shared",
        lambda: notice(changed("sharing", recipients=[], intro="<p>We share it with no one.</p>")),
    ),
    Satisfies(
        "transfers",
        "a general section on transfers",
        lambda: notice(
            plus(
                without("transfers"),
                section("general", topic="transfers", text="<p>We use UK servers.</p>"),
            )
        ),
    ),
    Satisfies(
        "transfers",
        "said in another section's words",
        lambda: notice(
            changed("sharing", without("transfers"), outro="<p>Nothing is sent outside the UK.</p>")
        ),
    ),
    Satisfies(
        "retention",
        "a link to the retention schedule",
        lambda: notice(
            changed("retention", periods=[], schedule={"url": "https://example.gov.uk/keep"})
        ),
    ),
    Satisfies(
        "rights",
        "every right listed",
        lambda: notice(
            changed(
                "rights",
                rights=[
                    "access",
                    "rectification",
                    "erasure",
                    "restriction",
                    "portability",
                    "objection",
                    "automated-decisions",
                    "withdraw-consent",
                    "complain",
                ],
            )
        ),
    ),
    Satisfies(
        "withdraw-consent",
        "said in the rights' words",
        lambda: notice(
            changed(
                "rights",
                rights=["access", "objection", "complain"],
                outro="<p>You can withdraw your consent at any time.</p>",
            )
        ),
    ),
    Satisfies(
        "complain-to-ico",
        "the ICO named in the notice's words",
        lambda: notice(
            changed(
                "rights",
                rights=["access", "withdraw-consent"],
                outro="<p>You can complain to the Information Commissioner.</p>",
            )
        ),
    ),
    Satisfies(
        "right-to-object",
        "the right to object listed",
        lambda: notice(changed("rights", rights=["access", "objection"])),
    ),
    Satisfies(
        "portability-without-basis",
        "portability with consent",
        lambda: notice(changed("rights", rights=["access", "portability", "objection"])),
    ),
    Satisfies(
        "requirement",
        "said in the notice's words",
        lambda: notice(
            changed(
                "purposes",
                without("requirement"),
                outro="<p>You do not have to give us this information.</p>",
            )
        ),
    ),
    Satisfies(
        "automated-decisions-explained",
        "no automated decisions",
        lambda: notice(changed("automated_decisions", used="no", logic="")),
    ),
    Satisfies(
        "automated-decisions-stated",
        "a general section on automated decisions",
        lambda: notice(
            plus(
                without("automated_decisions"),
                section("general", topic="automated_decisions", text="<p>People decide.</p>"),
            )
        ),
    ),
    Satisfies("childrens-code", "a notice for adults", notice),
]


def test_the_complete_notice_satisfies_every_rule():
    assert check_notice_page(notice()) == ()


@pytest.mark.parametrize("case", BREAKS, ids=lambda case: f"{case.rule}: {case.name}")
def test_a_notice_that_breaks_the_rule(case):
    rule = next(rule for rule in RULES if rule.slug == case.rule)
    page = case.page()
    findings = found(page, case.rule)
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.severity == rule.severity
    assert (finding.section_id, finding.field, finding.article) == (
        case.section_id,
        case.field,
        case.article,
    )
    assert case.says in finding.message
    if finding.section_id is not None:
        # The field named is one of the section's own, for the editor to show it there.
        child = page.body[finding.section_index]
        assert child.id == finding.section_id
        assert finding.field in child.block.child_blocks
    # Plain words: no codes of rules, provisions or kinds of data.
    assert not re.search(r"art\d-|dpa2018|_|\b[a-z]+-[a-z]+-[a-z]+\b", finding.message)


@pytest.mark.parametrize("case", SATISFIES, ids=lambda case: f"{case.rule}: {case.name}")
def test_a_notice_that_satisfies_the_rule(case):
    assert found(case.page(), case.rule) == []


def test_every_rule_is_tested_both_ways():
    assert {case.rule for case in BREAKS} == RULE_SLUGS
    assert {case.rule for case in SATISFIES} == RULE_SLUGS
    assert len(RULE_SLUGS) == len(RULES)


def test_article_14_items_apply_where_the_notice_lists_sources():
    from_others = found(notice(data_protection_officer=None), "dpo-contact")
    only_from_the_person = found(
        notice(without("sources"), data_protection_officer=None), "dpo-contact"
    )
    assert [f.article for f in from_others] == ["Art 13(1)(b), Art 14(1)(b)"]
    assert [f.article for f in only_from_the_person] == ["Art 13(1)(b)"]
    assert (
        found(notice(changed("sources", sources=[], publicly_available="")), "data-categories")
        == []
    )


def test_findings_come_page_first_then_by_section_then_most_serious_first():
    page = notice(
        changed(
            "rights",
            changed("lawful_basis", bases=[{"provision": "art6-1-f"}]),
            rights=["access", "portability"],
        ),
        data_protection_officer=None,
        for_children=True,
    )
    findings = check_notice_page(page)
    assert [(f.section_id, f.severity, f.rule) for f in findings] == [
        (None, Severity.ERROR, "dpo-contact"),
        (None, Severity.INFO, "childrens-code"),
        ("lawful-basis", Severity.ERROR, "legitimate-interests"),
        ("lawful-basis", Severity.WARNING, "public-authority-legitimate-interests"),
        ("rights", Severity.ERROR, "rights"),
        ("rights", Severity.ERROR, "right-to-object"),
        ("rights", Severity.ERROR, "portability-without-basis"),
    ]
    assert all(isinstance(finding, Finding) for finding in findings)


def test_a_site_checks_against_a_list_of_its_own():
    rules = tuple(rule for rule in RULES if rule.slug != "childrens-code")
    assert check_notice_page(notice(for_children=True), rules=rules) == ()


def test_a_saved_notice_is_checked_with_its_sections_ids():
    page = make_notice_page()
    findings = check_notice_page(page)
    ids = [child.id for child in page.body]
    for finding in findings:
        assert finding.section_id is None or ids[finding.section_index] == finding.section_id
    assert check_notice_page(page.get_latest_revision_as_object()) == findings

"""Notices built in code for the completeness rules: one that satisfies every rule, and
helpers that take a part of it away or change it."""

import copy

from notice_blocks.completeness import Finding, check_notice_page
from notice_blocks.models import NoticePage
from notice_blocks.snippets import DataController, DataProtectionOfficer, SupervisoryAuthority

#: Part of the message of the finding that a notice names no data protection officer.
DPO_MISSING = "does not give the contact details of your data protection officer"

#: The start of the id of each completeness rule's check in the Checks panel.
PREFIX = "notice-completeness-"


def section(block_type: str, section_id: str | None = None, **value) -> dict:
    """A body section as a notice file holds it; fields left out take their defaults."""
    return {"type": block_type, "id": section_id or block_type.replace("_", "-"), "value": value}


def contact(contact_type: str, **value) -> dict:
    return {"type": contact_type, "id": contact_type, "value": {"heading": "", **value}}


#: A notice (of a fostering service) that says everything Articles 13 and 14 ask for: it
#: collects information from the person and from others, relies on consent and public task,
#: uses special category and criminal offence data and makes automated decisions.
COMPLETE_BODY = [
    section("summary", text="<p>This notice explains how the fostering service works.</p>"),
    section(
        "personal_data",
        groups=[
            {
                "intro": "<p>The information:</p>",
                "categories": [
                    {"description": "Name and address", "kind": "personal"},
                    {"description": "Health and disability", "kind": "special_category"},
                    {"description": "Criminal convictions", "kind": "criminal_offence"},
                ],
            }
        ],
    ),
    section("purposes", purposes=["assessing prospective foster carers"]),
    section(
        "lawful_basis",
        bases=[{"provision": "art6-1-a"}, {"provision": "art6-1-e"}],
        special_category_conditions=[
            {"provision": "art9-2-h", "schedule_1_conditions": ["dpa2018-s1-2"]}
        ],
        criminal_offence_conditions=[{"provision": "dpa2018-s1-18"}],
    ),
    section("sources", sources=["your GP"], publicly_available="no"),
    section("sharing", recipients=[{"name": "Fostering panels"}]),
    section("transfers", intro="<p>Nothing leaves the country.</p>"),
    section("retention", periods=[{"record": "Case files", "period": "75 years"}]),
    section("rights", rights=[]),
    section(
        "automated_decisions",
        used="yes",
        logic="<p>A score from the application form.</p>",
        significance="<p>It sets the order of visits.</p>",
        consequences="<p>A later visit.</p>",
    ),
    section(
        "requirement",
        requirement="statutory",
        text="<p>The Fostering Services Regulations 2011.</p>",
        consequences="<p>We cannot assess you.</p>",
    ),
    section(
        "contacts",
        contacts=[
            contact("data_protection_officer", text="<p>Our officer.</p>"),
            contact("complaints", text=""),
        ],
    ),
]


def controller(**fields) -> DataController:
    return DataController(
        **{"name": "Example Council", "website": "https://example.gov.uk", **fields}
    )


def officer(**fields) -> DataProtectionOfficer:
    return DataProtectionOfficer(
        **{"name": "Data Protection Officer", "email": "dpo@example.gov.uk", **fields}
    )


def notice(body: list | None = None, **fields) -> NoticePage:
    """An unsaved notice of ``body`` (the complete body by default) and shared details."""
    return NoticePage(
        **{
            "title": "Fostering",
            "slug": "fostering",
            "body": copy.deepcopy(COMPLETE_BODY if body is None else body),
            "data_controller": controller(),
            "data_protection_officer": officer(),
            "supervisory_authority": SupervisoryAuthority(
                name="Information Commissioner’s Office", phone="0303 123 1113"
            ),
            **fields,
        }
    )


def without(*block_types: str) -> list:
    """The complete body without the sections of ``block_types``."""
    return [s for s in copy.deepcopy(COMPLETE_BODY) if s["type"] not in block_types]


def changed(block_type: str, body: list | None = None, **value) -> list:
    """``body`` (the complete body by default) with fields of its ``block_type`` section
    replaced by ``value``."""
    body = copy.deepcopy(COMPLETE_BODY if body is None else body)
    for item in body:
        if item["type"] == block_type:
            item["value"] = {**item["value"], **value}
    return body


def plus(body: list, *sections: dict) -> list:
    return [*body, *sections]


def found(page: NoticePage, rule: str) -> list[Finding]:
    return [finding for finding in check_notice_page(page) if finding.rule == rule]

"""Every completeness rule, in one list, in the order a notice is read.

A site reads ``RULES`` to see what is checked; each rule is a small function in the module
of its group, made a ``Rule`` by the ``rule`` decorator.
"""

from . import data, decisions, purposes, rights, sharing, who
from .base import Articles, Problem, Rule, rule

RULES: tuple[Rule, ...] = (
    who.controller_identity,
    who.controller_contact,
    who.dpo_contact,
    who.dpo_contact_advised,
    purposes.purposes,
    purposes.lawful_basis,
    purposes.legitimate_interests,
    purposes.public_authority_legitimate_interests,
    data.data_categories,
    data.publicly_available_sources,
    data.special_category_condition,
    data.schedule_1_condition,
    data.criminal_offence_condition,
    sharing.recipients,
    decisions.transfers,
    sharing.retention,
    rights.rights,
    rights.withdraw_consent,
    rights.complain_to_ico,
    rights.right_to_object,
    rights.portability_without_basis,
    sharing.requirement,
    decisions.automated_decisions_explained,
    decisions.automated_decisions_stated,
    who.childrens_code,
)

__all__ = ["RULES", "Articles", "Problem", "Rule", "rule"]

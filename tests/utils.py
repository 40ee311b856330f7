"""Helpers that build notices for tests."""

import datetime
import re

from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django_tasks import default_task_backend
from wagtail.models import Page, Site

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticeIndexPage, NoticePage
from notice_blocks.pdf.tasks import build_notice_pdfs_task
from notice_blocks.pdf.variants import variants_for
from notice_blocks.snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)

EVERY_BLOCK_BODY = [
    (
        "summary",
        {
            "heading": "",
            "text": "<p>This notice explains how the adoption service uses personal "
            "information.</p>",
        },
    ),
    (
        "personal_data",
        {
            "heading": "",
            "groups": [
                {
                    "intro": "<p>We use:</p>",
                    "categories": [
                        {"description": "Name and address", "kind": "personal"},
                        {"description": "Health and disability", "kind": "special_category"},
                        {"description": "Criminal convictions", "kind": "criminal_offence"},
                    ],
                }
            ],
            "outro": "<p>You do not have to give us this information.</p>",
        },
    ),
    (
        "purposes",
        {
            "heading": "",
            "intro": "<p>We use it to:</p>",
            "purposes": ["assess prospective adopters", "match children with families"],
            "outro": "",
        },
    ),
    (
        "lawful_basis",
        {
            "heading": "",
            "intro": "<p>We rely on:</p>",
            "bases": [
                {
                    "provision": "art6-1-e",
                    "explanation": "<p>The Adoption and Children Act 2002.</p>",
                }
            ],
            "special_category_intro": "<p>For special category data:</p>",
            "special_category_conditions": [
                {
                    "provision": "art9-2-g",
                    "schedule_1_conditions": ["dpa2018-s1-18"],
                    "explanation": "<p>Safeguarding children.</p>",
                }
            ],
            "criminal_offence_intro": "<p>For criminal offence data:</p>",
            "criminal_offence_conditions": [{"provision": "dpa2018-s1-18", "explanation": ""}],
            "outro": "",
        },
    ),
    (
        "sources",
        {
            "heading": "",
            "intro": "<p>We receive information from:</p>",
            "sources": ["your GP", "the police"],
            "outro": "",
        },
    ),
    (
        "sharing",
        {
            "heading": "",
            "intro": "<p>We share it with:</p>",
            "recipients": [
                {
                    "name": "Adoption panels",
                    "purpose": "to decide on a match",
                    "data_shared": "assessment reports",
                }
            ],
            "outro": "",
        },
    ),
    (
        "retention",
        {
            "heading": "",
            "intro": "",
            "periods": [{"record": "Adoption case files", "period": "100 years from the order"}],
            "schedule": {"url": "https://example.gov.uk/retention", "text": "Retention schedule"},
            "outro": "",
        },
    ),
    (
        "rights",
        {
            "heading": "",
            "intro": "",
            "rights": ["access", "rectification", "objection"],
            "further_rights": [
                "<p>You can also ask for your adoption records when you are 18.</p>"
            ],
            "outro": "",
        },
    ),
    (
        "contacts",
        {
            "heading": "",
            "intro": "",
            "contacts": [
                ("data_protection_officer", {"heading": "", "text": "<p>Write to our DPO.</p>"}),
                (
                    "service",
                    {
                        "heading": "",
                        "text": "",
                        "name": "Adoption team",
                        "email": "adoption@example.gov.uk",
                        "phone": "01234 567890",
                        "address": "",
                        "website": "",
                    },
                ),
                ("complaints", {"heading": "", "text": "<p>You can complain to the ICO.</p>"}),
            ],
        },
    ),
    (
        "general",
        {
            "heading": "",
            "topic": "updates",
            "text": "<p>We review this notice every year.</p>",
        },
    ),
]


#: An easy read body covering every topic of EVERY_BLOCK_BODY, in plain words.
EASY_READ_POINTS = {
    "summary": ("council", "This is about the information we keep about you."),
    "personal_data": (
        "personal-information",
        "We keep your name and address.\nWe keep notes about your health.",
    ),
    "purposes": ("family", "We use it to help you and your family."),
    "lawful_basis": ("law", "The law says we can use your information."),
    "sources": ("school", "Your school may tell us about you."),
    "sharing": ("sharing", "We share it with people who help you."),
    "retention": ("how-long", "We keep it until you are 25 years old."),
    "rights": ("rights", "You can ask to see your information."),
    "contacts": ("phone", "You can phone us on 0161 234 5000."),
    "general": ("update", "We will change this booklet when things change."),
}
EASY_READ_BODY = [
    *(
        (
            "section",
            {
                "topic": topic,
                "heading": f"About {topic.replace('_', ' ')}",
                "points": [{"picture": picture, "image": None, "alt_text": "", "text": text}],
            },
        )
        for topic, (picture, text) in EASY_READ_POINTS.items()
    ),
    (
        "word_list",
        {"heading": "", "words": [{"word": "Information", "meaning": "Facts about you."}]},
    ),
]

#: The PDFs of a full notice: standard and large print.
NOTICE_VARIANTS = list(variants_for(NoticePage))


def make_shared_details() -> dict:
    return {
        "data_controller": DataController.objects.create(
            name="Example Council", website="https://example.gov.uk"
        ),
        "data_protection_officer": DataProtectionOfficer.objects.create(
            name="Data Protection Officer", email="dpo@example.gov.uk"
        ),
        "supervisory_authority": SupervisoryAuthority.objects.create(
            name="Information Commissioner’s Office",
            phone="0303 123 1113",
            phone_note="(local rate)",
            address="Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF",
            website="https://ico.org.uk",
        ),
        "general_privacy_notice": GeneralPrivacyNotice.objects.create(
            name="Our general privacy notice", url="https://example.gov.uk/privacy"
        ),
    }


def site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def make_notice_index(parent: Page | None = None, **kwargs) -> NoticeIndexPage:
    index = NoticeIndexPage(title=kwargs.pop("title", "Privacy notices"), **kwargs)
    (parent or site_root()).add_child(instance=index)
    return index


def make_notice_page(parent: Page | None = None, *, publish: bool = True, **kwargs) -> NoticePage:
    """A notice using every block, saved under ``parent`` (the site root by default)."""
    fields = {
        "title": "Adoption",
        "version_label": "V1.0",
        "last_reviewed": datetime.date(2025, 3, 1),
        "body": EVERY_BLOCK_BODY,
        **make_shared_details(),
        **kwargs,
    }
    page = NoticePage(live=publish, **fields)
    (parent or site_root()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_easy_read_page(
    notice: NoticePage, *, publish: bool = True, **kwargs
) -> EasyReadNoticePage:
    """An easy read version of ``notice`` covering every topic, saved below it."""
    fields = {
        "title": "Adoption: easy read",
        "slug": "easy-read",
        "version_label": "V1.0",
        "last_reviewed": datetime.date(2025, 3, 1),
        "body": EASY_READ_BODY,
        **kwargs,
    }
    page = EasyReadNoticePage(live=publish, **fields)
    notice.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        # Published as it is: the plain-language checks that gate publishing have their tests.
        with override_settings(NOTICE_EASY_READ_ENFORCE_ON_PUBLISH=False):
            revision.publish()
    page.refresh_from_db()
    return page


def run_queued_pdf_builds(backend=default_task_backend) -> int:
    """Run the PDF builds a DummyBackend holds, as a worker would; returns how many ran."""
    results = [r for r in backend.results if r.task.func is build_notice_pdfs_task.func]
    backend.clear()
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    return len(results)


# Latin letters, or a number that is more than a lone one (“6(1)”, “0303 123”).
_LEFT_TO_RIGHT = re.compile(r"[A-Za-z]|\d[(/.:-]|[)/.:-]\d|\d[ \u00a0]\d")


def left_to_right_outside_isolates(element) -> str:
    """The text of a BeautifulSoup ``element`` that is not in a ``<bdi>`` but should be.

    On a right-to-left page every Latin letter, and every number but a lone one (“15”,
    which reads right as it is), belongs in a left-to-right isolate.
    """
    outside = " ".join(
        text for text in element.find_all(string=True) if not text.find_parent("bdi")
    )
    return "".join(match.group() for match in _LEFT_TO_RIGHT.finditer(outside))


def admin_report_rows(client, report: str, **query) -> dict[str, dict[str, str]]:
    """The rows of the admin report named ``report`` by notice title (its "Notice" column):
    each column's text, and the title's link."""
    response = client.get(reverse(report), query)
    assert response.status_code == 200, response.content[:300]
    table = BeautifulSoup(response.content, "html.parser").select_one("#listing-results table")
    if table is None:
        return {}
    headings = [" ".join(th.get_text().split()) for th in table.find("thead").find_all("th")]
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = [" ".join(td.get_text().split()) for td in tr.find_all("td")]
        row = dict(zip(headings, cells, strict=True))
        row["link"] = tr.find("td").find("a")["href"]
        rows[row["Notice"]] = row
    return rows

"""Real notices in their own words and structure, rendered as residents read them."""

import json
import re

import pytest
from bs4 import BeautifulSoup, Tag
from django.db import connection
from django.utils import translation
from wagtail import blocks

from notice_blocks.blocks import (
    AutomatedDecisionsBlock,
    GeneralSectionBlock,
    LegitimateInterestsBlock,
    NoticeBodyBlock,
    PartHeadingBlock,
    RequirementBlock,
    RightBlock,
    RightsBlock,
    TransfersBlock,
)
from notice_blocks.blocks.base import SECTION_SETTINGS
from notice_blocks.blocks.contacts import postal_address
from notice_blocks.completeness.notice import Notice
from notice_blocks.legal import (
    get_provision,
    rights_for_bases,
)
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import import_notice
from notice_blocks.readable_text import readable_html
from notice_blocks.templatetags.notice_outline import contents_tree, shift_subheadings
from tests.notice_blocks.test_notice_file_versions import documented_example
from tests.reference_text import visible_text
from tests.utils import left_to_right_outside_isolates, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db

NEW_BLOCKS = [
    PartHeadingBlock,
    TransfersBlock,
    AutomatedDecisionsBlock,
    LegitimateInterestsBlock,
    RequirementBlock,
]


def text_of(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def render(client, body: list, **fields) -> tuple[BeautifulSoup, NoticePage]:
    notice = make_notice_page(body=body, **fields)
    response = client.get(notice.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), notice


def section_of(soup: BeautifulSoup, notice: NoticePage, block_type: str) -> Tag:
    child = next(child for child in notice.body if child.block_type == block_type)
    return soup.find(id=child.id)


def page_text(soup: BeautifulSoup) -> str:
    return text_of(soup.find("main"))


def lawful_basis(**fields) -> tuple[str, dict]:
    value = {
        "heading": "",
        "intro": "",
        "bases": [{"provision": "art6-1-e", "explanation": ""}],
        "special_category_intro": "",
        "special_category_conditions": [],
        "criminal_offence_intro": "",
        "criminal_offence_conditions": [],
        "outro": "",
    }
    return "lawful_basis", {**value, **fields}


def rights(codes_or_entries: list, **fields) -> tuple[str, dict]:
    value = {"heading": "", "intro": "", "rights": codes_or_entries, "further_rights": []}
    return "rights", {**value, **fields}


def summary(text: str = "<p>About this notice.</p>", **fields) -> tuple[str, dict]:
    return "summary", {"heading": "", "text": text, **fields}


# Own wording -------------------------------------------------------------------------


def test_own_wording_replaces_the_standard_wording_and_keeps_the_reference(client):
    body = [
        lawful_basis(
            bases=[
                {
                    "provision": "art6-1-e",
                    "wording": "<p>We use it to carry out the duties Parliament gives us.</p>",
                    "purposes": "collecting council tax and paying benefits",
                    "explanation": "",
                }
            ],
            special_category_conditions=[
                {
                    "provision": "art9-2-g",
                    "schedule_1_conditions": ["dpa2018-s1-18"],
                    "wording": "<p>It is needed to keep people at risk safe.</p>",
                    "explanation": "",
                }
            ],
            criminal_offence_conditions=[
                {
                    "provision": "dpa2018-s1-10",
                    "wording": "<p>We need it to stop benefit fraud.</p>",
                    "explanation": "",
                }
            ],
            schedule_1_statement="<p>Our appropriate policy document is on our website.</p>",
        ),
        rights(
            [
                {
                    "right": "access",
                    "wording": "<p>Ask us for your records at any time.</p>",
                    "conditions": "",
                },
                {
                    "right": "objection",
                    "wording": "",
                    "conditions": "<p>Only where we rely on our public tasks.</p>",
                },
            ]
        ),
    ]
    soup, notice = render(client, body)
    text = page_text(soup)
    for own in (
        "We use it to carry out the duties Parliament gives us.",
        "It is needed to keep people at risk safe.",
        "We need it to stop benefit fraud.",
        "Our appropriate policy document is on our website.",
        "Ask us for your records at any time.",
        "Only where we rely on our public tasks.",
        "We rely on this for: collecting council tax and paying benefits",
    ):
        assert own in text
    for code in ("art6-1-e", "art9-2-g", "dpa2018-s1-10", "access"):
        provision = get_provision(code)
        assert str(provision.wording) not in text, code
        assert f"({provision.reference})" in text, code
    # A right without own wording keeps the standard one; a Schedule 1 condition chosen for
    # an Article 9 condition is shown as the law words it.
    assert str(get_provision("objection").wording) in text
    assert str(get_provision("dpa2018-s1-18").wording) in text
    # The codes are what is stored.
    stored = notice.body.raw_data
    assert stored[0]["value"]["bases"][0]["value"]["provision"] == "art6-1-e"
    assert stored[1]["value"]["rights"][0]["value"]["right"] == "access"


# Rights -------------------------------------------------------------------------------


def shown_rights(soup: BeautifulSoup, notice: NoticePage) -> list[str]:
    section = section_of(soup, notice, "rights")
    return [text_of(title) for title in section.select(".app-rights__title")]


def test_an_empty_rights_list_shows_the_rights_that_follow_from_the_bases(client):
    soup, notice = render(client, [lawful_basis(), rights([])])
    assert shown_rights(soup, notice) == [
        "Right of access",
        "Right to rectification",
        "Right to erasure",
        "Right to restrict processing",
        "Right to object",
        "Right to complain",
    ]
    text = page_text(soup)
    assert "Right to data portability" not in text
    assert "Right to withdraw consent" not in text
    assert "Information Commissioner’s Office" in text


def test_consent_and_automated_decisions_bring_their_rights(client):
    body = [
        lawful_basis(
            bases=[{"provision": "art6-1-a", "explanation": ""}],
            special_category_conditions=[
                {"provision": "art9-2-a", "schedule_1_conditions": [], "explanation": ""}
            ],
        ),
        ("automated_decisions", {"heading": "", "used": "yes", "intro": "<p>We do.</p>"}),
        rights([]),
    ]
    soup, notice = render(client, body)
    titles = shown_rights(soup, notice)
    assert "Right to data portability" in titles
    assert "Right to withdraw consent" in titles
    assert "Rights about automated decisions" in titles
    assert "Right to object" not in titles


def test_rights_for_bases():
    assert rights_for_bases(["art6-1-e"]) == [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "objection",
        "complain",
    ]
    assert rights_for_bases(["art6-1-b"], [], automated_decisions=True) == [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "automated-decisions",
        "complain",
    ]
    assert "withdraw-consent" in rights_for_bases(["art6-1-c"], ["art9-2-a"])
    assert "objection" in rights_for_bases(["art6-1-f"])


def test_a_bare_code_is_read_as_a_right():
    block = RightBlock()
    for value in (block.to_python("access"), block.normalize("access")):
        assert value["right"] == "access"
        assert value.provision() == get_provision("access")
        assert not value["wording"]
    listed = RightsBlock().child_blocks["rights"].to_python(["erasure", "complain"])
    assert [item["right"] for item in listed] == ["erasure", "complain"]


def test_rights_stored_as_codes_in_the_database_render(client):
    notice = make_notice_page(body=[lawful_basis(), rights([])])
    raw = list(notice.body.raw_data)
    raw[1]["value"]["rights"] = ["access", "portability"]  # as stored before own wording
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {NoticePage._meta.db_table} SET body = %s WHERE page_ptr_id = %s",
            [json.dumps(raw), notice.pk],
        )
    stored = NoticePage.objects.get(pk=notice.pk)
    assert stored.body.raw_data[1]["value"]["rights"] == ["access", "portability"]
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    assert shown_rights(soup, stored) == ["Right of access", "Right to data portability"]


def test_complain_is_a_right_with_the_ico_in_its_wording():
    complain = get_provision("complain")
    assert str(complain.reference) == "UK GDPR Article 77"
    assert "Information Commissioner’s Office" in str(complain.wording)
    help_text = str(RightsBlock().child_blocks["rights"].meta.help_text)
    assert "empty" in help_text and "lawful bases" in help_text


# Headings -----------------------------------------------------------------------------


def test_a_hidden_heading_leaves_no_heading_contents_entry_or_label(client):
    body = [
        summary(),
        (
            "general",
            {"heading": "", "topic": "other", "text": "<p>More.</p>", "show_heading": False},
        ),
    ]
    soup, notice = render(client, body)
    hidden = notice.body[1]
    section = soup.find(id=hidden.id)
    assert section.name == "section"
    assert not section.find(re.compile(r"^h[1-6]$"))
    assert not section.has_attr("aria-labelledby")
    assert "More." in text_of(section)
    assert [item.anchor for item in notice.sections] == [notice.body[0].id]
    links = soup.select(".app-contents-list a")
    assert [link["href"] for link in links] == [f"#{notice.body[0].id}"]
    for element in soup.find_all(attrs={"aria-labelledby": True}):
        assert soup.find(id=element["aria-labelledby"]) is not None


def test_the_council_s_own_heading_or_the_standard_one(client):
    soup, notice = render(client, [summary(heading="About us"), summary()])
    headings = [text_of(h) for h in soup.select(".app-section__heading")]
    assert headings == ["About us", "Summary"]


SUB_HEADINGS = "<p>Intro.</p><h3>Who we are</h3><p>A council.</p><h4>Our offices</h4><p>Two.</p>"


@pytest.mark.parametrize(
    ("level", "expected"), [(2, ["h3", "h4"]), (3, ["h4", "h5"]), (4, ["h5", "h6"])]
)
def test_sub_headings_sit_one_and_two_levels_below_their_section(client, level, expected):
    body = [summary(), summary(text=SUB_HEADINGS, heading="Who we are", heading_level=level)]
    if level == 4:
        body.insert(1, summary(heading="Part", heading_level=3))
    soup, notice = render(client, body)
    section = soup.find(id=notice.body[-1].id)
    heading = section.find(class_="app-section__heading")
    assert heading.name == f"h{level}"
    sub_headings = section.select(".app-rich-text :is(h3, h4, h5, h6)")
    assert [h.name for h in sub_headings] == expected
    assert [text_of(h) for h in sub_headings] == ["Who we are", "Our offices"]


def test_sub_headings_never_go_below_h6():
    assert shift_subheadings("<h3>a</h3><h4>b</h4>", 4) == "<h5>a</h5><h6>b</h6>"
    assert shift_subheadings("<h3>a</h3><h4>b</h4>", 5) == "<h6>a</h6><h6>b</h6>"
    assert shift_subheadings("<h3>a</h3>", None) == "<h3>a</h3>"


def test_only_a_section_s_own_prose_holds_sub_headings():
    block = NoticeBodyBlock()
    lawful = block.child_blocks["lawful_basis"]
    assert {"h3", "h4"} <= set(lawful.child_blocks["intro"].features)
    assert {"h3", "h4"} <= set(block.child_blocks["summary"].child_blocks["text"].features)
    basis = lawful.child_blocks["bases"].child_block
    assert not {"h3", "h4"} & set(basis.child_blocks["wording"].features)
    stored = block.child_blocks["summary"].child_blocks["text"].to_python(SUB_HEADINGS)
    assert "<h3>Who we are</h3>" in stored.source
    assert "<h3>" not in basis.child_blocks["wording"].to_python("<h3>x</h3>").source


def test_a_heading_over_several_sections_nests_them_in_the_contents_list(client):
    body = [
        summary(),
        (
            "heading",
            {
                "heading": "Children’s services",
                "heading_level": 2,
                "text": "<p>These sections cover children.</p>",
            },
        ),
        summary(heading="Fostering", heading_level=3),
        summary(heading="Adoption", heading_level=3),
        summary(heading="Contact us"),
    ]
    soup, notice = render(client, body)
    part = soup.find(id=notice.body[1].id)
    assert part.name == "div"
    assert part.find("h2").get_text() == "Children’s services"
    assert "These sections cover children." in text_of(part)
    assert [
        soup.find(id=child.id).find(class_="app-section__heading").name
        for child in list(notice.body)[2:4]
    ] == ["h3", "h3"]

    contents = soup.find("nav", class_="app-contents-list").find("ol")
    top = contents.find_all("li", recursive=False)
    assert [text_of(item.find("a")) for item in top] == [
        "Summary",
        "Children’s services",
        "Contact us",
    ]
    nested = top[1].find("ol").find_all("li", recursive=False)
    assert [text_of(item) for item in nested] == ["Fostering", "Adoption"]
    assert [s.level for s in notice.sections] == [2, 2, 3, 3, 2]


def test_the_contents_tree_keeps_the_order_of_any_levels():
    class Entry:
        def __init__(self, heading, level):
            self.heading, self.level = heading, level

    tree = contents_tree([Entry("a", 3), Entry("b", 2), Entry("c", 4), Entry("d", 3)])
    assert [entry.section.heading for entry in tree] == ["a", "b"]
    assert [entry.section.heading for entry in tree[1].children] == ["c", "d"]


# New blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize("block_class", NEW_BLOCKS, ids=lambda cls: cls.__name__)
def test_a_new_block_is_described_for_editors(block_class):
    block = block_class()
    assert block.meta.icon and block.meta.label and block.meta.description
    assert block.meta.template.startswith("notice_blocks/blocks/")
    assert block.meta.preview_value
    if block_class is not PartHeadingBlock:
        assert str(block.meta.default_heading)


def every_list_block(block: blocks.Block):
    if isinstance(block, blocks.ListBlock):
        yield block
        yield from every_list_block(block.child_block)
    for child in getattr(block, "child_blocks", {}).values():
        yield from every_list_block(child)


def test_no_list_starts_with_an_empty_item():
    lists = list(every_list_block(NoticeBodyBlock()))
    assert len(lists) > 10
    for list_block in lists:
        assert list(list_block.get_default()) == [], list_block.label
    for block_class in NEW_BLOCKS:
        default = block_class().get_default()
        for name, value in default.items():
            if isinstance(value, blocks.list_block.ListValue):
                assert len(value) == 0, (block_class.__name__, name)
    required = {str(list_block.label) for list_block in lists if list_block.meta.min_num}
    assert required == {"Lawful bases", "Groups"}


def test_new_blocks_render_in_the_council_s_words(client):
    body = [
        (
            "transfers",
            {
                "heading": "",
                "intro": "<p>Our email service stores data abroad.</p>",
                "transfers": [
                    {
                        "destination": "The United States",
                        "safeguard": "appropriate-safeguards",
                        "details": "<p>Under the International Data Transfer Agreement.</p>",
                    }
                ],
            },
        ),
        (
            "automated_decisions",
            {
                "heading": "",
                "used": "yes",
                "intro": "<p>A computer checks claims for fraud.</p>",
                "logic": "<p>It compares claims with other records.</p>",
                "significance": "<p>It decides which claims we look at again.</p>",
                "consequences": "<p>Your claim may take longer.</p>",
            },
        ),
        (
            "legitimate_interests",
            {
                "heading": "",
                "intro": "<p>Our interests are:</p>",
                "interests": ["keeping our car parks safe"],
            },
        ),
        (
            "requirement",
            {
                "heading": "",
                "requirement": "statutory",
                "text": "<p>The law requires you to tell us about your household.</p>",
                "consequences": "<p>We cannot work out your discount without it.</p>",
            },
        ),
    ]
    soup, notice = render(client, body)
    text = page_text(soup)
    for words in (
        "Our email service stores data abroad.",
        "The United States",
        "(UK GDPR Article 46)",
        "Under the International Data Transfer Agreement.",
        "A computer checks claims for fraud.",
        "It compares claims with other records.",
        "It decides which claims we look at again.",
        "Your claim may take longer.",
        "keeping our car parks safe",
        "The law requires you to tell us about your household.",
        "We cannot work out your discount without it.",
        "(UK GDPR Article 13(2)(e))",
    ):
        assert words in text, words
    assert [item.heading for item in notice.sections] == [
        "Do we send your information outside the UK?",
        "Do we make automated decisions about you?",
        "Our legitimate interests",
        "If you do not give us the information",
    ]
    decisions = section_of(soup, notice, "automated_decisions")
    assert [h.name for h in decisions.find_all(re.compile(r"^h[1-6]$"))] == ["h2", "h3", "h3", "h3"]


def test_a_notice_without_automated_decisions_says_so(client):
    soup, notice = render(client, [("automated_decisions", {"heading": "", "used": "no"})])
    assert "We do not make decisions about you by automated means alone." in page_text(soup)


# New fields of the existing blocks ----------------------------------------------------


def test_retention_shows_notes_criteria_holds_and_a_schedule_without_an_address(client):
    body = [
        (
            "retention",
            {
                "heading": "",
                "intro": "",
                "periods": [
                    {
                        "record": "Council tax",
                        "period": "between 6 and 75 years depending on the record",
                        "notes": "<p>Longer while money is owed.</p>",
                    }
                ],
                "criteria": "<p>We keep records as long as the law says.</p>",
                "holds": "<p>We keep records longer for a public inquiry.</p>",
                "schedule": {"url": "", "text": "Ask us for our retention schedule."},
            },
        )
    ]
    soup, notice = render(client, body)
    section = section_of(soup, notice, "retention")
    text = text_of(section)
    assert "between 6 and 75 years depending on the record" in text
    assert "Longer while money is owed." in text_of(section.find("td"))
    assert "We keep records as long as the law says." in text
    assert "We keep records longer for a public inquiry." in text
    assert "Ask us for our retention schedule." in text
    assert not section.find("a")


def test_sharing_shows_when_data_is_shared(client):
    body = [
        (
            "sharing",
            {
                "heading": "",
                "intro": "",
                "recipients": [
                    {
                        "name": "The police",
                        "purpose": "",
                        "data_shared": "",
                        "conditions": "<p>Only when a crime is reported.</p>",
                    }
                ],
                "conditions_intro": "<p>We may share without asking you:</p>",
                "conditions": ["to protect a child from harm"],
            },
        )
    ]
    soup, notice = render(client, body)
    section = section_of(soup, notice, "sharing")
    recipient = section.find("li")
    assert "Only when a crime is reported." in text_of(recipient)
    assert "We may share without asking you:" in text_of(section)
    assert [text_of(li) for li in section.find_all("ul")[-1].find_all("li")] == [
        "to protect a child from harm"
    ]


def test_personal_data_sources_and_purposes_in_prose(client):
    body = [
        (
            "personal_data",
            {
                "heading": "",
                "groups": [
                    {
                        "intro": "<p>We also hold information about your health.</p>",
                        "kind": "special_category",
                        "categories": [],
                    }
                ],
            },
        ),
        (
            "purposes",
            {"heading": "", "intro": "<p>We use it to run the council.</p>", "purposes": []},
        ),
        (
            "sources",
            {
                "heading": "",
                "intro": "<p>From you.</p>",
                "sources": [],
                "publicly_available": "yes",
            },
        ),
    ]
    soup, notice = render(client, body)
    data = section_of(soup, notice, "personal_data")
    # The kind the prose describes is for the completeness check: the prose says it.
    assert (
        text_of(data)
        == "What personal information do we use? We also hold information about your health."
    )
    assert not data.find(class_="app-tag")
    purposes = section_of(soup, notice, "purposes")
    assert "We use it to run the council." in text_of(purposes) and not purposes.find("ul")
    assert "Some of this information comes from publicly available sources." in text_of(
        section_of(soup, notice, "sources")
    )


def test_contacts_name_the_dpo_once_and_may_hide_a_heading(client):
    notice = make_notice_page(
        body=[
            (
                "contacts",
                {
                    "heading": "",
                    "intro": "",
                    "contacts": [
                        (
                            "data_protection_officer",
                            {
                                "heading": "Data Protection Officer",
                                "text": "<p>Write to our Data Protection Officer.</p>",
                            },
                        ),
                        (
                            "complaints",
                            {"heading": "", "show_heading": False, "text": "<p>Or the ICO.</p>"},
                        ),
                    ],
                },
            )
        ]
    )
    dpo = notice.data_protection_officer
    dpo.address = "Town Hall, Market Street"
    dpo.save()
    controller = notice.data_controller
    controller.email, controller.phone = "council@example.gov.uk", "01632 960 000"
    controller.save()
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    contacts = section_of(soup, notice, "contacts")
    assert text_of(contacts).count("Data Protection Officer") == 2  # heading and text
    assert "Post: Town Hall, Market Street" in text_of(contacts)
    complaints = contacts.find_all(class_="app-contact")[1]
    assert not complaints.find(re.compile(r"^h[1-6]$"))
    assert "Or the ICO." in text_of(complaints)
    summary_list = text_of(soup.find(class_="app-summary-list"))
    assert "council@example.gov.uk" in summary_list and "01632 960 000" in summary_list


def test_the_dpo_named_in_the_text_is_not_named_again_in_the_address(client):
    notice = make_notice_page(
        body=[
            (
                "contacts",
                {
                    "heading": "",
                    "intro": "",
                    "contacts": [
                        (
                            "data_protection_officer",
                            {"heading": "", "text": "<p>Write to our Data Protection Officer.</p>"},
                        ),
                        (
                            "complaints",
                            {
                                "heading": "",
                                "text": "<p>Complain to the Information Commissioner’s Office:</p>",
                            },
                        ),
                    ],
                },
            )
        ]
    )
    dpo = notice.data_protection_officer
    dpo.address = "Town Hall, Market Street"
    dpo.save()
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    officer, complaints = section_of(soup, notice, "contacts").find_all(class_="app-contact")
    assert text_of(officer).count("Data Protection Officer") == 1
    assert "Post: Town Hall, Market Street" in text_of(officer)
    # A postal address keeps its addressee, as the council's notice gives it.
    assert "Post: Information Commissioner’s Office, Wycliffe House, Water Lane" in text_of(
        complaints
    )


def test_the_standard_dpo_heading_keeps_the_name(client):
    notice = make_notice_page(
        body=[
            (
                "contacts",
                {
                    "heading": "",
                    "intro": "",
                    "contacts": [
                        ("data_protection_officer", {"heading": "", "text": "<p>Write to us.</p>"})
                    ],
                },
            )
        ]
    )
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    contacts = section_of(soup, notice, "contacts")
    assert text_of(contacts).count("Data Protection Officer") == 1
    assert contacts.find("h3").get_text() == "How to contact us"


@pytest.mark.parametrize("topic", ["security", "data_matching", "social_media", "equalities"])
def test_general_topics_have_standard_headings(client, topic):
    soup, notice = render(
        client, [("general", {"heading": "", "topic": topic, "text": "<p>Words.</p>"})]
    )
    heading = notice.sections[0].heading
    assert heading and heading != "Other"
    assert text_of(soup.find(class_="app-section__heading")) == heading


def test_a_notice_can_be_written_for_children():
    notice = make_notice_page(for_children=True)
    assert NoticePage.objects.get(pk=notice.pk).for_children is True
    assert make_notice_page(slug="adults").for_children is False


def test_right_to_left_references_are_isolated():
    body = [
        lawful_basis(),
        rights([]),
        (
            "transfers",
            {
                "heading": "",
                "intro": "",
                "transfers": [{"destination": "امریکہ", "safeguard": "adequacy", "details": ""}],
            },
        ),
        (
            "requirement",
            {"heading": "", "requirement": "voluntary", "text": "", "consequences": ""},
        ),
    ]
    notice = make_notice_page(body=body)
    with translation.override("ur"):
        html = readable_html(str(notice.body.render_as_block({"page": notice})), notice)
    references = BeautifulSoup(html, "html.parser").select(".app-reference")
    assert len(references) > 8
    for reference in references:
        assert not left_to_right_outside_isolates(reference), reference
        assert reference.find("bdi", dir="ltr"), reference


# The council's own sub-headings, titles and order --------------------------------------


def headings_in(section: Tag) -> list[str]:
    return [
        f"{element.name} {text_of(element)}"
        for element in section.find_all(re.compile(r"^h[1-6]$"))
    ]


def own_subheadings_body(**settings) -> list:
    """Sections that add standard sub-headings, with ``settings`` on each."""
    return [
        lawful_basis(
            intro="<h3>Personal information</h3><p>We rely on our public task.</p>",
            special_category_intro="<h3>Health</h3><p>And for your health:</p>",
            special_category_conditions=[
                {"provision": "art9-2-h", "schedule_1_conditions": [], "explanation": ""}
            ],
            criminal_offence_intro="<p>And for offences:</p>",
            criminal_offence_conditions=[{"provision": "dpa2018-s1-10", "explanation": ""}],
            **settings,
        ),
        (
            "automated_decisions",
            {
                "heading": "",
                "used": "yes",
                "intro": "<p>A computer checks claims.</p>",
                "logic": "<p>It compares records.</p>",
                "significance": "<p>It picks claims to look at.</p>",
                "consequences": "<p>Yours may take longer.</p>",
                **settings,
            },
        ),
        rights(["access"], layout="headings", **settings),
        (
            "contacts",
            {
                "heading": "",
                "intro": "",
                "contacts": [("data_protection_officer", {"heading": "", "text": "<p>Hi.</p>"})],
                **settings,
            },
        ),
    ]


def test_standard_sub_headings_are_shown_unless_the_council_writes_its_own(client):
    soup, notice = render(client, own_subheadings_body())
    assert headings_in(section_of(soup, notice, "lawful_basis"))[1:] == [
        "h3 Personal data",
        "h3 Personal information",
        "h3 Special category data",
        "h3 Health",
        "h3 Criminal offence data",
    ]
    assert headings_in(section_of(soup, notice, "automated_decisions"))[1:] == [
        "h3 How the decisions are made",
        "h3 What the decisions mean for you",
        "h3 What could happen as a result",
    ]
    assert headings_in(section_of(soup, notice, "rights"))[1:] == ["h3 Right of access"]
    assert headings_in(section_of(soup, notice, "contacts"))[1:] == ["h3 How to contact us"]

    soup, notice = render(client, own_subheadings_body(standard_subheadings=False), slug="own")
    assert headings_in(section_of(soup, notice, "lawful_basis"))[1:] == [
        "h3 Personal information",
        "h3 Health",
    ]
    for block_type in ("automated_decisions", "rights", "contacts"):
        assert len(headings_in(section_of(soup, notice, block_type))) == 1, block_type
    text = page_text(soup)
    for words in (
        "A computer checks claims. It compares records. It picks claims to look at.",
        "And for offences:",
        str(get_provision("access").wording),
        "Hi.",
    ):
        assert words in text, words


def test_standard_sub_headings_are_a_setting_of_every_section():
    for block_type, block in NoticeBodyBlock().child_blocks.items():
        if block_type == "heading":
            continue  # a heading over several sections has no sub-headings of its own
        setting = block.child_blocks["standard_subheadings"]
        assert setting.get_default() is True, block_type
        assert str(setting.label) == "Show the standard sub-headings"
    # Among the settings, collapsed in the editor (Wagtail 8) beside the heading's.
    assert SECTION_SETTINGS[-1] == "standard_subheadings"


OWN_RIGHTS = [
    {"right": "access", "title": "Your right of access", "wording": "<p>Ask for a copy.</p>"},
    {
        "right": "restriction",
        "title": "Your right to restrict processing",
        "wording": "<p>Ask us to limit how we use it,</p>",
        "conditions": "<p>for example while we check it.</p>",
    },
    {"right": "erasure", "conditions": "<p>Not where the law says we keep it.</p>"},
]


def test_rights_under_the_council_s_own_sub_headings(client):
    body = [
        summary(heading_level=2),
        rights(OWN_RIGHTS, heading="Your information rights", heading_level=3, layout="headings"),
    ]
    soup, notice = render(client, body)
    section = section_of(soup, notice, "rights")
    text = visible_text(str(section))
    assert headings_in(section) == [
        "h3 Your information rights",
        "h4 Your right of access",
        "h4 Your right to restrict processing",
        "h4 Right to erasure",  # no title of its own: the standard one
    ]
    assert (
        "Your right of access Ask for a copy. (UK GDPR Article 15) "
        "Your right to restrict processing Ask us to limit how we use it, for example while "
        "we check it. (UK GDPR Article 18) "
        f"Right to erasure {get_provision('erasure').wording} (UK GDPR Article 17) "
        "Not where the law says we keep it."
    ) in text
    assert not section.find("dl") and "Right of access" not in text


def test_a_list_of_rights_shows_the_council_s_titles(client):
    soup, notice = render(client, [rights(OWN_RIGHTS)])
    section = section_of(soup, notice, "rights")
    assert [text_of(dt) for dt in section.select("dl dt")] == [
        "Your right of access",
        "Your right to restrict processing",
        "Right to erasure",
    ]
    assert len(headings_in(section)) == 1


def test_rights_in_the_council_s_words_without_titles_run_on_as_written(client):
    entries = [
        {"right": "access", "wording": "<p>ask for a copy of your records</p>"},
        {
            "right": "restriction",
            "wording": "<p>ask us to limit how we use your information,</p>",
            "conditions": "<p>for example while we check whether it is accurate</p>",
        },
        {"right": "objection", "title": "Objecting", "wording": "<p>object to it.</p>"},
    ]
    soup, notice = render(client, [rights(entries, intro="<p>You have the right to:</p>")])
    section = section_of(soup, notice, "rights")
    assert not section.find("dl") and not section.find(class_="app-rights__heading")
    items = [text_of(item) for item in section.select("ul.app-rights > li")]
    assert items == [
        "ask for a copy of your records (UK GDPR Article 15)",
        "ask us to limit how we use your information, for example while we check whether it "
        "is accurate (UK GDPR Article 18)",
        "Objecting object to it. (UK GDPR Article 21)",
    ]
    for code in ("access", "restriction"):
        assert str(get_provision(code).title) not in text_of(section)


def test_a_basis_in_the_council_s_words_has_its_reference_after_them(client):
    body = [
        lawful_basis(
            bases=[
                {"provision": "art6-1-e", "wording": "<p>we carry out our duties.</p>"},
                {
                    "provision": "art6-1-a",
                    "title": "Consent",
                    "wording": "<p>we ask you first.</p>",
                    "purposes": "our newsletter",
                    "explanation": "<p>You can say no.</p>",
                },
                {"provision": "art6-1-c", "title": "The law"},
            ],
            special_category_conditions=[
                {
                    "provision": "art9-2-b",
                    "title": "Employment and social security",
                    "schedule_1_conditions": ["dpa2018-s1-1"],
                    "wording": "<p>it is needed for our duties as an employer.</p>",
                }
            ],
        )
    ]
    soup, notice = render(client, body)
    items = [
        text_of(item) for item in section_of(soup, notice, "lawful_basis").select(".app-provision")
    ]
    schedule_1 = get_provision("dpa2018-s1-1")
    assert items == [
        "we carry out our duties. (UK GDPR Article 6(1)(e))",
        "Consent we ask you first. We rely on this for: our newsletter You can say no. "
        "(UK GDPR Article 6(1)(a))",
        # Standard wording, as before, under the council's own title.
        f"The law (UK GDPR Article 6(1)(c)) {get_provision('art6-1-c').wording}",
        "Employment and social security it is needed for our duties as an employer. "
        f"Together with: {schedule_1.title} ({schedule_1.reference}): {schedule_1.wording} "
        "(UK GDPR Article 9(2)(b))",
    ]


def test_further_rights_alone_are_the_rights_shown(client):
    further = ["<p>You can ask us to stop sending you our newsletter.</p>"]
    soup, notice = render(client, [lawful_basis(), rights([], further_rights=further)])
    section = section_of(soup, notice, "rights")
    assert not section.select(".app-rights__title")
    assert "You can ask us to stop sending you our newsletter." in text_of(section)
    value = notice.body[1].value
    assert value.shown_rights(notice.body) == []
    # The completeness check reads the rights shown from the same place.
    assert Notice(notice).rights_shown == set()

    both_empty = make_notice_page(body=[lawful_basis(), rights([])], slug="bases")
    assert Notice(both_empty).rights_shown == set(rights_for_bases(["art6-1-e"]))
    help_text = str(RightsBlock().child_blocks["rights"].meta.help_text)
    assert "further rights empty" in help_text


def test_contacts_have_closing_text(client):
    body = [
        (
            "contacts",
            {
                "heading": "",
                "intro": "",
                "contacts": [("complaints", {"heading": "", "text": "<p>Or the ICO.</p>"})],
                "outro": "<p>We reply within ten working days.</p>",
            },
        )
    ]
    soup, notice = render(client, body)
    text = text_of(section_of(soup, notice, "contacts"))
    assert text.endswith("ico.org.uk We reply within ten working days.")


@pytest.mark.parametrize(
    ("name", "address", "given", "expected"),
    [
        (
            "Adult Social Care",
            "Adult Social Care, Town Hall",
            False,
            "Adult Social Care, Town Hall",
        ),
        (
            "Example Council Data Protection Officer",
            "Data Protection Officer\nTown Hall",
            False,
            "Example Council Data Protection Officer, Town Hall",
        ),
        (
            "Adult Social Care",
            "Adult Social Care Team, Town Hall",
            False,
            "Adult Social Care Team, Town Hall",
        ),
        (
            "Adult Social Care",
            "Town Hall,\nExampleton",
            False,
            "Adult Social Care, Town Hall, Exampleton",
        ),
        ("Social Care", "Adult Social Care, Town Hall", False, "Adult Social Care, Town Hall"),
        (
            "Data Protection Officer",
            "Data Protection Officer, Town Hall",
            True,
            "Data Protection Officer, Town Hall",
        ),
        ("Data Protection Officer", "Town Hall", True, "Town Hall"),
        ("Adult Social Care", "", False, ""),
    ],
)
def test_a_postal_address_names_its_addressee_once(name, address, given, expected):
    assert postal_address(name, address, addressee_given=given) == expected


def test_the_documented_example_addresses_each_contact_once(client):
    page = import_notice(documented_example(), parent=make_notice_index(slug="example")).page
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    posts = [
        text_of(item)
        for item in section_of(soup, page, "contacts").select(".app-contact__details li")
        if text_of(item).startswith("Post:")
    ]
    assert posts == [
        "Post: Example Council Data Protection Officer, Town Hall, Market Street, Exampleton, "
        "EX1 1AA",
        "Post: Adult Social Care, Town Hall, Exampleton, EX1 1AA",
        "Post: Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, "
        "Cheshire, SK9 5AF",
    ]


def test_a_general_section_without_its_heading_shown_needs_none():
    block = GeneralSectionBlock()
    hidden = block.to_python(
        {"heading": "", "topic": "other", "text": "<p>More.</p>", "show_heading": False}
    )
    assert block.clean(hidden)["show_heading"] is False
    shown = block.to_python({"heading": "", "topic": "other", "text": "<p>More.</p>"})
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(shown)


def test_the_requirement_s_standard_sentence_is_shown_only_without_the_council_s_text(client):
    own = "<p>The law requires you to tell us about your household.</p>"
    body = [
        ("requirement", {"heading": "", "requirement": "statutory", "text": own}),
        ("requirement", {"heading": "Without it", "requirement": "statutory", "text": ""}),
    ]
    soup, notice = render(client, body)
    standard = str(get_provision("statutory").wording)
    with_text, without = (soup.find(id=child.id) for child in notice.body)
    assert standard not in text_of(with_text)
    assert text_of(with_text).endswith(
        "The law requires you to tell us about your household. (UK GDPR Article 13(2)(e))"
    )
    assert f"{standard} (UK GDPR Article 13(2)(e))" in text_of(without)

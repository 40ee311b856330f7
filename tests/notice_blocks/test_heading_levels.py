"""A section's heading level: 2 unless an editor or a notice file sets it, sub-headings below."""

import copy

import pytest
from bs4 import BeautifulSoup

from notice_blocks.blocks import ContactsBlock, LawfulBasisBlock, NoticeBodyBlock
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import NoticeFileError, export_notice, import_notice
from tests.utils import EVERY_BLOCK_BODY, make_notice_page

pytestmark = pytest.mark.django_db


def with_levels(levels: dict[str, int]) -> list:
    body = copy.deepcopy(EVERY_BLOCK_BODY)
    for block_type, value in body:
        if block_type in levels:
            value["heading_level"] = levels[block_type]
    return body


def section_of(soup: BeautifulSoup, page, block_type: str):
    child = next(child for child in page.body if child.block_type == block_type)
    return soup.find("section", id=child.id)


def test_sections_stored_without_a_level_keep_their_headings(client):
    notice = make_notice_page()
    assert all("heading_level" not in value for _type, value in EVERY_BLOCK_BODY)
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    for child in notice.body:
        section = soup.find("section", id=child.id)
        assert section.find(["h2", "h3", "h4", "h5"]).name == "h2", child.block_type
    assert {h.name for h in section_of(soup, notice, "lawful_basis").find_all("h3")}
    assert section_of(soup, notice, "contacts").find("div", class_="app-contact").find("h3")


def test_a_section_one_level_down_moves_its_sub_headings_down_too(client):
    notice = make_notice_page(body=with_levels({"lawful_basis": 3, "contacts": 4}))
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    lawful_basis = section_of(soup, notice, "lawful_basis")
    heading = lawful_basis.find(class_="app-section__heading")
    assert heading.name == "h3"
    assert heading["id"] == lawful_basis["aria-labelledby"]
    assert lawful_basis.find_all("h4") and not lawful_basis.find_all("h2")
    contacts = section_of(soup, notice, "contacts")
    assert contacts.find(class_="app-section__heading").name == "h4"
    assert contacts.find("div", class_="app-contact").find("h5")
    contents = [link.get_text(strip=True) for link in soup.select(".app-contents-list a")]
    assert [section.heading for section in notice.sections] == contents


def test_the_level_is_two_to_four_and_a_setting_of_every_section():
    block = LawfulBasisBlock()
    assert block.child_blocks["heading_level"].get_default() == 2
    assert block.meta.form_layout.settings == [
        "heading_level",
        "show_heading",
        "standard_subheadings",
    ]
    for child in NoticeBodyBlock().child_blocks.values():
        assert "heading_level" in child.child_blocks
    field = ContactsBlock().child_blocks["heading_level"].field
    assert (field.min_value, field.max_value) == (2, 4)


def test_a_notice_file_names_a_level_only_when_it_is_not_two():
    notice = make_notice_page(body=with_levels({"sharing": 3}))
    body = export_notice(notice)["notice"]["body"]
    levels = {section["type"]: section["value"].get("heading_level") for section in body}
    assert levels["sharing"] == 3
    assert [name for name, level in levels.items() if level is not None] == ["sharing"]


def notice_file(levels: dict[str, object]) -> dict:
    notice = make_notice_page(body=with_levels({}), slug="levels")
    data = export_notice(notice)
    for section in data["notice"]["body"]:
        if section["type"] in levels:
            section["value"]["heading_level"] = levels[section["type"]]
    return data


def test_a_notice_file_sets_a_level():
    import_notice(notice_file({"retention": 4}))
    page = NoticePage.objects.get(slug="levels")
    levels = {child.block_type: child.value["heading_level"] for child in page.body}
    assert levels["retention"] == 4
    assert {level for name, level in levels.items() if name != "retention"} == {2}


@pytest.mark.parametrize(("level", "message"), [(5, "less than or equal to 4"), ("two", "whole")])
def test_a_notice_file_with_a_level_out_of_range_is_refused(level, message):
    data = notice_file({"summary": level})
    with pytest.raises(NoticeFileError) as caught:
        import_notice(data)
    problems = {problem.location: problem.message for problem in caught.value.problems}
    assert message in problems["notice.body[0].value.heading_level"], problems

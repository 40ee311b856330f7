"""The easy read blocks: readable anchors, short lists, and an id for every new point."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.stream_block import StreamBlockAdapter

from notice_blocks.easy_read.blocks import EasyReadBodyBlock, EasyReadSectionBlock

pytestmark = pytest.mark.django_db

SHARED_ID = "6f1d1c1e-5b0a-4c53-9b43-6d0f4d9f2a11"


def section(heading: str, *texts: str, point_ids=()) -> dict:
    ids = list(point_ids) or [f"{heading}-{n}" for n in range(len(texts))]
    return {
        "type": "section",
        "id": heading,
        "value": {
            "topic": "summary",
            "heading": heading,
            "points": [
                {
                    "type": "item",
                    "id": point_id,
                    "value": {"picture": "council", "image": None, "alt_text": "", "text": text},
                }
                for point_id, text in zip(ids, texts, strict=True)
            ],
        },
    }


def word_list(*entries: tuple[str, str]) -> dict:
    return {
        "type": "word_list",
        "id": "words",
        "value": {
            "heading": "",
            "words": [
                {"type": "item", "id": f"w{n}", "value": {"word": word, "meaning": meaning}}
                for n, (word, meaning) in enumerate(entries)
            ],
        },
    }


def rendered(*children: dict) -> BeautifulSoup:
    block = EasyReadBodyBlock()
    return BeautifulSoup(block.render(block.to_python(list(children))), "html.parser")


def test_points_and_meanings_have_readable_anchors_numbered_among_the_sections():
    soup = rendered(
        word_list(("Consent", "Saying yes."), ("Court", "Where a judge decides.")),
        section("About us", "We are the council.", "We help children."),
        section("Sharing", "We share it.", point_ids=[SHARED_ID]),
    )

    assert [point["id"] for point in soup.select(".app-easy-read-point")] == [
        "section-1-point-1",
        "section-1-point-2",
        "section-2-point-1",
    ]
    assert [meaning["id"] for meaning in soup.select(".app-word-list__meaning")] == [
        "word-list-meaning-1",
        "word-list-meaning-2",
    ]
    # A published page is not marked: only a preview has a review.
    assert not soup.select("[data-easy-read-issues]")


def test_a_point_s_list_renders_as_a_list_after_its_lead_in():
    soup = rendered(section("Sharing", "We share it with:\n- doctors\n- schools\nWe keep it safe."))
    text = soup.select_one(".app-easy-read-point__text")

    assert [child.name for child in text.find_all(recursive=False)] == ["p", "ul", "p"]
    assert [item.get_text() for item in text.select("ul li")] == ["doctors", "schools"]
    assert text.p.get_text() == "We share it with:"


def test_a_section_rendered_on_its_own_has_points_without_anchors():
    block = EasyReadSectionBlock()
    soup = BeautifulSoup(
        block.render(block.to_python(section("About", "Hi.")["value"])), "html.parser"
    )
    assert not soup.select_one(".app-easy-read-point").has_attr("id")


def test_new_sections_and_word_lists_bring_no_ids_for_their_first_item():
    """The editor adds every new section from one default: its first point has no id."""
    defaults = StreamBlockAdapter().js_args(EasyReadBodyBlock())[2]

    assert [point["id"] for point in defaults["section"]["points"]] == [None]
    assert [word["id"] for word in defaults["word_list"]["words"]] == [None]


def test_cleaning_gives_points_and_words_that_share_an_id_ids_of_their_own():
    block = EasyReadBodyBlock()
    value = block.to_python(
        [
            section("About us", "We are the council.", point_ids=[SHARED_ID]),
            section("Sharing", "We share it.", "We keep it safe.", point_ids=[SHARED_ID, ""]),
            {**word_list(("Consent", "Saying yes.")), "id": "About us"},
        ]
    )

    cleaned = block.clean(value)

    point_ids = [
        point.id
        for child in cleaned
        if child.block_type == "section"
        for point in child.value["points"].bound_blocks
    ]
    assert point_ids[0] == SHARED_ID
    assert len(set(point_ids)) == 3 and all(point_ids)
    child_ids = [child.id for child in cleaned]
    assert child_ids[:2] == ["About us", "Sharing"]
    assert child_ids[2] not in child_ids[:2]
    assert [word.id for word in cleaned[2].value["words"].bound_blocks] == ["w0"]

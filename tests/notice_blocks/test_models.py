import pytest

from notice_blocks.models import NoticePage
from tests.utils import EVERY_BLOCK_BODY, make_notice_page

pytestmark = pytest.mark.django_db


def test_sections_have_headings_and_stable_anchors():
    page = make_notice_page()
    sections = page.sections
    assert [s.heading for s in sections][:3] == [
        "Summary",
        "What personal information do we use?",
        "What do we use your personal information for?",
    ]
    assert sections[-1].heading == "Updates to this notice"
    assert len({s.anchor for s in sections}) == len(EVERY_BLOCK_BODY)
    reloaded = NoticePage.objects.get(pk=page.pk)
    assert [s.anchor for s in reloaded.sections] == [s.anchor for s in sections]


def test_editor_heading_overrides_the_standard_one():
    body = [("summary", {"heading": "Children's Social Care", "text": "<p>Text.</p>"})]
    page = make_notice_page(body=body)
    assert page.sections[0].heading == "Children's Social Care"

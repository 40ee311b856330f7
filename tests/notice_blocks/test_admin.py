"""Editors compose notices in the Wagtail admin from every section block."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.models import NoticePage
from tests.admin_forms import block_form_data
from tests.utils import EVERY_BLOCK_BODY, make_notice_index, make_shared_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def without_ids(data):
    """Block data as an editor sees it: no generated ids or rich text block keys."""
    if isinstance(data, str):
        return re.sub(r' data-block-key="[^"]*"', "", data)
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def test_add_form_offers_every_section_block(editor_client):
    index = make_notice_index()
    url = reverse("wagtailadmin_pages:add", args=("notice_blocks", "noticepage", index.pk))
    response = editor_client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    definition = soup.find(id="body")["data-w-block-data-value"]
    for name, block in NoticeBodyBlock().child_blocks.items():
        assert f'"{name}"' in definition, name
        assert json.dumps(str(block.meta.description))[1:-1] in definition, name


def test_editor_publishes_a_notice_built_from_every_block(editor_client):
    index = make_notice_index()
    details = make_shared_details()
    body_block = NoticeBodyBlock()
    body = NoticePage(body=EVERY_BLOCK_BODY).body
    data = {
        "title": "Fostering",
        "slug": "fostering",
        "version_label": "V2.1",
        "last_reviewed": "2025-06-01",
        **{field: detail.pk for field, detail in details.items()},
        "action-publish": "action-publish",
        **block_form_data(body_block, body, "body"),
    }
    url = reverse("wagtailadmin_pages:add", args=("notice_blocks", "noticepage", index.pk))

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = NoticePage.objects.get(slug="fostering")
    assert page.live
    assert page.data_protection_officer == details["data_protection_officer"]
    assert [child.block_type for child in page.body] == [name for name, _ in EVERY_BLOCK_BODY]
    # The form stores every field of each section as the editor left it: a heading level of
    # 2, the heading shown, the fields the body above leaves out at their defaults.
    expected = [
        {"type": child.block_type, "value": without_ids(child.block.get_prep_value(child.value))}
        for child in body_block.to_python(body.get_prep_value())
    ]
    assert all(section["value"]["heading_level"] == 2 for section in expected)
    assert all(section["value"]["show_heading"] is True for section in expected)
    assert without_ids(page.body.get_prep_value()) == expected
    assert editor_client.get(page.url).status_code == 200


def test_editor_sees_a_clear_error_for_an_other_section_without_heading(editor_client):
    index = make_notice_index()
    section = {"heading": "", "topic": "other", "text": "<p>x</p>"}
    body = NoticePage(body=[("general", section)]).body
    data = {
        "title": "Broken",
        "slug": "broken",
        "action-publish": "action-publish",
        **block_form_data(NoticeBodyBlock(), body, "body"),
    }
    url = reverse("wagtailadmin_pages:add", args=("notice_blocks", "noticepage", index.pk))

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "A section on another topic needs a heading." in response.content.decode()
    assert not Page.objects.filter(slug="broken").exists()

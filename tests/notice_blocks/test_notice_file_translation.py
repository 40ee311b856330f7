"""A notice imported from a notice file that leaves fields out is translated like any other.

An import stores every field of every block (a field the file leaves out at its default) and
every list item with its id, which wagtail-localize needs to extract a body's segments and
write its translation back. The notice is submitted for translation, translated string by
string in the translation editor, published, changed, synced and published again.
"""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.translation import deactivate
from wagtail import blocks
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import TranslationSource

from notice_blocks.easy_read.models import EasyReadNoticePage
from notice_blocks.models import NoticePage
from notice_blocks.notice_files import import_notice, read_notice_file

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

DATA = Path(settings.BASE_DIR) / "tests" / "data" / "completeness"

#: A title and one section, each with only some of its fields.
MINIMAL = """\
format: privacy-notice
format_version: 2
notice:
  title: Library membership
  body:
    - type: purposes
      value:
        purposes:
          - lending books
"""

#: Format 1: a rights section without its rights (the eight standard rights, as codes).
FORMAT_1 = """\
format: privacy-notice
format_version: 1
notice:
  title: Library membership
  body:
    - type: rights
      value:
        intro: <p>You have rights over your information.</p>
"""

#: A minimal easy read version, below the minimal notice.
EASY_READ = """\
  easy_read:
    title: "Library membership: easy read"
    body:
      - type: section
        value:
          topic: purposes
          heading: What we use it for
          points:
            - picture: council
              text: We lend you books.
"""

#: Each notice file, and the field of its first section that the council changes afterwards.
NOTICE_FILES = {
    "minimal": (MINIMAL, "intro"),
    "format 1": (FORMAT_1, "outro"),
    "with gaps": ((DATA / "gaps.yaml").read_text(), "text"),
}
CHANGED = "We also use your information to send you reminders."


def welsh(text: str) -> str:
    return f"[cy] {text}"


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests under /cy/ leave their language active in this thread: put English back."""
    yield
    deactivate()


@pytest.fixture
def lead(django_user_model):
    user = django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")
    client = Client()
    client.force_login(user)
    return client


def imported(tmp_path: Path, text: str) -> NoticePage:
    path = tmp_path / "notice.yaml"
    path.write_text(text)
    return import_notice(read_notice_file(str(path))).page


def left_out(block: blocks.Block, value: object, place: str) -> list[str]:
    """Where a stored ``value`` of ``block`` lacks a field or a text, or an item its id."""
    if isinstance(block, blocks.BaseStreamBlock):
        return [
            problem
            for index, child in enumerate(value)
            for problem in ([f"{place}[{index}]: no id"] if not child.get("id") else [])
            + left_out(block.child_blocks[child["type"]], child["value"], f"{place}[{index}]")
        ]
    if isinstance(block, blocks.ListBlock):
        problems = []
        for index, item in enumerate(value):
            if not (isinstance(item, dict) and item.get("type") == "item" and item.get("id")):
                problems.append(f"{place}[{index}]: not an item with an id")
                continue
            problems += left_out(block.child_block, item["value"], f"{place}[{index}]")
        return problems
    if isinstance(block, blocks.BaseStructBlock):
        return [
            problem
            for name, child_block in block.child_blocks.items()
            for problem in (
                left_out(child_block, value[name], f"{place}.{name}")
                if name in value
                else [f"{place}.{name}: left out"]
            )
        ]
    # A text with no value at all (not even empty) has no string to translate.
    text = isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.RichTextBlock)
    return [f"{place}: no text"] if text and value is None else []


def stored_body(page: NoticePage | EasyReadNoticePage) -> list:
    """The body as the database holds it, and as its latest revision does."""
    stored = type(page).objects.get(pk=page.pk).body.raw_data
    revision = page.latest_revision.content["body"]
    return [
        list(stored),
        json.loads(revision) if isinstance(revision, str) else revision,
    ]


def editor_segments(client: Client, page: NoticePage) -> list[dict]:
    """The strings the translation editor of ``page`` (a translation) offers."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.content[:300]
    editor = BeautifulSoup(response.content, "html.parser").select_one(".js-translation-editor")
    return [
        segment
        for segment in json.loads(editor["data-props"])["segments"]
        if segment["type"] == "string"
    ]


def translate_in_editor(client: Client, page: NoticePage, sources: set[str] | None = None) -> int:
    """Translate each string (or each of ``sources``) in the editor; how many were translated."""
    count = 0
    for segment in editor_segments(client, page):
        if sources is not None and segment["source"] not in sources:
            continue
        # A slug stays as it is (the URL is told apart by its language prefix).
        value = segment["source"] if segment["contentPath"] == "slug" else welsh(segment["source"])
        response = client.put(
            segment["editUrl"],
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content[:300]
        count += 1
    return count


def publish_in_editor(client: Client, page: NoticePage) -> None:
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
    )
    assert response.status_code == 302, response.content[:300]


def main_text(page: NoticePage) -> str:
    response = Client().get(page.url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    return " ".join(main.get_text().split())


@pytest.mark.parametrize("name", NOTICE_FILES)
def test_an_imported_notice_stores_every_field(tmp_path, name):
    text, _field = NOTICE_FILES[name]
    page = imported(tmp_path, text)
    block = NoticePage._meta.get_field("body").stream_block

    for body in stored_body(page):
        assert body
        assert left_out(block, body, "body") == []


def test_an_imported_easy_read_version_stores_every_field(tmp_path, settings):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = False
    notice = imported(tmp_path, MINIMAL.replace("notice:\n", "notice:\n" + EASY_READ, 1))
    page = EasyReadNoticePage.objects.child_of(notice).get()
    block = EasyReadNoticePage._meta.get_field("body").stream_block

    for body in stored_body(page):
        assert body
        assert left_out(block, body, "body") == []


@pytest.mark.parametrize("name", NOTICE_FILES)
def test_an_imported_notice_is_translated_through_the_admin(
    tmp_path, lead, name, django_capture_on_commit_callbacks
):
    text, field = NOTICE_FILES[name]
    page = imported(tmp_path, text)
    welsh_locale = Locale.objects.get_or_create(language_code="cy")[0]

    # Submitted for translation into Welsh.
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [welsh_locale.pk]},
        )
    assert response.status_code == 302
    translation = page.get_translation(welsh_locale)

    # Every string is translated in the translation editor, and the translation published.
    assert translate_in_editor(lead, translation) > 1
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(lead, translation)
    translation.refresh_from_db()
    assert translation.live
    assert translation.title == welsh(page.title)
    assert welsh(page.title) in main_text(translation)

    # The council changes the notice; the translation is synced, and the new words translated.
    english = NoticePage.objects.get(pk=page.pk)
    body = english.body
    body[0].value[field] = RichText(f"<p>{CHANGED}</p>")
    english.body = body
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert lead.get(update).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert lead.post(update, {}).status_code == 302

    assert translate_in_editor(lead, translation, {CHANGED}) == 1
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(lead, translation)
    text = main_text(NoticePage.objects.get(pk=translation.pk))
    assert welsh(CHANGED) in text
    assert CHANGED not in text.replace(welsh(CHANGED), "")

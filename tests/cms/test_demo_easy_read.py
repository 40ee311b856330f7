"""The demo notices' easy read versions, and the Urdu and Welsh translations of Bolton's."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from cms.demo import DEMO_NOTICE_FILES
from cms.demo.translating import TRANSLATIONS_DIR, read_po, translated_objects
from notice_blocks.easy_read.checks import check_body
from notice_blocks.easy_read.models import EasyReadNoticePage, easy_read_version
from notice_blocks.easy_read.review import EasyReadReview
from notice_blocks.models import NoticePage
from tests.reference_text import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

NOTICE_NAMES = [path.stem for path in DEMO_NOTICE_FILES]
BOLTON = "bolton-childrens-social-care"
EASY_READ_PO_DIR = TRANSLATIONS_DIR / BOLTON / "easy-read"
TRANSLATIONS = [("ur", "rtl"), ("cy", "ltr")]


def english_notice(name: str) -> NoticePage:
    return NoticePage.objects.get(slug=name, locale__language_code="en")


def easy_read_of(notice: NoticePage) -> EasyReadNoticePage:
    return EasyReadNoticePage.objects.child_of(notice).get()


def translated_easy_read(language_code: str) -> EasyReadNoticePage:
    return easy_read_of(english_notice(BOLTON)).get_translation(
        Locale.objects.get(language_code=language_code)
    )


def topics_in_order(sections) -> list[str]:
    """The kinds of section a body covers, each once, in the order they first appear."""
    return list(dict.fromkeys(sections))


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_each_notice_has_a_live_easy_read_version(name):
    notice = english_notice(name)
    page = easy_read_of(notice)

    assert page.live and not page.has_unpublished_changes
    assert page.slug == "easy-read"
    assert page.url == f"/en/{name}/easy-read/"
    assert page.full_notice == notice
    assert easy_read_version(notice) == page
    assert (page.version_label, page.last_reviewed) == (notice.version_label, notice.last_reviewed)


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_easy_read_covers_every_topic_of_the_notice_in_its_order(name):
    notice = english_notice(name)
    page = easy_read_of(notice)

    covered = [child.value["topic"] for child in page.body if child.block_type == "section"]
    assert topics_in_order(covered) == topics_in_order(child.block_type for child in notice.body)
    assert [child.block_type for child in page.body][-1] == "word_list"


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_english_easy_read_passes_every_check_and_its_pdf_is_short(name):
    page = easy_read_of(english_notice(name))

    assert EasyReadReview.of(page, count_pages=True).findings == ()


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_easy_read_keeps_the_councils_contact_details(client, name):
    notice = english_notice(name)
    response = client.get(easy_read_of(notice).url)
    text = visible_text(response.content.decode())

    authority = notice.supervisory_authority
    assert authority.phone in text
    assert authority.address in text
    officer = notice.data_protection_officer
    if officer.email:
        assert officer.email in text
    assert notice.data_controller.website.removeprefix("https://").rstrip("/") in text


@pytest.mark.parametrize("code", [code for code, _direction in TRANSLATIONS])
def test_translated_easy_read_passes_every_check_and_its_pdf_is_short(code):
    page = translated_easy_read(code)

    assert page.locale.language_code == code
    assert check_body(page.body, code) == []
    assert EasyReadReview.of(page, count_pages=True).findings == ()


@pytest.mark.parametrize(("code", "direction"), TRANSLATIONS)
def test_translated_easy_read_is_live_below_the_translated_notice(client, code, direction):
    page = translated_easy_read(code)
    english = easy_read_of(english_notice(BOLTON))

    assert page.live and not page.has_unpublished_changes
    assert page.url == f"/{code}/{BOLTON}/easy-read/"
    assert page.full_notice == english_notice(BOLTON).get_translation(page.locale)
    assert page.title != english.title
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    root = BeautifulSoup(html, "html.parser").html
    assert (root["lang"], root["dir"]) == (code, direction)
    text = visible_text(html)
    # Telephone numbers, email and web addresses are kept as they are.
    for kept in ("0303 123 1113", "information.security@bolton.gov.uk", "www.bolton.gov.uk"):
        assert kept in text
    # No point is left in English.
    english_lines = [
        line
        for child in english.body
        if child.block_type == "section"
        for point in child.value["points"]
        for line in point["text"].splitlines()
        if not line.startswith("Information Commissioner's Office, Wycliffe House")
    ]
    assert [line for line in english_lines if line in text] == []


@pytest.mark.postgres
@pytest.mark.parametrize("code", [code for code, _direction in TRANSLATIONS])
def test_po_file_matches_the_english_easy_read(code):
    """Every string wagtail-localize exports from the English easy read has its translation."""
    [translated] = [
        translated
        for translated in translated_objects(english_notice(BOLTON))
        if isinstance(translated.instance, EasyReadNoticePage)
    ]
    source, _ = TranslationSource.update_or_create_from_instance(translated.instance)
    exported = {(entry.msgctxt, entry.msgid) for entry in source.export_po()}
    shipped = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in read_po(translated.po_path(code))
    }

    assert translated.po_path(code) == EASY_READ_PO_DIR / f"{code}.po"
    assert exported == set(shipped)
    assert all(shipped.values())


def test_full_and_easy_read_versions_link_to_each_other(client):
    notice = english_notice(BOLTON)
    easy_read = easy_read_of(notice)

    full_html = BeautifulSoup(client.get(notice.url).content.decode(), "html.parser")
    easy_html = BeautifulSoup(client.get(easy_read.url).content.decode(), "html.parser")

    assert full_html.find("a", string="Easy read version")["href"] == easy_read.url
    assert easy_html.find("a", string="Full version")["href"] == notice.url

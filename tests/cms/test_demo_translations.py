"""The demo's Welsh and Urdu translations of the Bolton notice, applied through wagtail-localize."""

from io import StringIO

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.demo.translating import (
    TRANSLATED_NOTICES,
    TRANSLATION_LANGUAGES,
    TRANSLATIONS_DIR,
    apply_translation,
    read_po,
    translated_objects,
)
from notice_blocks.models import NoticePage
from tests.reference_text import missing_sentences, reference_sentences, visible_text

pytestmark = pytest.mark.django_db

BOLTON = "bolton-childrens-social-care"
SHIPPED_PO_FILES = sorted(TRANSLATIONS_DIR.rglob("*.po"))

# Reference sentences the page takes from the interface's own translations (locale/), not
# from the notice: a section heading the block supplies and a standard right's name.
INTERFACE_STRINGS = frozenset(
    {"Child Protection Information Sharing (CP-IS)", "Automated Decisions"}
)


def load_demo_notices() -> str:
    output = StringIO()
    call_command("load_demo_notices", stdout=output)
    return output.getvalue()


def english_bolton() -> NoticePage:
    return NoticePage.objects.get(slug=BOLTON, locale__language_code="en")


def translated_bolton(language_code: str) -> NoticePage:
    return english_bolton().get_translation(Locale.objects.get(language_code=language_code))


def msgstr(path, msgctxt: str) -> str:
    return next(entry.msgstr for entry in read_po(path) if entry.msgctxt == msgctxt)


def test_demo_ships_welsh_and_urdu_for_bolton():
    assert TRANSLATED_NOTICES == (BOLTON,)
    assert TRANSLATION_LANGUAGES == ("cy", "ur")
    assert {path.relative_to(TRANSLATIONS_DIR).as_posix() for path in SHIPPED_PO_FILES} == {
        f"{folder}{code}.po"
        for code in ("cy", "ur")
        for folder in (
            "privacy-notices/",
            f"{BOLTON}/",
            f"{BOLTON}/data_controller/",
            f"{BOLTON}/data_protection_officer/",
            f"{BOLTON}/supervisory_authority/",
            f"{BOLTON}/general_privacy_notice/",
            f"{BOLTON}/easy-read/",
        )
    }


@pytest.mark.parametrize("path", SHIPPED_PO_FILES, ids=lambda path: path.parent.name + path.name)
def test_po_files_are_complete(path):
    po = polib.pofile(str(path))

    assert po.metadata["Language"] == path.stem
    assert len(po) > 0
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.obsolete_entries() == []
    assert po.percent_translated() == 100


@pytest.mark.postgres
def test_translated_pages_are_live_in_their_locales(demo):
    output = demo
    english = english_bolton()

    for code in TRANSLATION_LANGUAGES:
        page = translated_bolton(code)
        po_path = TRANSLATIONS_DIR / BOLTON / f"{code}.po"
        assert page.locale.language_code == code
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.title == msgstr(po_path, "title") != english.title
        assert page.url == f"/{code}/{BOLTON}/"
        assert page.get_parent().specific.title == msgstr(
            TRANSLATIONS_DIR / "privacy-notices" / f"{code}.po", "title"
        )
        assert f"Translation ({code}) created: {page.title} http://127.0.0.1:8000{page.url}" in (
            output
        )
        # The translated page chooses the translations of the shared details.
        for field_name in ("data_controller", "data_protection_officer", "supervisory_authority"):
            detail = getattr(page, field_name)
            assert detail.locale.language_code == code
            assert detail.translation_key == getattr(english, field_name).translation_key
            assert detail.name == msgstr(
                TRANSLATIONS_DIR / BOLTON / field_name / f"{code}.po", "name"
            )


@pytest.mark.postgres
def test_every_segment_is_translated(demo):
    for code in TRANSLATION_LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        for translated in translated_objects(english_bolton()):
            source = TranslationSource.objects.get_for_instance(translated.instance)
            translation = Translation.objects.get(source=source, target_locale=locale)
            total, done = translation.get_progress()
            assert total > 0
            assert done == total, (code, translated.instance)


@pytest.mark.parametrize(("code", "direction"), [("ur", "rtl"), ("cy", "ltr")])
def test_translated_page_leaves_no_english_sentence_of_the_notice(client, demo, code, direction):
    response = client.get(translated_bolton(code).url)
    assert response.status_code == 200
    html = response.content.decode()
    root = BeautifulSoup(html, "html.parser").html
    sentences = reference_sentences(BOLTON)

    missing = missing_sentences(sentences, visible_text(html))
    english_left = [sentence for sentence in sentences if sentence not in missing]

    assert (root["lang"], root["dir"]) == (code, direction)
    assert len(sentences) > 80
    assert set(english_left) <= INTERFACE_STRINGS, (
        f"{len(english_left)} English sentences of the Bolton notice are on the {code} page:\n"
        + "\n".join(f"  - {sentence}" for sentence in english_left)
    )
    # The English page has every one of them, so the comparison can find them.
    english = visible_text(client.get(english_bolton().url).content.decode())
    assert missing_sentences(sentences, english) == []


@pytest.mark.parametrize(
    ("code", "site_name"), [("ur", "رازداری کے نوٹس"), ("cy", "Hysbysiadau preifatrwydd")]
)
def test_the_header_names_the_site_in_the_pages_language(client, demo, code, site_name):
    soup = BeautifulSoup(client.get(translated_bolton(code).url).content, "html.parser")
    home_link = soup.select_one(".app-header__link")

    assert home_link.get_text(strip=True) == site_name
    assert home_link["href"] == f"/{code}/"
    assert not home_link.has_attr("lang")
    assert soup.title.get_text().endswith(f" – {site_name}")


@pytest.mark.postgres
def test_second_run_creates_no_revision(demo):
    def saved_state() -> tuple[list, list, list]:
        return (
            list(Revision.objects.order_by("pk").values_list("pk", flat=True)),
            list(Page.objects.order_by("pk").values_list("pk", "path", "latest_revision_id")),
            list(StringTranslation.objects.order_by("pk").values_list("pk", "data")),
        )

    before = saved_state()

    output = load_demo_notices()

    assert saved_state() == before
    assert output.count("unchanged:") == 14
    assert "created" not in output and "updated" not in output


@pytest.mark.postgres
def test_shipped_po_files_match_the_current_english_notice(demo):
    """Every string wagtail-localize exports from the demo today has its shipped translation."""

    for code in TRANSLATION_LANGUAGES:
        for translated in translated_objects(english_bolton()):
            source, _ = TranslationSource.update_or_create_from_instance(translated.instance)
            exported = {(entry.msgctxt, entry.msgid) for entry in source.export_po()}
            shipped = {
                (entry.msgctxt, entry.msgid): entry.msgstr
                for entry in read_po(translated.po_path(code))
            }

            assert exported, translated.instance
            assert exported == set(shipped), (
                f"{translated.po_path(code)} does not match the English "
                f"{translated.instance!r}: untranslated {sorted(exported - set(shipped))}, "
                f"stale {sorted(set(shipped) - exported)}"
            )
            assert all(shipped.values())


@pytest.mark.postgres
def test_an_untranslated_english_edit_is_counted_and_falls_back_to_english(demo):
    english = english_bolton()
    english.title = "Privacy notice for children's social care services"
    english.save_revision().publish()
    urdu = Locale.objects.get(language_code="ur")

    result = apply_translation(english, urdu, read_po(TRANSLATIONS_DIR / BOLTON / "ur.po"))

    assert result.status == "updated"
    assert result.untranslated == 1
    assert translated_bolton("ur").title == english.title

"""The easy read picture library: safe, wordless pictograms with real alt text in every language."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from notice_blocks.easy_read.pictures import PICTURES, get_picture, picture_choices

SVG = "{http://www.w3.org/2000/svg}"
PALETTE = {"none", "#0b0c0c", "#1d70b8", "#00703c", "#d4351c", "#ffffff", "#f3f2f1"}
FORBIDDEN_ELEMENTS = {"script", "image", "text", "tspan", "foreignObject", "use", "a", "style"}
MAX_BYTES = 6 * 1024
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def picture_file(key: str) -> Path:
    found = finders.find(PICTURES[key].static_path)
    assert found, f"{key}: no SVG at {PICTURES[key].static_path}"
    return Path(found)


def elements(key: str) -> list[ET.Element]:
    return list(ET.parse(picture_file(key)).getroot().iter())


def test_library_has_at_least_30_pictures():
    assert len(PICTURES) >= 30


def test_keys_are_the_picture_keys():
    assert all(key == picture.key for key, picture in PICTURES.items())
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", key) for key in PICTURES)


def test_picture_folder_holds_only_library_pictures():
    folder = picture_file("phone").parent
    assert {path.stem for path in folder.glob("*.svg")} == set(PICTURES)
    assert "CC BY 4.0" in (folder / "LICENCE.md").read_text()


@pytest.mark.parametrize("key", PICTURES)
def test_picture_is_a_small_120_square_svg(key):
    path = picture_file(key)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 120 120"
    assert path.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("key", PICTURES)
def test_picture_carries_no_words_scripts_or_references(key):
    source = picture_file(key).read_text()
    assert "<!" not in source, "no doctype, entities or comments"
    for element in elements(key):
        name = element.tag.removeprefix(SVG)
        assert element.tag.startswith(SVG), f"{key}: {element.tag} is not SVG"
        assert name not in FORBIDDEN_ELEMENTS, f"{key}: <{name}>"
        assert not (element.text or "").strip(), f"{key}: <{name}> holds text"
        for attribute, value in element.attrib.items():
            assert "href" not in attribute, f"{key}: {attribute}"
            assert not attribute.lower().startswith("on"), f"{key}: {attribute}"
            assert "url(" not in value and "//" not in value, f"{key}: {attribute}={value}"


@pytest.mark.parametrize("key", PICTURES)
def test_picture_uses_only_the_library_colours(key):
    for element in elements(key):
        for attribute in ("fill", "stroke"):
            colour = element.get(attribute)
            assert colour is None or colour in PALETTE, f"{key}: {attribute}={colour}"


@pytest.mark.parametrize("key", PICTURES)
def test_alt_text_describes_the_picture(key):
    alt = str(PICTURES[key].alt)
    assert alt.strip() == alt and alt
    assert alt.lower() != key.lower() and alt.lower() != key.replace("-", " ")
    assert ".svg" not in alt and "_" not in alt and "/" not in alt
    assert len(alt) <= 100
    assert alt[0].isupper()


def test_alt_texts_are_all_different():
    alts = [str(picture.alt) for picture in PICTURES.values()]
    assert len(set(alts)) == len(alts)


def test_picture_choices_follow_the_library():
    choices = picture_choices()
    assert [key for key, _alt in choices] == list(PICTURES)
    assert [str(alt) for _key, alt in choices] == [str(p.alt) for p in PICTURES.values()]


def test_get_picture():
    assert get_picture("police") is PICTURES["police"]
    assert get_picture("police").static_path == "notice_blocks/easy-read/pictures/police.svg"
    assert get_picture("no-such-picture") is None
    assert get_picture("") is None


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_alt_text_is_translated_in_every_shipped_language(language):
    english = {key: str(picture.alt) for key, picture in PICTURES.items()}
    with translation.override(language):
        untranslated = [
            key for key, picture in PICTURES.items() if str(picture.alt) == english[key]
        ]
    assert not untranslated, f"{language}: alt text not translated for {untranslated}"

"""The point's picture is chosen from labelled thumbnails of the library, not a list of names."""

from bs4 import BeautifulSoup
from django.templatetags.static import static

from notice_blocks.easy_read.blocks import EasyReadPointBlock
from notice_blocks.easy_read.pictures import PICTURES
from notice_blocks.easy_read.widgets import PictureRadioSelect


def picture_field() -> BeautifulSoup:
    field = EasyReadPointBlock().child_blocks["picture"].field
    html = field.widget.render("picture", "police", attrs={"id": "picture"})
    return BeautifulSoup(html, "html.parser")


def test_the_point_s_picture_is_chosen_with_the_picture_widget():
    field = EasyReadPointBlock().child_blocks["picture"].field
    assert isinstance(field.widget, PictureRadioSelect)


def test_the_pictures_are_a_named_group_of_radio_buttons():
    soup = picture_field()
    [root] = soup.find_all(recursive=False)

    assert root.name == "fieldset"
    assert root.legend.get_text(strip=True) == "Picture from the library"
    radios = root.select("input[type=radio]")
    assert [radio["value"] for radio in radios] == ["", *PICTURES]
    assert [radio["value"] for radio in radios if radio.has_attr("checked")] == ["police"]


def test_each_picture_is_labelled_with_its_thumbnail_and_alt_text():
    soup = picture_field()

    for key, picture in PICTURES.items():
        radio = soup.select_one(f"input[value='{key}']")
        label = soup.select_one(f"label[for='{radio['id']}']")
        assert label.get_text(" ", strip=True) == str(picture.alt)
        thumbnail = label.img
        assert thumbnail["src"] == static(picture.static_path)
        # The label says what the picture shows, so the thumbnail is not read out again.
        assert thumbnail["alt"] == ""


def test_the_blank_choice_is_no_picture_from_the_library():
    soup = picture_field()
    radio = soup.select_one("input[value='']")
    label = soup.select_one(f"label[for='{radio['id']}']")

    assert label.get_text(strip=True) == "No picture from the library"
    assert label.img is None


def test_the_widget_brings_its_stylesheet():
    assert "notice_blocks/easy-read/picture-chooser.css" in str(PictureRadioSelect().media)

"""The plain-language checks of easy read notices, on real text in the languages shipped."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.easy_read.blocks import EasyReadBodyBlock, topic_choices
from notice_blocks.easy_read.checks import (
    MAX_LIST_ITEMS,
    Check,
    Finding,
    check_body,
    check_page_count,
    check_topics,
    describe,
)
from notice_blocks.easy_read.hard_words import hard_words
from notice_blocks.easy_read.text import icu_locale, sentences, words

pytestmark = pytest.mark.django_db

ENGLISH_20_WORDS = (
    "We keep your name, address and date of birth safe on our computers so that we can help "
    "your family."
)
ENGLISH_15_WORDS = (
    "We keep your name – and your address – safe on our computers at the council office."
)
CHINESE_SHORT = "我们会保护你的个人信息，不会把它给不需要知道的人。"
CHINESE_LONG = (
    "我们会和医生、学校、警察和法院分享你的个人信息，因为他们需要帮助我们保护你和你的家人的安全。"
)
URDU_SHORT = "ہم آپ کی ذاتی معلومات محفوظ رکھتے ہیں۔"
URDU_LONG = (
    "ہم آپ کی معلومات ڈاکٹروں، اسکولوں، پولیس اور عدالتوں کے ساتھ شیئر کرتے ہیں تاکہ وہ آپ اور "
    "آپ کے خاندان کو محفوظ رکھنے میں ہماری مدد کر سکیں۔"
)
WELSH_SHORT = "Rydyn ni'n cadw'ch gwybodaeth yn ddiogel."
WELSH_LONG = (
    "Rydyn ni'n rhannu'ch gwybodaeth gyda meddygon, ysgolion, yr heddlu a llysoedd er mwyn "
    "iddyn nhw ein helpu ni i'ch cadw chi a'ch teulu yn ddiogel bob amser."
)
POLISH_SHORT = "Chronimy Twoje dane osobowe."
POLISH_LONG = (
    "Udostępniamy Twoje dane lekarzom, szkołom, policji i sądom, aby mogli nam pomóc chronić "
    "Ciebie i Twoją rodzinę przed krzywdą przez cały czas."
)


def point(text: str, point_id: str = "point-1", *, picture="letter", image=None, alt_text=""):
    return {
        "type": "item",
        "id": point_id,
        "value": {"picture": picture, "image": image, "alt_text": alt_text, "text": text},
    }


def section(*points, topic: str = "summary", section_id: str = "section-1") -> dict:
    return {
        "type": "section",
        "id": section_id,
        "value": {"topic": topic, "heading": "About this notice", "points": list(points)},
    }


def word_list(*entries: tuple[str, str]) -> dict:
    return {
        "type": "word_list",
        "id": "word-list",
        "value": {
            "heading": "",
            "words": [
                {"type": "item", "id": f"word-{n}", "value": {"word": word, "meaning": meaning}}
                for n, (word, meaning) in enumerate(entries)
            ],
        },
    }


def body(*children: dict):
    return EasyReadBodyBlock().to_python(list(children))


def findings_of(text: str, language_code: str = "en", *extra_children, **point_options):
    return check_body(body(section(point(text, **point_options)), *extra_children), language_code)


def checks_of(findings: list[Finding], check: Check) -> list[Finding]:
    return [finding for finding in findings if finding.check == check]


def own_image(title: str = "Social worker", filename: str = "social-worker.png") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file(filename=filename))


# Segmentation


def test_icu_locale_maps_django_language_codes():
    assert icu_locale("zh-hans") == "zh_Hans"
    assert icu_locale("pa") == "pa"
    assert icu_locale("ur") == "ur"
    assert icu_locale("en") == "en"


def test_words_leave_out_spaces_and_punctuation():
    assert len(ENGLISH_15_WORDS.split()) == 17
    assert len(words(ENGLISH_15_WORDS, "en")) == 15
    assert words("Rydyn ni'n cadw'ch gwybodaeth.", "cy") == [
        "Rydyn",
        "ni'n",
        "cadw'ch",
        "gwybodaeth",
    ]
    assert words(URDU_SHORT, "ur")[-1] == "ہیں"


def test_chinese_words_come_from_the_dictionary():
    segmented = words(CHINESE_SHORT, "zh-hans")
    assert len(CHINESE_SHORT.split()) == 1
    assert len(CHINESE_SHORT) > 15 >= len(segmented)
    assert "信息" in segmented
    assert len(words(CHINESE_LONG, "zh-hans")) > 15


def test_words_outside_the_basic_plane_do_not_shift_the_others():
    assert words("𠀀 data safe", "en") == ["𠀀", "data", "safe"]


@pytest.mark.parametrize(
    "text, language_code, expected",
    [
        ("We keep it safe. Is that all right? Yes!", "en", 3),
        ("We keep your data, e.g. your name, safe.", "en", 1),
        ("We keep it safe\nWe share it", "en", 2),
        ("ہم آپ کی معلومات محفوظ رکھتے ہیں۔ کیا آپ سمجھتے ہیں؟", "ur", 2),
        ("আমরা আপনার তথ্য নিরাপদ রাখি। আমরা এটি শেয়ার করি।", "bn", 2),
        ("我们会保护你的信息。我们不会卖掉它！", "zh-hans", 2),
    ],
)
def test_sentences_end_at_each_language_s_full_stops_and_at_line_breaks(
    text, language_code, expected
):
    assert len(sentences(text, language_code)) == expected


# Sentence and point length


def test_a_sentence_of_20_words_is_flagged():
    assert len(words(ENGLISH_20_WORDS, "en")) == 20
    [finding] = checks_of(findings_of(ENGLISH_20_WORDS), Check.SENTENCE_LENGTH)
    assert finding.place.section_index == 0
    assert finding.place.item_index == 0
    assert finding.place.field == "text"
    assert finding.place.block_id == "point-1"
    assert finding.problem.startswith("“We keep your name")
    assert finding.problem.endswith("has 20 words (limit: 15).")
    assert finding.message == f"Section 1 “About this notice”, point 1: {finding.problem}"


def test_a_sentence_of_15_words_passes():
    assert checks_of(findings_of(ENGLISH_15_WORDS), Check.SENTENCE_LENGTH) == []


def test_each_long_sentence_of_a_point_is_flagged_on_its_own():
    text = f"{ENGLISH_15_WORDS}\n{ENGLISH_20_WORDS}"
    [finding] = checks_of(findings_of(text), Check.SENTENCE_LENGTH)
    assert finding.problem.startswith("“We keep your name, address and date of birth")
    assert "20 words" in finding.message


@pytest.mark.parametrize(
    "short, long, language_code",
    [
        (CHINESE_SHORT, CHINESE_LONG, "zh-hans"),
        (URDU_SHORT, URDU_LONG, "ur"),
        (WELSH_SHORT, WELSH_LONG, "cy"),
        (POLISH_SHORT, POLISH_LONG, "pl"),
    ],
)
def test_sentence_length_in_other_languages(short, long, language_code):
    assert len(words(short, language_code)) <= 15 < len(words(long, language_code))
    assert checks_of(findings_of(short, language_code), Check.SENTENCE_LENGTH) == []
    [finding] = checks_of(findings_of(long, language_code), Check.SENTENCE_LENGTH)
    assert f"{len(words(long, language_code))} words" in finding.message


def test_the_sentence_limit_is_a_setting(settings):
    settings.NOTICE_EASY_READ_MAX_SENTENCE_WORDS = 10
    assert checks_of(findings_of(ENGLISH_15_WORDS), Check.SENTENCE_LENGTH)
    assert describe(Check.SENTENCE_LENGTH)[0] == "Sentence longer than 10 words"


def test_a_point_of_four_sentences_is_flagged_and_three_pass():
    three = "We keep your name.\nWe keep your address.\nWe keep them safe."
    assert checks_of(findings_of(three), Check.POINT_LENGTH) == []
    [finding] = checks_of(findings_of(three + " We check them."), Check.POINT_LENGTH)
    assert "4 sentences" in finding.message
    assert finding.place.block_id == "point-1"


def test_a_chinese_point_of_four_sentences_is_flagged():
    text = "我们保护你的信息。我们不卖它。我们不给别人。你可以问我们。"
    assert checks_of(findings_of(text, "zh-hans"), Check.POINT_LENGTH)


# Lists in a point

FIVE_ITEMS = "We share it with:\n- doctors\n- schools\n- the police\n- courts\n- charities"


def test_a_list_counts_as_one_sentence_with_the_line_that_leads_into_it():
    text = f"{FIVE_ITEMS}\nWe share it safely.\nWe only share what we must."
    assert len(sentences(text, "en")) == 8
    findings = findings_of(text)
    assert checks_of(findings, Check.POINT_LENGTH) == []
    assert checks_of(findings, Check.LIST_LENGTH) == []
    [finding] = checks_of(findings_of(f"{text}\nWe tell you first."), Check.POINT_LENGTH)
    assert "4 sentences" in finding.problem


def test_a_list_without_a_line_before_it_counts_as_a_sentence_of_its_own():
    text = "- doctors\n- schools\nWe share it safely.\nWe only share what we must."
    assert checks_of(findings_of(text), Check.POINT_LENGTH) == []
    [finding] = checks_of(findings_of(f"{text}\nWe tell you first."), Check.POINT_LENGTH)
    assert "4 sentences" in finding.problem


def test_each_item_of_a_list_is_checked_for_length_as_a_sentence():
    long_item = "the people at the council who look after the children and young people in our care"
    assert len(words(long_item, "en")) == 16
    [finding] = checks_of(findings_of(f"{FIVE_ITEMS}\n- {long_item}"), Check.SENTENCE_LENGTH)
    assert finding.problem.startswith("“the people at the council")
    assert "has 16 words (limit: 15)" in finding.problem


def test_a_list_of_more_than_five_items_is_flagged():
    assert MAX_LIST_ITEMS == 5
    [finding] = checks_of(findings_of(f"{FIVE_ITEMS}\n- lawyers"), Check.LIST_LENGTH)
    assert finding.problem == ("The list has 6 items (limit: 5). Put the others in a new point.")
    assert finding.place.field == "text"
    assert describe(Check.LIST_LENGTH)[0] == "List with more than 5 items"


def test_words_in_a_list_are_checked_for_acronyms_and_hard_words():
    findings = findings_of("We share it with:\n- the NHS\n- a third party")
    assert [finding.check for finding in findings] == [Check.ACRONYM, Check.HARD_WORD]


# Acronyms


def test_an_unexplained_acronym_is_flagged_once():
    findings = checks_of(findings_of("The ICO checks us. Tell the ICO."), Check.ACRONYM)
    assert [finding.problem.split("”")[0] for finding in findings] == ["“ICO"]


@pytest.mark.parametrize(
    "text",
    [
        "The Information Commissioner’s Office (ICO) checks us.",
        "The ICO (Information Commissioner’s Office) checks us.",
        "We live in the UK.",
    ],
)
def test_an_acronym_beside_its_words_or_allowed_passes(text):
    assert checks_of(findings_of(text), Check.ACRONYM) == []


def test_an_acronym_in_the_word_list_passes():
    text = "We use your NHS number. We tell your GPs."
    assert {f.problem for f in checks_of(findings_of(text), Check.ACRONYM)} == {
        "“NHS” is not explained. Write the words in full, or explain it in the word list.",
        "“GP” is not explained. Write the words in full, or explain it in the word list.",
    }
    explained = word_list(
        ("NHS number", "A number that the health service gives you."),
        ("GP", "Your doctor."),
    )
    assert checks_of(findings_of(text, "en", explained), Check.ACRONYM) == []


def test_allowed_acronyms_are_a_setting(settings):
    settings.NOTICE_EASY_READ_ALLOWED_ACRONYMS = ("UK", "NHS")
    assert checks_of(findings_of("We use your NHS number."), Check.ACRONYM) == []


def test_acronyms_are_found_in_text_without_spaces_and_with_hyphens():
    [finding] = checks_of(findings_of("我们和NHS分享你的信息。", "zh-hans"), Check.ACRONYM)
    assert "“NHS”" in finding.message
    [finding] = checks_of(findings_of("We use CP-IS to keep children safe."), Check.ACRONYM)
    assert "“CP-IS”" in finding.message


def test_an_acronym_in_urdu_text_is_flagged_and_explained_by_the_word_list():
    text = "ہم آپ کا NHS نمبر استعمال کرتے ہیں۔"
    assert checks_of(findings_of(text, "ur"), Check.ACRONYM)
    explained = word_list(("NHS", "صحت کی قومی سروس"))
    assert checks_of(findings_of(text, "ur", explained), Check.ACRONYM) == []


# Hard words


def test_hard_words_are_listed_once_each():
    listed = hard_words("en")
    assert "personal data" in listed
    assert "Information Commissioner" in listed
    assert len(listed) == len({word.casefold() for word in listed}) >= 40


def test_extra_hard_words_are_a_setting(settings):
    settings.NOTICE_EASY_READ_EXTRA_HARD_WORDS = {"en": ["Care Act", "CONSENT"], "cy": ["llys"]}
    listed = hard_words("en")
    assert "Care Act" in listed
    assert [word for word in listed if word.casefold() == "consent"] == ["consent"]
    assert "llys" in hard_words("cy")
    assert "llys" not in listed


def test_a_hard_word_is_flagged_until_the_word_list_explains_it():
    text = "We keep your personal data safe."
    [finding] = checks_of(findings_of(text), Check.HARD_WORD)
    assert finding.problem == "“personal data” is a hard word. Explain it in the word list."
    assert finding.place.block_id == "point-1"
    explained = word_list(("Personal data", "Information about you."))
    assert checks_of(findings_of(text, "en", explained), Check.HARD_WORD) == []


def test_hard_words_match_whole_words_and_their_endings():
    findings = checks_of(findings_of("We retained it. The controls work."), Check.HARD_WORD)
    assert [finding.problem.split("”")[0] for finding in findings] == ["“retain"]


def test_the_longest_hard_word_is_the_one_flagged():
    text = "You can talk to our data protection officer."
    [finding] = checks_of(findings_of(text), Check.HARD_WORD)
    assert "“data protection officer”" in finding.message
    explained = word_list(
        ("Data protection officer (DPO)", "The person who checks we follow the law.")
    )
    assert checks_of(findings_of(text, "en", explained), Check.HARD_WORD) == []
    assert checks_of(findings_of("Talk to our DPO.", "en", explained), Check.ACRONYM) == []


def test_hard_words_in_polish_and_welsh(settings):
    settings.NOTICE_EASY_READ_EXTRA_HARD_WORDS = {"pl": ["dane osobowe"], "cy": ["diogelu data"]}
    assert checks_of(findings_of(POLISH_SHORT, "pl"), Check.HARD_WORD)
    explained = word_list(("Dane osobowe", "Informacje o Tobie."))
    assert checks_of(findings_of(POLISH_SHORT, "pl", explained), Check.HARD_WORD) == []
    welsh = "Mae'r gyfraith diogelu data yn ein helpu ni."
    [finding] = checks_of(findings_of(welsh, "cy"), Check.HARD_WORD)
    assert "“diogelu data”" in finding.message


def test_hard_words_in_chinese_match_across_icu_s_word_boundaries(settings):
    settings.NOTICE_EASY_READ_EXTRA_HARD_WORDS = {"zh-hans": ["个人信息"]}
    assert "个人信息" not in words(CHINESE_SHORT, "zh-hans")
    [finding] = checks_of(findings_of(CHINESE_SHORT, "zh-hans"), Check.HARD_WORD)
    assert "“个人信息”" in finding.message
    explained = word_list(("个人信息", "关于你的信息。"))
    assert checks_of(findings_of(CHINESE_SHORT, "zh-hans", explained), Check.HARD_WORD) == []


# The word list's meanings


def test_a_long_meaning_is_flagged_on_the_meaning():
    meaning = "A child who needs help from us to be safe and healthy, or to grow up well."
    assert len(words(meaning, "en")) == 17
    stream = body(section(point("We help you.")), word_list(("Child in need", meaning)))
    [finding] = check_body(stream, "en")
    assert finding.check == Check.SENTENCE_LENGTH
    place = finding.place
    assert (place.section_index, place.list_name, place.item_index, place.field) == (
        1,
        "words",
        0,
        "meaning",
    )
    assert place.block_id == "word-0"
    assert place.anchor == "word-list-meaning-1"
    assert finding.message == (
        "Word list, “Child in need”: “A child who needs help from us to be safe and healthy, "
        "or to grow up well.” has 17 words (limit: 15)."
    )


def test_a_meaning_may_have_more_sentences_than_a_point_if_each_is_short():
    meaning = "A plan.\nIt says how we keep a child safe.\nWe write it with you.\nWe check it."
    stream = body(section(point("We help you.")), word_list(("Child protection plan", meaning)))
    assert check_body(stream, "en") == []


def test_a_meaning_must_explain_its_own_acronyms_and_hard_words():
    stream = body(
        section(point("We help you.")),
        word_list(("Referral", "When the GP asks us to help. It is not about your personal data.")),
    )
    findings = check_body(stream, "en")
    assert [(finding.check, finding.place.anchor) for finding in findings] == [
        (Check.ACRONYM, "word-list-meaning-1"),
        (Check.HARD_WORD, "word-list-meaning-1"),
    ]
    explained = word_list(
        ("Referral", "When the GP asks us to help. It is not about your personal data."),
        ("GP", "Your doctor."),
        ("Personal data", "Information about you."),
    )
    assert check_body(body(section(point("We help you.")), explained), "en") == []


def test_a_word_without_a_word_is_named_by_its_number():
    stream = body(
        section(point("We help you.")),
        word_list(("Consent", "Saying yes."), ("", "A b c d e f g h i j k l m n o p.")),
    )
    [finding] = check_body(stream, "en")
    assert finding.message.startswith("Word list, word 2: ")


# Pictures and alt text


def test_a_point_without_a_picture_is_flagged():
    [finding] = checks_of(findings_of("We keep it safe.", picture=""), Check.PICTURE)
    assert finding.place.field == "picture"
    assert finding.place.block_id == "point-1"
    assert checks_of(findings_of("We keep it safe.", picture="keeping-safe"), Check.PICTURE) == []


def test_an_own_image_is_a_picture():
    image = own_image()
    findings = findings_of(
        "We keep it safe.", picture="", image=image.pk, alt_text="A padlock on a folder"
    )
    assert checks_of(findings, Check.PICTURE) == []
    assert checks_of(findings, Check.ALT_TEXT) == []


@pytest.mark.parametrize(
    "alt_text",
    [
        "IMG_2041.jpg",
        "",
        "   ",
        "image",
        "Picture.",
        "An image",
        "photo.png",
        "DSC-0042",
        "IMG2041",
    ],
)
def test_own_image_alt_text_that_is_not_real_is_flagged(alt_text):
    image = own_image(title="IMG_2041", filename="IMG_2041.jpg")
    [finding] = checks_of(
        findings_of("We keep it safe.", picture="", image=image.pk, alt_text=alt_text),
        Check.ALT_TEXT,
    )
    assert finding.place.field == "alt_text"
    assert finding.place.block_id == "point-1"


def test_own_image_alt_text_that_repeats_the_title_or_file_name_is_flagged():
    image = own_image(title="Family at home", filename="family.png")
    for alt_text in ("Family at home", "family"):
        [finding] = checks_of(
            findings_of("We help families.", picture="", image=image.pk, alt_text=alt_text),
            Check.ALT_TEXT,
        )
        assert "title or file name" in finding.message


def test_own_image_alt_text_that_says_what_it_shows_passes():
    image = own_image(title="IMG_2041", filename="IMG_2041.jpg")
    findings = findings_of(
        "We help families.",
        picture="",
        image=image.pk,
        alt_text="A social worker talking to a family",
    )
    assert checks_of(findings, Check.ALT_TEXT) == []


# The whole body


def test_findings_say_where_they_are():
    stream = body(
        word_list(("Consent", "Saying yes.")),
        section(point("We ask you first."), section_id="a"),
        section(
            point("We keep it safe.", "first"),
            point("We keep your personal data.", "second", picture=""),
            topic="retention",
            section_id="b",
        ),
    )
    findings = check_body(stream, "en")
    assert [
        (f.check, f.place.section_index, f.place.item_index, f.place.block_id, f.place.anchor)
        for f in findings
    ] == [
        (Check.PICTURE, 2, 1, "second", "section-2-point-2"),
        (Check.HARD_WORD, 2, 1, "second", "section-2-point-2"),
    ]
    assert [finding.message for finding in findings] == [
        "Section 2 “About this notice”, point 2: This point has no picture. Choose one from "
        "the library, or add your own.",
        "Section 2 “About this notice”, point 2: “personal data” is a hard word. Explain it in "
        "the word list.",
    ]


def test_sections_are_numbered_as_the_editor_sees_them_and_named_by_their_heading():
    stream = body(
        word_list(("Consent", "Saying yes.")),
        section(point("We ask you first.", "a1"), section_id="a"),
        section(
            point("We keep it safe.", "b1"),
            point("We keep it.", "b2", picture=""),
            topic="retention",
            section_id="b",
        ),
    )
    stream[2].value["heading"] = ""
    [finding] = check_body(stream, "en")
    assert finding.place.anchor == "section-2-point-2"
    assert finding.message.startswith("Section 2, point 2: This point has no picture.")


def test_findings_of_points_that_share_an_id_are_told_apart_by_their_place():
    image = own_image()
    stream = body(
        section(
            point(
                "We are the council.",
                "same",
                picture="",
                image=image.pk,
                alt_text="A padlock on a folder",
            )
        ),
        section(point("We share it.", "same", picture=""), topic="sharing", section_id="b"),
    )
    [finding] = check_body(stream, "en")
    assert finding.check == Check.PICTURE
    assert finding.place.anchor == "section-2-point-1"
    assert finding.place.block_id == "same"


def test_a_well_written_body_passes():
    stream = body(
        section(
            point("We keep your name and address.\nWe keep them safe.", picture="keeping-safe"),
            point("You can ask to see them.", "point-2", picture="see-information"),
        ),
        word_list(("Consent", "Saying yes.")),
    )
    assert check_body(stream, "en") == []


# Topics


def full_notice(*children: tuple[str, dict]):
    return NoticeBodyBlock().to_python(
        [
            {"type": name, "id": f"{name}-{n}", "value": value}
            for n, (name, value) in enumerate(children)
        ]
    )


def test_topics_of_the_full_notice_that_the_easy_read_version_leaves_out_are_flagged():
    notice = full_notice(
        ("summary", {}),
        ("retention", {}),
        ("general", {"topic": "nhs_number", "text": "<p>We use your NHS number.</p>"}),
        ("general", {"topic": "updates", "text": "<p>We may change this notice.</p>"}),
    )
    stream = body(section(point("We keep it safe."), topic="summary"))
    findings = check_topics(stream, notice)
    assert [finding.check for finding in findings] == [Check.TOPICS, Check.TOPICS]
    assert all(finding.place is None for finding in findings)
    assert {finding.anchor for finding in findings} == {"whole-notice"}
    retention, general = (finding.message for finding in findings)
    assert "“Retention”" in retention
    assert "“Your NHS number”" in general
    assert "“Updates to this notice”" in general

    covered = body(
        section(point("We keep it safe."), topic="summary"),
        section(point("We keep it for six years."), topic="retention", section_id="r"),
        section(point("We may change this."), topic="general", section_id="g"),
    )
    assert check_topics(covered, notice) == []


def test_a_heading_over_several_sections_is_not_a_topic_to_cover():
    notice = full_notice(
        ("summary", {}),
        ("heading", {"heading": "Children’s services", "heading_level": 2, "text": ""}),
    )
    stream = body(section(point("We keep it safe."), topic="summary"))
    assert check_topics(stream, notice) == []
    assert "heading" not in dict(topic_choices())
    assert "summary" in dict(topic_choices())


# Page count


def test_page_count():
    assert check_page_count(20) == []
    [finding] = check_page_count(21)
    assert finding.check == Check.PAGE_COUNT
    assert "21 pages" in finding.message
    assert finding.place is None


def test_the_page_limit_is_a_setting(settings):
    settings.NOTICE_EASY_READ_MAX_PDF_PAGES = 12
    assert check_page_count(13)
    assert describe(Check.PAGE_COUNT)[0] == "PDF longer than 12 pages"


def test_every_check_has_a_name_and_help_text():
    for check in Check:
        name, help_text = describe(check)
        assert name and help_text and name != help_text

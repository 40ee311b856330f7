"""Which runs of text are isolated from the text of the other direction around them."""

import pytest

from notice_blocks.bidi import LTR, RTL, isolate_opposite_runs


def isolated(html: str, direction: str = RTL) -> list[str]:
    """The text of each ``<bdi>`` that isolating ``html`` adds."""
    result = isolate_opposite_runs(html, direction)
    runs = []
    for part in result.split("<bdi")[1:]:
        runs.append(part.split(">", 1)[1].split("</bdi>", 1)[0])
    return runs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("اتصل على 0303 123 1113.", ["0303 123 1113"]),
        ("+44 (0)161 234 5000 پر", ["+44 (0)161 234 5000"]),
        ("۰۳۰۳ ۱۲۳ ۱۱۱۳ پر کال کریں", ["۰۳۰۳ ۱۲۳ ۱۱۱۳"]),
        ("(UK GDPR آرٹیکل 6(1)(d))", ["UK GDPR", "6(1)(d)"]),
        ("ویب سائٹ (https://www.bolton.gov.uk/) دیکھیں", ["(https://www.bolton.gov.uk/)"]),
        ("ویب سائٹ https://www.bolton.gov.uk/ دیکھیں", ["https://www.bolton.gov.uk/"]),
        ("پتہ: Wilmslow, Cheshire, SK9 5AF", ["Wilmslow, Cheshire, SK9 5AF"]),
        ("ای میل dpo@bolton.gov.uk پر", ["dpo@bolton.gov.uk"]),
        # Arabic-script punctuation ends a run: the date and the version read in Urdu order.
        ("نومبر 2021، V3.0", ["V3.0"]),
        ("(چلڈرن ایکٹس 1989/2004)", ["1989/2004"]),
        ("درجہ حرارت -5 ہے، C++ اور https://x.org/?q=a", ["-5", "C++", "https://x.org/?q=a"]),
        # A lone number reads the same either way.
        ("سال 2021 میں", []),
        ("بچوں کی دیکھ بھال", []),
    ],
)
def test_left_to_right_runs_in_right_to_left_text(text, runs):
    assert isolated(f"<p>{text}</p>") == runs


def test_right_to_left_runs_in_left_to_right_text():
    html = "<p>Ask for <b>اردو 12 متن</b> or (المادة 6) here.</p>"
    assert isolated(html, LTR) == ["اردو 12 متن", "المادة 6"]
    assert 'dir="rtl"' in isolate_opposite_runs(html, LTR)


def test_a_run_never_holds_one_bracket_of_a_pair():
    assert isolated("<p>Hebrew סעיף (2) text</p>", LTR) == ["סעיף"]
    assert isolated("<p>abc) ہیلو</p>") == ["abc"]


def test_a_left_to_right_page_without_right_to_left_text_is_returned_as_it_is():
    html = "<p>Call 0303 123 1113 (UK GDPR Article 6(1)(d)).</p>"
    assert isolate_opposite_runs(html, LTR) is html


def test_elements_with_a_direction_of_their_own_follow_it():
    html = (
        '<html dir="rtl"><p dir="ltr">Call 0303 123 1113</p>'
        '<p lang="ur">ہیلو Bolton</p><bdi>ہیلو Bolton</bdi><p data-dir="ltr">ہیلو Bolton</p>'
    )
    assert isolate_opposite_runs(html, LTR) == (
        '<html dir="rtl"><p dir="ltr">Call 0303 123 1113</p>'
        '<p lang="ur">ہیلو <bdi dir="ltr">Bolton</bdi></p><bdi>ہیلو Bolton</bdi>'
        '<p data-dir="ltr">ہیلو <bdi dir="ltr">Bolton</bdi></p>'
    )


def test_markup_entities_scripts_and_the_title_are_left_as_they_are():
    html = (
        "<head><title>V3 ہیلو</title><script>if (a < 1) { x = 'ab 12'; }</script>"
        '<style>p::after { content: "V3 12" }</style></head>'
        '<!-- V3 ہیلو --><p class="V3 1" title="V3 12">ہیلو d&#x27;Arcy &amp; Co &lt;b&gt;</p>'
        '<img alt="V3 12"><br/><a title="a > b" href="/x">ہیلو</a>'
    )
    result = isolate_opposite_runs(html, RTL)
    assert result.replace('<bdi dir="ltr">', "").replace("</bdi>", "") == html.replace(
        "&#x27;", "'"
    )
    assert isolated(html) == ["d'Arcy &amp; Co &lt;b"]

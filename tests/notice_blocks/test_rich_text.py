"""Rich text keeps only what its field allows, on every road in and out."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import Client

from notice_blocks.blocks.base import RICH_TEXT_FEATURES, NoticeRichTextBlock
from notice_blocks.models import NoticePage
from notice_blocks.rich_text import removed_markup, sanitise
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import make_notice_page

#: Markup an attacker may try, each with what must not survive it.
HOSTILE = {
    "script": "<p>Hello<script>alert(1)</script></p>",
    "script-in-attribute-context": '<p title="</p><script>alert(1)</script>">x</p>',
    "image-onerror": '<p><img src="x" onerror="alert(1)"></p>',
    "svg-onload": "<svg onload=alert(1)><p>x</p></svg>",
    "javascript-link": '<p><a href="javascript:alert(1)">x</a></p>',
    "javascript-link-mixed-case": '<p><a href="JaVaScRiPt:alert(1)">x</a></p>',
    "javascript-link-entities": '<p><a href="java&#x09;script:alert(1)">x</a></p>',
    "javascript-link-spaces": '<p><a href="  javascript:alert(1)">x</a></p>',
    "data-link": '<p><a href="data:text/html,<script>alert(1)</script>">x</a></p>',
    "vbscript-link": '<p><a href="vbscript:msgbox(1)">x</a></p>',
    "event-handler": '<p onmouseover="alert(1)"><a href="https://x.org" onclick="y()">x</a></p>',
    "iframe": '<iframe src="https://evil.example"></iframe><p>x</p>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="x.swf"></object><embed src="x.swf">',
    "form": '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
    "style": "<style>body{display:none}</style><p style='position:fixed'>x</p>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "attachment": '<p><a rel="attachment" href="/media/documents/secret.pdf">x</a></p>',
    "link-element": '<link rel="attachment" href="/media/documents/secret.pdf">',
    "heading": "<h2>Not a heading here</h2>",
    "table": "<table><tr><td>cell</td></tr></table>",
    "template": "<template><script>alert(1)</script></template>",
    "comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "unclosed": "<p><a href='javascript:alert(1)'<b>x",
    "page-link-bad-id": '<p><a linktype="page" id="1 or 1=1">x</a></p>',
    "unknown-link-type": '<p><a linktype="javascript" id="1">x</a></p>',
}
FORBIDDEN_ELEMENTS = "script, img, svg, iframe, object, embed, form, input, style, meta, base, link"


def assert_harmless(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select(FORBIDDEN_ELEMENTS + ", h2, table, template"), html
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.startswith("on"), html
            assert attribute not in ("style", "rel", "srcdoc", "src", "title"), html
            if attribute == "href":
                assert not value.strip().lower().startswith(("javascript", "data", "vbscript"))
        if element.name == "a" and "linktype" in element.attrs:
            assert element.attrs["linktype"] in ("page", "document")
            assert element.attrs.get("id", "").isdigit(), html


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_reduced_to_the_fields_features(html):
    assert_harmless(sanitise(html, RICH_TEXT_FEATURES))


def test_the_features_a_notice_uses_are_kept_exactly():
    html = (
        '<p>We use <b>your</b> <i>details</i>.<br/>See <a href="https://example.gov.uk/x?a=1&amp;'
        'b=2">our site</a>, <a href="mailto:dpo@example.gov.uk">email</a>, <a href="tel:+441234">'
        'phone</a>, <a linktype="page" id="3">a page</a> and <a linktype="document" id="7">a form'
        "</a>.</p><ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    assert sanitise(html, RICH_TEXT_FEATURES) == html.replace("<br/>", "<br>")


def test_a_heading_is_kept_where_the_field_allows_it():
    assert sanitise("<h3>Why</h3><p>x</p>", ["h3"]) == "<h3>Why</h3><p>x</p>"
    assert sanitise("<h3>Why</h3><p>x</p>", ["bold"]) == "Why<p>x</p>"


def test_text_that_cannot_be_stored_is_replaced():
    assert sanitise("<p>a\x00b\ud800c</p>", RICH_TEXT_FEATURES) == "<p>a\ufffdb\ufffdc</p>"


def test_what_was_removed_is_listed():
    html = HOSTILE["event-handler"] + HOSTILE["script"] + HOSTILE["javascript-link"]
    assert removed_markup(html, sanitise(html, RICH_TEXT_FEATURES)) == [
        "<p onmouseover>",
        "<a href=“javascript:…”>",
        "<a onclick>",
        "<script>",
    ]
    clean = "<p>Nothing to <b>remove</b>.</p>"
    assert removed_markup(clean, sanitise(clean, RICH_TEXT_FEATURES)) == []


def test_the_block_reads_and_stores_only_its_features():
    block = NoticeRichTextBlock()
    hostile = HOSTILE["image-onerror"] + HOSTILE["javascript-link"]
    assert_harmless(block.to_python(hostile).source)
    assert_harmless(block.get_prep_value(block.normalize(hostile)))
    assert_harmless(str(block.render(block.to_python(hostile))))


# Through the site, as a resident sees it

PAYLOAD = (
    '<p>Summary<script>document.title="pwned"</script><img src=x onerror="alert(1)">'
    '<a href="javascript:alert(1)">link</a><iframe src="https://evil.example"></iframe></p>'
)


def public_rich_text(page) -> str:
    """The rich text of the page as a logged-out resident gets it."""
    response = Client().get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select("main script, main iframe, main img[onerror]")
    return "".join(str(element) for element in soup.select("main .app-rich-text"))


def summary_body(text: str) -> list:
    return [{"type": "summary", "value": {"heading": "", "text": text}}]


@pytest.mark.django_db
def test_markup_already_stored_in_the_database_is_served_harmless():
    """A value stored before sanitising existed, or written around the models."""
    notice = make_notice_page(body=summary_body("<p>Summary</p>"))
    body = json.dumps([{"type": "summary", "id": "s", "value": {"heading": "", "text": PAYLOAD}}])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {NoticePage._meta.db_table} SET body = %s WHERE page_ptr_id = %s",
            [body, notice.pk],
        )
    text = public_rich_text(NoticePage.objects.get(pk=notice.pk))
    assert "Summary" in text
    assert_harmless(text)


@pytest.mark.django_db
def test_a_translation_uploaded_as_a_po_file_is_stored_harmless():
    notice = make_notice_page(body=summary_body("<p>Summary</p>"))
    welsh = translate_notice(
        notice, "cy", lambda context, source, number: PAYLOAD if source == "Summary" else source
    )
    stored = welsh.body.raw_data[0]["value"]["text"]
    assert "Summary" in stored
    assert_harmless(stored)
    text = public_rich_text(welsh)
    assert "Summary" in text
    assert_harmless(text)


@pytest.mark.django_db
def test_plain_text_fields_are_shown_as_text():
    title = '<script>alert(1)</script><img src=x onerror="alert(1)">'
    notice = make_notice_page(title=title, slug="escaped", body=summary_body("<p>Summary</p>"))
    response = Client().get(notice.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == title
    assert title in soup.title.get_text()
    assert not soup.select("body script:not([src]), img[onerror]")


@pytest.mark.django_db
def test_an_import_stores_rich_text_harmless_and_says_what_it_removed(tmp_path):
    notice_file = tmp_path / "notice.yaml"
    notice_file.write_text(
        "format: privacy-notice\n"
        "format_version: 1\n"
        "notice:\n"
        "  title: Blue Badge\n"
        "  body:\n"
        "    - type: summary\n"
        "      value:\n"
        "        text: >-\n"
        f"          {HOSTILE['script']}{HOSTILE['event-handler']}\n"
        "    - type: purposes\n"
        "      value:\n"
        "        intro: '<p>Why</p>'\n"
        "        purposes: [assess your application]\n"
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_notice", str(notice_file), stdout=stdout, stderr=stderr)

    assert "Created" in stdout.getvalue()
    assert stderr.getvalue().splitlines() == [
        f"{notice_file}:8: notice.body[0].value.text: Removed what this text may not hold: "
        "<p onmouseover>, <script>, <a onclick>."
    ]
    text = NoticePage.objects.get(slug="blue-badge").body[0].value["text"].source
    assert text == '<p>Hello</p><p><a href="https://x.org">x</a></p>'

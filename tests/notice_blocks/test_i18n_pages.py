"""Translated notices on the web: language, direction, the language switcher and alternates."""

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from django.test import RequestFactory
from django.utils.translation import deactivate, override
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from notice_blocks.legal import get_provision
from notice_blocks.models import NoticePage
from notice_blocks.page_cache.middleware import MIDDLEWARE_PATH as PAGE_CACHE_MIDDLEWARE
from notice_blocks.pdf.building import build_revision_pdfs
from notice_blocks.pdf.serving import serve_notice_pdf
from notice_blocks.pdf.variants import STANDARD
from notice_blocks.templatetags.notice_tags import local_name
from tests.utils import make_easy_read_page, make_notice_index, make_notice_page

# A sentence in each language, given to every segment a translator would translate (numbered,
# so that each stays distinct), and the notice's title.
SENTENCES = {
    "ur": "یہ نوٹس بتاتا ہے کہ ہم آپ کی معلومات کیسے استعمال کرتے ہیں",
    "ar": "يوضح هذا الإشعار كيف نستخدم معلوماتك",
    "zh-hans": "本通知说明我们如何使用您的信息",
    "bn": "এই বিজ্ঞপ্তিতে আমরা কীভাবে আপনার তথ্য ব্যবহার করি তা বলা হয়েছে",
    "cy": "Mae’r hysbysiad hwn yn esbonio sut rydym yn defnyddio eich gwybodaeth",
}
TITLES = {
    "ur": "گود لینا",
    "ar": "التبني",
    "zh-hans": "收养",
    "bn": "দত্তক গ্রহণ",
    "cy": "Mabwysiadu",
}
# Segments a translator leaves as they are: web addresses, phone numbers and version labels.
KEPT = re.compile(r"(^|\.)(slug|phone|version_label)$")
TAG = re.compile(r"(<[^>]+>)")


def sentence_translator(language_code: str) -> Callable[[str, str, int], str]:
    """Translates every segment into ``language_code`` with a real sentence, keeping markup."""

    def translate(context: str, source: str, number: int) -> str:
        if KEPT.search(context):
            return source
        if context == "title":
            return TITLES[language_code]
        parts = TAG.split(source)
        words = f"{SENTENCES[language_code]} {number}"
        translated = []
        for part in parts:
            if TAG.fullmatch(part) or not part.strip():
                translated.append(part)
            else:
                translated.append(words)
                words = SENTENCES[language_code]
        return "".join(translated)

    return translate


def locale(language_code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language_code)[0]


def translate_notice(
    page: Page, language_code: str, translate: Callable[[str, str, int], str] | None = None
) -> Page:
    """Translates ``page`` and the shared details it uses into ``language_code``, published.

    As wagtail-localize's “Translate” action does: the page and its related snippets are
    submitted, each string is translated (``translate(context, source, number)``), and the
    translations are published.
    """
    translate = translate or sentence_translator(language_code)
    target = locale(language_code)
    translate_object(page, [target])
    number = 0
    sources = TranslationSource.objects.filter(translations__target_locale=target)
    # Snippets first: the page's translation refers to their translations.
    translations = Translation.objects.filter(source__in=sources, target_locale=target)
    for translation in translations.order_by("-source__specific_content_type__model"):
        po = translation.export_po()
        for entry in po:
            number += 1
            entry.msgstr = translate(entry.msgctxt, entry.msgid, number)
        translation.import_po(po)
        is_page = issubclass(translation.source.specific_content_type.model_class(), Page)
        # Pages are published here rather than once the transaction commits, which a test
        # never does: that also leaves their PDFs unbuilt until someone asks for them.
        translation.save_target(publish=not is_page)
        if is_page:
            translation.get_target_instance().get_latest_revision().publish()
    return page.get_translation(target).specific


def get_soup(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def text_of(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests under /ur/ etc. leave their language active in this thread: put English back."""
    yield
    deactivate()


@pytest.fixture
def notice() -> NoticePage:
    return make_notice_page()


@pytest.fixture
def urdu(notice) -> NoticePage:
    return translate_notice(notice, "ur")


pytestmark = pytest.mark.django_db


def test_the_default_locale_is_english():
    assert Locale.get_default().language_code == "en"


def test_translating_gives_a_live_page_under_the_language_prefix(notice, urdu):
    assert urdu.live
    assert urdu.locale.language_code == "ur"
    assert urdu.url.startswith("/ur/")
    assert notice.url.startswith("/en/")


@pytest.mark.parametrize(
    ("language_code", "direction"),
    [("ur", "rtl"), ("ar", "rtl"), ("zh-hans", "ltr"), ("bn", "ltr"), ("cy", "ltr")],
)
def test_each_translation_has_its_language_and_direction(client, notice, language_code, direction):
    translation = translate_notice(notice, language_code)
    soup = get_soup(client, translation.url)
    html = soup.find("html")
    assert html["lang"] == language_code
    assert html["dir"] == direction
    assert text_of(soup.find("h1")) == TITLES[language_code]
    summary = text_of(soup.find("main"))
    assert f"{SENTENCES[language_code]} " in summary
    assert "This notice explains how the adoption service" not in summary


def test_english_page_stays_english_and_left_to_right(client, notice, urdu):
    html = get_soup(client, notice.url).find("html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")


def test_the_switcher_lists_the_live_translations_each_named_in_itself(client, notice):
    translations = {code: translate_notice(notice, code) for code in ("cy", "ur", "zh-hans")}
    soup = get_soup(client, translations["ur"].url)

    nav = soup.find("nav", class_="app-language-switcher")
    assert nav["aria-label"]
    links = nav.find_all("a")
    assert [(link["lang"], link["hreflang"], text_of(link)) for link in links] == [
        ("en", "en", "English"),
        ("cy", "cy", "Cymraeg"),
        ("ur", "ur", "اردو"),
        ("zh-hans", "zh-hans", "简体中文"),
    ]
    assert [link["href"] for link in links] == [
        notice.url,
        translations["cy"].url,
        translations["ur"].url,
        translations["zh-hans"].url,
    ]
    current = [link for link in links if link.get("aria-current")]
    assert [(link["lang"], link["aria-current"]) for link in current] == [("ur", "true")]
    assert links[2]["dir"] == "rtl"
    assert links[0]["dir"] == "ltr"


def test_panjabi_and_bengali_are_named_in_their_own_scripts(client, notice):
    bengali = translate_notice(notice, "bn")
    soup = get_soup(client, bengali.url)
    names = {link["lang"]: text_of(link) for link in soup.select(".app-language-switcher a")}
    assert names == {"en": "English", "bn": "বাংলা"}
    # Django names Panjabi in English; the product names it in Gurmukhi.
    assert local_name("pa") == "ਪੰਜਾਬੀ"


def test_a_draft_translation_is_not_listed(client, notice, urdu):
    welsh = translate_notice(notice, "cy")
    welsh.unpublish()
    soup = get_soup(client, notice.url)
    codes = [link["lang"] for link in soup.select(".app-language-switcher a")]
    assert codes == ["en", "ur"]


def test_a_notice_in_one_language_has_no_switcher_or_alternates(client, notice):
    soup = get_soup(client, notice.url)
    assert soup.find("nav", class_="app-language-switcher") is None
    assert soup.find("link", rel="alternate") is None


def test_alternates_name_every_translation_with_a_full_url_and_x_default(client, notice, urdu):
    welsh = translate_notice(notice, "cy")
    for page in (notice, urdu, welsh):
        soup = get_soup(client, page.url)
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.find("head").find_all("link", rel="alternate")
        }
        assert alternates == {
            "en": f"http://localhost{notice.url}",
            "cy": f"http://localhost{welsh.url}",
            "ur": f"http://localhost{urdu.url}",
            "x-default": f"http://localhost{notice.url}",
        }
        for href in alternates.values():
            assert urlsplit(href).scheme == "http"


def test_the_index_has_a_switcher_too(client):
    index = make_notice_index()
    make_notice_page(parent=index)
    urdu_index = translate_notice(index, "ur")
    soup = get_soup(client, urdu_index.url)
    assert soup.find("html")["dir"] == "rtl"
    codes = [link["lang"] for link in soup.select(".app-language-switcher a")]
    assert codes == ["en", "ur"]


def test_left_to_right_fragments_are_isolated_in_urdu(client, urdu):
    soup = get_soup(client, urdu.url)
    main = soup.find("main")

    contact = main.find("a", href="mailto:dpo@example.gov.uk")
    assert contact is not None
    assert contact.find("bdi", dir="ltr") is not None
    assert text_of(contact.find("bdi")) == "dpo@example.gov.uk"

    phones = [
        bdi for bdi in main.find_all("bdi", dir="ltr") if re.fullmatch(r"[\d ]+", text_of(bdi))
    ]
    assert "0303 123 1113" in [text_of(bdi) for bdi in phones]

    web_addresses = [a.find("bdi", dir="ltr") for a in main.select("a.app-link--url")]
    assert web_addresses and all(web_addresses)

    # “UK GDPR آرٹیکل 6(1)(e)”: each left-to-right run on its own, the Urdu word between them.
    references = main.select(".app-reference")
    with override("ur"):
        expected = [str(get_provision(code).reference) for code in ("art6-1-e", "art9-2-g")]
    for reference in expected:
        isolated = [
            [text_of(bdi) for bdi in element.find_all("bdi", dir="ltr")]
            for element in references
            if text_of(element) == f"({reference})"
        ]
        runs = re.findall(r"[A-Za-z0-9()][A-Za-z0-9() ]*[A-Za-z0-9()]", reference)
        assert runs == ["UK GDPR", reference.split()[-1]]
        assert isolated and all(found == runs for found in isolated), (reference, isolated)

    review = main.find(class_="app-notice-meta")
    assert text_of(review.find("bdi")) == "V1.0"


def test_english_pages_are_left_as_they_were(client, notice):
    soup = get_soup(client, notice.url)
    assert soup.find("main").find("bdi") is None


def test_an_untranslated_site_name_is_marked_as_english_and_links_home(client, urdu):
    soup = get_soup(client, urdu.url)
    home_link = soup.select_one(".app-header__link")
    footer_name = soup.select_one(".app-footer__meta")

    assert text_of(home_link) == text_of(footer_name) == "Privacy notices"
    assert (home_link["lang"], home_link["dir"]) == ("en", "ltr")
    assert (footer_name["lang"], footer_name["dir"]) == ("en", "ltr")
    assert home_link["href"] == "/ur/"


def test_the_not_found_page_links_to_the_home_page_in_its_language(client, urdu):
    soup = get_soup(client, "/ur/no-such-page/", status=404)

    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    assert soup.find("main").find("a", href="/ur/")


def test_pdf_links_name_the_language_of_the_pdf(client, urdu):
    soup = get_soup(client, urdu.url)
    links = soup.select(".app-downloads__link")
    assert len(links) == 2
    for link in links:
        assert link["hreflang"] == "ur"
        assert link["href"].startswith(urdu.url)
        assert "Urdu" in text_of(link) or "اردو" in text_of(link)


def test_a_page_asked_for_in_a_language_it_lacks_redirects_to_its_own(client, notice):
    locale("cy")
    response = client.get(f"/cy/{notice.slug}/pdf/?download=1")
    assert response.status_code == 302
    assert response["Location"] == f"{notice.url}pdf/?download=1"


def test_a_translation_is_served_under_its_own_prefix(client, notice, urdu):
    assert client.get(urdu.url).status_code == 200
    response = client.get(f"/cy{urdu.url.removeprefix('/ur')}")
    assert response.status_code == 302
    assert response["Location"] == notice.url


def test_an_alias_in_another_tree_redirects_to_its_original_and_serves_its_pdfs(client, notice):
    alias = notice.copy_for_translation(locale("ur"), copy_parents=True, alias=True)
    assert alias.alias_of_id == notice.pk
    assert alias.url.startswith("/ur/")

    response = client.get(alias.url)
    assert (response.status_code, response["Location"]) == (302, notice.url)
    welsh = translate_notice(notice, "cy")
    switcher = get_soup(client, notice.url).select(".app-language-switcher a")
    assert [link["href"] for link in switcher] == [notice.url, welsh.url]
    response = client.get(alias.url + "pdf/large-print/")
    assert (response.status_code, response["Location"]) == (302, notice.url + "pdf/large-print/")

    build_revision_pdfs(notice.live_revision_id)  # as a worker does
    request = RequestFactory().get(alias.url + "pdf/")
    pdf = serve_notice_pdf(request, alias.specific, STANDARD.value)
    assert pdf.status_code == 200
    assert pdf["Content-Language"] == "en"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


# The queries of a page rendered afresh (as after each publish, which purges the page cache)

#: The most queries a translated notice's page takes for a logged-out visitor when the page
#: cache does not answer it, by language: the same however many translations, downloads and
#: shared details it shows. A translation looks up its site's home page in its language too.
NOTICE_PAGE_QUERIES = {"en": 17, "ur": 22}


@pytest.mark.parametrize("others", [("cy",), ("cy", "ar", "bn")])
@pytest.mark.parametrize("language_code", NOTICE_PAGE_QUERIES)
def test_a_notice_page_takes_a_set_number_of_queries(
    client, settings, notice, urdu, language_code, others, django_assert_max_num_queries
):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != PAGE_CACHE_MIDDLEWARE]
    for other in others:
        translate_notice(notice, other)
    make_easy_read_page(notice)
    build_revision_pdfs(notice.live_revision_id)
    page = notice if language_code == "en" else urdu
    assert client.get(page.url).status_code == 200  # Wagtail's site root paths cached

    with django_assert_max_num_queries(NOTICE_PAGE_QUERIES[language_code]):
        soup = get_soup(client, page.url)

    assert len(soup.select(".app-language-switcher a")) == 2 + len(others)
    assert len(soup.select(".app-downloads__link")) == 2
    assert len(soup.select(".app-version-link a")) == (1 if page is notice else 0)  # easy read

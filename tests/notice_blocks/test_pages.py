"""The public pages of notices, rendered by the server and parsed as HTML."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import deactivate
from wagtail.blocks import Block, ListBlock

from notice_blocks.legal import get_provision
from notice_blocks.models import NoticePage
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.utils import EVERY_BLOCK_BODY, make_notice_index, make_notice_page

pytestmark = pytest.mark.django_db


def text_of(element: Tag) -> str:
    """An element's text as a reader meets it: whitespace collapsed."""
    return re.sub(r"\s+", " ", element.get_text()).strip()


def get_soup(client, url: str, status: int = 200, **headers) -> BeautifulSoup:
    response = client.get(url, **headers)
    assert response.status_code == status, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests under /ur/ etc. leave their language active in this thread: put English back."""
    yield
    deactivate()


@pytest.fixture
def notice() -> NoticePage:
    return make_notice_page()


@pytest.fixture
def soup(client, notice) -> BeautifulSoup:
    return get_soup(client, notice.url)


def section(soup: BeautifulSoup, block_type: str, notice: NoticePage) -> Tag:
    """The rendered section of the first stream child of ``block_type``."""
    child = next(child for child in notice.body if child.block_type == block_type)
    element = soup.find("section", id=child.id)
    assert element is not None, f"no section for {block_type}"
    return element


# Page structure


def test_html_has_the_active_language_and_direction(soup):
    html = soup.find("html")
    assert html["lang"] == "en"
    assert html["dir"] == "ltr"


def test_right_to_left_language_sets_lang_and_dir(client, notice):
    arabic = translate_notice(notice, "ar")
    page = get_soup(client, arabic.url)
    html = page.find("html")
    assert html["lang"] == "ar"
    assert html["dir"] == "rtl"


def test_skip_link_is_first_and_its_target_exists(soup):
    first_link = soup.body.find("a")
    assert first_link["href"] == "#main-content"
    main = soup.find(id="main-content")
    assert main.name == "main"
    assert main["tabindex"] == "-1"
    assert len(soup.find_all("main")) == 1


def test_header_shows_the_site_name_and_footer_exists(soup):
    assert text_of(soup.find("header")) == "Privacy notices"
    assert soup.find("footer") is not None
    assert text_of(soup.title) == "Adoption – Privacy notices"


def test_one_h1_then_an_h2_per_section_in_order(soup, notice):
    main = soup.find("main")
    assert [text_of(h1) for h1 in soup.find_all("h1")] == ["Adoption"]
    section_headings = [text_of(element.find("h2")) for element in main.find_all("section")]
    assert section_headings == [item.heading for item in notice.sections]
    assert section_headings[0] == "Summary"
    assert len(section_headings) == len(EVERY_BLOCK_BODY)


def test_heading_levels_never_skip(soup):
    levels = [int(h.name[1]) for h in soup.find("main").find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, levels


def test_sections_are_focusable_and_labelled_by_their_heading(soup, notice):
    for item in notice.sections:
        element = soup.find(id=item.anchor)
        assert element.name == "section"
        assert element["tabindex"] == "-1"
        heading = soup.find(id=element["aria-labelledby"])
        assert heading.name == "h2"
        assert heading.parent is element
        assert text_of(heading) == item.heading


def test_contents_list_links_to_every_section(soup, notice):
    nav = soup.find("nav", attrs={"aria-labelledby": True})
    assert text_of(soup.find(id=nav["aria-labelledby"])) == "Contents"
    links = nav.find("ol").find_all("a")
    assert [link["href"] for link in links] == [f"#{item.anchor}" for item in notice.sections]
    assert [text_of(link) for link in links] == [item.heading for item in notice.sections]
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None


def test_ids_are_unique(soup):
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_downloads_come_after_the_review_line_and_before_the_contents(client, notice):
    html = client.get(notice.url).content.decode()
    assert html.index("Reviewed March 2025 V1.0") < html.index('aria-labelledby="app-contents')


def test_no_assets_from_other_hosts(soup):
    assets = [
        *(tag["src"] for tag in soup.find_all(["script", "img", "iframe"], src=True)),
        *(tag["href"] for tag in soup.find_all("link", href=True)),
    ]
    assert any(asset.endswith("notice.css") for asset in assets)
    for asset in assets:
        parts = urlsplit(asset)
        assert not parts.scheme and not parts.netloc, asset
    assert soup.find("script") is None


# Version, controller and general notice


def test_review_line(soup):
    assert text_of(soup.find(class_="app-notice-meta")) == "Reviewed March 2025 V1.0"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"version_label": ""}, "Reviewed March 2025"),
        ({"last_reviewed": None}, "V1.0"),
        ({"last_reviewed": datetime.date(2021, 11, 30), "version_label": "V3.0"}, None),
    ],
)
def test_review_line_leaves_out_what_is_empty(client, fields, expected):
    page = get_soup(client, make_notice_page(**fields).url)
    expected = expected or "Reviewed November 2021 V3.0"
    assert text_of(page.find(class_="app-notice-meta")) == expected


def test_no_review_line_without_date_or_version(client):
    page = get_soup(client, make_notice_page(version_label="", last_reviewed=None).url)
    assert page.find(class_="app-notice-meta") is None


def test_data_controller_summary_list(client, notice):
    controller = notice.data_controller
    controller.address = "Town Hall\nVictoria Square\nBolton BL1 1RU"
    controller.registration_number = "Z5725371"
    controller.save()
    page = get_soup(client, notice.url)
    rows = {
        text_of(row.find("dt")): row.find("dd") for row in page.select("dl.app-summary-list > div")
    }
    assert text_of(rows["Data controller"]) == "Example Council"
    assert text_of(rows["Address"]) == "Town Hall, Victoria Square, Bolton BL1 1RU"
    assert rows["Website"].find("a")["href"] == "https://example.gov.uk"
    assert text_of(rows["ICO registration number"]) == "Z5725371"


def test_general_privacy_notice_link(soup):
    link = soup.find("a", href="https://example.gov.uk/privacy")
    assert text_of(link) == "Our general privacy notice"
    assert text_of(link.parent) == "Read this notice together with Our general privacy notice."


def test_without_shared_details_the_notice_still_renders(client):
    page = get_soup(
        client,
        make_notice_page(
            data_controller=None,
            data_protection_officer=None,
            supervisory_authority=None,
            general_privacy_notice=None,
        ).url,
    )
    assert page.find("dl", class_="app-summary-list") is None
    assert page.find(class_="app-inset-text") is None
    headings = [text_of(h3) for h3 in page.select(".app-contact h3")]
    assert headings == ["How to contact us", "Contact the service", "Complaints"]


# Sections


def test_special_category_and_criminal_offence_data_are_marked(soup, notice):
    items = [text_of(li) for li in section(soup, "personal_data", notice).find_all("li")]
    assert items == [
        "Name and address",
        "Health and disability – Special category data",
        "Criminal convictions – Criminal offence data",
    ]
    tags = section(soup, "personal_data", notice).find_all(class_="app-tag")
    assert [tag.name for tag in tags] == ["strong", "strong"]


def test_data_category_description_is_output_verbatim(client):
    description = "Ethnicity and language(s) spoken, including ‘first language’ & dialect"
    body = [
        (
            "personal_data",
            {
                "heading": "",
                "groups": [
                    {"intro": "", "categories": [{"description": description, "kind": "personal"}]}
                ],
                "outro": "",
            },
        )
    ]
    page = make_notice_page(body=body)
    html = client.get(page.url).content.decode()
    assert "Ethnicity and language(s) spoken, including ‘first language’ &amp; dialect" in html


def test_lawful_basis_shows_references_wording_and_explanations(soup, notice):
    element = section(soup, "lawful_basis", notice)
    text = text_of(element)
    for code in ("art6-1-e", "art9-2-g", "dpa2018-s1-18"):
        provision = get_provision(code)
        assert str(provision.reference) in text
        assert str(provision.title) in text
        assert str(provision.wording) in text
    assert "Public task (UK GDPR Article 6(1)(e))" in text
    assert "The Adoption and Children Act 2002." in text
    assert "Safeguarding children." in text
    assert [text_of(h3) for h3 in element.find_all("h3")] == [
        "Personal data",
        "Special category data",
        "Criminal offence data",
    ]


def test_lawful_basis_sub_headings_only_with_more_than_one_part(client):
    body = [
        (
            "lawful_basis",
            {
                "heading": "",
                "intro": "<p>We rely on:</p>",
                "bases": [{"provision": "art6-1-c", "explanation": ""}],
                "special_category_intro": "",
                "special_category_conditions": [],
                "criminal_offence_intro": "",
                "criminal_offence_conditions": [],
                "outro": "<p>That is all.</p>",
            },
        )
    ]
    page = get_soup(client, make_notice_page(body=body).url)
    element = page.find("section")
    assert element.find("h3") is None
    assert "Legal obligation (UK GDPR Article 6(1)(c))" in text_of(element)
    assert text_of(element).endswith("That is all.")


def test_purposes_and_sources_lists(soup, notice):
    purposes = section(soup, "purposes", notice)
    assert [text_of(li) for li in purposes.find_all("li")] == [
        "assess prospective adopters",
        "match children with families",
    ]
    sources = section(soup, "sources", notice)
    assert [text_of(li) for li in sources.find_all("li")] == ["your GP", "the police"]


def test_sharing_reads_name_then_purpose_then_what_is_shared(soup, notice):
    item = section(soup, "sharing", notice).find("li")
    assert text_of(item.find("strong")) == "Adoption panels"
    assert text_of(item) == "Adoption panels to decide on a match What we share: assessment reports"


def test_retention_table_and_schedule_link(soup, notice):
    element = section(soup, "retention", notice)
    table = element.find("table")
    assert text_of(table.caption)
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col"]
    row = table.tbody.find("tr")
    assert row.th["scope"] == "row"
    assert text_of(row.th) == "Adoption case files"
    assert text_of(row.td) == "100 years from the order"
    link = element.find("a", href="https://example.gov.uk/retention")
    assert text_of(link) == "Retention schedule"


def test_rights_show_each_chosen_right_with_its_wording(soup, notice):
    element = section(soup, "rights", notice)
    titles = [text_of(dt) for dt in element.find_all("dt")]
    chosen = ("access", "rectification", "objection")
    assert titles == [str(get_provision(code).title) for code in chosen]
    first = text_of(element.find("dd"))
    assert first == f"{get_provision('access').wording} (UK GDPR Article 15)"
    assert "You can also ask for your adoption records when you are 18." in text_of(element)


def test_contacts_show_each_way_to_get_in_touch(soup, notice):
    element = section(soup, "contacts", notice)
    contacts = element.find_all(class_="app-contact")
    assert [text_of(contact.find("h3")) for contact in contacts] == [
        "How to contact us",
        "Contact the service",
        "Complaints",
    ]
    dpo, service, complaints = contacts
    assert dpo.find("a", href="mailto:dpo@example.gov.uk")
    assert "Write to our DPO." in text_of(dpo)
    assert "Adoption team" in text_of(service)
    assert "Telephone: 01234 567890" in text_of(service)
    assert service.find("a", href="mailto:adoption@example.gov.uk")
    items = [text_of(li) for li in complaints.find_all("li")]
    assert "Telephone: 0303 123 1113 (local rate)" in items
    assert (
        "Post: Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, "
        "Cheshire, SK9 5AF"
    ) in items
    assert complaints.find("a", href="https://ico.org.uk").get_text() == "ico.org.uk"


def test_multi_line_address_is_one_line(client, notice):
    authority = notice.supervisory_authority
    authority.address = "Wycliffe House\nWater Lane,\nWilmslow\n\nSK9 5AF"
    authority.save()
    page = get_soup(client, notice.url)
    assert (
        "Post: Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, SK9 5AF"
        in [text_of(li) for li in page.select(".app-contact li")]
    )


def test_general_section(soup, notice):
    element = section(soup, "general", notice)
    assert text_of(element.find("h2")) == "Updates to this notice"
    assert "We review this notice every year." in text_of(element)


# Index page, drafts and error pages


def test_index_page_lists_its_live_notices(client):
    index = make_notice_index(intro="<p>How each of our services uses your information.</p>")
    notice = make_notice_page(parent=index)
    make_notice_page(parent=index, title="Draft notice", slug="draft-notice", publish=False)
    page = get_soup(client, index.url)
    assert text_of(page.find("h1")) == "Privacy notices"
    assert "How each of our services uses your information." in text_of(page.find("main"))
    items = page.select(".app-document-list > li")
    assert len(items) == 1
    assert items[0].find("a")["href"] == notice.url
    assert text_of(items[0].find("a")) == "Adoption"
    assert text_of(items[0].find(class_="app-notice-meta")) == "Reviewed March 2025 V1.0"


def test_empty_index_page_says_so(client):
    page = get_soup(client, make_notice_index().url)
    assert page.select(".app-document-list") == []
    assert "no privacy notices" in text_of(page.find("main"))


def test_draft_notice_is_not_found(client):
    draft = make_notice_page(publish=False)
    page = get_soup(client, f"/en/{draft.slug}/", status=404)
    assert text_of(page.find("h1")) == "Page not found"


def test_not_found_page(client):
    page = get_soup(client, "/en/no-such-page/", status=404)
    assert page.find("html")["lang"] == "en"
    assert text_of(page.find("h1")) == "Page not found"
    assert page.find(id="main-content").name == "main"
    assert page.find("main").find("a", href="/en/")


def test_server_error_page_needs_no_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    page = BeautifulSoup(html, "html.parser")
    assert page.find("html")["lang"] == "en"
    assert text_of(page.find("h1")) == "Sorry, there is a problem with the service"
    assert text_of(page.find("header")) == "Privacy notices"


# Block previews


def reachable_blocks(block: Block):
    """``block`` and every block inside it."""
    yield block
    if isinstance(block, ListBlock):
        yield from reachable_blocks(block.child_block)
    for child in getattr(block, "child_blocks", {}).values():
        yield from reachable_blocks(child)


def previewable_blocks() -> list[Block]:
    body = NoticePage._meta.get_field("body").stream_block
    return [block for block in reachable_blocks(body) if block.is_previewable]


def test_every_section_block_is_previewable():
    names = {block.name for block in previewable_blocks()}
    assert set(NoticePage._meta.get_field("body").stream_block.child_blocks) <= names


def test_block_previews_render_with_the_site_stylesheet(admin_client):
    for block in previewable_blocks():
        url = reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}"
        page = get_soup(admin_client, url)
        stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
        assert any(href.endswith("notice_blocks/css/notice.css") for href in stylesheets)
        assert page.find("main").get_text(strip=True), block.name


def test_section_previews_render_their_heading_and_section(admin_client):
    body = NoticePage._meta.get_field("body").stream_block
    for name, block in body.child_blocks.items():
        url = reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}"
        page = get_soup(admin_client, url)
        element = page.find(id=name)
        heading = element.find("h2")
        assert text_of(heading) == block.get_heading(block.get_preview_value())
        if name == "heading":  # a heading over the sections that follow it wraps none
            assert element.name == "div" and not page.find("section")
        else:
            assert element.name == "section"
            assert heading["id"] == element["aria-labelledby"]

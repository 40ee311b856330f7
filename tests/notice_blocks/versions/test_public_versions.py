"""A notice's public history as a logged-out resident reads it: its versions, each version's
page, the version in force on a day, and "Last updated" under the notice's title."""

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from freezegun import freeze_time
from wagtail.models import Page, PageViewRestriction

from notice_blocks.models import AbstractNoticePage
from notice_blocks.pdf.building import build_revision_pdfs
from notice_blocks.pdf.variants import STANDARD
from notice_blocks.versions.models import NoticeVersion
from tests.notice_blocks.pdf.test_languages import pdftotext
from tests.notice_blocks.test_i18n_pages import translate_notice
from tests.testapp.models import ServiceNoticePage
from tests.utils import (
    EVERY_BLOCK_BODY,
    left_to_right_outside_isolates,
    make_easy_read_page,
    make_notice_page,
    site_root,
)

pytestmark = pytest.mark.django_db

OLD_SENTENCE = "This notice explains how the adoption service uses personal information."
NEW_SENTENCE = "This notice explains how the adoption service uses and shares personal information."
NOTE = "We now share adoption records with schools."


def text_of(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def get_soup(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return BeautifulSoup(response.content, "html.parser")


def with_summary(sentence: str) -> list:
    return [("summary", {"heading": "", "text": f"<p>{sentence}</p>"}), *EVERY_BLOCK_BODY[1:]]


def publish(page, when: str, **changes):
    """Publish a new revision of ``page`` with ``changes`` at the time ``when`` (UTC)."""
    with freeze_time(when):
        page = page.get_latest_revision_as_object()
        for name, value in changes.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def notice():
    """Version 1 from 10 January 2025, version 2 from 5 March 2026 at 14:30 (UK time)."""
    with freeze_time("2025-01-10 09:00:00"):
        page = make_notice_page(version_label="V1.0", body=with_summary(OLD_SENTENCE))
    return publish(
        page,
        "2026-03-05 14:30:00",
        version_label="V2.0",
        change_note=NOTE,
        body=with_summary(NEW_SENTENCE),
    )


def versions_url(page) -> str:
    return page.url + "versions/"


def entries(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("main .app-document-list__item")


# The list of versions


def test_the_list_gives_every_version_newest_first_with_dates_notes_and_links(client, notice):
    soup = get_soup(client, versions_url(notice))

    assert text_of(soup.title) == "Adoption: versions – Privacy notices"
    assert [text_of(h1) for h1 in soup.find_all("h1")] == ["Adoption: versions"]
    newest, oldest = entries(soup)
    assert text_of(newest.find("h2")) == "Version 2 (V2.0)"
    assert newest.find("h2").a["href"] == versions_url(notice) + "2/"
    assert text_of(newest.select_one(".app-notice-meta")) == (
        "In force since 5 March 2026 (current version)"
    )
    assert NOTE in text_of(newest)
    compare = newest.find("a", string=re.compile("What changed"))
    assert text_of(compare) == "What changed since version 1"
    assert compare["href"] == versions_url(notice) + "compare/1/2/"

    assert text_of(oldest.find("h2")) == "Version 1 (V1.0)"
    assert oldest.find("h2").a["href"] == versions_url(notice) + "1/"
    assert text_of(oldest.select_one(".app-notice-meta")) == (
        "In force from 10 January 2025 to 5 March 2026"
    )
    assert oldest.find("a", string=re.compile("What changed")) is None
    assert soup.find("main").find("a", href=notice.url) is not None


def test_two_versions_of_one_day_give_their_times(client, notice):
    publish(notice, "2026-03-05 16:00:00", version_label="V2.1", change_note="Typing fixed.")

    soup = get_soup(client, versions_url(notice))

    metas = [text_of(entry.select_one(".app-notice-meta")) for entry in entries(soup)]
    assert metas == [
        "In force since 5 March 2026 (current version)",
        "In force from 5 March 2026, 14:30 to 5 March 2026, 16:00",
        "In force from 10 January 2025 to 5 March 2026",
    ]


def test_a_minor_correction_adds_no_version(client, notice):
    publish(notice, "2026-04-01 10:00:00", change_note="", title="Adoption services")

    soup = get_soup(client, versions_url(notice))

    assert [text_of(entry.find("h2")) for entry in entries(soup)] == [
        "Version 2 (V2.0)",
        "Version 1 (V1.0)",
    ]
    assert text_of(soup.find("h1")) == "Adoption services: versions"


# "Last updated" under the notice's title


def test_the_notice_says_when_it_was_last_updated_and_links_to_its_versions(client, notice):
    soup = get_soup(client, notice.url)

    line = soup.select_one("article .app-last-updated")
    assert text_of(line) == f"Last updated 5 March 2026: {NOTE} — see all versions"
    assert line.a["href"] == versions_url(notice)
    # Under the title, before the sections.
    assert line.find_previous("h1") is soup.find("h1")


def test_a_first_version_without_a_note_says_only_when(client):
    with freeze_time("2025-01-10 09:00:00"):
        page = make_notice_page()

    line = get_soup(client, page.url).select_one(".app-last-updated")

    assert text_of(line) == "Last updated 10 January 2025 — see all versions"


def test_a_change_note_reads_as_one_line_wherever_it_shows(client):
    """A change note is a sentence or two: its line breaks are not kept, on any page."""
    with freeze_time("2025-01-10 09:00:00"):
        page = make_notice_page(version_label="V1.0")
    page = publish(
        page, "2026-03-05 14:30:00", version_label="V2.0", change_note="Schools.\nAnd colleges."
    )

    listed = entries(get_soup(client, versions_url(page)))[0]
    version = get_soup(client, versions_url(page) + "2/").select_one(".app-version-banner")
    line = get_soup(client, page.url).select_one(".app-last-updated")

    for shown in (listed, version, line):
        assert "Schools. And colleges." in text_of(shown)
        assert shown.find("br") is None


def test_a_version_dated_at_the_start_of_the_calendar_still_shows(client, notice):
    """A date such as 1 January of year 1 (which notice files now refuse) has no local time:
    it is given as it is rather than failing the pages."""
    NoticeVersion.objects.filter(page=notice, number=1).update(
        in_force_from=datetime(1, 1, 1, tzinfo=UTC)
    )
    NoticeVersion.objects.filter(page=notice, number=2).update(
        in_force_from=datetime(1, 6, 1, 12, tzinfo=UTC)
    )

    listed = get_soup(client, versions_url(notice))
    assert [text_of(entry.select_one(".app-notice-meta")) for entry in entries(listed)] == [
        "In force since 1 June 0001 (current version)",
        "In force from 1 January 0001 to 1 June 0001",
    ]
    line = get_soup(client, notice.url).select_one(".app-last-updated")
    assert text_of(line) == f"Last updated 1 June 0001: {NOTE} — see all versions"
    assert "1 January 0001" in text_of(
        get_soup(client, versions_url(notice) + "1/").select_one(".app-version-banner")
    )
    for day, shown in (("0001-01-01", "Version 1 (V1.0)"), ("2025-06-01", "Version 2 (V2.0)")):
        banner = get_soup(client, versions_url(notice) + f"on/{day}/").select_one(
            ".app-version-banner"
        )
        assert shown in text_of(banner)


def pdf_text(client, url: str, path) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    path.write_bytes(b"".join(response.streaming_content))
    return re.sub(r"\s+", " ", pdftotext(path))


def test_the_notice_s_pdf_says_when_it_was_last_updated(client, notice, tmp_path):
    build_revision_pdfs(notice.live_revision_id, [STANDARD.value])

    text = pdf_text(client, notice.url + "pdf/", tmp_path / "notice.pdf")

    assert f"Last updated 5 March 2026: {NOTE}" in text
    assert "see all versions" not in text


def test_an_earlier_version_s_pdf_says_when_that_version_came(client, notice, tmp_path):
    first = NoticeVersion.objects.get(page=notice, number=1)
    build_revision_pdfs(first.revision_id, [STANDARD.value])

    text = pdf_text(client, versions_url(notice) + "1/pdf/", tmp_path / "version-1.pdf")

    assert "Last updated 10 January 2025" in text
    assert NOTE not in text
    assert OLD_SENTENCE in text


# A version's page


def test_an_earlier_version_shows_its_own_text_marked_as_not_current(client, notice):
    soup = get_soup(client, versions_url(notice) + "1/")
    main = text_of(soup.find("main"))

    assert OLD_SENTENCE in main
    assert NEW_SENTENCE not in main
    assert text_of(soup.title) == "Adoption: version 1 – Privacy notices"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "http://testserver" + versions_url(notice) + "1/"
    banner = soup.select_one(".app-version-banner")
    assert "This version is no longer in force. Read the current version." in text_of(banner)
    assert banner.find("a", string="Read the current version")["href"] == notice.url
    assert "Version 1 (V1.0): In force from 10 January 2025 to 5 March 2026." in text_of(banner)
    assert banner.find("a", string="See all versions of this notice")["href"] == (
        versions_url(notice)
    )
    # The live notice's PDFs are not offered as this version's.
    assert not soup.select(f'a[href^="{notice.url}pdf/"]')


def test_the_current_version_s_page_says_it_is_current(client, notice):
    soup = get_soup(client, versions_url(notice) + "2/")
    banner = soup.select_one(".app-version-banner")

    assert NEW_SENTENCE in text_of(soup.find("main"))
    assert "This is the current version of this notice." in text_of(banner)
    assert f"What changed: {NOTE}" in text_of(banner)
    assert banner.find("a", string="What changed since version 1")["href"] == (
        versions_url(notice) + "compare/1/2/"
    )


def test_a_version_s_page_keeps_one_h1_and_headings_in_order(client, notice):
    soup = get_soup(client, versions_url(notice) + "1/")
    main = soup.find("main")

    assert [text_of(h1) for h1 in main.find_all("h1")] == ["Adoption"]
    levels = [int(h.name[1]) for h in main.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert soup.html["lang"] == "en"


def test_a_version_s_downloads_are_its_own_pdfs(client, notice):
    version_soup = get_soup(client, versions_url(notice) + "1/")
    list_soup = get_soup(client, versions_url(notice))

    def pdf_paths(element: Tag) -> list[str]:
        return [urlsplit(a["href"]).path for a in element.select(".app-downloads a")]

    own = versions_url(notice) + "1/pdf/"
    assert pdf_paths(version_soup.select_one(".app-version-banner")) == [
        own,
        own + "large-print/",
    ]
    assert [pdf_paths(entry) for entry in entries(list_soup)] == [
        [versions_url(notice) + "2/pdf/", versions_url(notice) + "2/pdf/large-print/"],
        [own, own + "large-print/"],
    ]


def test_a_version_whose_text_is_not_held_gives_what_is_known_of_it(client, notice):
    NoticeVersion.objects.filter(page=notice, number=1).update(revision=None)

    soup = get_soup(client, versions_url(notice) + "1/")

    assert OLD_SENTENCE not in text_of(soup)
    assert "The text of this version is not held on this site." in text_of(soup.find("main"))
    assert "Version 1 (V1.0): In force from 10 January 2025 to 5 March 2026." in text_of(
        soup.select_one(".app-version-banner")
    )
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    listed = get_soup(client, versions_url(notice))
    assert listed.find("a", string=re.compile("What changed")) is None


@pytest.mark.parametrize("path", ["3/", "0/", "two/", "1/extra/"])
def test_a_version_that_does_not_exist_is_not_found(client, notice, path):
    get_soup(client, versions_url(notice) + path, status=404)


# The version in force on a day


def test_the_version_in_force_on_a_day(client, notice):
    soup = get_soup(client, versions_url(notice) + "on/2025-06-01/")
    banner = soup.select_one(".app-version-banner")

    assert OLD_SENTENCE in text_of(soup.find("main"))
    assert text_of(soup.title) == "Adoption: in force on 1 June 2025 – Privacy notices"
    assert "This is the version of this notice that was in force on 1 June 2025." in (
        text_of(banner)
    )
    assert "Version 1 (V1.0)" in text_of(banner)
    assert soup.find("link", rel="canonical")["href"].endswith(versions_url(notice) + "1/")


def test_on_the_day_a_version_came_the_page_names_the_one_before(client, notice):
    soup = get_soup(client, versions_url(notice) + "on/2026-03-05/")
    banner = soup.select_one(".app-version-banner")

    assert NEW_SENTENCE in text_of(soup.find("main"))
    assert "Earlier that day, another version was in force:" in text_of(banner)
    earlier = banner.find("a", string="Version 1 (V1.0)")
    assert earlier["href"] == versions_url(notice) + "1/"
    assert text_of(earlier.parent) == "Version 1 (V1.0), until 5 March 2026, 14:30"
    assert "Earlier that day" not in text_of(
        get_soup(client, versions_url(notice) + "on/2026-03-06/")
    )


def test_several_versions_earlier_that_day_are_named_as_several(client, notice):
    publish(notice, "2026-03-05 16:00:00", version_label="V2.1", change_note="Typing fixed.")
    publish(notice, "2026-03-05 17:00:00", version_label="V2.2", change_note="Link fixed.")

    banner = get_soup(client, versions_url(notice) + "on/2026-03-05/").select_one(
        ".app-version-banner"
    )

    assert "Earlier that day, other versions were in force:" in text_of(banner)
    assert [text_of(item) for item in banner.select("ul.app-list--bullet li")] == [
        "Version 3 (V2.1), until 5 March 2026, 17:00",
        "Version 2 (V2.0), until 5 March 2026, 16:00",
        "Version 1 (V1.0), until 5 March 2026, 14:30",
    ]


def test_a_day_is_a_day_in_the_site_s_time_zone(client):
    """23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time)."""
    with freeze_time("2025-01-10 09:00:00"):
        page = make_notice_page(version_label="V1.0")
    page = publish(page, "2025-06-30 23:30:00", version_label="V2.0")

    june = get_soup(client, versions_url(page) + "on/2025-06-30/")
    july = get_soup(client, versions_url(page) + "on/2025-07-01/")

    assert "Version 1 (V1.0)" in text_of(june.select_one(".app-version-banner"))
    assert "Version 2 (V2.0)" in text_of(july.select_one(".app-version-banner"))


@pytest.mark.parametrize(
    "day", ["2025-01-09", "2026-02-30", "2025-13-01", "0000-01-01", "2999-01-01", "2025-1-1"]
)
def test_a_day_before_the_first_version_or_not_a_day_is_not_found(client, notice, day):
    get_soup(client, versions_url(notice) + f"on/{day}/", status=404)


# What never shows


def test_a_draft_never_shows(client, notice):
    draft = notice.get_latest_revision_as_object()
    draft.change_note = "Secret plans for next year."
    draft.version_label = "V9.0"
    draft.body = with_summary("A sentence not yet published.")
    draft.save_revision()

    for url in [notice.url, versions_url(notice), versions_url(notice) + "2/"]:
        body = client.get(url).content.decode()
        assert "Secret plans" not in body
        assert "V9.0" not in body
        assert "not yet published" not in body
    assert len(entries(get_soup(client, versions_url(notice)))) == 2
    get_soup(client, versions_url(notice) + "3/", status=404)


def test_an_unpublished_notice_has_no_versions(client, notice):
    notice.unpublish()

    for path in ["", "1/", "2/", "on/2026-03-05/"]:
        get_soup(client, versions_url(notice) + path, status=404)


def test_a_private_notice_s_versions_are_as_private_as_the_notice(client, notice):
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)

    for path in ["", "1/", "on/2025-06-01/"]:
        response = client.get(versions_url(notice) + path)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_an_easy_read_page_below_an_unpublished_notice_has_no_versions(client, notice):
    easy_read = make_easy_read_page(notice)
    get_soup(client, versions_url(easy_read))
    notice.unpublish()

    get_soup(client, versions_url(easy_read), status=404)


# Easy read, other languages, aliases


def test_an_easy_read_page_has_versions_of_its_own(client, notice):
    with freeze_time("2026-03-06 10:00:00"):
        easy_read = make_easy_read_page(notice, version_label="ER1")

    line = get_soup(client, easy_read.url).select_one(".app-last-updated")
    assert text_of(line) == "Last updated 6 March 2026 — see all versions"
    assert line.a["href"] == versions_url(easy_read)
    listed = get_soup(client, versions_url(easy_read))
    assert [text_of(entry.find("h2")) for entry in entries(listed)] == ["Version 1 (ER1)"]
    version = get_soup(client, versions_url(easy_read) + "1/")
    assert "This is the current version" in text_of(version.select_one(".app-version-banner"))
    assert version.select_one(".app-notice--easy-read") is not None


def test_a_translation_s_versions_and_the_languages_they_link_to(client, notice):
    with freeze_time("2026-03-10 12:00:00"):
        welsh = translate_notice(notice, "cy")

    soup = get_soup(client, versions_url(welsh))
    assert soup.html["lang"] == "cy"
    assert len(entries(soup)) == 1  # Its own versions: the translation was published once.
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".app-language-switcher a")}
    assert switcher == {"en": versions_url(notice), "cy": versions_url(welsh)}
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert alternates["en"] == "http://localhost" + versions_url(notice)
    assert alternates["cy"] == "http://localhost" + versions_url(welsh)
    line = get_soup(client, welsh.url).select_one(".app-last-updated")
    assert line.a["href"] == versions_url(welsh)
    assert "10 Mawrth 2026" in text_of(line)  # The date in the reader's language.

    # A version's number means another version in another language: its list is offered.
    version = get_soup(client, versions_url(notice) + "1/")
    switcher = {a["hreflang"]: a["href"] for a in version.select(".app-language-switcher a")}
    assert switcher == {"en": versions_url(notice) + "1/", "cy": versions_url(welsh)}
    assert not version.find_all("link", rel="alternate")


def test_an_alias_shows_its_original_s_versions(client, notice):
    alias = notice.create_alias(update_slug="adoption-elsewhere")

    soup = get_soup(client, versions_url(alias))
    assert [entry.find("h2").a["href"] for entry in entries(soup)] == [
        versions_url(alias) + "2/",
        versions_url(alias) + "1/",
    ]
    version = get_soup(client, versions_url(alias) + "1/")
    assert OLD_SENTENCE in text_of(version.find("main"))
    banner = version.select_one(".app-version-banner")
    assert banner.find("a", string="Read the current version")["href"] == alias.url


def test_a_site_s_own_notice_type_shows_a_version_in_its_own_template(client):
    page = ServiceNoticePage(
        title="Library membership",
        version_label="V1.0",
        opening_hours="Monday to Friday, 9am to 5pm",
        body=EVERY_BLOCK_BODY,
    )
    site_root().add_child(instance=page)
    page.save_revision().publish()
    publish(page, "2026-05-01 10:00:00", version_label="V2.0", opening_hours="Every day, 8am")

    soup = get_soup(client, versions_url(page) + "1/")

    hours = soup.select_one(".testapp-opening-hours")
    assert text_of(hours) == "Opening hours: Monday to Friday, 9am to 5pm"
    assert "no longer in force" in text_of(soup.select_one(".app-version-banner"))


# The demo site


def test_every_demo_notice_in_every_language_offers_its_versions(client, demo):
    notices = [
        page
        for page in Page.objects.live().specific()
        if isinstance(page, AbstractNoticePage) and page.alias_of_id is None
    ]
    assert {page.locale.language_code for page in notices} >= {"en", "cy", "ur"}

    for page in notices:
        line = get_soup(client, page.url).select_one(".app-last-updated")
        assert line.a["href"] == versions_url(page), page.url
        listed = get_soup(client, versions_url(page))
        assert listed.html["lang"] == page.locale.language_code
        assert listed.html["dir"] == ("rtl" if page.locale.language_code == "ur" else "ltr")
        current = get_soup(client, entries(listed)[0].find("h2").a["href"])
        assert current.select_one(".app-version-banner:not(.app-version-banner--earlier)")
        if listed.html["dir"] == "rtl":
            for soup in (listed, current):
                assert left_to_right_outside_isolates(soup.find("main")) == "", page.url

"""A notice page type that a site defines (``tests.testapp``): served, imported and printed
like the app's own notice, and the app's pages under a site's base template."""

import datetime
import re
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django_tasks import default_task_backend
from pdfminer.high_level import extract_text

from notice_blocks.models import AbstractNoticePage, NoticePage
from notice_blocks.notice_files import import_notice, read_notice_file
from notice_blocks.pdf.building import build_revision_pdfs
from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.variants import variants_for
from tests.paths import TESTS_DIR
from tests.testapp.models import ServiceNoticePage
from tests.testapp.pdf import SERVICE_NOTICE
from tests.utils import EVERY_BLOCK_BODY, make_shared_details, site_root

pytestmark = pytest.mark.django_db

MINIMAL_FILE = TESTS_DIR / "data" / "notice_files" / "minimal.yaml"
OPENING_HOURS = "Monday to Friday, 9am to 5pm"


@pytest.fixture(autouse=True)
def queue_builds_without_running_them(settings):
    """Publishing queues the PDF builds; the tests build them as a worker does."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()


def make_service_notice(**kwargs) -> ServiceNoticePage:
    page = ServiceNoticePage(
        title="Library membership",
        version_label="V2.1",
        last_reviewed=datetime.date(2025, 6, 1),
        opening_hours=OPENING_HOURS,
        body=EVERY_BLOCK_BODY,
        **make_shared_details(),
        **kwargs,
    )
    site_root().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def get_soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_type_is_a_notice_of_its_own():
    assert issubclass(ServiceNoticePage, AbstractNoticePage)
    assert not issubclass(ServiceNoticePage, NoticePage)
    assert ServiceNoticePage.can_exist_under(site_root())


def test_a_service_notice_is_published_and_served_with_its_sections_and_own_field(client):
    page = make_service_notice()
    assert page.live and page.live_revision_id is not None

    soup = get_soup(client, page.url)

    assert text_of(soup.find("h1")) == "Library membership"
    assert f"Opening hours: {OPENING_HOURS}" in text_of(soup.find(class_="testapp-opening-hours"))
    for child in page.body:
        section = soup.find("section", id=child.id)
        assert section is not None, f"no section for {child.block_type}"
    assert "Example Council" in text_of(soup.find("main"))


def test_its_contents_list_links_to_every_section(client):
    page = make_service_notice()
    soup = get_soup(client, page.url)

    links = soup.find("nav", class_="app-contents-list").find("ol").find_all("a")
    assert [link["href"] for link in links] == [f"#{item.anchor}" for item in page.sections]
    assert [text_of(link) for link in links] == [item.heading for item in page.sections]
    assert len(links) == len(EVERY_BLOCK_BODY)
    for link in links:
        assert soup.find(id=link["href"][1:]) is not None


def test_a_notice_file_is_imported_into_the_page_type_the_site_names():
    result = import_notice(
        read_notice_file(MINIMAL_FILE), parent=site_root(), model=ServiceNoticePage
    )

    assert result.created
    page = ServiceNoticePage.objects.get(pk=result.page.pk)
    assert page.live and page.title == "Blue Badge parking permits"
    assert [child.block_type for child in page.body] == ["summary"]
    assert page.opening_hours == ""
    assert not NoticePage.objects.exists()

    again = import_notice(
        read_notice_file(MINIMAL_FILE), parent=site_root(), model=ServiceNoticePage
    )
    assert (again.created, again.changed) == (False, False)
    assert again.page.pk == page.pk


def test_it_is_printed_in_the_variant_it_declares():
    assert variants_for(ServiceNoticePage) == (SERVICE_NOTICE.value,)
    assert SERVICE_NOTICE.value not in variants_for(NoticePage)


def test_its_pdf_is_built_as_a_worker_builds_it_and_served_below_it(client):
    page = make_service_notice()

    outcomes = build_revision_pdfs(page.live_revision_id)

    assert list(outcomes) == [SERVICE_NOTICE.value]
    assert outcomes[SERVICE_NOTICE.value].status == NoticePdf.Status.READY
    assert page.reverse_subpage(SERVICE_NOTICE.route_name) == "pdf/"
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = re.sub(r"\s+", " ", extract_text(BytesIO(body)))
    assert "Library membership" in text
    assert "Example Council" in text


def test_the_pages_extend_the_base_template_a_site_names(client, settings):
    page = make_service_notice()
    default = get_soup(client, page.url)
    assert default.find(class_="testapp-header") is None

    settings.NOTICE_BASE_TEMPLATE = "testapp/base.html"
    soup = get_soup(client, page.url)

    assert text_of(soup.find("header", class_="testapp-header")) == "Test council"
    assert text_of(soup.find("footer", class_="testapp-footer")) == "Test council footer"
    assert soup.find("title").get_text().strip().endswith("– Test council")
    main = soup.find("main", id="main-content")
    assert text_of(main.find("h1")) == "Library membership"
    assert main.find(class_="testapp-opening-hours") is not None
    assert main.find("nav", class_="app-contents-list") is not None

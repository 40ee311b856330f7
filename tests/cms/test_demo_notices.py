"""The demo notices: loaded by one idempotent command and reproduced sentence for sentence."""

from io import StringIO

import pytest
import yaml
from bs4 import BeautifulSoup
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from cms.demo import DEMO_NOTICE_FILES
from cms.demo.management.commands.load_demo_notices import WELCOME_PAGE_TITLE
from notice_blocks.models import NoticeIndexPage, NoticePage
from tests.reference_text import missing_sentences, reference_sentences, visible_text, words

# The tests of a first load come first: they run before ``demo`` loads the demo for the rest.
pytestmark = pytest.mark.django_db

NOTICE_NAMES = [path.stem for path in DEMO_NOTICE_FILES]
MANCHESTER = "manchester-childrens-social-care"
BOLTON = "bolton-childrens-social-care"


def load_demo_notices() -> str:
    output = StringIO()
    call_command("load_demo_notices", stdout=output)
    return output.getvalue()


def rendered_text(client, slug: str) -> str:
    response = client.get(NoticePage.objects.get(slug=slug, locale__language_code="en").url)
    assert response.status_code == 200
    return visible_text(response.content.decode())


def data_categories(name: str) -> list[dict]:
    """The categories of personal data the demo notice file lists, in order."""
    path = DEMO_NOTICE_FILES[NOTICE_NAMES.index(name)]
    body = yaml.safe_load(path.read_text(encoding="utf-8"))["notice"]["body"]
    return [
        category
        for section in body
        if section["type"] == "personal_data"
        for group in section["value"]["groups"]
        for category in group["categories"]
    ]


def test_demo_files_are_the_two_reference_notices():
    assert NOTICE_NAMES == [MANCHESTER, BOLTON]


def test_loads_both_notices_under_a_notice_index_at_the_site_root():
    assert Site.objects.get(is_default_site=True).root_page.title == WELCOME_PAGE_TITLE

    output = load_demo_notices()

    root = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(root, NoticeIndexPage)
    assert root.title == "Privacy notices"
    assert root.live
    notices = NoticePage.objects.child_of(root).live().order_by("slug")
    assert [notice.slug for notice in notices] == sorted(NOTICE_NAMES)
    assert not Page.objects.filter(title=WELCOME_PAGE_TITLE).exists()
    assert "Created: Children’s Social Care http://127.0.0.1:8000/" in output
    assert "Created: Privacy Notice for Children's Social Care http://127.0.0.1:8000/" in output


def test_an_edited_site_root_is_kept():
    welcome = Site.objects.get(is_default_site=True).root_page
    assert welcome.title == WELCOME_PAGE_TITLE
    welcome.add_child(instance=Page(title="About us", slug="about-us"))

    load_demo_notices()

    assert Page.objects.filter(pk=welcome.pk).exists()
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, NoticeIndexPage)


@pytest.mark.postgres
def test_running_twice_changes_nothing(demo):
    def saved_state() -> tuple[list, list]:
        return (
            list(Revision.objects.order_by("pk").values_list("pk", flat=True)),
            list(Page.objects.order_by("pk").values_list("pk", "path", "latest_revision_id")),
        )

    before = saved_state()

    output = load_demo_notices()

    assert saved_state() == before
    assert output.count("Unchanged:") == 3
    assert "Created" not in output
    assert "Updated" not in output


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_rendered_notice_contains_every_reference_sentence(client, demo, name):
    sentences = reference_sentences(name)

    missing = missing_sentences(sentences, rendered_text(client, name))

    assert len(sentences) > 80
    assert missing == [], (
        f"{len(missing)} sentences of {name}.txt are not on the page:\n"
        + "\n".join(f"  - {sentence}" for sentence in missing)
    )


def test_bolton_shows_its_version_and_review_date(client, demo):
    assert "Reviewed November 2021 V3.0" in rendered_text(client, BOLTON)


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_special_category_and_criminal_offence_data_are_marked(client, demo, name):
    response = client.get(NoticePage.objects.get(slug=name, locale__language_code="en").url)
    items = [
        " ".join(item.get_text(" ").split())
        for item in BeautifulSoup(response.content, "html.parser").main.find_all("li")
    ]
    markers = {
        "personal": None,
        "special_category": "Special category data",
        "criminal_offence": "Criminal offence data",
    }
    categories = data_categories(name)
    assert {category["kind"] for category in categories} >= {"personal", "special_category"}

    for category in categories:
        marker = markers[category["kind"]]
        expected = words(f"{category['description']} {marker or ''}")
        assert any(words(item) == expected for item in items), (category, marker)


def test_bolton_keeps_its_own_classification_of_criminal_offences():
    kinds = {c["description"]: c["kind"] for c in data_categories(BOLTON)}
    assert kinds["Criminal convictions and offences"] == "special_category"
    assert [c["kind"] for c in data_categories(MANCHESTER)][-1] == "criminal_offence"


def test_reference_sentences_leave_out_page_furniture_and_markup():
    manchester = reference_sentences(MANCHESTER)
    bolton = reference_sentences(BOLTON)

    assert manchester[:2] == ["Children’s Social Care", "Summary"]
    assert manchester[-1] == (
        "Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, "
        "SK9 5AF."
    )
    assert not any("helpful" in s or "Fields marked" in s or "Feedback" in s for s in manchester)
    assert bolton[:2] == [
        "Privacy Notice for Children's Social Care",
        "Reviewed November 2021 V3.0",
    ]
    assert "For more information please visit the Bolton Care Record website." in bolton
    assert "Religion – special category data" in bolton
    assert not any(marker in s for s in bolton + manchester for marker in ("**", "](", "•"))
    assert not any(s.startswith(("- ", "1. ", "9. ")) for s in bolton + manchester)


def test_missing_sentences_compares_words_in_order():
    text = visible_text(
        "<main><h2>Sharing</h2><p>We share your data with <b>schools</b>.</p>"
        "<ul><li>Health agencies get it too.</li></ul><p>The Council's notice</p></main>"
    )

    assert missing_sentences(["We share your data with schools.", "Sharing"], text) == []
    assert missing_sentences(["the council’s NOTICE"], text) == []
    assert missing_sentences(["We never sell your data."], text) == ["We never sell your data."]
    assert missing_sentences(["With schools we share your data."], text) == [
        "With schools we share your data."
    ]
    assert missing_sentences(["We share data with schools."], text) == [
        "We share data with schools."
    ]
    # Punctuation and block boundaries are not compared: only the words and their order.
    assert missing_sentences(["schools. Health agencies"], text) == []


def test_missing_sentences_catches_a_sentence_taken_out_of_a_rendered_notice(client, demo):
    text = rendered_text(client, BOLTON)
    sentences = reference_sentences(BOLTON)
    absent = (
        "We may also share information to safeguard public funds administered by the Authority."
    )
    reordered = "Greater Manchester Police"
    assert missing_sentences([absent, reordered], text) == []

    damaged = text.replace(absent, "").replace(reordered, "Police Greater Manchester")

    assert missing_sentences(sentences, damaged) == [reordered, absent]


def test_visible_text_reads_main_only_and_keeps_blocks_apart():
    html = (
        "<html><head><title>Title</title><style>p {}</style></head><body>"
        "<header>Site name</header><main><h1>Notice</h1><p>Of<b>sted</b></p><p>one</p>"
        "<ul><li>two</li><li>three<br>four</li></ul><script>var x;</script>"
        "<p hidden>secret</p></main><footer>Footer</footer></body></html>"
    )

    assert visible_text(html) == "Notice Ofsted one two three four"


def test_create_demo_admin_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("create_demo_admin", stdout=StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()


def test_create_demo_admin_creates_and_resets_the_superuser(settings):
    settings.DEBUG = True

    def create_demo_admin() -> str:
        output = StringIO()
        call_command("create_demo_admin", stdout=output)
        prefix, _, password = output.getvalue().strip().rpartition(" password: ")
        assert prefix == "Admin: http://127.0.0.1:8000/admin/  user: admin"
        return password

    first = create_demo_admin()
    second = create_demo_admin()

    assert len(first) >= 20
    assert first != second
    user = authenticate(username="admin", password=second)
    assert user is not None and user.is_superuser and user.is_staff
    assert authenticate(username="admin", password=first) is None
    assert get_user_model().objects.filter(username="admin").count() == 1

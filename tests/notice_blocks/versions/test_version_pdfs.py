"""The PDFs of a notice's versions: each carries its own text, is kept, and is built once.

Residents ask for them logged out at their real addresses; builds run as a task worker runs
them (``run_queued_pdf_builds``); the text is read back with pdftotext.
"""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format as format_date
from django_tasks import default_task_backend
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.models import NoticePage
from notice_blocks.pdf.building import pdf_storage
from notice_blocks.pdf.models import NoticePdf
from notice_blocks.pdf.tasks import build_notice_pdfs_task
from notice_blocks.pdf.variants import LARGE_PRINT, STANDARD
from notice_blocks.versions.models import NoticeVersion
from tests.notice_blocks.test_translation_workflow import (
    admin_client,
    download_po,
    publish_translation,
    upload_po,
)
from tests.notice_blocks.versions.test_recording import post_edit
from tests.utils import (
    EVERY_BLOCK_BODY,
    NOTICE_VARIANTS,
    make_easy_read_page,
    make_notice_page,
    run_queued_pdf_builds,
    site_root,
)

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
FIRST_SENTENCE = "This notice explains how the adoption service uses personal information."
SECOND_SENTENCE = "From April we also share adoption records with the regional agency."
PREPARING = "This PDF is being prepared. Please try again in a minute."


@pytest.fixture(autouse=True)
def queued(settings):
    """Builds are queued, not run: a test runs them as a worker would."""
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def pdf_root(tmp_path):
    return tmp_path / "notice-pdfs"  # where the conftest's storage keeps them


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs what publishing queues once its transaction commits, as it does on the site."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def run_builds() -> int:
    """Run the queued builds as a worker does, its commits' work (deleting files) included."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return run_queued_pdf_builds()


def body_saying(sentence: str) -> list:
    return [("summary", {"heading": "", "text": f"<p>{sentence}</p>"}), *EVERY_BLOCK_BODY[1:]]


def publish(page: Page, **changes) -> Page:
    """Publish a new revision of ``page`` with ``changes``, as every road to publishing does."""
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def version_route(page: Page, number: int, variant: str = STANDARD.value) -> str:
    name = "version_pdf_large_print" if variant == LARGE_PRINT.value else "version_pdf"
    return page.url + page.reverse_subpage(name, kwargs={"number": number})


def notice_route(page: Page) -> str:
    return page.url + page.reverse_subpage("pdf")


def fetch(url: str):
    response = Client().get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def pdf_text(body: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it back, its white space made single spaces."""
    path = tmp_path / "read.pdf"
    path.write_bytes(body)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout.decode())


def served_text(url: str, tmp_path) -> str:
    response, body = fetch(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(body, tmp_path)


def queued_builds() -> list[tuple]:
    return [
        (result.args[0], result.args[1])
        for result in default_task_backend.results
        if result.task.func is build_notice_pdfs_task.func
    ]


def stored_files(root) -> list:
    return sorted(root.rglob("*.pdf")) if root.exists() else []


def two_versions(on_commit) -> NoticePage:
    """A notice published as V1.0, then as V2.0 with a changed sentence and a change note."""
    with on_commit():
        page = make_notice_page(version_label="V1.0", body=body_saying(FIRST_SENTENCE))
    run_builds()
    with on_commit():
        page = publish(
            page,
            version_label="V2.0",
            change_note="We now share adoption records with the regional agency.",
            body=body_saying(SECOND_SENTENCE),
        )
    run_builds()
    return page


def test_each_version_s_pdfs_carry_its_own_text(on_commit, tmp_path):
    page = two_versions(on_commit)

    for variant in NOTICE_VARIANTS:
        first = served_text(version_route(page, 1, variant), tmp_path)
        second = served_text(version_route(page, 2, variant), tmp_path)
        assert FIRST_SENTENCE in first and "V1.0" in first
        assert SECOND_SENTENCE not in first and "V2.0" not in first
        assert SECOND_SENTENCE in second and "V2.0" in second
        assert FIRST_SENTENCE not in second
    # The notice's own route serves the current version.
    assert SECOND_SENTENCE in served_text(notice_route(page), tmp_path)

    response, _ = fetch(version_route(page, 1, LARGE_PRINT.value))
    assert response["Content-Disposition"] == (
        f'inline; filename="{page.slug}-version-1-large-print.pdf"'
    )
    assert response["Content-Language"] == "en"
    assert response["X-Robots-Tag"] == "noindex"  # not the notice as it is now
    assert "X-Robots-Tag" not in fetch(version_route(page, 2))[0]
    assert queued_builds() == []


def test_the_versions_list_links_each_version_s_pdfs_with_their_sizes(on_commit):
    page = two_versions(on_commit)
    first_revision = NoticeVersion.objects.get(page=page, number=1).revision_id
    NoticePdf.objects.filter(revision_id=first_revision, variant=LARGE_PRINT.value).delete()

    response = Client().get(page.url + page.reverse_subpage("versions"))

    assert response.status_code == 200
    links = BeautifulSoup(response.content, "html.parser").select('a[type="application/pdf"]')
    assert [link["href"] for link in links] == [
        version_route(page, number, variant) for number in (2, 1) for variant in NOTICE_VARIANTS
    ]
    assert {link["hreflang"] for link in links} == {"en"}
    texts = [" ".join(link.get_text().split()) for link in links]
    sizes = {
        (pdf.revision_id, pdf.variant): round(pdf.file_size / 1024)
        for pdf in NoticePdf.objects.filter(page_id=page.pk)
    }
    assert texts[0] == f"Download PDF (English, {sizes[page.live_revision_id, 'standard']} KB)"
    assert texts[2] == f"Download PDF (English, {sizes[first_revision, 'standard']} KB)"
    # A PDF not stored has no size to show yet; its link still leads to it.
    assert texts[3] == "Download large print PDF (English)"
    assert Client().get(links[3]["href"]).status_code == 503


def test_a_version_s_pdfs_survive_new_versions_and_corrections_keep_only_the_last(
    on_commit, pdf_root
):
    with on_commit():
        page = make_notice_page(version_label="V1.0")
    run_builds()
    first_revision = page.live_revision_id

    # A minor correction moves version 1 on: the PDFs of its earlier revision go.
    with on_commit():
        page = publish(page, title="Adoption services")
    run_builds()
    corrected_revision = page.live_revision_id
    assert NoticeVersion.objects.get(page=page, number=1).revision_id == corrected_revision
    assert not NoticePdf.objects.filter(revision_id=first_revision).exists()

    # A new version keeps version 1's last PDFs, and their files.
    with on_commit():
        page = publish(page, version_label="V2.0", change_note="New contact details.")
    run_builds()
    kept = NoticePdf.objects.filter(revision_id=corrected_revision)
    assert {pdf.variant for pdf in kept} == set(NOTICE_VARIANTS)
    assert len(stored_files(pdf_root)) == 2 * len(NOTICE_VARIANTS)

    # A third version, then a correction of it: version 1's PDFs are still served as stored.
    with on_commit():
        page = publish(page, version_label="V3.0", change_note="Longer retention.")
        page = publish(page, title="Adoption and fostering services")
    run_builds()
    standard = kept.get(variant=STANDARD.value)
    response, body = fetch(version_route(page, 1))
    assert response.status_code == 200
    assert response["ETag"] == f'"{standard.checksum[:32]}"'
    assert queued_builds() == []
    assert NoticePdf.objects.filter(pk=standard.pk, status=NoticePdf.Status.READY).exists()


def test_a_missing_version_pdf_is_queued_once_then_built_not_rendered_in_the_request(
    on_commit, pdf_root, tmp_path
):
    page = make_notice_page(version_label="V1.0", body=body_saying(FIRST_SENTENCE))
    # Published outside a committed transaction: version 1's PDFs were never built.
    with on_commit():
        page = publish(page, version_label="V2.0", body=body_saying(SECOND_SENTENCE))
    run_builds()
    first_revision = NoticeVersion.objects.get(page=page, number=1).revision_id
    files_before = stored_files(pdf_root)

    response = Client().get(version_route(page, 1))

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".app-pdf-unavailable").get_text(strip=True) == PREPARING
    version_page = page.full_url + page.reverse_subpage("version", kwargs={"number": 1})
    assert soup.find("a", href=version_page), "no link to the version's web page"
    pdf = NoticePdf.objects.get(revision_id=first_revision, variant=STANDARD.value)
    assert (pdf.status, pdf.attempts) == (NoticePdf.Status.PENDING, 0)
    assert queued_builds() == [(first_revision, [STANDARD.value])]
    assert stored_files(pdf_root) == files_before

    # Asked again: not queued twice, never rendered here.
    assert Client().get(version_route(page, 1)).status_code == 503
    assert len(queued_builds()) == 1

    assert run_builds() == 1
    text = served_text(version_route(page, 1), tmp_path)
    assert FIRST_SENTENCE in text and SECOND_SENTENCE not in text
    # Building version 1 took nothing away from the live PDF.
    assert SECOND_SENTENCE in served_text(notice_route(page), tmp_path)


def test_a_lost_version_pdf_build_is_queued_again_by_the_reconciler(on_commit):
    page = make_notice_page(version_label="V1.0")
    with on_commit():
        page = publish(page, version_label="V2.0")
    run_builds()
    first_revision = NoticeVersion.objects.get(page=page, number=1).revision_id
    Client().get(version_route(page, 1))
    default_task_backend.clear()  # the queue lost the job
    NoticePdf.objects.filter(revision_id=first_revision).update(queued_at=None)

    call_command("queue_pending_pdfs")

    assert queued_builds() == [(first_revision, [STANDARD.value])]
    run_builds()
    assert fetch(version_route(page, 1))[0].status_code == 200


def test_no_version_pdf_without_a_version_whose_text_is_held(on_commit):
    page = two_versions(on_commit)
    imported = NoticeVersion.objects.create(
        page=page,
        number=3,
        revision=None,
        version_label="V3.0",
        in_force_from=timezone.now(),
        text_changed_at=timezone.now(),
    )

    for number in (imported.number, 4, 0):
        for variant in NOTICE_VARIANTS:
            assert Client().get(version_route(page, number, variant)).status_code == 404
    assert Client().get(page.url + "versions/1/pdf/huge-print/").status_code == 404
    assert not NoticePdf.objects.filter(page_id=page.pk, status=NoticePdf.Status.PENDING).exists()


def test_drafts_unpublished_and_private_notices_give_no_version_pdf(on_commit):
    draft = make_notice_page(publish=False, title="Fostering", slug="fostering")
    draft.save_revision()
    assert Client().get(draft.url + "versions/1/pdf/").status_code == 404

    page = two_versions(on_commit)
    # A newer draft is never a version.
    draft_of_page = Page.objects.get(pk=page.pk).specific
    draft_of_page.version_label = "V9.9"
    draft_of_page.save_revision()
    assert Client().get(version_route(page, 3)).status_code == 404

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    response = Client().get(version_route(page, 1))
    assert response.status_code == 200
    assert b"%PDF" not in response.content
    assert BeautifulSoup(response.content, "html.parser").find("input", {"name": "password"})
    restriction.delete()

    page.unpublish()
    for number in (1, 2):
        assert Client().get(version_route(page, number)).status_code == 404
    assert not NoticePdf.objects.filter(status=NoticePdf.Status.PENDING).exists()


def test_an_easy_read_page_s_versions_have_their_easy_read_pdf(on_commit, tmp_path):
    notice = make_notice_page()
    easy_read = make_easy_read_page(notice, version_label="V1.0", title="Adoption: easy read")
    with on_commit():
        easy_read = publish(easy_read, version_label="V2.0", title="Adopting a child: easy read")
    run_builds()
    first_url = easy_read.url + easy_read.reverse_subpage("version_pdf", kwargs={"number": 1})

    assert Client().get(first_url).status_code == 503
    assert run_builds() == 1

    text = served_text(first_url, tmp_path)
    assert "Adoption: easy read" in text and "Adopting a child" not in text
    first_revision = NoticeVersion.objects.get(page=easy_read, number=1).revision_id
    assert NoticePdf.objects.get(revision_id=first_revision).variant == "easy-read"
    assert Client().get(easy_read.url + "versions/1/pdf/large-print/").status_code == 404


def test_an_alias_serves_its_original_s_version_pdfs(on_commit, tmp_path):
    page = two_versions(on_commit)
    alias = page.create_alias(update_slug="adoption-elsewhere")

    text = served_text(version_route(alias, 1), tmp_path)

    assert FIRST_SENTENCE in text and SECOND_SENTENCE not in text
    assert not NoticePdf.objects.filter(page_id=alias.pk).exists()


# A translation's live PDF follows its out-of-date warning, made through wagtail-localize.


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")


@pytest.fixture
def welsh() -> Locale:
    return Locale.objects.get_or_create(language_code="cy")[0]


def submit(page: Page, locale: Locale, user, on_commit) -> None:
    """``user`` submits ``page`` for translation through wagtail-localize's form."""
    with on_commit():
        response = admin_client(user).post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )
    assert response.status_code == 302


def translate(page: Page, locale: Locale, user, on_commit) -> Page:
    """``user`` translates every string of ``page`` in a PO file, uploads it and publishes."""
    client = admin_client(user)
    source = TranslationSource.objects.get_for_instance(page)
    translation_ = Translation.objects.get(source=source, target_locale=locale)
    po = download_po(client, translation_)
    for entry in po:
        entry.msgstr = entry.msgid if entry.msgctxt == "slug" else f"[cy] {entry.msgid}"
    upload_po(client, translation_, po)
    with on_commit():
        publish_translation(client, translation_, user)
    return page.get_translation(locale).specific


def sync(page: Page, user) -> None:
    """``user`` syncs the translations of ``page`` with it (“Sync translated pages”)."""
    source = TranslationSource.objects.get_for_instance(page)
    response = admin_client(user).post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {}
    )
    assert response.status_code == 302


@pytest.fixture
def translated(lead, welsh, on_commit):
    """An English notice and its Welsh translation, whose PDFs are built."""
    submit(site_root(), welsh, lead, on_commit)
    notice = make_notice_page(body=body_saying(FIRST_SENTENCE))
    submit(notice, welsh, lead, on_commit)
    translation_ = translate(notice, welsh, lead, on_commit)
    run_builds()
    return notice, translation_


def change_in_english(notice: Page, lead) -> None:
    """The lead publishes a change to the English notice from its edit form."""
    post_edit(
        admin_client(lead),
        notice,
        "action-publish",
        title="Adoption services",
        change_note="A new name for the service.",
    )


def warning_day(notice: Page) -> str:
    """The day the English text changed, as the Welsh warning writes it."""
    changed_at = NoticeVersion.objects.filter(page=notice).values_list(
        "text_changed_at", flat=True
    )[0]
    with translation.override("cy"):
        return format_date(timezone.localtime(changed_at), "DATE_FORMAT")


def test_a_translation_s_pdf_gains_the_warning_after_the_english_changes(
    translated, lead, welsh, on_commit, pdf_root, tmp_path
):
    notice, welsh_notice = translated
    before = served_text(notice_route(welsh_notice), tmp_path)
    assert "[cy] " + FIRST_SENTENCE in before
    assert "Saesneg" not in before
    old_files = {pdf.file_name for pdf in NoticePdf.objects.filter(page_id=welsh_notice.pk)}

    with on_commit():
        change_in_english(notice, lead)

    # Publishing the English notice queued the Welsh PDFs' rebuild; the old files are served
    # meanwhile, never a page saying that they are being prepared.
    live = NoticePdf.objects.filter(revision_id=welsh_notice.live_revision_id)
    assert {(pdf.status, pdf.file_name in old_files) for pdf in live} == {
        (NoticePdf.Status.PENDING, True)
    }
    for variant in NOTICE_VARIANTS:
        assert (welsh_notice.live_revision_id, [variant]) in queued_builds()
    assert "Saesneg" not in served_text(notice_route(welsh_notice), tmp_path)

    run_builds()

    for variant in NOTICE_VARIANTS:
        url = welsh_notice.url + welsh_notice.reverse_subpage(
            "pdf_large_print" if variant == LARGE_PRINT.value else "pdf"
        )
        text = served_text(url, tmp_path)
        assert "Saesneg" in text
        assert warning_day(notice) in text
        assert "[cy] " + FIRST_SENTENCE in text
    assert not any(pdf_storage().exists(name) for name in old_files)
    assert queued_builds() == []

    # Synced and published again, the translation's PDFs no longer warn; the PDF of the
    # version it replaced stays as it was given.
    sync(notice, lead)
    welsh_notice = translate(notice, welsh, lead, on_commit)
    run_builds()
    assert "Saesneg" not in served_text(notice_route(welsh_notice), tmp_path)
    versions = NoticeVersion.objects.filter(page=welsh_notice).count()
    assert versions == 2
    assert "Saesneg" in served_text(version_route(welsh_notice, 1), tmp_path)
    assert "Saesneg" not in served_text(version_route(welsh_notice, 2), tmp_path)


def test_a_stored_pdf_found_outdated_when_asked_for_is_served_and_built_again(
    translated, lead, tmp_path
):
    notice, welsh_notice = translated
    # Published without its commit hooks running: nothing queued the Welsh PDFs' rebuild.
    change_in_english(notice, lead)
    default_task_backend.clear()

    first, _ = fetch(notice_route(welsh_notice))
    again, body = fetch(notice_route(welsh_notice))

    assert first.status_code == again.status_code == 200
    assert "Saesneg" not in pdf_text(body, tmp_path)
    assert queued_builds() == [(welsh_notice.live_revision_id, [STANDARD.value])]
    run_builds()
    assert "Saesneg" in served_text(notice_route(welsh_notice), tmp_path)


def test_an_earlier_version_s_pdf_stays_as_given_even_when_built_later(
    translated, lead, on_commit, tmp_path
):
    notice, welsh_notice = translated
    with on_commit():
        welsh_notice = publish(welsh_notice, version_label="V2.0")
    run_builds()
    first_revision = NoticeVersion.objects.get(page=welsh_notice, number=1).revision_id

    with on_commit():
        change_in_english(notice, lead)
    run_builds()

    # The live PDF warns; the earlier version's, built before the change, is not rebuilt.
    assert "Saesneg" in served_text(notice_route(welsh_notice), tmp_path)
    assert "Saesneg" not in served_text(version_route(welsh_notice, 1), tmp_path)
    assert queued_builds() == []

    # Built anew while the translation is out of date, it still shows its version as it was.
    with TestCase.captureOnCommitCallbacks(execute=True):
        NoticePdf.objects.filter(revision_id=first_revision).delete()
    assert Client().get(version_route(welsh_notice, 1)).status_code == 503
    assert run_builds() == 1
    text = served_text(version_route(welsh_notice, 1), tmp_path)
    assert "[cy] " + FIRST_SENTENCE in text
    assert "Saesneg" not in text

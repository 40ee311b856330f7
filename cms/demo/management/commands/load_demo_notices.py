"""Load the demo notices under a privacy notice index at the root of the default site.

The default site answers at the address the demo is served at (``--address``, by default
``WAGTAILADMIN_BASE_URL``), so that the addresses printed in PDFs and the pages' links to
their translations lead back to it.

Each notice file holds the notice's easy read version too, loaded as its child page. The
notices that ship translations (``cms/demo/translations/``), and their easy read
versions where these ship a translation, are then translated through wagtail-localize and
published in their languages.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from cms.demo import DEMO_NOTICE_FILES
from cms.demo.translating import (
    TRANSLATED_NOTICES,
    TRANSLATION_LANGUAGES,
    TranslationResult,
    translate_demo_notice,
)
from notice_blocks.models import NoticeIndexPage
from notice_blocks.notice_files import ImportResult, import_notice, read_notice_file

INDEX_TITLE = "Privacy notices"
INDEX_SLUG = "privacy-notices"
# The page Wagtail's own migration creates as the first site's root.
WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_untouched_welcome_page(page: Page) -> bool:
    """Whether ``page`` is Wagtail's placeholder home page, never edited and with no children."""
    return (
        page.specific_class is Page
        and page.title == WELCOME_PAGE_TITLE
        and page.is_leaf()
        and not page.revisions.exists()
    )


class Command(BaseCommand):
    help = (
        "Load the demo privacy notices (Manchester and Bolton children's social care) and their "
        "easy read versions under a privacy notice index that is the default site's root page, "
        "with the Welsh and Urdu translations of the Bolton notice and of its easy read version. "
        "Safe to run again: unchanged notices and translations are left as they are."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--address",
            default=getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
            help="The address the demo site is served at, such as http://127.0.0.1:8000 "
            "(by default WAGTAILADMIN_BASE_URL).",
        )

    def handle(self, *args, address: str, **options) -> None:
        with transaction.atomic():
            index = self.ensure_site_index(*site_address(address))
            notices = {}
            for path in DEMO_NOTICE_FILES:
                result = import_notice(read_notice_file(path), parent=index, publish=True)
                self.report_import(result)
                notices[result.page.slug] = result.page
            for slug in TRANSLATED_NOTICES:
                for language_code in TRANSLATION_LANGUAGES:
                    for result in translate_demo_notice(notices[slug], language_code):
                        self.report_translation(language_code, result)

    def report_import(self, result: ImportResult) -> None:
        """One line per notice file: the notice, and its easy read version if it has one."""
        easy_read = result.parts.get("easy_read")
        if result.created:
            status = "Created"
        elif result.changed or (easy_read is not None and easy_read.changed):
            status = "Updated"
        else:
            status = "Unchanged"
        line = f"{status}: {result.page.title} {self.page_url(result.page)}"
        if easy_read is not None:
            line += f" (easy read version: {self.page_url(easy_read.page)})"
        self.stdout.write(line)

    def report_translation(self, language_code: str, result: TranslationResult) -> None:
        """One line per translated object; warnings when its PO file no longer fits it."""
        instance = result.instance
        where = (
            self.page_url(instance)
            if isinstance(instance, Page)
            else f"({instance._meta.verbose_name})"
        )
        self.stdout.write(f"Translation ({language_code}) {result.status}: {instance} {where}")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"  PO file entry not used: {warning}"))
        if result.untranslated:
            self.stdout.write(
                self.style.WARNING(
                    f"  {result.untranslated} strings have no translation and stay in English"
                )
            )

    def ensure_site_index(self, hostname: str | None, port: int | None) -> NoticeIndexPage:
        """The default site's root page, made a ``NoticeIndexPage`` if it is not one yet.

        The site answers at ``hostname`` and ``port`` when they are given.
        """
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and hostname and (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save(update_fields=["hostname", "port"])
            self.stdout.write(f"Site address: {site.root_url}/")
        if site is not None:
            root = site.root_page.specific
            if isinstance(root, NoticeIndexPage):
                self.stdout.write(f"Unchanged: site root {root.title} {self.page_url(root)}")
                return root

        tree_root = Page.get_first_root_node()
        index = NoticeIndexPage.objects.child_of(tree_root).filter(slug=INDEX_SLUG).first()
        if index is None:
            index = NoticeIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG)
            tree_root.add_child(instance=index)
            index.save_revision().publish()
            self.stdout.write(f"Created: {index.title}")

        if site is None:
            site = Site.objects.create(
                hostname=hostname or "localhost",
                port=port or 80,
                site_name=getattr(settings, "WAGTAIL_SITE_NAME", ""),
                root_page=index,
                is_default_site=True,
            )
        else:
            previous_root = site.root_page
            site.root_page = index
            site.save()
            if (
                is_untouched_welcome_page(previous_root)
                and not previous_root.sites_rooted_here.exists()
            ):
                previous_root.delete()
                self.stdout.write(f"Deleted: {previous_root.title}")
            else:
                self.stdout.write(f"Kept: {previous_root.title}, no longer the site root")
        self.stdout.write(f"Site root: {index.title} {self.page_url(index)}")
        return index

    @staticmethod
    def page_url(page: Page) -> str:
        """The page's full address on its site."""
        return page.get_full_url() or ""


def site_address(address: str) -> tuple[str, int] | tuple[None, None]:
    """The hostname and port of ``address``, such as ``("127.0.0.1", 8000)``; none for ""."""
    if not address:
        return None, None
    parts = urlsplit(address if "//" in address else f"http://{address}")
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        port = None
    if not parts.hostname or not port:
        raise CommandError(f"Not an address a site can be served at: {address!r}")
    return parts.hostname, port

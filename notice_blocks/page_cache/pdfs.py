"""Stored PDFs change their notice's page (its download links give their sizes).

Connected by the app's ``ready`` only where the PDF app is installed: a PDF stored (by a
task worker or a management command) or deleted with its file purges its page.
"""

from functools import partial

from django.db.models.signals import post_delete

from ..pdf.events import pdf_stored
from ..pdf.models import NoticePdf
from .frontend import live_page_urls
from .purging import purge


def pdf_was_stored(sender, pdf: NoticePdf, **kwargs) -> None:
    purge(partial(live_page_urls, pdf.page_id))


def pdf_deleted(sender, instance: NoticePdf, **kwargs) -> None:
    if instance.file_name:
        purge(partial(live_page_urls, instance.page_id))


def connect() -> None:
    pdf_stored.connect(pdf_was_stored, dispatch_uid="notice_page_cache_pdf_stored")
    post_delete.connect(pdf_deleted, sender=NoticePdf, dispatch_uid="notice_page_cache_pdf_deleted")

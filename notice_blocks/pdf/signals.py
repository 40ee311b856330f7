"""Queue a notice's PDFs when it is published, and tidy stored files away."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published

from ..models import AbstractNoticePage
from .building import delete_stored_file
from .models import NoticePdf
from .tasks import queue_notice_pdfs
from .variants import variants_for


def queue_pdfs_on_publish(sender, instance, revision=None, **kwargs) -> None:
    """Queue the PDFs of a published notice once the publication is committed."""
    if revision is None or kwargs.get("alias") or not isinstance(instance, AbstractNoticePage):
        return
    transaction.on_commit(
        partial(
            queue_notice_pdfs,
            instance.pk,
            revision.pk,
            instance.locale.language_code,
            list(variants_for(type(instance))),
        )
    )


def delete_file_with_row(sender, instance: NoticePdf, **kwargs) -> None:
    """Delete a PDF's stored file once the deletion of its row is committed."""
    if instance.file_name:
        transaction.on_commit(partial(delete_stored_file, instance.file_name))


def connect() -> None:
    page_published.connect(queue_pdfs_on_publish, dispatch_uid="notice_pdfs_on_publish")
    post_delete.connect(
        delete_file_with_row, sender=NoticePdf, dispatch_uid="notice_pdf_delete_file"
    )

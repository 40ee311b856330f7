"""Stored PDFs change their notice's page (its download links give their sizes).

Connected by the app's ``ready`` only where the PDF app is installed, by the names of its
model and tasks: nothing of the PDF app is imported. A PDF stored by a build task (which
stores it with an update, which sends no model signal) purges when the task finishes, in the
worker that ran it; a PDF row saved as ready, or deleted with its file, purges at once.
"""

from datetime import datetime
from functools import partial

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

try:
    from django_tasks.signals import task_finished
except ImportError:  # a django-tasks that signals no finished task: pages show new PDFs
    task_finished = None  # when the cached pages expire

from .frontend import cached_urls
from .purging import purge

PDF_MODEL = "notice_blocks_pdf.NoticePdf"
#: The tasks of the PDF app: any of them finishing may have stored PDFs.
PDF_TASKS = "notice_blocks.pdf."
READY = "ready"


def pdf_saved(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw") and instance.status == READY:
        purge(partial(_page_urls, [instance.page_id]))


def pdf_deleted(sender, instance, **kwargs) -> None:
    if instance.file_name:
        purge(partial(_page_urls, [instance.page_id]))


def pdf_task_finished(sender, task_result, **kwargs) -> None:
    """A PDF task finished: purge the pages whose PDFs were stored since it started."""
    if not task_result.task.module_path.startswith(PDF_TASKS):
        return
    started = task_result.started_at or task_result.finished_at
    if started is None:
        return
    purge(partial(_built_since, started))


def _built_since(started: datetime) -> set[str]:
    pdfs = apps.get_model(PDF_MODEL)._default_manager
    return _page_urls(set(pdfs.filter(built_at__gte=started).values_list("page_id", flat=True)))


def _page_urls(page_ids) -> set[str]:
    return {
        url for page in Page.objects.filter(pk__in=page_ids).live() for url in cached_urls(page)
    }


def connect() -> None:
    post_save.connect(pdf_saved, sender=PDF_MODEL, dispatch_uid="notice_page_cache_pdf_saved")
    post_delete.connect(pdf_deleted, sender=PDF_MODEL, dispatch_uid="notice_page_cache_pdf_deleted")
    if task_finished is not None:
        task_finished.connect(pdf_task_finished, dispatch_uid="notice_page_cache_pdf_task")

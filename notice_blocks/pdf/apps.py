from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ..routes import register_subpage_routes


class NoticePdfsAppConfig(AppConfig):
    """PDFs of notices: built by task workers when a notice is published, served below it."""

    name = "notice_blocks.pdf"
    label = "notice_blocks_pdf"
    verbose_name = _("Privacy notice PDFs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready: these modules import models.
        from .panels import add_pdf_panels
        from .routes import pdf_routes
        from .signals import connect

        connect()
        register_subpage_routes(pdf_routes)
        add_pdf_panels()

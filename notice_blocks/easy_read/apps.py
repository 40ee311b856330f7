from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class EasyReadAppConfig(AppConfig):
    """Easy read versions of notices: pages with pictures, checked for plain language."""

    name = "notice_blocks.easy_read"
    label = "notice_blocks_easy_read"
    verbose_name = _("Easy read privacy notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready: the module imports models.
        from .notice_files import register_notice_file_section

        register_notice_file_section()
        if apps.is_installed("notice_blocks.pdf"):
            import_module(f"{self.name}.pdf_version").register()

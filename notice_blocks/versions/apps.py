from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class NoticeVersionsAppConfig(AppConfig):
    """Public versions of notices: recorded on publishing, served below each notice."""

    name = "notice_blocks.versions"
    label = "notice_blocks_versions"
    verbose_name = _("Privacy notice versions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready: the module imports models.
        from ..routes import register_subpage_routes
        from .notice_files import register_notice_file_section
        from .recording import connect
        from .routes import version_routes

        connect()
        register_subpage_routes(version_routes)
        register_notice_file_section()
        if apps.is_installed("notice_blocks.pdf"):
            import_module(f"{self.name}.pdfs").register()

from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PageCacheAppConfig(AppConfig):
    """Caches published public pages whole, and purges them (and a CDN) when they change."""

    name = "notice_blocks.page_cache"
    label = "notice_blocks_page_cache"
    verbose_name = _("Privacy notice page cache")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready: these modules import models.
        from .checks import register
        from .signals import connect

        connect()
        register()
        if apps.is_installed("notice_blocks.pdf"):
            import_module(f"{self.name}.pdfs").connect()

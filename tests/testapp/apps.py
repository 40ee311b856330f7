from importlib import import_module

from django.apps import AppConfig, apps


class TestAppConfig(AppConfig):
    name = "tests.testapp"
    label = "testapp"
    verbose_name = "Test app"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The app's PDF variants are declared for its own page types: a site's page type
        # declares its own, where PDFs are installed.
        if apps.is_installed("notice_blocks.pdf"):
            import_module(f"{self.name}.pdf").register()

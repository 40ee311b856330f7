from django.apps import AppConfig


class DemoAppConfig(AppConfig):
    """The demo site's content: two council notices, their translations, and a demo admin."""

    name = "cms.demo"
    label = "demo"
    verbose_name = "Demo site"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticeBlocksAppConfig(AppConfig):
    name = "notice_blocks"
    label = "notice_blocks"
    verbose_name = _("Privacy notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, translation_segments

        checks.register()
        translation_segments.install()

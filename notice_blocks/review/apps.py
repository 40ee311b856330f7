from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticeReviewAppConfig(AppConfig):
    """Reminds editors of the notices due for review, and records the reminders sent."""

    name = "notice_blocks.review"
    label = "notice_blocks_review"
    verbose_name = _("Privacy notice reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported once the app registry is ready: the module imports models.
        from .checks import register

        register()

"""A notice page type that a site defines from the app's abstract notice page."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from notice_blocks.blocks import NoticeBodyBlock
from notice_blocks.models import AbstractNoticePage
from notice_blocks.snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)


def shared_detail(model: type[models.Model]) -> models.ForeignKey:
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class ServiceNoticePage(AbstractNoticePage):
    """A notice of one council service, which names the service's opening hours."""

    data_controller = shared_detail(DataController)
    data_protection_officer = shared_detail(DataProtectionOfficer)
    supervisory_authority = shared_detail(SupervisoryAuthority)
    general_privacy_notice = shared_detail(GeneralPrivacyNotice)
    body = StreamField(NoticeBodyBlock())
    opening_hours = models.CharField(max_length=100, blank=True)

    content_panels = AbstractNoticePage.content_panels + [
        AbstractNoticePage.version_panel,
        FieldPanel("opening_hours"),
        FieldPanel("data_controller"),
        FieldPanel("data_protection_officer"),
        FieldPanel("supervisory_authority"),
        FieldPanel("general_privacy_notice"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    template = "testapp/service_notice_page.html"

    class Meta:
        verbose_name = "service privacy notice"

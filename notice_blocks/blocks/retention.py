from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock


class RetentionPeriodBlock(blocks.StructBlock):
    record = blocks.CharBlock(label=_("Kind of record"), max_length=255)
    period = blocks.CharBlock(
        label=_("How long we keep it"),
        max_length=255,
        help_text=_("For example “date of birth plus 25 years”."),
    )

    class Meta:
        icon = "time"
        label = _("Retention period")


class RetentionScheduleLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Web address"), required=False)
    text = blocks.CharBlock(label=_("Link text"), required=False, max_length=255)

    class Meta:
        label = _("Retention schedule")


class RetentionBlock(SectionBlock):
    """How long data is kept (UK GDPR Art 13(2)(a)): periods per record and/or the schedule."""

    intro = NoticeRichTextBlock(label=_("Introduction"))
    periods = blocks.ListBlock(RetentionPeriodBlock(), label=_("Retention periods"), min_num=0)
    schedule = RetentionScheduleLinkBlock(label=_("Link to the retention schedule"))
    outro = NoticeRichTextBlock(label=_("Closing text"))

    class Meta:
        icon = "time"
        label = _("Retention")
        description = _(
            "How long each kind of record is kept, or a link to the retention schedule."
        )
        template = "notice_blocks/blocks/retention.html"
        default_heading = _("How long do we keep your information?")
        preview_value = {
            "heading": "",
            "intro": "",
            "periods": [
                {
                    "record": "Children’s social care case files",
                    "period": "Date of birth plus 25 years",
                }
            ],
            "schedule": {"url": "", "text": ""},
            "outro": "",
        }

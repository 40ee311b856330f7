from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock, SectionTextBlock, list_block


class RetentionPeriodBlock(blocks.StructBlock):
    record = blocks.CharBlock(label=_("Kind of record"), max_length=255)
    period = blocks.CharBlock(
        label=_("How long we keep it"),
        max_length=255,
        help_text=_(
            "In your own words, for example “date of birth plus 25 years” or “between 6 and "
            "75 years depending on the record”."
        ),
    )
    notes = NoticeRichTextBlock(label=_("Notes"))

    class Meta:
        icon = "time"
        label = _("Retention period")


class RetentionScheduleLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Web address"), required=False)
    text = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Shown as it is when there is no web address."),
    )

    class Meta:
        label = _("Retention schedule")


class RetentionBlock(SectionBlock):
    """How long data is kept (UK GDPR Art 13(2)(a)): periods, the criteria and the schedule."""

    intro = SectionTextBlock(label=_("Introduction"))
    periods = list_block(RetentionPeriodBlock(), label=_("Retention periods"))
    criteria = SectionTextBlock(
        label=_("How we decide how long"),
        help_text=_("The criteria that set the periods, where they are not given for each record."),
    )
    holds = SectionTextBlock(
        label=_("When we keep records longer"),
        help_text=_("For example legal holds, or records an inquiry has asked us to keep."),
    )
    schedule = RetentionScheduleLinkBlock(label=_("Link to the retention schedule"))
    outro = SectionTextBlock(label=_("Closing text"))

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
                    "notes": "",
                }
            ],
            "criteria": "",
            "holds": "",
            "schedule": {"url": "", "text": ""},
            "outro": "",
        }

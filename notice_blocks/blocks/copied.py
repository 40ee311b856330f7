"""Values a translation copies as they are: telephone numbers, web and email addresses.

wagtail-localize offers a translator these as values kept in step with the original, which a
language may override, rather than as text to translate. It already treats ``URLBlock`` and
``EmailBlock`` so; a block below opts in through ``get_translatable_segments`` and
``restore_translated_segments``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail_localize.segments import OverridableSegmentValue


class CopiedValueMixin:
    """A plain value that translations copy from the original, unless a language overrides it."""

    def get_translatable_segments(self, value) -> list[OverridableSegmentValue]:
        return [OverridableSegmentValue("", value)]

    def restore_translated_segments(self, value, segments) -> str:
        # One segment: the original value, or the language's override of it.
        return segments[0].data if segments else value


class TelephoneBlock(CopiedValueMixin, blocks.CharBlock):
    """A telephone number, written as residents dial it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Telephone"))
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)

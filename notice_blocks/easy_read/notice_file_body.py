"""Reading an easy read body: the picture and topic of a point or section by their codes."""

from django.utils.translation import gettext as _
from wagtail import blocks

from ..notice_files.body import BodyReader, allowed
from ..notice_files.errors import shown
from ..notice_files.locations import child_location
from ..notice_files.suggestions import did_you_mean
from .blocks import EasyReadPointBlock, EasyReadSectionBlock
from .pictures import PICTURES


class EasyReadBodyReader(BodyReader):
    """A ``BodyReader`` that names the library's pictures and the notice's topics.

    A picture key or topic that does not exist is reported in words an editor can act on,
    instead of the choice field's own message.
    """

    def read_struct(self, block: blocks.BaseStructBlock, value: object, location: str) -> dict:
        result = super().read_struct(block, value, location)
        if isinstance(block, EasyReadPointBlock):
            self.check_picture(result, child_location(location, "picture"))
        elif isinstance(block, EasyReadSectionBlock):
            self.check_topic(block, result, child_location(location, "topic"))
        return result

    def check_picture(self, point: dict, location: str) -> None:
        key = point.get("picture")
        if not key or key in PICTURES:
            return
        keys = list(PICTURES)
        suggestion = did_you_mean(key, keys)
        message = _("“%(key)s” is not a picture in the library.") % {"key": shown(key)}
        if suggestion:
            message += suggestion
        else:
            message += " " + _("Pictures: %(keys)s.") % {"keys": allowed(keys)}
        self.error(location, message, replaced=True)
        point["picture"] = ""

    def check_topic(self, block: EasyReadSectionBlock, section: dict, location: str) -> None:
        topic = section.get("topic")
        topics = [code for code, _label in block.child_blocks["topic"].field.choices if code]
        if not topic or topic in topics:
            return
        message = _("“%(topic)s” is not a topic of a notice.") % {"topic": shown(topic)}
        message += did_you_mean(topic, topics)
        message += " " + _("Topics: %(topics)s.") % {"topics": allowed(topics)}
        self.error(location, message, replaced=True)
        section["topic"] = ""

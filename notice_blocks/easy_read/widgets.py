"""The point's picture, chosen by looking at the library's pictures rather than their names."""

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from .pictures import get_picture


class PictureRadioSelect(forms.RadioSelect):
    """The picture library as radio buttons, each labelled with its picture and alt text.

    A fieldset with a legend groups them, so that a screen reader names the group; the
    thumbnail's own alt text is empty, as the label says what it shows. Arrow keys move
    between pictures, as in any group of radio buttons. The blank choice is “No picture
    from the library”, for a point that shows the editor's own picture.
    """

    template_name = "notice_blocks/easy_read/widgets/picture_select.html"
    option_template_name = "notice_blocks/easy_read/widgets/picture_option.html"
    legend = _("Picture from the library")
    no_picture_label = _("No picture from the library")

    class Media:
        css = {"all": ["notice_blocks/easy-read/picture-chooser.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["legend"] = self.legend
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        picture = get_picture(str(value or ""))
        if picture is None:
            option["label"] = self.no_picture_label
            option["picture_url"] = ""
        else:
            option["picture_url"] = static(picture.static_path)
        return option

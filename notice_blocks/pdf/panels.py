"""A read-only panel on a notice's edit view: the state of its PDFs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import get_page_models

from ..models import AbstractNoticePage
from .models import NoticePdf
from .variants import variants_for


class NoticePdfPanel(Panel):
    """Shows whether each PDF of the notice is queued, built or failing, with the error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("PDF downloads"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "notice_blocks/admin/pdf_status_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk and variants_for(type(self.instance)))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["pdfs"] = (
                NoticePdf.objects.filter(page_id=self.instance.pk)
                .select_related("revision")
                .order_by("-revision_id", "variant", "language_code")
            )
            context["live_revision_id"] = self.instance.live_revision_id
            context["report_url"] = reverse("notice_pdfs:report")
            return context


def add_pdf_panels() -> None:
    """Add the panel to the edit view of every notice page type that declares its panels.

    It shows only on pages of a type some PDF variant applies to.
    """
    for model in get_page_models():
        panels = model.__dict__.get("content_panels")
        if not issubclass(model, AbstractNoticePage) or panels is None:
            continue
        if not any(isinstance(panel, NoticePdfPanel) for panel in panels):
            model.content_panels = [*panels, NoticePdfPanel()]

"""A read-only panel on a notice's edit view: the state of its PDFs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .models import NoticePdf


class NoticePdfPanel(Panel):
    """Shows whether each PDF of the notice is queued, built or failing, with the error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("PDF downloads"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "notice_blocks/admin/pdf_status_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)

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

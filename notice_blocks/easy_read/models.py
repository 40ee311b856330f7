"""The easy read version of a notice, a page below the full notice."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..models import AbstractNoticePage, NoticePage
from ..reachability import open_to_everyone, reachable
from ..snippets import DataController
from .blocks import EasyReadBodyBlock
from .forms import EasyReadPageForm
from .publishing import publish_findings
from .review import EasyReadReview


class EasyReadNoticePage(AbstractNoticePage):
    """The easy read version of a notice: points with pictures, and a word list.

    It lives below the full notice, which it links back to, and covers the same topics.
    """

    body = StreamField(EasyReadBodyBlock(), verbose_name=_("sections"))

    content_panels = AbstractNoticePage.content_panels + [
        AbstractNoticePage.version_panel,
        FieldPanel("body"),
    ]
    search_fields = AbstractNoticePage.search_fields + [index.SearchField("body")]
    base_form_class = EasyReadPageForm
    #: A version of its full notice, whose completeness is checked on the full notice.
    completeness_checked = False

    parent_page_types = ["notice_blocks.NoticePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "notice_blocks/easy_read_notice_page.html"

    class Meta:
        verbose_name = _("easy read notice")
        verbose_name_plural = _("easy read notices")

    @cached_property
    def full_notice(self) -> NoticePage | None:
        """The full notice this is the easy read version of."""
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def data_controller(self) -> DataController | None:
        """The council that publishes the full notice, and so this version of it."""
        return self.full_notice.data_controller if self.full_notice else None

    @property
    def pdf_download_name(self) -> str:
        return self.full_notice.slug if self.full_notice else self.slug

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context["easy_read_review"] = EasyReadReview.of(self)
        return context

    def publish(self, revision, *args, **kwargs):
        """Publish ``revision`` unless it fails the checks that publishing enforces.

        Every road to publishing comes here: the editor, workflows, imports and
        translations. Raises ``ValidationError`` naming the failed checks on the body.
        """
        findings = publish_findings(revision.as_object())
        if findings:
            raise ValidationError({"body": [finding.message for finding in findings]})
        return super().publish(revision, *args, **kwargs)


def easy_read_version(notice: NoticePage) -> EasyReadNoticePage | None:
    """The notice's published easy read version that residents can open, if there is one."""
    if not notice.pk:
        return None
    return reachable(open_to_everyone(EasyReadNoticePage.objects.child_of(notice).live())).first()

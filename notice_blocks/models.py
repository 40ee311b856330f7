"""Page models: a privacy notice, and the index that lists a site's notices."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import NoticeBodyBlock
from .pdf.models import NoticePdf  # noqa: F401  (stored PDFs of notices)
from .pdf.panels import NoticePdfPanel
from .pdf.serving import serve_notice_pdf
from .pdf.variants import PdfVariant
from .snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)


@dataclass(frozen=True)
class Section:
    """A section of a notice as the contents list shows it."""

    anchor: str
    heading: str


def _shared_detail(model: type[models.Model], verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class AbstractNoticePage(Page):
    """What every kind of notice has: shared details, a version and a review date.

    Subclass it for a notice of another shape; ``NoticePage`` is the standard one.
    """

    version_label = models.CharField(
        _("version"), max_length=50, blank=True, help_text=_("For example “V3.0”.")
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    data_controller = _shared_detail(DataController, _("data controller"))
    data_protection_officer = _shared_detail(DataProtectionOfficer, _("data protection officer"))
    supervisory_authority = _shared_detail(SupervisoryAuthority, _("supervisory authority"))
    general_privacy_notice = _shared_detail(GeneralPrivacyNotice, _("general privacy notice"))

    shared_detail_panels = [
        MultiFieldPanel(
            [FieldPanel("version_label"), FieldPanel("last_reviewed")],
            heading=_("Version"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("data_controller"),
                FieldPanel("data_protection_officer"),
                FieldPanel("supervisory_authority"),
                FieldPanel("general_privacy_notice"),
            ],
            heading=_("Shared details"),
        ),
    ]

    class Meta:
        abstract = True


class NoticePage(RoutablePageMixin, AbstractNoticePage):
    """A privacy notice composed from section blocks, with its PDFs at ``pdf/``."""

    body = StreamField(NoticeBodyBlock(), verbose_name=_("sections"))

    content_panels = AbstractNoticePage.content_panels + [
        *AbstractNoticePage.shared_detail_panels,
        FieldPanel("body"),
        NoticePdfPanel(),
    ]
    search_fields = AbstractNoticePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["notice_blocks.NoticeIndexPage", "wagtailcore.Page"]
    subpage_types: list[str] = []
    template = "notice_blocks/notice_page.html"

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    @property
    def sections(self) -> list[Section]:
        """The notice's sections, in order, for its contents list."""
        return [
            Section(anchor=child.id, heading=child.block.get_heading(child.value))
            for child in self.body
        ]

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The notice as a PDF."""
        return serve_notice_pdf(request, self, PdfVariant.STANDARD)

    @path("pdf/large-print/", name="pdf_large_print")
    def large_print_pdf(self, request):
        """The notice as a large print PDF."""
        return serve_notice_pdf(request, self, PdfVariant.LARGE_PRINT)


class NoticeIndexPage(Page):
    """Lists the privacy notices published below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["notice_blocks.NoticePage"]
    template = "notice_blocks/notice_index_page.html"

    class Meta:
        verbose_name = _("privacy notice index")
        verbose_name_plural = _("privacy notice indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = NoticePage.objects.child_of(self).live().public().order_by("title")
        return context

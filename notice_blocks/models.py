"""Page models: a privacy notice, and the index that lists a site's notices."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import NoticeBodyBlock
from .easy_read.blocks import EasyReadBodyBlock
from .easy_read.forms import EasyReadPageForm
from .pdf.models import NoticePdf  # noqa: F401  (stored PDFs of notices)
from .pdf.panels import NoticePdfPanel
from .pdf.serving import serve_notice_pdf
from .pdf.variants import PdfVariant
from .reachability import ClosesPagesBelow, is_reachable, reachable, with_alternates
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


class AbstractNoticePage(ClosesPagesBelow, RoutablePageMixin, Page):
    """What every kind of notice has: a version, a review date and PDFs to download.

    Subclass it for a notice of another shape; ``NoticePage`` is the standard one and
    ``EasyReadNoticePage`` its easy read version. The pages below a notice close with it
    (see ``reachability``).
    """

    version_label = models.CharField(
        _("version"), max_length=50, blank=True, help_text=_("For example “V3.0”.")
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    #: The PDFs built for each published revision, as values of ``PdfVariant``.
    pdf_variants: tuple[str, ...] = (PdfVariant.STANDARD,)

    version_panel = MultiFieldPanel(
        [FieldPanel("version_label"), FieldPanel("last_reviewed")], heading=_("Version")
    )

    class Meta:
        abstract = True

    @property
    def sections(self) -> list[Section]:
        """The notice's sections, in order, for its contents list."""
        return [
            Section(anchor=child.id, heading=child.block.get_heading(child.value))
            for child in self.body
        ]

    @property
    def pdf_download_name(self) -> str:
        """The start of its PDFs' file names."""
        return self.slug

    def get_sitemap_urls(self, request=None):
        if not is_reachable(self):
            return []
        return with_alternates(super().get_sitemap_urls(request), self, request)


class NoticePage(AbstractNoticePage):
    """A privacy notice composed from section blocks, with its PDFs at ``pdf/``."""

    data_controller = _shared_detail(DataController, _("data controller"))
    data_protection_officer = _shared_detail(DataProtectionOfficer, _("data protection officer"))
    supervisory_authority = _shared_detail(SupervisoryAuthority, _("supervisory authority"))
    general_privacy_notice = _shared_detail(GeneralPrivacyNotice, _("general privacy notice"))
    body = StreamField(NoticeBodyBlock(), verbose_name=_("sections"))

    content_panels = AbstractNoticePage.content_panels + [
        AbstractNoticePage.version_panel,
        MultiFieldPanel(
            [
                FieldPanel("data_controller"),
                FieldPanel("data_protection_officer"),
                FieldPanel("supervisory_authority"),
                FieldPanel("general_privacy_notice"),
            ],
            heading=_("Shared details"),
        ),
        FieldPanel("body"),
        NoticePdfPanel(),
    ]
    search_fields = AbstractNoticePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["notice_blocks.NoticeIndexPage", "wagtailcore.Page"]
    subpage_types = ["notice_blocks.EasyReadNoticePage"]
    template = "notice_blocks/notice_page.html"
    pdf_variants = (PdfVariant.STANDARD, PdfVariant.LARGE_PRINT)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    @cached_property
    def easy_read_version(self) -> "EasyReadNoticePage | None":
        """The published easy read version that residents can open, if there is one."""
        return reachable(EasyReadNoticePage.objects.child_of(self).live().public()).first()

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The notice as a PDF."""
        return serve_notice_pdf(request, self, PdfVariant.STANDARD)

    @path("pdf/large-print/", name="pdf_large_print")
    def large_print_pdf(self, request):
        """The notice as a large print PDF."""
        return serve_notice_pdf(request, self, PdfVariant.LARGE_PRINT)


class EasyReadNoticePage(AbstractNoticePage):
    """The easy read version of a notice: points with pictures, and a word list.

    It lives below the full notice, which it links back to, and covers the same topics.
    """

    body = StreamField(EasyReadBodyBlock(), verbose_name=_("sections"))

    content_panels = AbstractNoticePage.content_panels + [
        AbstractNoticePage.version_panel,
        FieldPanel("body"),
        NoticePdfPanel(),
    ]
    search_fields = AbstractNoticePage.search_fields + [index.SearchField("body")]
    base_form_class = EasyReadPageForm

    parent_page_types = ["notice_blocks.NoticePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "notice_blocks/easy_read_notice_page.html"
    pdf_variants = (PdfVariant.EASY_READ,)

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
            from .easy_read.review import EasyReadReview

            context["easy_read_review"] = EasyReadReview.of(self)
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The easy read version as a PDF."""
        return serve_notice_pdf(request, self, PdfVariant.EASY_READ)


class NoticeIndexPage(Page):
    """Lists the privacy notices published below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["notice_blocks.NoticePage"]
    template = "notice_blocks/notice_index_page.html"

    class Meta:
        verbose_name = _("privacy notice index")
        verbose_name_plural = _("privacy notice indexes")

    def get_sitemap_urls(self, request=None):
        return with_alternates(super().get_sitemap_urls(request), self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = NoticePage.objects.child_of(self).live().public().order_by("title")
        return context

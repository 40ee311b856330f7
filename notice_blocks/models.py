"""Page models: a privacy notice, and the index that lists a site's notices.

Other apps add to a notice without this module naming them: pages that declare a notice as
their parent (``parent_page_types``), routes below it (``routes``) and links (``links``).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import NoticeBodyBlock
from .completeness.forms import NoticePageForm
from .completeness.publishing import may_publish
from .conf import SettingValue, setting
from .reachability import ClosesPagesBelow, is_reachable, open_to_everyone, with_alternates
from .readable_text import ReadableTextMixin
from .routes import subpage_routes
from .snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)

#: The Wagtail hook through which apps name more paths below a notice for frontend caches to
#: purge, such as those of routes with arguments: a function given the page, returning paths.
CACHED_PATHS_HOOK = "notice_page_cached_paths"


@dataclass(frozen=True)
class Section:
    """A section of a notice as the contents list shows it, with its heading's level."""

    anchor: str
    heading: str
    level: int = 2


def _shared_detail(model: type[models.Model], verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class AbstractNoticePage(ReadableTextMixin, ClosesPagesBelow, RoutablePageMixin, Page):
    """What every kind of notice has: a version, review dates and the routes apps add.

    Subclass it for a notice of another shape; ``NoticePage`` is the standard one. The pages
    below a notice close with it (see ``reachability``), and the routes registered for its
    class in ``routes`` (such as its PDFs) are served below it.
    """

    version_label = models.CharField(
        _("version"), max_length=50, blank=True, help_text=_("For example “V3.0”.")
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        max_length=1000,
        help_text=_(
            "What changed, in a sentence residents understand. Publishing with a new change "
            "note, or a new version label, makes a new public version of the notice; leave it "
            "empty to publish a minor correction of the current version."
        ),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("Leave empty to review it a year after the last review."),
    )
    for_children = models.BooleanField(
        _("written for children"),
        default=False,
        help_text=_("The notice is written so that children can understand it."),
    )

    #: The version label (“V3.0”) is copied into translations, not translated; a language
    #: may override it.
    override_translatable_fields = [SynchronizedField("version_label", overridable=True)]

    version_panel = MultiFieldPanel(
        [
            FieldPanel("version_label"),
            FieldPanel("change_note"),
            FieldPanel("last_reviewed"),
            FieldPanel("review_by"),
            FieldPanel("for_children"),
        ],
        heading=_("Version"),
    )
    #: The template that the page's template extends.
    base_template = SettingValue("NOTICE_BASE_TEMPLATE")
    #: Refuses to publish a notice missing a required item, where that is enforced.
    base_form_class = NoticePageForm
    #: Whether the completeness check (UK GDPR Articles 13 and 14) applies to pages of this
    #: type: its admin surfaces and publish gate (see ``completeness.is_checked``).
    completeness_checked = True

    class Meta:
        abstract = True

    def publish(self, revision, *args, **kwargs):
        """Publish ``revision`` unless the completeness check keeps it from publication.

        Every road to publishing comes here (see ``completeness.publishing``).
        """
        if not may_publish(revision, kwargs.get("log_action", True)):
            return None
        return super().publish(revision, *args, **kwargs)

    @classmethod
    def get_subpage_urls(cls):
        return (*super().get_subpage_urls(), *subpage_routes(cls))

    def get_cached_paths(self) -> list[str]:
        """The paths a frontend cache keeps of the page: the page, its routes without
        arguments (such as its PDFs) and the paths apps add (``CACHED_PATHS_HOOK``)."""
        paths = ["/"]
        for pattern in self.get_subpage_urls():
            if pattern.name and not pattern.pattern.regex.groups:
                paths.append("/" + self.reverse_subpage(pattern.name))
        for named_paths in hooks.get_hooks(CACHED_PATHS_HOOK):
            paths += ["/" + path.lstrip("/") for path in named_paths(self)]
        return list(dict.fromkeys(paths))

    @property
    def sections(self) -> list[Section]:
        """The notice's headed sections and part headings, in order, for its contents list.

        A section whose heading is hidden continues the one before, and is left out.
        """
        sections = []
        for child in self.body:
            block, value = child.block, child.value
            if not getattr(block, "shows_heading", lambda value: True)(value):
                continue
            level = getattr(block, "get_heading_level", lambda value: 2)(value)
            sections.append(Section(child.id, block.get_heading(value), level))
        return sections

    @property
    def review_due_on(self) -> date | None:
        """When the notice is due for review: its review-by date, or an interval after the
        last review (or its first publication)."""
        if self.review_by:
            return self.review_by
        reviewed = self.last_reviewed or (
            self.first_published_at.date() if self.first_published_at else None
        )
        if reviewed is None:
            return None
        return reviewed + timedelta(days=setting("NOTICE_REVIEW_INTERVAL_DAYS"))

    @property
    def pdf_download_name(self) -> str:
        """The start of the file names of its downloads."""
        return self.slug

    def get_sitemap_urls(self, request=None):
        if not is_reachable(self):
            return []
        return with_alternates(super().get_sitemap_urls(request), self, request)

    #: The records a page of this type shows of its own (foreign keys), which its
    #: ``get_context`` loads in one query rather than one query each (``load_shown_records``).
    shown_records: tuple[str, ...] = ("locale",)

    def get_context(self, request, *args, **kwargs):
        self.load_shown_records()
        return super().get_context(request, *args, **kwargs)

    def load_shown_records(self) -> None:
        """Load the records ``shown_records`` name, in one query of the page as stored.

        Those not loaded yet, and only where the stored page names the same record as this
        one: a preview's or a revision's may name another, which loads when it is used.
        """
        fields = [self._meta.get_field(name) for name in self.shown_records]
        wanted = [
            field
            for field in fields
            if getattr(self, field.attname) is not None and not field.is_cached(self)
        ]
        if not self.pk or not wanted:
            return
        names = [field.name for field in wanted]
        stored = (
            type(self)._default_manager.filter(pk=self.pk).select_related(*names).only(*names)
        ).first()
        if stored is None:
            return
        for field in wanted:
            if getattr(stored, field.attname) == getattr(self, field.attname):
                field.set_cached_value(self, field.get_cached_value(stored))


class NoticePage(AbstractNoticePage):
    """A privacy notice composed from section blocks, and shared details."""

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
    ]
    search_fields = AbstractNoticePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["notice_blocks.NoticeIndexPage", "wagtailcore.Page"]
    template = "notice_blocks/notice_page.html"
    shown_records = (
        *AbstractNoticePage.shown_records,
        "data_controller",
        "data_protection_officer",
        "supervisory_authority",
        "general_privacy_notice",
    )

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    @classmethod
    def clean_subpage_models(cls):
        """Only the page types that name a notice among their ``parent_page_types``.

        Such as an easy read version, where its app is installed.
        """
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = [
                model
                for model in get_page_models()
                if getattr(model, "parent_page_types", None) is not None
                and cls in model.clean_parent_page_models()
            ]
        return cls._clean_subpage_models


class NoticeIndexPage(ReadableTextMixin, Page):
    """Lists the privacy notices published below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["notice_blocks.NoticePage"]
    template = "notice_blocks/notice_index_page.html"
    base_template = SettingValue("NOTICE_BASE_TEMPLATE")

    class Meta:
        verbose_name = _("privacy notice index")
        verbose_name_plural = _("privacy notice indexes")

    def get_sitemap_urls(self, request=None):
        return with_alternates(super().get_sitemap_urls(request), self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = open_to_everyone(NoticePage.objects.child_of(self).live())
        context["notices"] = notices.order_by("title")
        return context

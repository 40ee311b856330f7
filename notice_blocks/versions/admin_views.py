"""The editors' view of a notice's versions: what changed between any two, and what the
latest draft changes from the live version (to help write its change note).

A notice's "Versions" item is in its header's "More" menu (in the editor and the explorer)
and in its listing's "More" menu. Those who may edit or publish a notice see its versions;
only those who may edit it see its draft.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import Page

from ..models import AbstractNoticePage
from ..revisions import revision_as_page
from .comparison import compare_revisions
from .comparison_views import previous_to_compare, versions_to_compare
from .models import NoticeVersion
from .views import VersionPeriod, subpage_url, version_periods

VERSION_NAME_TEMPLATE = "notice_blocks/versions/version_name.html"


def may_see_versions(user, page: Page) -> bool:
    """Whether ``user`` may compare the published versions of ``page`` in the admin."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


def may_see_draft(user, page: Page) -> bool:
    """Whether ``user`` may see what the latest draft of ``page`` changes."""
    return page.permissions_for_user(user).can_edit()


def notice_for(user, page_id: int) -> AbstractNoticePage:
    """The notice ``page_id`` if ``user`` may see its versions; else 404 or 403."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, AbstractNoticePage):
        raise Http404("Only notices have versions.")
    if not may_see_versions(user, page):
        raise PermissionDenied
    return page


@dataclass(frozen=True)
class VersionRow:
    """A version as the editor's list shows it."""

    period: VersionPeriod
    compare_url: str
    public_url: str


class CompareForm(forms.Form):
    """Two versions of a notice to compare, in either order."""

    old = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=_("With version"), coerce=int)

    def __init__(self, periods: list[VersionPeriod], *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (period.version.number, version_name(period.version))
            for period in periods
            if period.has_text
        ]
        for name in self.fields:
            self.fields[name].choices = choices
        # The latest version and the one before it, to start with.
        numbers = [number for number, _name in choices]
        self.fields["new"].initial = numbers[0] if numbers else None
        self.fields["old"].initial = numbers[1] if len(numbers) > 1 else None

    def clean(self):
        data = super().clean()
        if data.get("old") is not None and data.get("old") == data.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        return data

    def numbers(self) -> tuple[int, int]:
        """The two versions chosen, the earlier first."""
        return tuple(sorted((self.cleaned_data["old"], self.cleaned_data["new"])))


def version_name(version: NoticeVersion) -> str:
    """For example "Version 2 (V2.0)", as residents' pages name it."""
    return render_to_string(VERSION_NAME_TEMPLATE, {"version": version}).strip()


class NoticeVersionsMixin(WagtailAdminTemplateMixin):
    """A view of one notice's versions, for those who may see them."""

    header_icon = "history"

    def dispatch(self, request, *args, page_id: int, **kwargs):
        self.page = notice_for(request.user, page_id)
        if not self.may_view():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def may_view(self) -> bool:
        return True

    @cached_property
    def periods(self) -> list[VersionPeriod]:
        """The notice's versions (an alias's are its original's), newest first."""
        return version_periods(self.page)

    @cached_property
    def may_see_draft(self) -> bool:
        return may_see_draft(self.request.user, self.page)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            notice=self.page,
            versions_url=reverse("notice_versions:index", args=[self.page.pk]),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context


class NoticeVersionsView(NoticeVersionsMixin, TemplateView):
    """The notice's versions, newest first, and a form to compare any two of them."""

    page_title = _("Versions")
    template_name = "notice_blocks/versions/admin/versions.html"

    def get(self, request, *args, **kwargs):
        form = CompareForm(self.periods, request.GET if "old" in request.GET else None)
        if form.is_valid():
            old, new = form.numbers()
            return HttpResponseRedirect(
                reverse("notice_versions:compare", args=[self.page.pk, old, new])
            )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            rows=[self.row(period) for period in self.periods],
            draft_url=(
                reverse("notice_versions:draft", args=[self.page.pk])
                if self.may_see_draft and self.page.live and self.page.has_unpublished_changes
                else ""
            ),
        )
        return context

    def row(self, period: VersionPeriod) -> VersionRow:
        previous = previous_to_compare(self.periods, period)
        compare_url = ""
        if previous is not None:
            numbers = [self.page.pk, previous.version.number, period.version.number]
            compare_url = reverse("notice_versions:compare", args=numbers)
        public_url = ""
        if self.page.live and period.has_text:
            public_url = subpage_url(
                self.page, self.request, "version", number=period.version.number
            )
        return VersionRow(period, compare_url, public_url)


class CompareVersionsView(NoticeVersionsMixin, TemplateView):
    """What changed from one published version of the notice to another."""

    page_title = _("What changed")
    template_name = "notice_blocks/versions/admin/compare.html"

    def get_context_data(self, old: int, new: int, **kwargs):
        context = super().get_context_data(**kwargs)
        earlier, later = versions_to_compare(self.periods, old, new)
        context.update(
            earlier=earlier.version,
            later=later.version,
            comparison=compare_revisions(earlier.version.revision, later.version.revision),
        )
        return context


class CompareDraftView(NoticeVersionsMixin, TemplateView):
    """What the latest draft changes from the live version, with the note it will publish."""

    page_title = _("What the draft changes")
    template_name = "notice_blocks/versions/admin/draft.html"

    def may_view(self) -> bool:
        return self.may_see_draft

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.page
        live = page.live_revision
        draft = page.get_latest_revision()
        current = self.periods[0].version if self.periods else None
        context.update(live_revision=live, draft_revision=draft, current=current)
        if page.live and live is not None and draft is not None and draft.pk != live.pk:
            context.update(
                draft=revision_as_page(draft),
                next_number=(current.number + 1) if current else 1,
                comparison=compare_revisions(live, draft),
            )
        return context


urlpatterns = [
    path("<int:page_id>/", NoticeVersionsView.as_view(), name="index"),
    path(
        "<int:page_id>/compare/<int:old>/<int:new>/", CompareVersionsView.as_view(), name="compare"
    ),
    path("<int:page_id>/draft/", CompareDraftView.as_view(), name="draft"),
]


@hooks.register("register_admin_urls")
def register_versions_urls():
    return [path("notice-versions/", include((urlpatterns, "notice_versions")))]


def versions_buttons(page: Page, user, next_url=None, view_name=None):
    """A published notice's "Versions" item, for those who may see its versions, and "What
    the draft changes" while it has changes not yet published, for those who may edit it."""
    specific_class = page.specific_class
    if (
        specific_class is None
        or not issubclass(specific_class, AbstractNoticePage)
        or page.first_published_at is None
    ):
        return
    if not may_see_versions(user, page):
        return
    yield Button(
        _("Versions"),
        reverse("notice_versions:index", args=[page.pk]),
        icon_name="history",
        priority=66,
    )
    if page.live and page.has_unpublished_changes and may_see_draft(user, page):
        yield Button(
            _("What the draft changes"),
            reverse("notice_versions:draft", args=[page.pk]),
            icon_name="draft",
            priority=67,
        )


hooks.register("register_page_header_buttons", versions_buttons)
hooks.register("register_page_listing_more_buttons", versions_buttons)

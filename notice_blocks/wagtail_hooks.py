from functools import cache

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import include, path, reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import snippet_views
from .compat import get_permission_policy, register_permission_policy, use_workflow_action_view
from .completeness import admin_urls as completeness_urls
from .completeness.actions import refuse_bulk_publishing, refuse_publishing_in_editor
from .completeness.content_checker import use_completeness_checks
from .completeness.publishing import REFUSED_ACTION
from .completeness.side_panels import show_completeness_status
from .completeness.workflow_actions import NoticeWorkflowActionView
from .conf import setting
from .models import AbstractNoticePage, NoticeIndexPage
from .permissions import LanguagePermissionPolicy
from .reachability import is_reachable
from .snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)

# Each language's copy of a shared detail is changed only by those who edit that language.
for shared_detail in (
    DataController,
    DataProtectionOfficer,
    SupervisoryAuthority,
    GeneralPrivacyNotice,
):
    register_permission_policy(shared_detail, LanguagePermissionPolicy(shared_detail))


class SharedDetailViewSet(SnippetViewSet):
    list_display = ["name"]
    search_fields = ["name"]
    index_view_class = snippet_views.IndexView
    add_view_class = snippet_views.CreateView
    copy_view_class = snippet_views.CopyView
    edit_view_class = snippet_views.EditView
    delete_view_class = snippet_views.DeleteView

    @property
    def permission_policy(self):
        # Wagtail 7.0's snippet views take their policy from here, not from a registry.
        return get_permission_policy(self.model)


class DataControllerViewSet(SharedDetailViewSet):
    model = DataController
    icon = "site"


class DataProtectionOfficerViewSet(SharedDetailViewSet):
    model = DataProtectionOfficer
    icon = "user"


class SupervisoryAuthorityViewSet(SharedDetailViewSet):
    model = SupervisoryAuthority
    icon = "warning"


class GeneralPrivacyNoticeViewSet(SharedDetailViewSet):
    model = GeneralPrivacyNotice
    icon = "doc-full"


class SharedDetailsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Notice details")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (
        DataControllerViewSet,
        DataProtectionOfficerViewSet,
        SupervisoryAuthorityViewSet,
        GeneralPrivacyNoticeViewSet,
    )


register_snippet(SharedDetailsViewSetGroup)


# The completeness check where editors work: the Checks and status panels, the report, and
# the publish actions that do not go through a notice's own form.

show_completeness_status()
# After other apps have chosen their content checker (such as the easy read checks), to add to it.
hooks.register("construct_wagtail_userbar", use_completeness_checks, order=100)
hooks.register("before_publish_page", refuse_publishing_in_editor)
hooks.register("before_bulk_action", refuse_bulk_publishing)


@hooks.register("register_admin_viewset")
def register_notice_workflow_action_view():
    """Approving a notice from the dashboard says why it could not be published, if it could not."""
    return use_workflow_action_view(AbstractNoticePage, NoticeWorkflowActionView)


@hooks.register("register_admin_urls")
def register_completeness_urls():
    return [
        path("notice-completeness/", include(completeness_urls, namespace="notice_completeness"))
    ]


class CompletenessReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_completeness_report_menu_item():
    return CompletenessReportMenuItem(
        _("Notice completeness"),
        reverse("notice_completeness:report"),
        name="notice-completeness",
        icon_name="tasks",
    )


@hooks.register("register_log_actions")
def register_completeness_log_actions(actions):
    actions.register_action(
        REFUSED_ACTION,
        _("Publication refused"),
        _("Publication refused: the notice misses items UK GDPR Articles 13 and 14 require"),
    )


@cache
def locale_language(locale_id: int) -> str:
    """The language code of a locale, looked up once per process (or after a change)."""
    return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)


def forget_locale_languages(**kwargs) -> None:
    locale_language.cache_clear()


post_save.connect(forget_locale_languages, sender=Locale, dispatch_uid="notice_locale_saved")
post_delete.connect(forget_locale_languages, sender=Locale, dispatch_uid="notice_locale_deleted")


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request: HttpRequest, serve_args, serve_kwargs):
    """Send a request for a page in a language it is not written in to where its text lives.

    Wagtail serves a page that has no translation in the requested language in its own
    language, and an alias (a synchronised copy in another locale's tree) with its original's
    text: either would be declared in a language it is not written in. This applies to the
    app's pages, and to every page of the site with
    ``NOTICE_REDIRECT_ALL_PAGES_TO_THEIR_LANGUAGE``.
    """
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or request.method not in (
        "GET",
        "HEAD",
    ):
        return None
    if not isinstance(page, AbstractNoticePage | NoticeIndexPage) and not setting(
        "NOTICE_REDIRECT_ALL_PAGES_TO_THEIR_LANGUAGE"
    ):
        return None
    path = request.get_full_path()
    original = page.alias_of if page.alias_of_id else None
    if original is not None and original.locale_id != page.locale_id:
        own_url = page.get_url(request=request)
        original_url = original.get_url(request=request)
        if own_url and original_url and path.startswith(own_url):
            return HttpResponseRedirect(original_url + path.removeprefix(own_url))
        return None
    language_code = locale_language(page.locale_id)
    if (get_language() or "").lower() == language_code.lower():
        return None
    target = translate_url(path, language_code)
    return HttpResponseRedirect(target) if target != path else None


@hooks.register("before_serve_page")
def close_pages_below_closed_notices(page, request: HttpRequest, serve_args, serve_kwargs):
    """Not found: a page below a notice that is not live, as if it had gone with the notice."""
    if not is_reachable(page):
        raise Http404

"""The “Out-of-date translations” report: translated notices whose source changed since.

Translators see the translations they may change (their languages' pages), each with when
its source changed and where to edit it or sync it with its source.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, LocaleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail_localize.models import Translation, TranslationSource

from ..admin_columns import page_title_column
from ..models import AbstractNoticePage
from ..translation_permissions import may_sync_pages
from .staleness import OutOfDate, out_of_date_translations

#: wagtail-localize lets users with this permission sync a source with its translations.
SYNC_PERMISSION = "wagtail_localize.submit_translation"


def translated_notices(user) -> QuerySet:
    """The notices and easy read pages ``user`` may change that wagtail-localize translated.

    A translation no longer synced is one still: its translators keep it by hand.
    """
    translated = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"),
        target_locale_id=OuterRef("locale_id"),
    )
    return (
        page_permission_policy.instances_user_has_permission_for(user, "change")
        .type(AbstractNoticePage)
        .filter(alias_of__isnull=True)
        .filter(Exists(translated))
    )


def may_translate(user) -> bool:
    """Whether ``user`` may change a translated notice (and so sees the report)."""
    return user.is_active and translated_notices(user).exists()


def may_sync(user, stale: OutOfDate) -> bool:
    """Whether ``user`` may sync the source with every translation the sync updates.

    wagtail-localize lets anyone with ``SYNC_PERMISSION`` sync a page; the site lets through
    only those who may change the source and every translation (``translation_permissions``).
    """
    if not user.has_perm(SYNC_PERMISSION):
        return False
    source = TranslationSource.objects.filter(pk=stale.translation_source_id).first()
    return source is not None and may_sync_pages(user, source)


class SourceColumn(Column):
    """The page translated, in its language, linked to where it is edited."""

    cell_template_name = "notice_blocks/versions/reports/source_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["source"] = instance.out_of_date.source_page
        context["language_code"] = instance.out_of_date.source_language_code
        return context


class ActionsColumn(Column):
    """Links to edit the translation and, for those who may, to sync it with its source."""

    cell_template_name = "notice_blocks/versions/reports/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[instance.pk])
        stale = instance.out_of_date
        if may_sync(request.user, stale):
            sync = reverse(
                "wagtail_localize:update_translations", args=[stale.translation_source_id]
            )
            report = reverse("out_of_date_translations:report")
            context["sync_url"] = f"{sync}?{urlencode({'next': report})}"
        return context


class OutOfDateTranslationsView(ReportView):
    """The live translations the user may change whose source's text changed since."""

    page_title = _("Out-of-date translations")
    header_icon = "warning"
    template_name = "notice_blocks/versions/reports/out_of_date_translations.html"
    index_url_name = "out_of_date_translations:report"
    index_results_url_name = "out_of_date_translations:report_results"
    model = Page
    default_ordering = "title"
    columns = [
        page_title_column(_("Translation")),
        LocaleColumn(),
        Column("type", label=_("Type"), accessor="page_type_display_name"),
        SourceColumn("source", label=_("Translated from")),
        DateColumn("changed_at", label=_("Source changed"), accessor="out_of_date.changed_at"),
        ActionsColumn("actions", label=_("Actions")),
    ]
    list_export = ["title", "locale", "page_type_display_name", "out_of_date.changed_at"]
    export_headings = {
        "title": _("Translation"),
        "locale": _("Locale"),
        "page_type_display_name": _("Type"),
        "out_of_date.changed_at": _("Source changed"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def stale(self) -> dict[int, OutOfDate]:
        return out_of_date_translations(translated_notices(self.request.user))

    def get_base_queryset(self):
        return (
            translated_notices(self.request.user)
            .filter(pk__in=self.stale.keys())
            .select_related("locale")
            .specific()
        )

    def get_filename(self):
        return f"out-of-date-translations-{datetime.date.today():%Y-%m-%d}"

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.out_of_date = self.stale[page.pk]
        return object_list

    def to_row_dict(self, item):
        item.out_of_date = self.stale[item.pk]
        return super().to_row_dict(item)


app_name = "out_of_date_translations"
urlpatterns = [
    path("", OutOfDateTranslationsView.as_view(), name="report"),
    path(
        "results/",
        OutOfDateTranslationsView.as_view(results_only=True),
        name="report_results",
    ),
]

"""wagtail-localize's translation routes, held to the per-language policy of shared details.

wagtail-localize lets anyone with the model's permissions work on any translation of a
snippet: translate it into any language, sync its translations, or edit, upload, machine
translate or stop any translation in its editor. For models whose permission policy is a
:class:`~notice_blocks.permissions.LanguagePermissionPolicy`, this middleware lets through only
what that policy allows: work on a translation into a language the user may change, a new
translation only into languages the user may add to, and syncing only by a user who may change
the original and every translation it updates. Syncing a page is held to the same rule with
the pages' own permissions: changing the original and every translation, and publishing each
translation when the sync publishes them.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.models import Locale, Page
from wagtail.permissions import page_permission_policy
from wagtail_localize.models import Translation, TranslationSource

from .compat import get_permission_policy
from .permissions import LanguagePermissionPolicy

# Routes that work on one translation (``translation_id``), changing or showing its target.
TRANSLATION_ROUTES = frozenset(
    {
        "edit_string_translation",
        "edit_override",
        "download_pofile",
        "upload_pofile",
        "machine_translate",
        "preview_translation",
        "stop_translation",
    }
)


def language_policy(model) -> LanguagePermissionPolicy | None:
    if model is None:
        return None
    policy = get_permission_policy(model)
    return policy if isinstance(policy, LanguagePermissionPolicy) else None


def may_sync_pages(user, source: TranslationSource, *, publish: bool = False) -> bool:
    """Whether ``user`` may sync a page's translations with it (and publish them).

    A sync updates the text of every enabled translation from the original: the user must be
    able to change the original and each translation, and to publish each one it publishes.
    """
    target_locales = source.translations.filter(enabled=True).values("target_locale_id")
    pages = Page.objects.filter(translation_key=source.object_id)
    updated = pages.filter(Q(locale_id=source.locale_id) | Q(locale_id__in=target_locales))
    if updated.exclude(
        pk__in=page_permission_policy.instances_user_has_permission_for(user, "change")
    ).exists():
        return False
    if not publish:
        return True
    published = pages.filter(locale_id__in=target_locales)
    return not published.exclude(
        pk__in=page_permission_policy.instances_user_has_permission_for(user, "publish")
    ).exists()


def may(user, policy: LanguagePermissionPolicy, action: str, locale_id: int) -> bool:
    """Whether ``user`` may do ``action`` on the policy's model in a locale."""
    return policy.user_has_permission_for_instance(user, action, policy.model(locale_id=locale_id))


class TranslationPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtail_localize":
            return None
        if match.url_name in TRANSLATION_ROUTES:
            self.check_translation(request.user, view_kwargs["translation_id"])
        elif match.url_name == "submit_snippet_translation" and request.method == "POST":
            self.check_submission(request, view_kwargs["app_label"], view_kwargs["model_name"])
        elif match.url_name == "update_translations" and request.method == "POST":
            self.check_update(request, view_kwargs["translation_source_id"])
        return None

    def check_translation(self, user, translation_id: int) -> None:
        translation = (
            Translation.objects.filter(pk=translation_id)
            .select_related("source__specific_content_type")
            .first()
        )
        if translation is None:
            return  # the view answers 404
        policy = language_policy(translation.source.specific_content_type.model_class())
        if policy and not may(user, policy, "change", translation.target_locale_id):
            raise PermissionDenied

    def check_submission(self, request, app_label: str, model_name: str) -> None:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return  # the view answers 404
        policy = language_policy(model)
        if policy is None:
            return
        locale_ids = Locale.objects.filter(
            pk__in=[value for value in request.POST.getlist("locales") if value.isdigit()]
        ).values_list("pk", flat=True)
        if not all(may(request.user, policy, "add", locale_id) for locale_id in locale_ids):
            raise PermissionDenied

    def check_update(self, request, source_id: int) -> None:
        user = request.user
        source = (
            TranslationSource.objects.filter(pk=source_id)
            .select_related("specific_content_type")
            .first()
        )
        if source is None:
            return  # the view answers 404
        model = source.specific_content_type.model_class()
        if model is not None and issubclass(model, Page):
            publish = bool(request.POST.get("publish_translations"))
            if not may_sync_pages(user, source, publish=publish):
                raise PermissionDenied
            return
        policy = language_policy(model)
        if policy is None:
            return
        locale_ids = {
            source.locale_id,
            *source.translations.filter(enabled=True).values_list("target_locale_id", flat=True),
        }
        if not all(may(user, policy, "change", locale_id) for locale_id in locale_ids):
            raise PermissionDenied

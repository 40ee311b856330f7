"""wagtail-localize's translation routes, held to the per-language policy of shared details.

wagtail-localize lets anyone with the model's permissions work on any translation of a
snippet: translate it into any language, sync its translations, or edit, upload, machine
translate or stop any translation in its editor. For models whose permission policy is a
:class:`~notice_blocks.permissions.LanguagePermissionPolicy`, this middleware lets through only
what that policy allows: work on a translation into a language the user may change, a new
translation only into languages the user may add to, and syncing only by a user who may change
the original and every translation it updates.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from wagtail.models import Locale
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
            self.check_update(request.user, view_kwargs["translation_source_id"])
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

    def check_update(self, user, source_id: int) -> None:
        source = (
            TranslationSource.objects.filter(pk=source_id)
            .select_related("specific_content_type")
            .first()
        )
        if source is None:
            return  # the view answers 404
        policy = language_policy(source.specific_content_type.model_class())
        if policy is None:
            return
        locale_ids = {
            source.locale_id,
            *source.translations.filter(enabled=True).values_list("target_locale_id", flat=True),
        }
        if not all(may(user, policy, "change", locale_id) for locale_id in locale_ids):
            raise PermissionDenied

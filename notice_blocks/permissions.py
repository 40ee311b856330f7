"""Who may change shared details: per language, as for the pages that show them.

A shared detail (a data controller, an officer, a regulator, a general notice) is copied into
each language by translation, and each copy goes live on that language's notices as soon as it
is saved. So a copy may be added, changed or deleted only by someone who holds the model
permission *and* may edit pages in the copy's language: someone with the page permission
"change" on some page of that language's tree (or above it). Viewing stays a model permission.
"""

from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy

# Actions on a copy that change what a language's notices show.
LANGUAGE_ACTIONS = frozenset({"add", "change", "delete", "publish", "unpublish", "lock", "unlock"})

EDITABLE_LOCALES_CACHE = "_notice_editable_locale_ids"


def editable_locale_ids(user) -> frozenset[int] | None:
    """The ids of the locales whose pages ``user`` may edit; None for every locale."""
    if not user.is_active or user.is_anonymous:
        return frozenset()
    if user.is_superuser:
        return None
    cached = getattr(user, EDITABLE_LOCALES_CACHE, None)
    if cached is None:
        pages = page_permission_policy.instances_user_has_permission_for(user, "change")
        cached = frozenset(pages.order_by().values_list("locale_id", flat=True).distinct())
        setattr(user, EDITABLE_LOCALES_CACHE, cached)
    return cached


def user_may_edit_locale(user, locale: Locale | int) -> bool:
    """Whether ``user`` may edit pages in ``locale`` (a Locale or its id)."""
    locale_ids = editable_locale_ids(user)
    return locale_ids is None or getattr(locale, "pk", locale) in locale_ids


class LanguagePermissionPolicy(ModelPermissionPolicy):
    """The model permissions, held on a copy only in the languages whose pages the user edits.

    For a translatable model (one with a ``locale``); views, listings and bulk actions of its
    snippet viewset ask this policy about each instance.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return action not in LANGUAGE_ACTIONS or user_may_edit_locale(user, instance.locale_id)

    def instances_user_has_any_permission_for(self, user, actions):
        held = [action for action in actions if self.user_has_permission(user, action)]
        instances = self.model._default_manager.all()
        if not held:
            return instances.none()
        if any(action not in LANGUAGE_ACTIONS for action in held):
            return instances
        locale_ids = editable_locale_ids(user)
        return instances if locale_ids is None else instances.filter(locale_id__in=locale_ids)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if all(action in LANGUAGE_ACTIONS for action in actions):
            return users.filter(
                pk__in=[user.pk for user in users if user_may_edit_locale(user, instance.locale_id)]
            )
        return users

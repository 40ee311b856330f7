"""What differs between the Wagtail releases the app supports (7.0 LTS and 8.x), held once.

Each name here is Wagtail's own where the release has it; the fallbacks say which release
needs them.
"""

from django.db.models import Model
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy

try:
    from wagtail.admin.userbar import ContentCheckerItem
except ImportError:  # Wagtail 7.0 calls the userbar's content checker AccessibilityItem.
    from wagtail.admin.userbar import AccessibilityItem as ContentCheckerItem

try:
    from wagtail.permissions import policy_registry, register_permission_policy
except ImportError:  # Wagtail 7.0 has no registry: each viewset names its model's policy.
    _policies: dict[type[Model], BasePermissionPolicy] = {}

    def register_permission_policy(model: type[Model], policy: BasePermissionPolicy) -> None:
        _policies[model] = policy

    def get_permission_policy(model: type[Model]) -> BasePermissionPolicy:
        """The permission policy of ``model``: the registered one, or its model permissions."""
        policy = _policies.get(model)
        return policy if policy is not None else ModelPermissionPolicy(model)

else:

    def get_permission_policy(model: type[Model]) -> BasePermissionPolicy:
        """The permission policy of ``model``: the registered one, or its model permissions."""
        return policy_registry.get_by_type(model)


__all__ = ["ContentCheckerItem", "get_permission_policy", "register_permission_policy"]


def content_checker_options(item: ContentCheckerItem) -> dict:
    """The arguments that make another content checker check where ``item`` checks."""
    # Wagtail 7.0's checker takes no arguments: it has no separate checks for the editor.
    return {"in_editor": item.in_editor} if hasattr(item, "in_editor") else {}

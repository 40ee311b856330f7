"""What differs between the Wagtail releases the app supports (7.0 LTS and 8.x), held once.

Each name here is Wagtail's own where the release has it; the fallbacks say which release
needs them.
"""

from django.db.models import Model
from django.utils.functional import cached_property
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Page
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


try:
    from wagtail.admin.views.pages.workflow import WorkflowActionView
except ImportError:  # Wagtail 7.0 calls the page workflow action view WorkflowAction.
    from wagtail.admin.views.pages.workflow import WorkflowAction as WorkflowActionView

try:
    from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry
except ImportError:  # Wagtail 7.0 routes each page admin URL to one view, whatever the page type.
    page_viewset_registry = None
else:

    class WorkflowActionViewSet(PageViewSet):
        """The admin views of pages of ``model``: Wagtail's own, but for the workflow action."""

        #: Listings of pages stay Wagtail's own.
        parent_models: list[type[Page]] = []

        def get_view_by_name(self, name):
            if name == "workflow_action":
                return self.workflow_action_view
            return page_viewset_registry.get_by_type(Page).get_view_by_name(name)

        @cached_property
        def workflow_action_view(self):
            # The view finds the page among all pages, as Wagtail's own does.
            return self.construct_view(self.workflow_action_view_class, model=Page)


__all__ = [
    "ContentCheckerItem",
    "WorkflowActionView",
    "get_permission_policy",
    "register_permission_policy",
    "use_workflow_action_view",
]


def content_checker_options(item: ContentCheckerItem) -> dict:
    """The arguments that make another content checker check where ``item`` checks."""
    # Wagtail 7.0's checker takes no arguments: it has no separate checks for the editor.
    return {"in_editor": item.in_editor} if hasattr(item, "in_editor") else {}


def checks_in_editor(request, item: ContentCheckerItem) -> bool:
    """Whether ``item`` checks a page in the editor (its preview), not a page's user bar.

    The editor's checker runs in the preview, and Wagtail 8 also builds one for the editor's
    own page (``in_editor``).
    """
    return getattr(item, "in_editor", False) or getattr(request, "is_preview", False)


def use_workflow_action_view(model: type[Page], view_class: type) -> list[ViewSet]:
    """Make ``view_class`` the workflow action view (approve, reject) of pages of ``model``.

    ``view_class`` is a ``WorkflowActionView`` whose ``post`` changes nothing for pages of
    other types. Returns the viewsets to register with ``register_admin_viewset``: Wagtail 8
    gives each page type its admin views through a page viewset. Wagtail 7.0 has no per-type
    views: the workflow action of every page is ``WorkflowActionView`` itself, which is given
    the ``post`` of ``view_class`` instead.
    """
    if page_viewset_registry is None:
        WorkflowActionView.post = view_class.post
        return []
    return [WorkflowActionViewSet(model=model, workflow_action_view_class=view_class)]

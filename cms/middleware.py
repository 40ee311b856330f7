"""The Content-Security-Policy of each response: the public policy, or the admin's."""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, which sends NOTICE_ADMIN_CONTENT_SECURITY_POLICY in the admin.

    Only to signed-in users: the admin's sign-in and password reset pages, all that anyone
    else sees of it, keep the public policy. A view's own ``csp_replace``/``csp_update``
    decorators still apply on top of either.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview through the middleware again, as a request for the page's
        # public URL: the admin response that shows the preview sets the policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(admin_prefix())
            and request.user.is_authenticated
        ):
            parts.config = default_config(
                settings.NOTICE_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            )
        return parts

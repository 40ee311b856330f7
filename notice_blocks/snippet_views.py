"""Snippet views for shared details that ask the permission policy about each copy.

Wagtail's generic views check the model permissions; these also check the instance (or, when
adding, the language chosen), so that a policy per language such as
:class:`notice_blocks.permissions.LanguagePermissionPolicy` holds in every view.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.snippets.views import snippets


class IndexView(snippets.IndexView):
    """Lists only the copies the user may do something with."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(
                pk__in=self.permission_policy.instances_user_has_any_permission_for(
                    self.request.user, self.any_permission_required
                ).values("pk")
            )
        )

    def get_edit_url(self, instance):
        if self.edit_url_name and self.user_has_permission_for_instance("change", instance):
            return reverse(self.edit_url_name, args=(quote(instance.pk),))
        return None


class CreateView(snippets.CreateView):
    """Adds a copy only in a language the user may add to."""

    def dispatch(self, request, *args, **kwargs):
        if self.locale and not self.permission_policy.user_has_permission_for_instance(
            request.user, "add", self.model(locale=self.locale)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CopyView(snippets.CopyView, CreateView):
    pass


class EditView(snippets.EditView):
    """Opens and saves a copy only for a user who may change that copy."""

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeleteView(snippets.DeleteView):
    """Deletes a copy only for a user who may delete that copy."""

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("delete", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

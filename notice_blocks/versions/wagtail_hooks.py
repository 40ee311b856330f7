"""The app's Wagtail hooks, each registered in the module that owns it."""

from . import admin_views, cached_paths, public_status, translation_status  # noqa: F401

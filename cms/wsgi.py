"""WSGI entry point: cached public pages are answered before Django handles the request."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

django_application = get_wsgi_application()

from notice_blocks.page_cache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)

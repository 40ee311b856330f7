"""The production settings without the page cache: the site serving pages it has not stored.

``bench/load.py`` serves the site with these to measure uncached pages; its other measures
use ``cms.settings.production`` unchanged. With the page cache middleware left out, the
site's WSGI application passes every request on to Django as well.
"""

from cms.settings.production import *  # noqa: F403
from notice_blocks.page_cache.middleware import MIDDLEWARE_PATH

MIDDLEWARE = [name for name in MIDDLEWARE if name != MIDDLEWARE_PATH]  # noqa: F405

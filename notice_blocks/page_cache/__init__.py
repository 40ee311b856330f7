"""Whole-page cache of published public pages, purged when what they show changes.

Optional: add ``notice_blocks.page_cache`` to ``INSTALLED_APPS`` and
``notice_blocks.page_cache.middleware.PageCacheMiddleware`` first in ``MIDDLEWARE``
(``docs/caching.md``). The core never imports it.
"""

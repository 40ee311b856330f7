"""The changes that purge cached pages, each connected to what Wagtail or Django signals.

Publishing, unpublishing, moving and deleting a page (a translation's publication comes as
its page's); a page's privacy (view restrictions) set or lifted; saving any snippet (a
shared detail, in any language), image or document, a site or a locale, or a redirect;
deleting an image, a document, a site, locale or redirect, or a snippet in the admin (pages
protect the snippets they choose from deletion). Saving a draft purges nothing.
"""

from functools import partial

from django.apps import apps
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from .frontend import page_urls, referring_pages, urls_of
from .purging import purge, purge_all

REDIRECTS_APP = "wagtail.contrib.redirects"
IMAGES_APP = "wagtail.images"
DOCUMENTS_APP = "wagtail.documents"


def page_changed(sender, instance: Page, **kwargs) -> None:
    """A page was published or unpublished: it, and what shows it, change."""
    purge(partial(page_urls, [instance]))


def page_moving(sender, instance: Page, **kwargs) -> None:
    """Before a move: the URLs the page and the pages below it leave."""
    purge(partial(_tree_urls, instance), now=True)


def page_moved(sender, instance: Page, **kwargs) -> None:
    """After a move: the URLs the page and the pages below it now have."""
    purge(partial(_tree_urls, instance))


def page_deleting(sender, instance: Page, **kwargs) -> None:
    """A live page is deleted: its URLs and its family's, known only before it goes."""
    if instance.live:
        purge(partial(page_urls, [instance]), now=True)


def object_saved(sender, instance, **kwargs) -> None:
    """Any snippet saved (in any language): the pages that show it change."""
    if kwargs.get("raw") or type(instance) not in get_snippet_models():
        return
    purge(partial(_referring_urls, instance))


def media_saved(sender, instance, **kwargs) -> None:
    """An image or document saved (a new file, focal point or title): the pages that show it
    change, and the renditions or file address they had may be gone."""
    if not kwargs.get("raw"):
        purge(partial(_referring_urls, instance))


def media_deleted(sender, instance, **kwargs) -> None:
    """An image or document deleted: the pages that showed it (known while it has its key)."""
    purge(partial(_referring_urls, instance), now=True)


def snippet_deleted(request, instances) -> None:
    """Snippets deleted in the admin (a Wagtail hook, registered in ``wagtail_hooks``)."""
    purge()


def restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    """A page's privacy changed: it and the pages below it change (or are no longer public),
    and so do the language switchers of its translations."""
    if not kwargs.get("raw"):
        purge(partial(_tree_urls, instance.page))


def site_changed(sender, instance, **kwargs) -> None:
    """A site or locale: every page may change (its header's site name, its languages)."""
    if not kwargs.get("raw"):
        purge(_every_live_page_urls)


def redirect_changed(sender, instance, **kwargs) -> None:
    """A redirect: its old path answers otherwise (pages that still render stay as they are,
    but are purged here all the same, as every change purges the cache)."""
    if not kwargs.get("raw"):
        purge(partial(_redirect_urls, instance))


def settings_changed(**kwargs) -> None:
    """A setting changed while the site runs (Django signals it only under test): pages may
    render otherwise, such as with another base template."""
    purge_all()


def _referring_urls(instance) -> set[str]:
    return page_urls(referring_pages(instance))


def _every_live_page_urls() -> set[str]:
    return urls_of(Page.objects.live().filter(depth__gt=1).specific())


def _tree_urls(page: Page) -> set[str]:
    pages = [page, *page.get_descendants().live().specific()]
    return page_urls(pages)


def _redirect_urls(redirect) -> set[str]:
    sites = [redirect.site] if redirect.site_id else Site.objects.all()
    return {site.root_url.rstrip("/") + redirect.old_path for site in sites if site.root_url}


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="notice_page_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="notice_page_cache_unpublished")
    pre_page_move.connect(page_moving, dispatch_uid="notice_page_cache_moving")
    post_page_move.connect(page_moved, dispatch_uid="notice_page_cache_moved")
    pre_delete.connect(page_deleting, sender=Page, dispatch_uid="notice_page_cache_deleting")
    # Snippets are registered from the apps' wagtail_hooks, after this runs: each save is
    # checked against the registry when it happens.
    post_save.connect(object_saved, dispatch_uid="notice_page_cache_snippet_saved")
    for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"notice_page_cache_restriction_{action}",
        )
    setting_changed.connect(settings_changed, dispatch_uid="notice_page_cache_setting")
    receivers = [(Site, site_changed, site_changed), (Locale, site_changed, site_changed)]
    if apps.is_installed(REDIRECTS_APP):
        redirect = apps.get_model("wagtailredirects", "Redirect")
        receivers.append((redirect, redirect_changed, redirect_changed))
    if apps.is_installed(IMAGES_APP):
        from wagtail.images import get_image_model

        receivers.append((get_image_model(), media_saved, media_deleted))
    if apps.is_installed(DOCUMENTS_APP):
        from wagtail.documents import get_document_model

        receivers.append((get_document_model(), media_saved, media_deleted))
    for model, saved, deleted in receivers:
        uid = f"notice_page_cache_{model._meta.label_lower}"
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"{uid}_deleted")

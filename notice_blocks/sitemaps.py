"""The site's sitemap: every page residents can open, in each language the site is in."""

from django.db.models import F, Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .reachability import open_to_everyone, reachable


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap over the site's home page in every language, not only the default's.

    Pages that are not live, restricted, below a closed notice or aliases of a page in
    another language (which redirect to it) are left out; each page names its translations
    as alternates through its ``get_sitemap_urls``.
    """

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_home = Q(pk__in=[])
        for home in homes:
            in_a_home |= Page.objects.all().descendant_of_q(home, inclusive=True)
        pages = open_to_everyone(
            Page.objects.filter(in_a_home)
            .live()
            .exclude(Q(alias_of__isnull=False) & ~Q(alias_of__locale_id=F("locale_id")))
        )
        return reachable(pages).order_by("path").defer_streamfields().specific()

"""Template tags for the public pages of privacy notices."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail import hooks
from wagtail.blocks import StructValue
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from ..legal import LegalProvision, get_provision
from ..links import LinkKind, NoticeLink
from ..per_request import once_per_request
from ..reachability import advertised_translations
from ..rich_text import URL_SCHEMES

register = template.Library()

#: Names of languages in themselves that Django's ``LANG_INFO`` lacks or gives in English.
LOCAL_NAMES = {"pa": "ਪੰਜਾਬੀ"}


@dataclass(frozen=True)
class PageLanguage:
    """One language a page is published in, for the language switcher and ``hreflang`` links."""

    code: str
    name: str
    url: str
    full_url: str
    bidi: bool
    current: bool
    default: bool


def local_name(language_code: str) -> str:
    """The language's name in that language, such as “Cymraeg” or “اردو”."""
    code = language_code.lower()
    if code in LOCAL_NAMES:
        return LOCAL_NAMES[code]
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return language_code


@dataclass(frozen=True)
class SiteHome:
    """The site's name and home page for the header, in the reader's language if it can be.

    ``language_code`` is set when the name is in another language than the page's (the site
    has no home page in the page's language), so that it can be marked up as such.
    """

    name: str
    url: str
    language_code: str | None = None

    @property
    def direction(self) -> str:
        bidi = self.language_code and get_language_info(self.language_code).get("bidi")
        return "rtl" if bidi else "ltr"


@register.simple_tag(takes_context=True)
def site_home(context) -> SiteHome:
    """The site's name and home page, for ``{% site_home as home %}``.

    In the default language the name is the site's name (or ``WAGTAIL_SITE_NAME``); in
    another, the title of the home page's translation, or the site's name marked as being
    in the default language where the home page has none. Without a request in the context
    (as on the server error page) the database is not used.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    name = (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")
    if site is None:
        return SiteHome(name=name, url="/")
    home = site.root_page.localized
    url = home.get_url(request) or "/"
    if home.pk != site.root_page.pk and home.alias_of_id is None:  # translated, not copied
        return SiteHome(name=home.title, url=url)
    default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if (get_language() or default_language).lower() == default_language.lower():
        return SiteHome(name=name, url=url)
    return SiteHome(name=name, url=url, language_code=default_language)


@register.filter
def legal_provision(value: StructValue | str | None) -> LegalProvision | None:
    """The provision a lawful basis entry (or a stored code) refers to, or ``None``.

    Templates cannot call ``ProvisionStructValue.provision()`` as ``value.provision``: the
    dictionary key of the same name, the stored code, wins the lookup.
    """
    try:
        if isinstance(value, StructValue):
            method = getattr(type(value), "provision", None)
            if callable(method):
                return method(value)
            value = value.get("provision")
        return get_provision(value)
    except KeyError:
        return None


@register.filter
def one_line(text: str | None) -> str:
    """Join the lines of a multi-line address with commas, as one line."""
    lines = (line.strip().rstrip(",").strip() for line in (text or "").splitlines())
    return ", ".join(line for line in lines if line)


@register.filter
def link_url(url: str | None) -> str:
    """A link's address if it is a web, email or telephone address (or this site's), else "".

    Addresses reach templates from notice files and translations as well as from forms:
    none may run script (``javascript:``) or reach past the web (``file:``, ``data:``).
    """
    try:
        scheme = urlsplit((url or "").strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if url and (not scheme or scheme in URL_SCHEMES) else ""


@register.filter
def display_url(url: str | None) -> str:
    """A web address as people write it: without the scheme or a lone trailing slash."""
    url = (url or "").removeprefix("https://").removeprefix("http://")
    host, _, path = url.partition("/")
    return host if not path else url


@register.simple_tag(takes_context=True)
def page_languages(context, page: Page) -> list[PageLanguage]:
    """The translations of ``page`` (itself included) to offer, in the order of ``LANGUAGES``.

    Only live translations that everyone can open are offered: aliases, which show another
    language's text, restricted translations and those below a closed notice are left out.
    Worked out once per request: the head's ``hreflang`` links and the switcher both ask.
    """
    if not getattr(page, "pk", None) or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    request = context.get("request")
    return once_per_request(
        request, ("page_languages", page.pk), lambda: _page_languages(page, request)
    )


def _page_languages(page: Page, request: HttpRequest | None) -> list[PageLanguage]:
    order = {code.lower(): index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    languages = []
    for translation in advertised_translations(page):
        code = translation.locale.language_code
        url = translation.get_url(request=request)
        if not url:
            continue
        languages.append(
            PageLanguage(
                code=code,
                name=local_name(code),
                url=url,
                full_url=translation.get_full_url(request=request),
                bidi=code.split("-")[0].lower() in settings.LANGUAGES_BIDI,
                current=translation.pk == page.pk,
                default=code.lower() == settings.LANGUAGE_CODE.lower(),
            )
        )
    return sorted(languages, key=lambda language: order.get(language.code.lower(), len(order)))


@register.simple_tag(takes_context=True)
def notice_links(context, page: Page, kind: str) -> list[NoticeLink]:
    """``{% notice_links page "download" as downloads %}``: the page's links of one kind.

    The apps that offer something more of a notice (its PDFs, its easy read version) give
    them through the hook of that kind (``LinkKind.hook_name``).
    """
    request = context.get("request")
    return [
        link
        for hook in hooks.get_hooks(LinkKind(kind).hook_name)
        for link in hook(page, request) or ()
    ]


#: The Wagtail hook through which apps add lines under a notice's title (see ``notice_status``).
STATUS_HOOK = "notice_page_status"


@register.simple_tag(takes_context=True)
def notice_status(context, page: Page) -> str:
    """``{% notice_status page %}``: what apps say about the notice under its title.

    Each function registered for ``STATUS_HOOK`` is called with the page and the template
    context (with ``request`` on the web, ``variant`` in a PDF) and returns HTML, or nothing:
    such as when the notice was last updated, or that a translation is out of date.
    """
    parts = [hook(page, context) for hook in hooks.get_hooks(STATUS_HOOK)]
    return mark_safe("".join(str(part) for part in parts if part))

"""Which pages residents can reach, and which translations of a page may be advertised.

Wagtail serves a live page even when a page above it is not live. A notice is different: the
pages below it (its easy read version and that version's PDFs) only make sense with it, so
they close with it, whatever an editor chose when unpublishing it, and when it expires.

A translated notice also closes the pages below it once the notice in the default language
has been withdrawn (published before, not live now): the easy read version of a notice is not
left open in one language after the notice it explains has been taken down. A notice written
in another language first, whose default-language translation is still a draft, stays open.
"""

from functools import cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, get_page_models


class ClosesPagesBelow:
    """Mixin for a page whose descendants residents can reach only while it is open.

    It is open while it is live and, for a translation, while the page in the default
    language has not been withdrawn.
    """


def gate_content_types() -> list[ContentType]:
    """The content types of the pages that close the pages below them."""
    models = [model for model in get_page_models() if issubclass(model, ClosesPagesBelow)]
    return list(ContentType.objects.get_for_models(*models).values())


def closed_gates() -> QuerySet:
    """The pages that close the pages below them now."""
    withdrawn_original = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE),
        live=False,
        first_published_at__isnull=False,
    )
    return Page.objects.filter(content_type__in=gate_content_types()).filter(
        Q(live=False) | Q(Exists(withdrawn_original))
    )


def reachable(pages: QuerySet) -> QuerySet:
    """``pages`` without those below a closed page.

    An ancestor's tree path is the start of its descendant's path, one step per depth.
    """
    closed_above = closed_gates().filter(
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
    )
    return pages.exclude(Exists(closed_above))


@cache
def types_below_gates() -> frozenset[type[Page]]:
    """The page types that may be created below a page that closes the pages below it."""
    found: set[type[Page]] = set()
    todo = [model for model in get_page_models() if issubclass(model, ClosesPagesBelow)]
    while todo:
        for model in todo.pop().allowed_subpage_models():
            if model not in found:
                found.add(model)
                todo.append(model)
    return frozenset(found)


def is_reachable(page: Page) -> bool:
    """Whether no page above ``page`` closes it (its own state is Wagtail's business).

    Pages of a type that cannot be created below such a page are not looked up.
    """
    if page.depth <= 2 or page.specific_class not in types_below_gates():
        return True
    return reachable(Page.objects.filter(pk=page.pk)).exists()


def view_restricted() -> Exists:
    """Whether the page of the outer query is restricted, or below a restricted page.

    What Wagtail's ``private_q`` says, asked within the query rather than by a query of
    every restriction first.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__depth__lte=OuterRef("depth"),
            page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen),
        )
    )


def open_to_everyone(pages: QuerySet) -> QuerySet:
    """``pages`` that everyone can open: neither restricted nor below a restricted page."""
    return pages.exclude(view_restricted())


def advertised_translations(page: Page) -> QuerySet:
    """The translations of ``page`` (itself included) to offer residents and search engines.

    Live, open to everyone (no view restriction on them or above them), reachable, and not
    aliases, which show another language's text. ``page`` itself is kept when it is live,
    even if restricted, since whoever reads it may see its own language listed.
    """
    translations = page.get_translations(inclusive=True).live().filter(alias_of__isnull=True)
    translations = translations.exclude(~Q(pk=page.pk) & Q(view_restricted()))
    return reachable(translations).select_related("locale")


def with_alternates(urls: list[dict], page: Page, request=None) -> list[dict]:
    """Sitemap entries of ``page`` naming its advertised translations as alternates.

    As the ``hreflang`` links of its web page do: each language, and the default language's
    page as ``x-default``, when it is in more than one language.
    """
    translations = list(advertised_translations(page))
    if len(translations) < 2:
        return urls
    default_language = settings.LANGUAGE_CODE.lower()
    alternates = []
    for translation in translations:
        location = translation.get_full_url(request=request)
        if not location:
            continue
        code = translation.locale.language_code
        alternates.append({"lang_code": code, "location": location})
        if code.lower() == default_language:
            alternates.append({"lang_code": "x-default", "location": location})
    return [{**url, "alternates": alternates} for url in urls]

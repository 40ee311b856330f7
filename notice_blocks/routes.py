"""Routes below a notice page that other apps contribute, such as its PDFs.

An app registers a route provider when it is ready: a function given a page class that
returns the URL patterns to serve below its pages. ``AbstractNoticePage`` adds them to its
own routes, so the core names no app that contributes one.
"""

from collections.abc import Callable, Iterable

from django.urls import URLPattern

#: Given a page class, the URL patterns below its pages. A pattern's view is a function
#: called with the page and the request, as RoutablePageMixin binds it like a method.
RouteProvider = Callable[[type], Iterable[URLPattern]]

_PROVIDERS: list[RouteProvider] = []


def register_subpage_routes(provider: RouteProvider) -> None:
    """Serve the routes that ``provider`` gives below notice pages (call it in ``ready``)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def subpage_routes(page_class: type) -> list[URLPattern]:
    """The URL patterns the registered providers give for ``page_class``."""
    return [pattern for provider in _PROVIDERS for pattern in provider(page_class)]

"""The route of each PDF variant below the pages it applies to, from its declaration."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from .serving import serve_notice_pdf
from .variants import PdfVariant, all_variants


def variant_view(variant: PdfVariant):
    """The view of a variant's route: a function, bound to the page like a method."""

    def serve(page, request: HttpRequest) -> HttpResponse:
        return serve_notice_pdf(request, page, variant.value)

    serve.__name__ = variant.route_name
    serve.__doc__ = f"The notice as a {variant.value} PDF."
    return serve


def pdf_routes(page_class: type) -> list[URLPattern]:
    """The routes of the variants that ``page_class`` is printed in."""
    return [
        path(variant.route, variant_view(variant), name=variant.route_name)
        for variant in all_variants()
        if variant.applies_to(page_class)
    ]

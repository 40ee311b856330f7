"""The resident's views of a notice's versions (placeholder: being written)."""

from django.http import Http404


def version_list(page, request):
    raise Http404


def version_page(page, request, number: int):
    raise Http404


def version_on_date(page, request, day: str):
    raise Http404

"""What changed between two versions of a notice (placeholder: being written)."""

from django.http import Http404


def compare_versions(page, request, old: int, new: int):
    raise Http404

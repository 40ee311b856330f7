"""The text of a notice's pages and PDFs, made to read right in every language and direction.

Web pages and PDFs go through ``readable_html`` once they are rendered, whatever template
made them: left-to-right runs in right-to-left text (and the reverse) are isolated, see
``notice_blocks.bidi``.
"""

from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language_bidi

from .bidi import LTR, RTL, isolate_opposite_runs


def readable_html(html: str, page) -> str:
    """The rendered HTML document ``html`` of ``page`` in the active language, made readable."""
    return isolate_opposite_runs(html, RTL if get_language_bidi() else LTR)


class ReadableTextMixin:
    """Pages whose HTML goes through ``readable_html`` once it is rendered."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.add_post_render_callback(self._make_readable)
        return response

    def _make_readable(self, response: SimpleTemplateResponse) -> None:
        if response.get("Content-Type", "").startswith("text/html"):
            response.content = readable_html(response.content.decode(response.charset), self)

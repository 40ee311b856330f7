"""The text of a notice's pages and PDFs, made to read right in every language and direction.

Web pages and PDFs go through ``readable_html`` once they are rendered, whatever template
made them: passages a translation still shows in its source's words are marked with their
language (``notice_blocks.passage_languages``), then left-to-right runs in right-to-left text
(and the reverse) are isolated (``notice_blocks.bidi``).
"""

from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language_bidi

from .bidi import LTR, RTL, isolate_opposite_runs
from .passage_languages import mark_passage_languages


def readable_html(html: str, page) -> str:
    """The rendered HTML document ``html`` of ``page`` in the active language, made readable."""
    marked = mark_passage_languages(html, page)
    return isolate_opposite_runs(marked, RTL if get_language_bidi() else LTR)


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

"""The download links of a notice's PDFs, for templates that list them on their own."""

from django import template

from ...links import NoticeLink
from ..downloads import pdf_downloads

register = template.Library()


@register.simple_tag(takes_context=True)
def notice_pdf_downloads(context, page) -> list[NoticeLink]:
    """``{% notice_pdf_downloads page as downloads %}``: the page's PDF download links."""
    return pdf_downloads(page, context.get("request"))

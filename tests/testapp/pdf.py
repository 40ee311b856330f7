"""The PDF of a service notice: a variant of its own, printed with the app's template."""

from notice_blocks.pdf.variants import BASE_STYLESHEET, TEMPLATE, PdfVariant, register_variant

SERVICE_NOTICE = PdfVariant(
    value="service-notice",
    label="Service notice",
    link_label="Download the service notice PDF",
    route="pdf/",
    route_name="pdf",
    template=TEMPLATE,
    stylesheets=(BASE_STYLESHEET,),
    page_types=("testapp.ServiceNoticePage",),
)


def register() -> None:
    register_variant(SERVICE_NOTICE)

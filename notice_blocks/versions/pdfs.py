"""The PDFs of a notice's versions (placeholder: being written)."""


def version_pdf_routes(page_class: type) -> list:
    return []

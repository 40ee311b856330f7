"""What the PDF app tells other apps: a PDF was stored."""

from django.dispatch import Signal

#: Sent with ``pdf`` (the ``NoticePdf`` as it was claimed) once its new file is stored and the
#: row says so, by whichever builder stored it: a task worker or a management command.
pdf_stored = Signal()

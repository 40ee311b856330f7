"""The RQ worker of the site: RQ's own, which also queues again the PDF builds that wait.

django_rq starts it for ``manage.py rqworker`` when ``RQ["WORKER_CLASS"]`` names it. RQ runs
its maintenance when the worker starts and every ``maintenance_interval`` seconds (ten
minutes by default); this worker then also queues the builds of live revisions' PDFs that no
queued job will run, such as those published while Redis was down.
"""

import logging

from django.db import connections
from rq.worker import Worker as RQWorker

from .tasks import queue_pending_pdfs

logger = logging.getLogger("notice_blocks.pdf")


class Worker(RQWorker):
    """An RQ worker whose maintenance also reconciles the PDF builds with the queue."""

    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        try:
            queue_pending_pdfs()
        except Exception:
            logger.exception("Could not queue the PDF builds that wait for one")
        finally:
            # Jobs run in forked processes: leave them no database connection to share.
            connections.close_all()

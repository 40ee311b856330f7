"""The RQ worker of the site: RQ's own, which starts warm and queues again the builds that wait.

django_rq starts it for ``manage.py rqworker`` when ``RQ["WORKER_CLASS"]`` names it. Before it
takes its first job, the worker prepares what every PDF render reuses (fonts, stylesheets,
the app's compiled templates, the catalogues of every language); each job runs in a work
horse forked from it, which starts with all of that ready. Like a web process, a worker
reads templates once: restart workers when they change.

RQ runs its maintenance when the worker starts and every ``maintenance_interval`` seconds
(ten minutes by default); this worker then also queues the builds of live revisions' PDFs
that no queued job will run, such as those published while Redis was down.
"""

import gc
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateSyntaxError
from django.template.loader import get_template
from django.template.utils import get_app_template_dirs
from django.utils import translation
from rq.worker import Worker as RQWorker

from .rendering import warm_up
from .tasks import queue_pending_pdfs

logger = logging.getLogger("notice_blocks.pdf")

#: The folder, in each template directory, of the templates that notices and PDFs are made of.
TEMPLATE_FOLDER = "notice_blocks"


class Worker(RQWorker):
    """An RQ worker whose work horses start warm, and whose maintenance also reconciles the
    PDF builds with the queue."""

    def bootstrap(self, *args, **kwargs) -> None:
        # Before RQ starts the thread that listens for commands: only this one runs meanwhile.
        prepare_work_horses()
        super().bootstrap(*args, **kwargs)

    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        try:
            queue_pending_pdfs()
        except Exception:
            logger.exception("Could not queue the PDF builds that wait for one")
        finally:
            # Jobs run in forked processes: leave them no database connection to share.
            connections.close_all()


def prepare_work_horses() -> None:
    """Warm the PDF renderer in the worker, before it forks a work horse for each job.

    Leaves no database connection for the work horses to share, and freezes what is loaded
    so that their garbage collector neither scans nor copies it.
    """
    started = time.monotonic()
    try:
        warm_up()
        load_templates(TEMPLATE_FOLDER)
        load_catalogues()
    except Exception:
        logger.exception("Could not prepare the PDF renderer: each job prepares its own")
    else:
        logger.info("Prepared the PDF renderer in %.1f s", time.monotonic() - started)
    finally:
        connections.close_all()
    gc.collect()
    gc.freeze()


def load_templates(folder: str) -> None:
    """Compile the templates below ``folder`` of every template directory, which the cached
    template loader then keeps."""
    roots = [*get_app_template_dirs("templates")]
    roots += [
        Path(directory) for engine in settings.TEMPLATES for directory in engine.get("DIRS", ())
    ]
    names = {
        path.relative_to(root).as_posix()
        for root in roots
        for path in (Path(root) / folder).rglob("*.html")
    }
    for name in sorted(names):
        try:
            get_template(name)
        except TemplateSyntaxError:
            logger.warning("Could not compile the template %s", name, exc_info=True)


def load_catalogues() -> None:
    """Load the message catalogues of every language of the site (activating a language
    loads them)."""
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            pass

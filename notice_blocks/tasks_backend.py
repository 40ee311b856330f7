"""A task backend that queues on RQ and keeps working while Redis cannot be reached.

Wagtail queues small tasks of its own on the default backend as editors work (updating the
reference index, deleting replaced files). If the queue is down, enqueueing them raises and
the editor's request fails. This backend runs such a task at once in the calling process
instead, as the immediate backend would, and logs a warning.

Tasks named in ``OPTIONS["QUEUE_ONLY_TASKS"]`` never run in the calling process: enqueueing
them raises ``QueueUnavailable``, and their caller records that they wait for the queue
(notice PDFs are rendered by workers only, never in a web request)::

    TASKS = {
        "default": {
            "BACKEND": "notice_blocks.tasks_backend.RQWithFallbackBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"QUEUE_ONLY_TASKS": ["notice_blocks.pdf.tasks.build_notice_pdfs_task"]},
        }
    }
"""

import logging

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult
from django_tasks_rq import RQBackend
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger("notice_blocks.tasks")

UNREACHABLE = (ConnectionError, TimeoutError)


class QueueUnavailable(Exception):
    """The task queue cannot be reached, and the task may only run from the queue."""


class RQWithFallbackBackend(RQBackend):
    """RQ, except that a task it cannot queue runs in this process, unless it is queue-only."""

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.queue_only = frozenset(self.options.get("QUEUE_ONLY_TASKS", ()))
        self.in_process = ImmediateBackend(alias, {**params, "QUEUES": list(self.queues)})

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        try:
            return super().enqueue(task, args, kwargs)
        except UNREACHABLE as error:
            if task.module_path in self.queue_only or task.run_after is not None:
                raise QueueUnavailable(
                    f"The task queue cannot be reached to queue {task.module_path}"
                ) from error
            logger.warning(
                "The task queue cannot be reached (%s): running %s in this process",
                error,
                task.module_path,
            )
        return self.in_process.enqueue(task, args, kwargs)

"""The daily reminder task: queued with ``run_after`` on a backend that defers tasks.

A DummyBackend holds the queued runs, as RQ's scheduler would; a test runs one as a worker
would, by calling it.
"""

import io
from datetime import timedelta

import django_rq
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from notice_blocks.review.models import ReminderSchedule
from notice_blocks.review.tasks import send_review_reminders_task
from tests.utils import make_notice_page

pytestmark = pytest.mark.django_db

DEFERRING = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}


@pytest.fixture
def deferring(settings):
    settings.TASKS = DEFERRING
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def queued_runs() -> list:
    return [
        result
        for result in default_task_backend.results
        if result.task.func is send_review_reminders_task.func
    ]


def schedule() -> str:
    out = io.StringIO()
    call_command("send_review_reminders", "--schedule", stdout=out)
    return out.getvalue()


def run(result) -> dict:
    """Run a queued run as a worker would."""
    return result.task.call(*result.args, **result.kwargs)


def test_the_first_run_is_queued_at_the_configured_hour_and_once(deferring, settings):
    settings.NOTICE_REVIEW_REMINDER_HOUR = 6
    before = timezone.now()

    assert "Queued the daily review reminders: next run" in schedule()
    assert "already queued" in schedule()

    (queued,) = queued_runs()
    run_after = timezone.localtime(queued.task.run_after)
    assert (run_after.hour, run_after.minute, run_after.second) == (6, 0, 0)
    assert before < run_after <= before + timedelta(days=1)
    assert ReminderSchedule.objects.get().next_run_at == queued.task.run_after


def test_each_run_sends_the_reminders_due_and_queues_the_next(deferring, editor):
    make_notice_page(title="Adoption", owner=editor, review_by=timezone.localdate())
    schedule()
    (first,) = queued_runs()
    deferring.clear()

    outcome = run(first)

    assert outcome == {"notices": 1, "emails": 1, "failed": 0}
    assert [message.to for message in mail.outbox] == [["editor@example.gov.uk"]]
    (second,) = queued_runs()
    assert second.args != first.args
    assert second.task.run_after > timezone.now()


def test_a_run_queued_twice_by_mistake_stops_so_one_chain_goes_on(deferring, editor):
    make_notice_page(title="Adoption", owner=editor, review_by=timezone.localdate())
    schedule()
    (first,) = queued_runs()
    run(first)
    deferring.clear()

    assert run(first) == {"superseded": True}
    assert queued_runs() == []
    assert len(mail.outbox) == 1


def test_a_run_whose_sending_fails_still_queues_the_next(deferring, editor, settings, caplog):
    make_notice_page(title="Adoption", owner=editor, review_by=timezone.localdate())
    schedule()
    (first,) = queued_runs()
    deferring.clear()
    settings.NOTICE_REVIEW_DUE_SOON_DAYS = "thirty"  # a setting mistyped

    with pytest.raises(TypeError):
        run(first)

    (second,) = queued_runs()
    assert second.args != first.args
    assert ReminderSchedule.objects.get().next_run_at == second.task.run_after
    assert "Could not send the review reminders" in caplog.text
    settings.NOTICE_REVIEW_DUE_SOON_DAYS = 30
    assert run(second)["emails"] == 1


def test_a_lost_run_is_queued_again(deferring):
    schedule()
    ReminderSchedule.objects.update(next_run_at=timezone.now() - timedelta(hours=2))

    assert "Queued the daily review reminders" in schedule()

    old, new = queued_runs()
    assert run(old) == {"superseded": True}
    assert "superseded" not in run(new)


def test_a_backend_that_runs_tasks_at_once_needs_cron():
    with pytest.raises(CommandError, match="from cron"):
        schedule()
    assert not ReminderSchedule.objects.exists()


def test_the_report_says_when_the_reminders_go_and_when_they_are_late(deferring, client, editor):
    client.force_login(editor)

    def help_text() -> str:
        response = client.get(reverse("notice_review:report"))
        soup = BeautifulSoup(response.content, "html.parser")
        return " ".join(soup.select_one(".help-block").get_text().split())

    assert "when the site runs manage.py send_review_reminders" in help_text()
    schedule()
    assert "the next reminders go at" in help_text()
    ReminderSchedule.objects.update(next_run_at=timezone.now() - timedelta(hours=2))
    assert "were due to be sent at" in help_text()
    assert "have not been: queue them again" in help_text()


def test_on_rq_the_run_waits_in_the_scheduler_until_its_hour(rq_setup):
    schedule()

    registry = django_rq.get_queue("default").scheduled_job_registry
    (job_id,) = registry.get_job_ids()
    scheduled_at = registry.get_scheduled_time(job_id)
    assert scheduled_at == ReminderSchedule.objects.get().next_run_at.replace(microsecond=0)


def test_an_unreachable_queue_is_said_plainly(settings):
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0?socket_connect_timeout=1"}}
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": settings.TASK_BACKENDS["rq"]}
    }

    with pytest.raises(CommandError, match="Could not queue the daily review reminders"):
        schedule()
    assert not ReminderSchedule.objects.exists()

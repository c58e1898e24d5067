"""The Celery application: a broker from CELERY_BROKER_URL, or jobs run in the requesting process.

Workers: `celery -A annotations.jobs.engine worker`; the scheduler, once per installation:
`celery -A annotations.jobs.engine beat`. With no broker configured, `dispatch` runs the job
in this process (through the same task, eagerly), so `manage.py runserver` and the tests need
nothing else.
"""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

RUN_JOB = "factcheck.jobs.run"
SWEEP = "factcheck.jobs.sweep"
WATCH_DUE = "factcheck.watch.due"
FEEDS_DUE = "factcheck.feeds.due"
EMBED_DUE = "factcheck.known_claims.embed_due"

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["annotations.jobs"])


def has_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def dispatch(job_id: int) -> None:
    """Send a job to the workers, or run it here and now when no broker is configured."""
    if has_broker():
        app.send_task(RUN_JOB, args=[job_id])
    else:
        app.tasks[RUN_JOB].apply(args=[job_id])

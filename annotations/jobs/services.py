"""Start, run and sweep jobs. Each write is one short transaction; the work itself runs outside.

A job is idempotent twice over: starting one whose key an unfinished job holds returns that
job, and running a job that is finished, or that another worker holds a live lease on,
does nothing. The work a kind does must itself be safe to repeat (a page fetched again,
an import that skips what is stored), since a worker killed mid-job leaves it to be run
again from the start by the next attempt.
"""

import logging
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import core, engine
from .models import Job

log = logging.getLogger(__name__)

Handler = Callable[["JobContext"], dict | None]


@dataclass
class JobContext:
    """What a job's work sees: its parameters, who started it, and a way to report progress."""

    job: Job
    on_progress: Callable[[Job], None] | None = None

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    @property
    def user(self):
        return self.job.started_by

    def progress(self, done: int, total: int | None = None, **result) -> None:
        """Record how far the job got (and renew its lease); `result` items are merged in."""
        job = self.job
        job.done = done
        if total is not None:
            job.total = total
        job.result = {**job.result, **result}
        job.lease_until = timezone.now() + timedelta(seconds=settings.FACTCHECK_JOBS_LEASE_SECONDS)
        Job.objects.filter(pk=job.pk).update(
            done=job.done, total=job.total, result=job.result, lease_until=job.lease_until,
        )
        if self.on_progress is not None:
            self.on_progress(job)


def job_start(*, kind: str, params: Mapping[str, Any] | None = None, user=None, key: str = "",
              send: bool = True) -> Job:
    """Record a job and send it to the workers once the caller's transaction commits.

    A job whose `key` an unfinished job holds already is not started twice: that job is
    returned (a second Refresh click, a second scheduler tick). `send=False` leaves it to
    the caller to run (a command that shows its progress as it runs here).
    """
    if key:
        existing = Job.objects.filter(key=key, state__in=core.ACTIVE).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, key=key, params=dict(params or {}), started_by=user)
    except IntegrityError:
        # Started by someone else between the look and the insert.
        return Job.objects.get(key=key, state__in=core.ACTIVE)
    if send:
        transaction.on_commit(lambda: engine.dispatch(job.pk))
    return job


def _claim(job_id: int) -> Job | None:
    """Mark the job running for this attempt, or return None when there is nothing to do."""
    now = timezone.now()
    with transaction.atomic():
        # Only the job's row is locked (PostgreSQL locks no row on the nullable side of a join).
        locked = Job.objects.select_for_update(of=("self",)).select_related("started_by")
        job = locked.filter(pk=job_id).first()
        if job is None or job.state in core.FINISHED:
            return None
        if job.state == core.RUNNING and job.lease_until and job.lease_until > now:
            return None  # another worker holds it
        job.state = core.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or now
        job.next_attempt_at = None
        job.lease_until = now + timedelta(seconds=settings.FACTCHECK_JOBS_LEASE_SECONDS)
        job.save(update_fields=["state", "attempts", "started_at", "next_attempt_at", "lease_until"])
    return job


def _finish(job: Job, state: str, *, error: str = "", next_attempt_at=None) -> None:
    job.state, job.error, job.next_attempt_at, job.lease_until = state, error, next_attempt_at, None
    job.finished_at = timezone.now() if state in core.FINISHED else None
    Job.objects.filter(pk=job.pk).update(
        state=job.state, error=job.error, next_attempt_at=job.next_attempt_at,
        lease_until=None, finished_at=job.finished_at, result=job.result,
    )


def job_run(job_id: int, handlers: Mapping[str, Handler],
            on_progress: Callable[[Job], None] | None = None) -> float | None:
    """Run one attempt of a job; return the seconds to wait before retrying it, or None.

    A failure is retried with growing delays up to FACTCHECK_JOBS_MAX_ATTEMPTS attempts,
    unless it is `core.Permanent`; the last error stays on the job for admins to read.
    """
    job = _claim(job_id)
    if job is None:
        return None
    handler = handlers.get(job.kind)
    if handler is None:
        _finish(job, core.FAILED, error=f"no job of kind {job.kind!r}")
        return None
    try:
        result = handler(JobContext(job, on_progress))
    except core.Permanent as error:
        _finish(job, core.FAILED, error=str(error))
        return None
    except Exception as error:
        text = "".join(traceback.format_exception_only(error)).strip()
        if job.attempts >= settings.FACTCHECK_JOBS_MAX_ATTEMPTS:
            log.exception("job %s (%s) failed after %s attempts", job.pk, job.kind, job.attempts)
            _finish(job, core.FAILED, error=text)
            return None
        delay = core.backoff(job.attempts, base=settings.FACTCHECK_JOBS_RETRY_BASE_SECONDS,
                             cap=settings.FACTCHECK_JOBS_RETRY_MAX_SECONDS)
        log.warning("job %s (%s) attempt %s failed, retrying in %.0f s: %s",
                    job.pk, job.kind, job.attempts, delay, text)
        _finish(job, core.RETRYING, error=text, next_attempt_at=timezone.now() + timedelta(seconds=delay))
        return delay
    if result:
        job.result = {**job.result, **result}
    _finish(job, core.SUCCEEDED)
    return None


def jobs_overdue(*, now=None) -> list[int]:
    """Return the ids of unfinished jobs nobody is working on any more.

    A retry whose time has come (without a broker nothing else sends it), a running job
    whose worker stopped renewing its lease (killed), a queued one whose message was lost.
    With a broker, Celery sends retries itself: those are only picked up once late by
    FACTCHECK_JOBS_SWEEP_GRACE_SECONDS.
    """
    now = now or timezone.now()
    grace = timedelta(seconds=settings.FACTCHECK_JOBS_SWEEP_GRACE_SECONDS if engine.has_broker() else 0)
    queued_before = now - timedelta(seconds=settings.FACTCHECK_JOBS_SWEEP_GRACE_SECONDS)
    overdue = (
        Q(state=core.RETRYING, next_attempt_at__lte=now - grace)
        | Q(state=core.RUNNING, lease_until__lte=now)
        | Q(state=core.QUEUED, created_at__lte=queued_before)
    )
    return list(Job.objects.filter(overdue).order_by("id").values_list("id", flat=True))


def job_sweep() -> list[int]:
    """Send again every overdue job (see jobs_overdue); return their ids."""
    overdue = jobs_overdue()
    for job_id in overdue:
        engine.dispatch(job_id)
    return overdue

"""A job as the API shows it to whoever started it."""

from typing import Any

from annotations.presenters import iso, username

from .models import Job


def job_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "state": job.state,
        "done": job.done,
        "total": job.total,
        "attempts": job.attempts,
        "error": job.error,
        "result": job.result,
        "started_by": username(job.started_by),
        "created_at": iso(job.created_at),
        "started_at": iso(job.started_at),
        "finished_at": iso(job.finished_at),
        "next_attempt_at": iso(job.next_attempt_at),
    }

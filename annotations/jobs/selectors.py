"""Reads of jobs."""

from .models import Job


def job_for(*, user, pk: int) -> Job | None:
    """Return the job if `user` may follow it: whoever started it, and superusers (who read every
    job in admin anyway)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    jobs = Job.objects.select_related("started_by").filter(pk=pk)
    if not user.is_superuser:
        jobs = jobs.filter(started_by=user)
    return jobs.first()

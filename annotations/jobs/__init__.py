"""Background jobs: one `Job` row per piece of work started, run by Celery workers.

The public face is small: `services.job_start(kind=..., params=..., user=..., key=...)`
records a job and sends it once the caller's transaction commits; `Permanent` marks a
failure that retrying cannot mend; `services.job_sweep()` sends again what a lost message
or a killed worker left behind. Without a broker (`CELERY_BROKER_URL` unset: `make run`,
the tests) the job runs in the same process right after the commit. The entry points
Celery runs (`tasks.py`) map each kind to the service that does the work.
"""

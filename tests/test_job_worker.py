"""Real Celery workers on the Redis broker (loopback): a job sent after the commit runs on a
worker, and a worker killed mid-job loses nothing: once its lease has run out the sweep sends
the job again and another worker finishes it, storing nothing twice."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import pytest
import redis
from django.db import connection

from annotations.jobs import core, engine, services, tasks
from annotations.jobs.models import Job
from annotations.models import Article
from tests import factories
from tests.ingest_support import NEWS_PAGE, PageServer
from tests.pg_support import ROOT, database_url

BROKER = "redis://127.0.0.1:6379/13"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379")


def worker_database_url() -> str:
    if connection.vendor == "postgresql":
        return database_url()
    return f"sqlite:///{connection.settings_dict['NAME']}"  # a file: see conftest


def page(n: int) -> str:
    return NEWS_PAGE.replace("summit-on-hold", f"story-{n}").replace("Sourse: Reuters", f"Story {n}.")


@pytest.fixture
def broker(settings, monkeypatch):
    """A queue of our own on the loopback Redis, used by this process and by the workers we start."""
    queue = f"factcheck-test-{uuid.uuid4().hex[:10]}"
    settings.CELERY_BROKER_URL = BROKER
    monkeypatch.setitem(engine.app.conf, "broker_url", BROKER)
    monkeypatch.setitem(engine.app.conf, "task_default_queue", queue)
    yield queue
    client = redis.Redis.from_url(BROKER)
    client.delete(queue)


@pytest.fixture
def pages(settings):
    with PageServer() as running:
        settings.FACTCHECK_FETCH_ALLOWED_HOSTS = running.allowed
        yield running


class Workers:
    """Celery workers started as separate processes on the test database."""

    def __init__(self, queue: str, allowed: str):
        self.env = {
            "PATH": os.environ["PATH"], "SECRET_KEY": "worker-test-key-" + "x" * 40,
            "DATABASE_URL": worker_database_url(), "CELERY_BROKER_URL": BROKER, "CELERY_QUEUE": queue,
            "FACTCHECK_FETCH_ALLOWED_HOSTS": allowed, "FACTCHECK_WATCH_HOST_DELAY_SECONDS": "0",
            "FACTCHECK_CACHE": "locmem", "FACTCHECK_JOBS_VISIBILITY_SECONDS": "2",
            "FACTCHECK_JOBS_LEASE_SECONDS": "2", "FACTCHECK_JOBS_RETRY_BASE_SECONDS": "1",
            "FACTCHECK_FETCH_SECONDS": "20",
        }
        self.processes = []
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (closed by stop)

    def start(self) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "annotations.jobs.engine", "worker", "-P", "solo",
             "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def stop(self) -> str:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.log.seek(0)
        text = self.log.read().decode(errors="replace")
        self.log.close()
        return text


@pytest.fixture
def workers(broker, pages):
    running = Workers(broker, pages.allowed)
    yield running
    log = running.stop()
    assert "Traceback" not in log, log


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the workers did not get there in time")


def job_state(pk: int) -> Job:
    return Job.objects.get(pk=pk)


@pytest.mark.django_db(transaction=True)
def test_a_job_sent_after_the_commit_runs_on_a_worker(roles, workers, pages):
    editor = factories.editor(username="eddie")
    pages.html("/s0", page(0))
    workers.start()

    job = services.job_start(kind=tasks.URL_IMPORT, params={"urls": [pages.url("/s0")]}, user=editor)

    wait_for(lambda: job_state(job.pk).state == core.SUCCEEDED)
    assert Article.objects.count() == 1
    assert job_state(job.pk).result["tally"]["created"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_loses_nothing(roles, workers, pages):
    editor = factories.editor(username="eddie")
    release = threading.Event()
    for n in range(4):
        pages.html(f"/s{n}", page(n))
    plain = pages.routes["/s2"]

    def held(handler):
        if not release.wait(30):
            return
        status, headers, body = plain
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    pages.routes["/s2"] = held
    urls = [pages.url(f"/s{n}") for n in range(4)]
    first = workers.start()
    job = services.job_start(kind=tasks.URL_IMPORT, params={"urls": urls}, user=editor)

    # The worker has stored two articles and waits for the third page: kill it there.
    wait_for(lambda: job_state(job.pk).done == 2 and "/s2" in pages.hits)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    release.set()
    assert job_state(job.pk).state == core.RUNNING
    workers.start()

    # Once its lease has run out, the scheduler's sweep sends it again (the broker would
    # also hand the unacknowledged message out again after its visibility timeout).
    wait_for(lambda: services.jobs_overdue() == [job.pk], seconds=10)
    assert services.job_sweep() == [job.pk]
    wait_for(lambda: job_state(job.pk).state == core.SUCCEEDED)
    finished = job_state(job.pk)
    assert finished.attempts == 2
    assert (finished.done, finished.total) == (4, 4)
    assert finished.result["tally"] == {"done": 4, "created": 4, "duplicate": 0, "failed": 0, "failures": []}
    stored = list(Article.objects.values_list("url", flat=True))
    assert len(stored) == len(set(stored)) == 4

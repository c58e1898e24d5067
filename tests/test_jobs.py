"""The job engine: in-process runs after the commit, progress for who started it, idempotency,
retries with backoff, failures kept for admins, jobs left behind taken over."""

from datetime import timedelta

import pytest
from django.utils import timezone

from annotations.ingest.extract import extract
from annotations.ingest.services import article_import
from annotations.jobs import core, engine, services, tasks
from annotations.jobs.models import Job
from annotations.models import Article
from tests import factories
from tests.api_support import client_for
from tests.ingest_support import NEWS_PAGE


@pytest.fixture
def story(server, editor):
    page = extract(NEWS_PAGE, server.url("/story"))
    page.url = server.url("/story")
    article, _ = article_import(user=editor, page=page)
    return article


@pytest.fixture
def quick_retries(settings):
    settings.FACTCHECK_JOBS_RETRY_BASE_SECONDS = 30
    settings.FACTCHECK_JOBS_RETRY_MAX_SECONDS = 3600
    settings.FACTCHECK_JOBS_MAX_ATTEMPTS = 3
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0


def page(n: int) -> str:
    return NEWS_PAGE.replace("summit-on-hold", f"story-{n}").replace("Sourse: Reuters", f"Story {n}.")


def test_without_a_broker_a_job_runs_in_process_once_the_request_commits(
    story, editor, server, settings, django_capture_on_commit_callbacks,
):
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0
    assert not engine.has_broker()
    server.html("/story", NEWS_PAGE.replace("calling it false", "calling it fake news"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(editor).post(f"/api/v1/articles/{story.pk}/refresh/job/")

    # The refresh, the live desk's news of the new body, then the look for repeated claims in it.
    assert len(callbacks) == 3
    assert Job.objects.filter(kind="claim_repeats", state="succeeded").count() == 1
    assert response.status_code == 202
    assert response["Location"] == f"/api/v1/jobs/{response.json()['id']}/"
    job = client_for(editor).get(response["Location"]).json()
    assert (job["kind"], job["state"], job["done"], job["total"], job["attempts"], job["started_by"]) == (
        "article_refresh", "succeeded", 1, 1, 1, "eddie",
    )
    assert job["result"] == {
        "article": story.pk, "status": "changed", "revision": 2, "moved": [], "fuzzy": [], "orphaned": [],
        "checked": 0,
    }
    assert "fake news" in Article.objects.get(pk=story.pk).body


def test_the_person_who_started_a_job_follows_it_and_nobody_else(story, editor, other_editor, admin_user):
    job = Job.objects.create(kind=tasks.REFRESH, params={"article": story.pk}, started_by=editor,
                             done=3, total=10, state=core.RUNNING)

    mine = client_for(editor).get(f"/api/v1/jobs/{job.pk}/")
    assert mine.status_code == 200
    assert mine["Cache-Control"] == "no-store"
    assert (mine.json()["done"], mine.json()["total"], mine.json()["state"]) == (3, 10, "running")
    assert client_for(other_editor).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert client_for().get(f"/api/v1/jobs/{job.pk}/").status_code == 401
    assert client_for(admin_user).get(f"/api/v1/jobs/{job.pk}/").status_code == 200


def test_starting_a_job_whose_key_is_unfinished_returns_that_job(story, editor, other_editor):
    first = services.job_start(kind=tasks.REFRESH, params={"article": story.pk}, user=editor,
                               key=f"refresh:{story.pk}")
    second = services.job_start(kind=tasks.REFRESH, params={"article": story.pk}, user=other_editor,
                                key=f"refresh:{story.pk}")

    assert second.pk == first.pk
    Job.objects.filter(pk=first.pk).update(state=core.SUCCEEDED)
    third = services.job_start(kind=tasks.REFRESH, params={"article": story.pk}, user=other_editor,
                               key=f"refresh:{story.pk}")
    assert third.pk != first.pk


def test_a_job_run_twice_changes_nothing_the_second_time(editor, server, quick_retries):
    for n in range(3):
        server.html(f"/s{n}", page(n))
    urls = [server.url(f"/s{n}") for n in range(3)]
    job = services.job_start(kind=tasks.URL_IMPORT, params={"urls": urls}, user=editor)

    services.job_run(job.pk, tasks.HANDLERS)
    job.refresh_from_db()
    first = (job.state, job.done, job.total, job.result, Article.objects.count())
    assert first == (core.SUCCEEDED, 3, 3, {"tally": {
        "done": 3, "created": 3, "duplicate": 0, "failed": 0, "failures": [],
    }}, 3)
    hits = len(server.hits)

    assert services.job_run(job.pk, tasks.HANDLERS) is None  # the same message delivered again
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.result, Article.objects.count()) == first
    assert len(server.hits) == hits

    # Its work itself is safe to repeat: run from the start, it finds what it stored.
    Job.objects.filter(pk=job.pk).update(state=core.QUEUED, result={})
    services.job_run(job.pk, tasks.HANDLERS)
    job.refresh_from_db()
    assert Article.objects.count() == 3
    assert job.result["tally"]["duplicate"] == 3


def test_a_failing_job_is_retried_with_growing_delays_then_fails_for_admins_to_see(
    story, editor, server, quick_retries, admin_client,
):
    server.html("/story", "<p>down</p>", status=503)
    job = services.job_start(kind=tasks.REFRESH, params={"article": story.pk}, user=editor)

    delays = []
    for _ in range(3):
        before = timezone.now()
        delays.append(services.job_run(job.pk, tasks.HANDLERS))
        job.refresh_from_db()
        if job.state == core.RETRYING:
            waited = (job.next_attempt_at - before).total_seconds()
            assert waited == pytest.approx(delays[-1], abs=1)
            # Nothing runs it before its time; the sweep does once it has come.
            assert services.jobs_overdue() == []
            Job.objects.filter(pk=job.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
            assert services.jobs_overdue() == [job.pk]

    assert delays[0] == pytest.approx(30, rel=0.11)
    assert delays[1] == pytest.approx(60, rel=0.11)
    assert delays[2] is None
    assert (job.state, job.attempts) == (core.FAILED, 3)
    assert "HTTP status 503" in job.error
    assert job.finished_at is not None
    listing = admin_client.get("/admin/annotations/job/?state__exact=failed").content.decode()
    assert "HTTP status 503" in listing and "article_refresh" in listing


def test_a_failure_retrying_cannot_mend_fails_at_once(story, editor, settings, quick_retries):
    Article.objects.filter(pk=story.pk).update(url="http://10.0.0.7/story")
    job = services.job_start(kind=tasks.REFRESH, params={"article": story.pk}, user=editor)

    assert services.job_run(job.pk, tasks.HANDLERS) is None

    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (core.FAILED, 1, "this address is not allowed: 10.0.0.7")


def test_backoff_doubles_from_its_base_up_to_its_cap():
    exact = [core.backoff(n, base=30, cap=300, jitter=0) for n in range(1, 7)]
    assert exact == [30, 60, 120, 240, 300, 300]
    assert 27 <= core.backoff(1, base=30, cap=300) <= 33


def test_a_job_whose_worker_stopped_is_run_again_after_its_lease(editor, server, quick_retries):
    for n in range(2):
        server.html(f"/s{n}", page(n))
    urls = [server.url(f"/s{n}") for n in range(2)]
    # What a worker killed after the first address leaves: a running job, its lease not renewed.
    job = services.job_start(kind=tasks.URL_IMPORT, params={"urls": urls}, user=editor)
    Job.objects.filter(pk=job.pk).update(state=core.RUNNING, attempts=1, done=0, total=2,
                                         lease_until=timezone.now() + timedelta(minutes=1))
    assert services.job_sweep() == []  # its worker may still be at it

    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert services.job_sweep() == [job.pk]

    job.refresh_from_db()
    assert (job.state, job.done, job.attempts) == (core.SUCCEEDED, 2, 2)
    assert Article.objects.count() == 2


def test_the_import_of_an_address_list_runs_as_a_job_with_progress(
    editor, server, quick_retries, django_capture_on_commit_callbacks,
):
    server.html("/s0", page(0))
    text = f"{server.url('/s0')}\n\n# a comment\n{server.url('/missing')}\n"

    without_role = factories.UserFactory(username="visitor")
    assert client_for(without_role).post("/api/v1/articles/import/urls/", {"urls": [server.url("/s0")]},
                                     format="json").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post("/api/v1/articles/import/urls/", {"urls": text.split("\n")},
                                           format="json")

    assert response.status_code == 202
    job = client_for(editor).get(response["Location"]).json()
    assert (job["kind"], job["state"], job["done"], job["total"]) == ("url_import", "succeeded", 2, 2)
    assert job["result"]["tally"] == {
        "done": 2, "created": 1, "duplicate": 0, "failed": 1,
        "failures": [{"url": server.url("/missing"), "error": "HTTP status 404"}],
    }


def test_an_unknown_kind_fails_without_retrying(editor):
    job = Job.objects.create(kind="no_such_kind", started_by=editor)
    assert services.job_run(job.pk, tasks.HANDLERS) is None
    job.refresh_from_db()
    assert (job.state, job.error) == (core.FAILED, "no job of kind 'no_such_kind'")

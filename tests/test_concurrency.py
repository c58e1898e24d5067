"""No lost updates: concurrent writers of one annotation, on PostgreSQL's row locks."""

import threading
from collections import Counter

import pytest
from django.db import connection

from annotations import presenters, services
from annotations.models import Annotation, Attribution, Evidence

THREADS = 20
ROUNDS = 3

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's SELECT ... FOR UPDATE; SQLite serializes every writer "
               "(set DATABASE_URL=postgres://... to run it)",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles"),
]


def run_threads(target, count: int = THREADS) -> list:
    """Run target(index) in count threads, each on its own connection; return their results."""
    results: list = [None] * count
    errors: list = []

    def run(index):
        try:
            results[index] = target(index)
        except BaseException as error:  # surfaced in the test thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not [thread for thread in threads if thread.is_alive()], "a writer hung"
    assert not errors, errors
    return results


def snapshot(annotation: Annotation) -> dict:
    """Return everything about the annotation except what an edit of its claim changes."""
    annotation = Annotation.objects.prefetch_related("attributions__source", "evidence").get(
        pk=annotation.pk
    )
    state = presenters.annotation_dict(annotation)
    for field in ("claim", "edited_by", "version", "updated_at"):
        state.pop(field)
    return state


def child_history_size(annotation: Annotation) -> int:
    return (
        Attribution.history.filter(annotation_id=annotation.pk).count()
        + Evidence.history.filter(annotation_id=annotation.pk).count()
    )


def test_exactly_one_of_twenty_simultaneous_writes_per_version_succeeds(draft, editor):
    before, children_before = snapshot(draft), child_history_size(draft)
    barrier = threading.Barrier(THREADS)

    def write(index):
        outcomes = []
        for round_ in range(ROUNDS):
            version = Annotation.objects.get(pk=draft.pk).version
            barrier.wait()  # everyone has read this round's version before anyone writes
            try:
                services.annotation_update(
                    annotation=draft, user=editor, version=version, claim=f"round {round_} by {index}"
                )
            except services.StaleVersion as stale:
                outcomes.append(("stale", version, stale.current.version))
            else:
                outcomes.append(("saved", version, version + 1))
            barrier.wait()  # the round is over for everyone
        return outcomes

    outcomes = [o for per_thread in run_threads(write) for o in per_thread]

    saved = sorted(o for o in outcomes if o[0] == "saved")
    assert [(version, new) for _, version, new in saved] == [(1, 2), (2, 3), (3, 4)]
    assert Counter(o[1] for o in outcomes if o[0] == "stale") == {1: 19, 2: 19, 3: 19}
    assert all(current == version + 1 for kind, version, current in outcomes if kind == "stale")
    draft.refresh_from_db()
    assert draft.version == ROUNDS + 1
    edits = list(draft.history.filter(history_change_reason="edited").order_by("version"))
    assert [(r.version, r.history_user) for r in edits] == [(2, editor), (3, editor), (4, editor)]
    assert edits[-1].claim == draft.claim
    assert draft.history.count() == 1 + ROUNDS
    assert snapshot(draft) == before
    assert child_history_size(draft) == children_before


def test_writers_that_retry_on_stale_versions_never_lose_an_update(draft, editor):
    """Each of twenty writers appends its mark; every mark survives, one version each."""
    before = snapshot(draft)

    def append(index):
        attempts = 0
        while True:
            attempts += 1
            current = Annotation.objects.get(pk=draft.pk)
            try:
                services.annotation_update(
                    annotation=current, user=editor, version=current.version,
                    claim=f"{current.claim}|{index}",
                )
                return attempts
            except services.StaleVersion:
                continue

    attempts = run_threads(append)

    draft.refresh_from_db()
    marks = draft.claim.split("|")[1:]
    assert sorted(marks, key=int) == [str(index) for index in range(THREADS)]
    assert draft.version == 1 + THREADS
    versions = list(draft.history.values_list("version", flat=True))
    assert sorted(versions) == list(range(1, THREADS + 2))  # one record per version, no gaps
    assert sum(attempts) >= THREADS
    assert snapshot(draft) == before

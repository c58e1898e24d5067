"""The watch's threads serve many sites at once, each politely (rounds.polite_map)."""

import threading
import time

from annotations.ingest import rounds


def test_sites_are_served_in_parallel_one_request_at_a_time_each_with_a_pause():
    log, lock, inside, overlaps = [], threading.Lock(), {}, []

    def work(item):
        site, _ = item
        with lock:
            inside[site] = inside.get(site, 0) + 1
            if inside[site] > 1:
                overlaps.append(site)
            log.append((site, "start", time.monotonic()))
        time.sleep(0.05)
        with lock:
            inside[site] -= 1
            log.append((site, "end", time.monotonic()))

    groups = {site: [(site, n) for n in range(3)] for site in ("a", "b", "c", "d")}
    started = time.monotonic()
    rounds.polite_map(groups, work, threads=4, delay=0.2)
    took = time.monotonic() - started

    assert overlaps == []
    assert sorted(entry[:2] for entry in log if entry[1] == "start") == sorted(
        (site, "start") for site in groups for _ in range(3)
    )
    for site in groups:
        times = [(kind, at) for s, kind, at in log if s == site]
        ends = [at for kind, at in times if kind == "end"]
        starts = [at for kind, at in times if kind == "start"]
        assert all(later - earlier >= 0.2 - 0.01 for earlier, later in zip(ends, starts[1:], strict=False))
    # Four sites at once: about 3 x (0.05 + 0.2), not 12 x.
    assert took < 1.5


def test_one_thread_serves_every_item():
    seen = []

    def work(item):
        seen.append(item)

    rounds.polite_map({"a": [1, 2], "b": [3]}, work, threads=1, delay=0)
    assert sorted(seen) == [1, 2, 3]


def test_each_thread_says_when_it_ends():
    ended = []
    rounds.polite_map({n: [n] for n in range(3)}, lambda item: None, threads=3, delay=0,
                      on_thread_exit=lambda: ended.append(threading.current_thread().name))
    assert len(ended) == 3

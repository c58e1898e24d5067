"""Work through items grouped by site with a few threads, politely: never two at once on one
site, and at least `delay` seconds between the end of one and the start of the next there.

Pure (no database): the watch gives it the articles of many sites, so that while one site
rests the threads serve others instead of sleeping.
"""

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterable
from typing import Any


def polite_map(groups: dict[Hashable, Iterable[Any]], work: Callable[[Any], None], *, threads: int,
               delay: float, on_thread_exit: Callable[[], None] | None = None) -> None:
    """Call work(item) for every item of every group; one item of a group at a time, `delay`
    apart, on up to `threads` threads. Exceptions of `work` are its own to handle."""
    queues = {group: deque(items) for group, items in groups.items() if items}
    ready_at = dict.fromkeys(queues, 0.0)
    busy: set[Hashable] = set()
    condition = threading.Condition()

    def take() -> tuple[Hashable, Any] | None:
        with condition:
            while True:
                waiting = [group for group, queue in queues.items() if queue and group not in busy]
                if not waiting:
                    if not any(queues.values()):
                        return None
                    condition.wait()  # every site with work left is busy
                    continue
                now = time.monotonic()
                group = min(waiting, key=ready_at.__getitem__)
                if ready_at[group] <= now:
                    busy.add(group)
                    return group, queues[group].popleft()
                condition.wait(ready_at[group] - now)

    def run() -> None:
        try:
            while (taken := take()) is not None:
                group, item = taken
                try:
                    work(item)
                finally:
                    with condition:
                        busy.discard(group)
                        ready_at[group] = time.monotonic() + delay
                        condition.notify_all()
        finally:
            if on_thread_exit is not None:
                on_thread_exit()

    count = max(1, min(threads, len(queues)))
    if count == 1:
        run()
        return
    workers = [threading.Thread(target=run, daemon=True) for _ in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

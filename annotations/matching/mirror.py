"""Each process's copy of the stored index, refreshed incrementally from the KnownClaim table.

A query first compares a cheap marker (row count and latest ``changed_at``) with the one
it last saw, at most every ``FACTCHECK_MATCHING_REFRESH_SECONDS`` (and at once after a
write in this process). When it moved, only the rows changed since then are read back;
``SLACK`` seconds of overlap catch transactions that committed late with an earlier
timestamp. A shrinking table (rows deleted or rolled back) or many dead slots rebuild the
copy from scratch.
"""

import contextlib
import ctypes
import gc
import threading
import time
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max

from . import core, embedding
from .index import Document, KnownClaimIndex
from .models import KnownClaim

SLACK = timedelta(seconds=60)
BATCH = 5000
REBUILD_DEAD_RATIO = 0.3


def _documents(rows: Iterable[tuple]) -> Iterable[Document]:
    for kind, ref_id, claim, context, vector in rows:
        yield Document(kind, ref_id, claim, context, embedding.from_bytes(vector))


class Mirror:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget the copy; the next query rebuilds it."""
        self.index: KnownClaimIndex | None = None
        self.marker: tuple[int, object] | None = None
        self.checked = float("-inf")
        self.applied: dict[tuple[str, int], object] = {}

    def marker_key(self) -> str:
        """A short text that changes whenever the stored index does."""
        count, last = self.marker or (0, None)
        return f"{count}-{last.timestamp() if last else 0}"

    def poke(self) -> None:
        """Check the marker at the next query (a write in this process just committed)."""
        self.checked = float("-inf")

    def current(self, progress: Callable[[int], None] | None = None) -> KnownClaimIndex:
        with self._lock:
            interval = getattr(settings, "FACTCHECK_MATCHING_REFRESH_SECONDS", 1.0)
            now = time.monotonic()
            if self.index is not None and now - self.checked < interval:
                return self.index
            self.checked = now
            marker_row = KnownClaim.objects.aggregate(count=Count("id"), last=Max("changed_at"))
            marker = (marker_row["count"], marker_row["last"])
            if (
                self.index is None
                or self.marker is None
                or marker[0] < self.marker[0]
                or (self.marker[1] is not None and (marker[1] is None or marker[1] < self.marker[1]))
                or self.index.dead_ratio > REBUILD_DEAD_RATIO
            ):
                self._rebuild(marker, progress)
            elif marker != self.marker:
                self._catch_up(marker)
            return self.index

    def _rebuild(self, marker, progress) -> None:
        index = core.new_index()
        index.reserve(marker[0])
        rows = (
            KnownClaim.objects.filter(active=True)
            .order_by("id")
            .values_list("kind", "ref_id", "claim", "context", "vector")
        )
        batch: list[Document] = []
        done = 0
        for document in _documents(rows.iterator(chunk_size=BATCH)):
            batch.append(document)
            if len(batch) >= BATCH:
                index.add(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done)
        index.add(batch)
        if progress:
            progress(done + len(batch))
        self.index, self.marker, self.applied = index, marker, {}
        self._remember(marker)
        if done >= BATCH:
            release_free_memory()

    def _catch_up(self, marker) -> None:
        changed = KnownClaim.objects.all()
        if self.marker[1] is not None:
            changed = changed.filter(changed_at__gte=self.marker[1] - SLACK)
        ids = [
            pk for pk, kind, ref_id, changed_at in changed.values_list("id", "kind", "ref_id", "changed_at")
            if self.applied.get((kind, ref_id)) != changed_at
        ]
        for start in range(0, len(ids), BATCH):
            fresh, gone = [], []
            rows = KnownClaim.objects.filter(id__in=ids[start : start + BATCH]).values_list(
                "kind", "ref_id", "claim", "context", "vector", "active", "changed_at"
            )
            for kind, ref_id, claim, context, vector, active, changed_at in rows:
                self.applied[(kind, ref_id)] = changed_at
                if active:
                    fresh.append(Document(kind, ref_id, claim, context, embedding.from_bytes(vector)))
                else:
                    gone.append((kind, ref_id))
            self.index.remove(gone)
            self.index.add(fresh)
        self.marker = marker
        self._remember(marker)

    def _remember(self, marker) -> None:
        # Only rows inside the slack window can come back; older bookkeeping is dropped.
        if marker[1] is None:
            return
        horizon = marker[1] - SLACK
        self.applied = {key: at for key, at in self.applied.items() if at >= horizon}


def release_free_memory() -> None:
    """Hand the heap a rebuild's rows left free back to the system (glibc keeps it otherwise).

    Rows are read 5,000 at a time and dropped, but their scattered leftovers keep the
    process's resident memory some 40 MB above what the index holds, per process.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to give back
        ctypes.CDLL(None).malloc_trim(0)


mirror = Mirror()

"""The known-claims index: lexical (BM25) and semantic (embeddings), fused; pure, in memory.

Documents are keyed by ``(kind, id)``. Adding a key again replaces its document; removing
leaves a dead slot that searches skip until the owner rebuilds the index (see
``dead_ratio``). Nothing here touches the database.

Memory, per 100,000 claims: vectors as 4-bit codes, two to a byte, with one float32 scale
each (26 MB for 512 dimensions, read in cache-sized blocks; the rankings on the development
splits are those of the stored 8-bit vectors to the third decimal),
ids and kinds as numpy arrays and one ``{id: slot}`` per kind rather than ``(kind, id)``
tuples (fewer objects for the garbage collector to walk), postings as one pair of arrays
per term and field (slots as int32, counts as one byte).
"""

import math
import threading
from array import array
from dataclasses import dataclass

import numpy as np

from . import text

KINDS = ("verified", "external")
FIELDS = ("claim", "context")


@dataclass(frozen=True)
class Document:
    kind: str
    id: int
    claim: str
    context: str
    vector: np.ndarray | None  # None until embedded: found by its words alone meanwhile


@dataclass(frozen=True)
class Tuning:
    """How the two signals are fused; the defaults were tuned on a public claim-retrieval set."""

    k1: float = 1.2
    b: float = 0.75
    context_weight: float = 1.0
    semantic_weight: float = 0.2
    candidates: int = 100


class _Postings:
    """The slots holding a term and how often each holds it (capped at 255: one byte)."""

    __slots__ = ("slots", "tfs")

    def __init__(self):
        self.slots = array("i")
        self.tfs = array("B")

    def add(self, slot: int, tf: int) -> None:
        self.slots.append(slot)
        self.tfs.append(min(tf, 255))

    def as_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        # Views, not copies; the caller holds the index lock, so nothing appends meanwhile.
        return np.frombuffer(self.slots, dtype=np.int32), np.frombuffer(self.tfs, dtype=np.uint8)


class KnownClaimIndex:
    """A compact in-memory index of known claims, updated one document at a time."""

    def __init__(self, dim: int, tuning: Tuning | None = None):
        self.dim = dim
        self.tuning = tuning or Tuning()
        self._lock = threading.RLock()
        self._capacity = 0
        self._size = 0
        # One {id: slot} per kind: no (kind, id) tuple per document.
        self._slot_of: dict[str, dict[int, int]] = {kind: {} for kind in KINDS}
        self._ids = np.zeros(0, dtype=np.int64)
        self._codes = np.zeros((0, dim // 2), dtype=np.uint8)
        self._scales = np.zeros(0, dtype=np.float32)
        self._kinds = np.zeros(0, dtype=np.int8)
        self._alive = np.zeros(0, dtype=bool)
        self._lengths = {field: np.zeros(0, dtype=np.float32) for field in FIELDS}
        self._total_length = dict.fromkeys(FIELDS, 0.0)
        self._postings: dict[str, dict[str, _Postings]] = {field: {} for field in FIELDS}

    def __len__(self) -> int:
        return sum(len(slots) for slots in self._slot_of.values())

    def __contains__(self, key: tuple[str, int]) -> bool:
        return key[1] in self._slot_of.get(key[0], {})

    @property
    def dead_ratio(self) -> float:
        return (self._size - len(self)) / self._size if self._size else 0.0

    def reserve(self, count: int) -> None:
        """Make room for count documents at once (a rebuild knows how many are coming)."""
        with self._lock:
            self._grow(count, exact=True)

    def _grow(self, needed: int, exact: bool = False) -> None:
        if needed <= self._capacity:
            return
        capacity = needed if exact else max(needed, self._capacity + self._capacity // 4, 1024)
        codes = np.zeros((capacity, self.dim // 2), dtype=np.uint8)
        codes[: self._size] = self._codes[: self._size]
        self._codes = codes
        for name in ("_ids", "_scales", "_kinds", "_alive"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: self._size] = old[: self._size]
            setattr(self, name, new)
        for field in FIELDS:
            new = np.zeros(capacity, dtype=np.float32)
            new[: self._size] = self._lengths[field][: self._size]
            self._lengths[field] = new
        self._capacity = capacity

    def add(self, documents: list[Document]) -> None:
        """Add or replace documents."""
        with self._lock:
            self._grow(self._size + len(documents))
            if documents:
                zero = np.zeros(self.dim, dtype=np.float32)
                vectors = np.stack([zero if d.vector is None else d.vector for d in documents])
                codes, scales = pack_nibbles(vectors)
            for number, document in enumerate(documents):
                key = (document.kind, document.id)
                self._kill(key)
                slot = self._size
                self._size += 1
                self._slot_of[document.kind][document.id] = slot
                self._ids[slot] = document.id
                self._kinds[slot] = KINDS.index(document.kind)
                self._alive[slot] = True
                self._codes[slot] = codes[number]
                self._scales[slot] = scales[number]
                for field, value in (("claim", document.claim), ("context", document.context)):
                    terms = text.tokens(value)
                    self._lengths[field][slot] = len(terms)
                    self._total_length[field] += len(terms)
                    counts: dict[str, int] = {}
                    for term in terms:
                        counts[term] = counts.get(term, 0) + 1
                    postings = self._postings[field]
                    for term, count in counts.items():
                        entry = postings.get(term)
                        if entry is None:
                            entry = postings[term] = _Postings()
                        entry.add(slot, count)

    def _kill(self, key: tuple[str, int]) -> None:
        slot = self._slot_of[key[0]].pop(key[1], None)
        if slot is not None:
            self._alive[slot] = False
            for field in FIELDS:
                self._total_length[field] -= float(self._lengths[field][slot])

    def remove(self, keys: list[tuple[str, int]]) -> None:
        """Remove documents; unknown keys are ignored."""
        with self._lock:
            for key in keys:
                self._kill(key)

    def _bm25(self, field: str, terms: list[str], scores: np.ndarray) -> float:
        """Add the field's BM25 scores into scores; return the query's best possible score."""
        postings = self._postings[field]
        live = max(len(self), 1)
        average = max(self._total_length[field] / live, 1.0)
        k1, b = self.tuning.k1, self.tuning.b
        lengths = self._lengths[field]
        ceiling = 0.0
        for term in set(terms):
            entry = postings.get(term)
            if entry is None:
                # A word no known claim has still counts against a perfect match, as much
                # as the rarest word they have.
                ceiling += math.log(1 + (live - 0.5) / 1.5) * (k1 + 1)
                continue
            slots, counts = entry.as_arrays()
            tfs = counts.astype(np.float32)
            df = min(len(slots), live)
            idf = math.log(1 + (live - df + 0.5) / (df + 0.5))
            norm = k1 * (1 - b + b * lengths[slots] / average)
            scores[slots] += idf * tfs * (k1 + 1) / (tfs + norm)
            ceiling += idf * (k1 + 1)
        return ceiling

    def search(self, query: str, vector: np.ndarray, *, kind: str = "all",
               limit: int = 10) -> list[tuple[str, int, float]]:
        """Return up to limit ``(kind, id, score)`` best first, score in [0, 1]."""
        tuning = self.tuning
        terms = text.tokens(query)
        with self._lock:
            size = self._size
            if not len(self) or limit <= 0:
                return []
            mask = self._alive[:size].copy()
            if kind != "all":
                mask &= self._kinds[:size] == KINDS.index(kind)
            lexical = np.zeros(size, dtype=np.float32)
            context = np.zeros(size, dtype=np.float32)
            ceiling = self._bm25("claim", terms, lexical)
            self._bm25("context", terms, context)
            semantic = self._similarities(np.asarray(vector, dtype=np.float32), size)
            ids = self._ids[:size].copy()
            kinds = self._kinds[:size].copy()
        lexical = np.maximum(lexical, tuning.context_weight * context)
        # Lexical scores are relative to what the query could score at best, so a score
        # keeps its meaning across queries of any length.
        lexical = lexical / ceiling if ceiling else lexical
        fused = tuning.semantic_weight * np.clip(semantic, 0, 1) + (1 - tuning.semantic_weight) * np.clip(
            lexical, 0, 1
        )
        fused[~mask] = -1
        count = min(limit, int(mask.sum()))
        if count == 0:
            return []
        top = np.argpartition(-fused, count - 1)[:count] if count < size else np.arange(size)
        # Ties go to the lower slot, i.e. the document indexed first: deterministic.
        top = sorted(top.tolist(), key=lambda slot: (-round(float(fused[slot]), 6), slot))[:count]
        return [(KINDS[kinds[slot]], int(ids[slot]), round(float(fused[slot]), 6)) for slot in top]

    def _similarities(self, vector: np.ndarray, size: int, block: int = 1024) -> np.ndarray:
        """Cosine of vector with every stored one: 4-bit blocks widened in small buffers."""
        similarities = np.empty(size, dtype=np.float32)
        even, odd = np.ascontiguousarray(vector[0::2]), np.ascontiguousarray(vector[1::2])
        rows = min(block, size)
        low = np.empty((rows, self.dim // 2), dtype=np.float32)
        high = np.empty((rows, self.dim // 2), dtype=np.float32)
        nibbles = np.empty((rows, self.dim // 2), dtype=np.uint8)
        for start in range(0, size, block):
            codes = self._codes[start : min(start + block, size)]
            count = len(codes)
            np.bitwise_and(codes, 0x0F, out=nibbles[:count])
            np.copyto(low[:count], nibbles[:count], casting="unsafe")
            np.right_shift(codes, 4, out=nibbles[:count])
            np.copyto(high[:count], nibbles[:count], casting="unsafe")
            out = similarities[start : start + count]
            np.matmul(low[:count], even, out=out)
            out += high[:count] @ odd
        # Codes are stored as value + 8: take 8 × (sum of the query) back out.
        similarities -= NIBBLE_BIAS * float(vector.sum())
        similarities *= self._scales[:size]
        return similarities


NIBBLE_BIAS = 8


def pack_nibbles(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return 4-bit codes (−7…7 stored as 1…15), two per byte, and one float32 scale per vector."""
    vectors = np.asarray(vectors, dtype=np.float32)
    scales = np.abs(vectors).max(axis=1) / 7 if len(vectors) else np.zeros(0, dtype=np.float32)
    safe = np.where(scales > 0, scales, 1).astype(np.float32)
    codes = (np.clip(np.rint(vectors / safe[:, None]), -7, 7) + NIBBLE_BIAS).astype(np.uint8)
    return codes[:, 0::2] | (codes[:, 1::2] << 4), scales.astype(np.float32)

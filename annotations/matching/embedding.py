"""Sentence embeddings from WordLlama, whose weights and tokenizer ship inside its wheel.

WordLlama's embedding is the mean of its token vectors, L2-normalised. The weights and the
tokenizer are read straight from the installed package's files (nothing is ever fetched,
and the ``wordllama`` package itself is not imported: it costs a server process 24 MB of
memory for code the mean does not need); ``tests/test_matching_embedding.py`` pins that the
vectors equal ``WordLlama.load(...).embed(..., norm=True)``.
"""

import importlib.util
import itertools
import threading
from functools import cache
from pathlib import Path

import numpy as np

# WordLlama's dimensions are nested (Matryoshka): the first 128 of 256 keep most of the
# quality, halve the memory and make a full scan of 100,000 vectors one fast pass.
DIM = 128
MAX_CHARS = 4000
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# Texts pooled at once: their token vectors stay in the CPU cache.
POOL_CHUNK = 256
_lock = threading.Lock()


def package_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("The wordllama package is not installed.")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _model():
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = package_dir()
    tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    weights = load_file(str(root / WEIGHTS))["embedding.weight"]
    return tokenizer, np.ascontiguousarray(weights[:, :DIM], dtype=np.float32)


def embed(texts: list[str]) -> np.ndarray:
    """Return one L2-normalised float32 vector per text (zeros for an empty text)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _lock:
        tokenizer, weights = _model()
    texts = [text[:MAX_CHARS] or " " for text in texts]
    ids = [item.ids for item in tokenizer.encode_batch_fast(texts, add_special_tokens=False)]
    vectors = np.zeros((len(ids), DIM), dtype=np.float32)
    for start in range(0, len(ids), POOL_CHUNK):
        rows = [row for row in range(start, min(start + POOL_CHUNK, len(ids))) if ids[row]]
        if not rows:
            continue
        chunk = [ids[row] for row in rows]
        lengths = np.fromiter(map(len, chunk), dtype=np.intp, count=len(chunk))
        flat = np.fromiter(itertools.chain.from_iterable(chunk), dtype=np.intp, count=int(lengths.sum()))
        np.clip(flat, 0, len(weights) - 1, out=flat)
        offsets = np.zeros(len(chunk), dtype=np.intp)
        np.cumsum(lengths[:-1], out=offsets[1:])
        # Each text's run of token vectors summed; the mean's length does not survive normalising.
        vectors[rows] = np.add.reduceat(weights[flat], offsets, axis=0)
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
    """Store a vector compactly: 128 int8 codes and a little-endian float32 scale, 132 bytes."""
    return many_to_bytes(np.asarray(vector).reshape(1, -1))[0]


def many_to_bytes(vectors: np.ndarray) -> list[bytes]:
    """Return the stored form of each vector, quantised together."""
    codes, scales = quantize(vectors)
    packed = np.concatenate([codes.view(np.uint8), scales.astype("<f4")[:, None].view(np.uint8)], axis=1)
    return [row.tobytes() for row in packed]


def from_bytes(data: bytes) -> np.ndarray:
    """Read a stored vector back (int8 with a scale; float16 as stored before)."""
    data = bytes(data)
    if len(data) == DIM + 4:
        codes = np.frombuffer(data[:DIM], dtype=np.int8).astype(np.float32)
        return codes * np.frombuffer(data[DIM:], dtype="<f4")[0]
    if len(data) == DIM * 2:
        return np.frombuffer(data, dtype=np.float16).astype(np.float32)
    raise ValueError(f"A stored vector has {len(data)} bytes, not {DIM + 4}.")

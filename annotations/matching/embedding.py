"""Sentence embeddings from WordLlama, whose weights and tokenizer ship inside its wheel."""

import threading
from functools import cache
from pathlib import Path

import numpy as np

# WordLlama's dimensions are nested (Matryoshka): the first 128 of 256 keep most of the
# quality, halve the memory and make a full scan of 100,000 vectors one fast BLAS call.
DIM = 128
MAX_CHARS = 4000
_lock = threading.Lock()


@cache
def _model():
    import wordllama
    from wordllama import WordLlama

    # The package directory holds weights/ and tokenizers/ exactly as the cache layout
    # expects them; with downloads disabled nothing is ever fetched.
    return WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=256,
        trunc_dim=DIM if DIM != 256 else None,
    )


def embed(texts: list[str]) -> np.ndarray:
    """Return one L2-normalised float32 vector per text (zeros for an empty text)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _lock:
        model = _model()
    vectors = model.embed([text[:MAX_CHARS] or " " for text in texts], norm=True)
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)
    vectors[~np.isfinite(vectors).all(axis=1)] = 0
    return vectors


def to_bytes(vector: np.ndarray) -> bytes:
    """Store a vector compactly: float16, 256 bytes for 128 dimensions."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16)

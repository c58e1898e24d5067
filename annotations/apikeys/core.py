"""Pure functions behind API keys: make one, digest it, name it by its prefix.

A key is 160 random bits; a single SHA-256 is enough to store it (a slow password hash
guards guessable secrets, and nobody can guess 160 random bits), and it lets a request's
key be found by an indexed equality lookup instead of trying every stored hash.
"""

import hashlib
import secrets

PREFIX_LENGTH = 8


def new_key() -> str:
    """Return a fresh key: 40 hexadecimal characters, as DRF's tokens were."""
    return secrets.token_hex(20)


def key_digest(key: str) -> str:
    """Return the SHA-256 hex digest under which a key is stored."""
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str:
    """Return the first characters of a key, kept so people can tell their keys apart."""
    return key[:PREFIX_LENGTH]

"""Invisible and direction-changing characters: normalized out of names, stripped from the
short texts people write, and shown as visible markers where they must stay (article text)."""

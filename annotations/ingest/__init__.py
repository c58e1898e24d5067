"""Articles from the web: safe fetching, extraction, cleaning, revisions and re-anchoring.

fetch, extract, clean, anchors and diffs are pure (no ORM); revisions and services store.
"""

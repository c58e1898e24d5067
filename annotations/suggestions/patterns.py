"""Patterns the attribution rules share in every language; a language's own patterns (its
reporting cues, clause and phrase edges) are built by `languages.Language` from its table."""

import re

# The work per cue is bounded; so is the number of cues looked at, whatever the input.
MAX_CUES = 60_000
LAST_WORD_SPACE = re.compile(r"([\w’']+)\s*$")
PARTICLE = re.compile(r"\s+(\w+)\b")
WORDY = re.compile(r"\w")
WORD = re.compile(r"[\w’'.-]+")
TRAILING_PUNCT = ".!?;:,—– "


def trie_pattern(words) -> str:
    """Return an alternation of words with shared prefixes factored out (much faster to scan)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node) -> str:
        ending = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ending else "(?:" + "|".join(branches) + ")"
        if ending:
            body = body + "?" if len(branches) == 1 and body.startswith("(?:") else (
                "(?:" + "|".join(branches) + ")?")
        return body

    return build(trie)

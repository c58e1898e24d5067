"""Close source names: which stored names or aliases a typed name may be a variant of.

Pure (text in, data out). "Dmitry Peskov" and "Dmitry Peskov, Kremlin spokesperson" are the
same person written twice; one name's words being a subset of the other's, or the two being
a small typo apart, is what a fact-checker should be asked about before a second source is made.
"""

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

# Below this, two names share too little to be worth asking about.
THRESHOLD = 85
WORD = re.compile(r"\w+")


def normalized(name: str) -> str:
    """Lower-case words of the name, punctuation dropped: "Peskov, Dmitry" -> "peskov dmitry"."""
    return " ".join(WORD.findall(name.casefold()))


def search_terms(name: str, *, most: int = 6) -> list[str]:
    """Word stems that a close name must contain one of (for narrowing candidates in a query):
    the first four letters of each word of three letters or more, so a typo at a word's end
    ("Dmitri"/"Dmitry") still meets."""
    terms = []
    for word in normalized(name).split():
        if len(word) >= 3 and word[:4] not in terms:
            terms.append(word[:4])
    return terms[:most]


def closeness(typed: str, candidate: str) -> float:
    """0..100: how likely the two (normalized) names denote the same source."""
    if not typed or not candidate:
        return 0.0
    # A name with a title after it ("Dmitry Peskov, Kremlin spokesperson") is compared by its
    # leading words too, so a typo in the name itself still counts.
    leading = " ".join(candidate.split()[:len(typed.split())])
    return max(fuzz.token_set_ratio(typed, candidate), fuzz.ratio(typed, candidate),
               fuzz.ratio(typed, leading))


def close_names(typed: str, candidates: Iterable[tuple[object, str, Iterable[str]]], *,
                limit: int = 5) -> list[object]:
    """Return up to `limit` keys of (key, name, aliases) candidates close to `typed`, closest
    first (ties by name). A candidate whose name is exactly `typed` is left out: it is no
    duplicate to warn about, it is the source itself."""
    want = normalized(typed)
    if len(want) < 3:
        return []
    scored = []
    for key, name, aliases in candidates:
        if normalized(name) == want and name.strip().casefold() == typed.strip().casefold():
            continue
        best = max(closeness(want, normalized(text)) for text in (name, *aliases))
        if best >= THRESHOLD:
            scored.append((-best, name.casefold(), key))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [key for _score, _name, key in scored[:limit]]

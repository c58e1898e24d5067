"""Where a suggestion sits, told by its own words rather than by offsets into the whole body.

A dismissal keyed by body offsets dies with any edit of the article; keyed by the text of the
stretch the suggestion lives in (its sentence, widened to its quote, cue and source) and its
offsets inside that stretch, it survives edits elsewhere and ends when that stretch changes.
"""

import hashlib
import json


def suggestion_anchor(body: str, result: dict) -> str:
    """Return a hex SHA-256 naming the suggestion `result` (as presented) within `body`."""
    spans = [(result["start"], result["end"]), (result["cue"]["start"], result["cue"]["end"])]
    if result.get("source"):
        spans.append((result["source"]["start"], result["source"]["end"]))
    sentence = result.get("sentence") or ()
    if len(sentence) == 2 and sentence[0] < sentence[1]:
        spans.append((sentence[0], sentence[1]))
    low = min(start for start, _end in spans)
    high = max(end for _start, end in spans)
    source = result.get("source") or {}
    key = [
        body[low:high],
        [[start - low, end - low] for start, end in spans[:3]],
        result["stance"],
        source.get("name", ""),
    ]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()

"""Differences between two bodies as runs of equal, inserted and deleted text."""

import re
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
OPS = {"equal": ("equal",), "insert": ("insert",), "delete": ("delete",), "replace": ("delete", "insert")}


def diff(old: str, new: str) -> list[dict[str, str]]:
    """Return [{"op": "equal"|"insert"|"delete", "text"}] turning old into new, word by word.

    Joining the equal and delete runs gives old; joining the equal and insert runs gives new.
    """
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    runs: list[dict[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1]["op"] == op:
            runs[-1]["text"] += text
        else:
            runs.append({"op": op, "text": text})

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for op in OPS[tag]:
            add(op, "".join(a[i1:i2] if op in ("equal", "delete") else b[j1:j2]))
    return runs

"""Pure text functions for look-alike and invisible characters; nothing here touches the ORM.

A name that differs from another only by a zero-width space, a direction override or a
different Unicode composition looks the same on screen, so it must be the same name.
Direction controls (U+202A-U+202E, U+2066-U+2069) reorder whatever follows them: in a
claim or a note they can make text read differently from what is stored ("Trojan
Source"). Article bodies keep every character (offsets point into them); where they are
shown for review, each control is replaced by a visible marker.
"""

import re
import unicodedata
from dataclasses import dataclass

# Embeddings, overrides and isolates: they change how the text after them is ordered.
BIDI_FORMATTING = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
# Marks: invisible, change only the direction of neutral characters next to them.
BIDI_MARKS = {"\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM"}
# Characters with no width of their own.
ZERO_WIDTH = {
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\ufeff": "BOM",
    "\u00ad": "SHY", "\u180e": "MVS", "\u2061": "FA", "\u2062": "IT", "\u2063": "IS", "\u2064": "IP",
}
INVISIBLE = {**BIDI_FORMATTING, **BIDI_MARKS, **ZERO_WIDTH}

_BIDI_FORMATTING = re.compile("[" + "".join(BIDI_FORMATTING) + "]")
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")
_WHITESPACE = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Return a name in NFC without invisible characters, its whitespace collapsed to single spaces.

    This is the form in which names are stored and compared (case aside), so that
    "Donald Trump\\u200b" and "Donald  Trump" are the name "Donald Trump".
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _WHITESPACE.sub(" ", text).strip()


def strip_bidi_controls(text: str) -> str:
    """Return text without direction embeddings, overrides or isolates; nothing else changes."""
    return _BIDI_FORMATTING.sub("", text)


@dataclass(frozen=True)
class Segment:
    """A run of ordinary text, or one invisible character (with its short and full names)."""

    text: str
    marker: str = ""
    name: str = ""


def reveal(text: str) -> list[Segment]:
    """Split text into ordinary runs and the invisible characters between them."""
    segments, last = [], 0
    for match in _INVISIBLE.finditer(text):
        if match.start() > last:
            segments.append(Segment(text[last : match.start()]))
        char = match.group()
        segments.append(Segment(char, INVISIBLE[char], unicodedata.name(char, f"U+{ord(char):04X}")))
        last = match.end()
    if last < len(text):
        segments.append(Segment(text[last:]))
    return segments


def invisible_positions(text: str) -> list[int]:
    """Return the code point offsets of the invisible characters in text."""
    return [match.start() for match in _INVISIBLE.finditer(text)]

"""Pure text functions for look-alike and invisible characters; nothing here touches the ORM.

A name that differs from another only by a zero-width space, a direction override or a
different Unicode composition looks the same on screen, so it must be the same name.
Direction controls (U+202A-U+202E, U+2066-U+2069) reorder whatever follows them: in a
claim or a note they can make text read differently from what is stored ("Trojan
Source"). Article bodies keep every character (offsets point into them); where they are
shown for review, each control is replaced by a visible marker.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
    "\u034f": "CGJ",
}
# Tag characters (U+E0000-U+E007F): invisible outside emoji flag sequences, which no name needs.
TAGS = {chr(code): "TAG" for code in range(0xE0000, 0xE0080)}
INVISIBLE = {**BIDI_FORMATTING, **BIDI_MARKS, **ZERO_WIDTH, **TAGS}

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


# Look-alikes: names that differ only in characters that look the same ("Dоnald Trump" with
# a Cyrillic о, "Ｄｏｎａｌｄ" in fullwidth letters) name the same party to a reader.


@functools.cache
def _confusables() -> dict[str, str]:
    """Unicode's confusable mappings (UTS #39 confusables.txt, see confusables.tsv's header)."""
    table = {}
    for line in Path(__file__).with_name("confusables.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, prototype = line.split("\t")
            table[chr(int(char, 16))] = "".join(chr(int(code, 16)) for code in prototype.split(","))
    return table


def same_name_key(name: str) -> str:
    """Return the form in which two names are the same name: normalized, NFKC, case-folded.

    NFKC makes fullwidth and other compatibility forms the letters they stand for
    ("Ｆｔ" is "Ft"), which is what a reader takes them for.
    """
    return unicodedata.normalize("NFKC", normalize_name(name)).casefold()


def _prototypes(text: str) -> str:
    """UTS #39's skeleton: NFD, each character replaced by its prototype, NFD again."""
    table = _confusables()
    mapped = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Return the look-alike key of a name: names with equal keys look the same to a reader.

    Names are compared case-insensitively, and the confusable mappings are made for
    case-sensitive text (Greek capital Ν looks like N, its small ν like v): so the
    skeleton is taken of the name as written (NFKC), case-folded, and taken again.
    """
    folded = _prototypes(unicodedata.normalize("NFKC", normalize_name(name))).casefold()
    return _prototypes(folded).casefold()

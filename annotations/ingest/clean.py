"""Artefact cleaning: pure string-in, string-out passes over extracted or pasted text.

Only scraping artefacts go: invisible characters, runs of whitespace, paragraphs printed
twice, video durations glued to the next word. Nothing is reworded; credit and caption
lines stay, they are attribution material.
"""

import re
import unicodedata

from annotations.anchoring import normalize_body

# Zero-width space, word joiner, BOM / zero-width no-break space, Mongolian vowel separator,
# soft hyphen. ZWJ and ZWNJ stay: they build emoji sequences and shape Persian and Indic text.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u180e\u00ad"))
SPACES = re.compile(r"[^\S\n]+")
BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
PARAGRAPH_BREAK = re.compile(r"\n{2,}")
# "2:55President", "1:02:13Officials": a player's duration printed against the next word.
GLUED_DURATION = re.compile(r"(?<![\w:.,/])(?:\d{1,2}:)?\d{1,2}:[0-5]\d(?=[^\W\d_])(?![ap]\.?m\b)", re.I)
SENTENCE_END = tuple(".!?:;\"'”’»)]…")
HARD_WRAP_WIDTH = 80


def drop_invisible(text: str) -> str:
    """Remove zero-width characters and control characters other than line breaks and tabs."""
    text = text.translate(INVISIBLE)
    return "".join(
        char for char in text
        if char in "\n\t" or unicodedata.category(char) != "Cc"
    )


def normalize_whitespace(text: str) -> str:
    """Collapse spaces and tabs, trim every line, keep at most one blank line between paragraphs."""
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return BLANK_LINES.sub("\n\n", text).strip("\n")


def unglue_durations(text: str) -> str:
    """Remove video durations glued to the following word: "2:55President" -> "President"."""
    return GLUED_DURATION.sub(lambda match: "" if _is_capital_next(text, match.end()) else match[0], text)


def _is_capital_next(text: str, position: int) -> bool:
    return position < len(text) and text[position].isupper()


def drop_repeated_paragraphs(text: str) -> str:
    """Keep the first of paragraphs repeated verbatim (e.g. a photo caption printed twice)."""
    seen, kept = set(), []
    for paragraph in PARAGRAPH_BREAK.split(text):
        if paragraph in seen:
            continue
        seen.add(paragraph)
        kept.append(paragraph)
    return "\n\n".join(kept)


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Tell text wrapped at a fixed width (an e-mail, a wire feed) from one paragraph per line."""
    inner = lines[:-1]
    if len(inner) < 2:
        return False
    open_ended = sum(not line.endswith(SENTENCE_END) for line in inner)
    return open_ended * 2 > len(inner) and all(len(line) <= HARD_WRAP_WIDTH for line in lines)


def paragraphs_from_lines(text: str) -> str:
    """Make each line a paragraph where paragraphs were separated by single line breaks.

    Text copied from a browser separates paragraphs with one line break. A block wrapped at
    a fixed width (most lines stop mid-sentence) keeps its line breaks.
    """
    blocks = []
    for block in PARAGRAPH_BREAK.split(text):
        lines = block.split("\n")
        blocks.append(block if _looks_hard_wrapped(lines) else "\n\n".join(lines))
    return "\n\n".join(blocks)


def clean_text(text: str, *, split_lines: bool = True) -> str:
    """Apply every cleaning pass: the same for pasted text, text and JSON Lines files and HTML."""
    text = normalize_whitespace(drop_invisible(normalize_body(text)))
    text = unglue_durations(text)
    if split_lines:
        text = paragraphs_from_lines(text)
    return normalize_whitespace(drop_repeated_paragraphs(text))

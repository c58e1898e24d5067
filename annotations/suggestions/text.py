"""Pure text structure for the attribution finder: paragraphs, sentences and quotations.

Every position is a code-point offset into the text it was computed from (Python `str`
indices), so results can be sliced straight out of an article body.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from .languages import ENGLISH, Language

# Longer runs without a sentence end are cut into pieces of at most this many characters.
MAX_SENTENCE = 2000

_PARAGRAPH = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start` at its opening mark, `end` after its closing mark."""

    start: int
    end: int
    # Quotes that continue a quotation across a paragraph break share a group number.
    group: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each non-empty line of text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def sentences(text: str, start: int, end: int, lang: Language = ENGLISH) -> list[tuple[int, int]]:
    """Split text[start:end] (one paragraph) into sentences, as (start, end) pairs."""
    result = []
    begin = start
    for match in lang.SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        following = text[stop:stop + 3].lstrip()
        if not following:
            continue
        nxt = following[0]
        if not (nxt.isupper() or nxt.isdigit() or nxt in lang.SENTENCE_OPENERS):
            continue
        if text[match.start()] == "." and match.end() - match.start() == 1:
            word = _WORD_BEFORE.search(text, max(begin, match.start() - 12), match.start())
            if word:
                token = word.group(1).lower().rstrip(".")
                # "U.S." and initials ("J. Smith") are not sentence ends.
                if token in lang.ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
                if token.isdigit() and len(token) <= 2 and lang.ORDINAL_MONTHS and (
                        text[stop:stop + 12].split()[:1] and
                        text[stop:stop + 12].split()[0].strip(",.") in lang.ORDINAL_MONTHS):
                    continue  # "am 3. Oktober": an ordinal
        result.append((begin, stop))
        begin = stop
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        result.append((begin, end))
    if any(e - b > MAX_SENTENCE for b, e in result):
        result = [piece for b, e in result for piece in _pieces(text, b, e)]
    return result


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an overlong "sentence" (a table, a list, junk) at spaces, so that the work done
    per cue stays bounded whatever the input."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _is_opening(text: str, pos: int, length: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    if before.isspace() or before in "([{—–-:/" or pos == 0:
        return not after.isspace()
    return False


def quotes(text: str, paras: list[tuple[int, int]], lang: Language = ENGLISH) -> list[Quote]:
    """Pair the quotation marks of each paragraph; a quote left open continues in the next
    paragraph when that paragraph opens with a quotation mark (the newspaper convention).

    A mark the language uses both ways (German „A“ and “A”) opens when no quotation is open
    and closes the one it belongs to; a closing mark of another pair (a quotation inside a
    quotation) closes nothing. Straight marks open or close by the characters around them.
    """
    result: list[Quote] = []
    group = 0
    carry = False  # the previous paragraph ended inside a quotation
    closes = lang.QUOTE_CLOSES
    for index, (pstart, pend) in enumerate(paras):
        if lang.DIALOGUE_DASHES and text[pstart] in lang.DIALOGUE_DASHES:
            group += 1
            result.extend(dialogue(text, pstart, pend, group, lang))
            carry = False
            continue
        open_at = None
        open_mark = ""
        if carry:
            group_of_carry = group
        for match in lang.QUOTE_MARK.finditer(text, pstart, pend):
            mark, pos = match.group(), match.start()
            if mark in lang.QUOTE_EITHER:
                opening = open_at is None and _is_opening(text, pos, len(mark))
            else:
                opening = mark in closes and (open_at is None or mark not in closes[open_mark])
            if opening:
                if open_at is None:
                    open_at, open_mark = pos, mark
                    if carry and pos == pstart:
                        continue
                    carry = False
                continue
            if open_at is not None and (mark in lang.QUOTE_EITHER or mark in closes[open_mark]):
                if carry:
                    result.append(Quote(open_at, match.end(), group_of_carry))
                    carry = False
                else:
                    group += 1
                    result.append(Quote(open_at, match.end(), group))
                open_at = None
        if open_at is not None:
            nxt = paras[index + 1][0] if index + 1 < len(paras) else None
            if nxt is not None and text[nxt] in lang.QUOTE_CONTINUES:
                if not carry:
                    group += 1
                    group_of_carry = group
                result.append(Quote(open_at, pend, group_of_carry))
                carry = True
            else:
                carry = False
        else:
            carry = False
    return result


_CLOSING_DASH = re.compile(r"[—–][.,;:]?[ \t\u00a0]*")


def dialogue(text: str, start: int, end: int, group: int, lang: Language) -> list[Quote]:
    """The spoken parts of a paragraph of dialogue: "—A —dijo X—. B" gives "—A" and "B",
    "— A — disse X. — B" gives "— A" and "— B".

    Speech runs from the dash to the narrator's aside (`lang.DIALOGUE_ASIDE`: a dash after a
    space, or in French a comma before the reporting verb); after the dash that closes the
    aside, speech goes on.
    """
    parts = []
    pos = start
    while pos < end:
        aside = lang.DIALOGUE_ASIDE.search(text, pos + 1, end)
        stop = aside.start() if aside else end
        while stop > pos and text[stop - 1] in " \t\u00a0":
            stop -= 1
        if stop - pos > 1:
            parts.append(Quote(pos, stop, group))
        if aside is None:
            break
        closing = _CLOSING_DASH.search(text, aside.end(), end)
        if closing is None or closing.end() >= end:
            break
        # "— disse X. — B": after a full stop the dash opens the next line of speech.
        ended = text[aside.end():closing.start()].rstrip().endswith((".", "!", "?"))
        pos = closing.start() if ended else closing.end()
    return parts


class Layout:
    """Sentences and quotations of one text, with fast lookup by position."""

    def __init__(self, text: str, lang: Language = ENGLISH):
        self.text = text
        self.lang = lang
        self.paragraphs = paragraphs(text)
        self.sentences: list[tuple[int, int]] = []
        self.sentence_paragraph: list[int] = []
        for index, (pstart, pend) in enumerate(self.paragraphs):
            for sentence in sentences(text, pstart, pend, lang):
                self.sentences.append(sentence)
                self.sentence_paragraph.append(index)
        self._sentence_starts = [s for s, _e in self.sentences]
        self.quotes = quotes(text, self.paragraphs, lang)
        self._quote_starts = [q.start for q in self.quotes]
        self._groups: dict[int, list[Quote]] = {}
        for quote in self.quotes:
            self._groups.setdefault(quote.group, []).append(quote)

    def sentence_index(self, pos: int) -> int:
        """Return the index of the sentence holding pos."""
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def quote_at(self, pos: int) -> Quote | None:
        """Return the quotation whose marks enclose pos, if any."""
        index = bisect_right(self._quote_starts, pos) - 1
        if index >= 0 and self.quotes[index].start <= pos < self.quotes[index].end:
            return self.quotes[index]
        return None

    def quote_ending_at(self, pos: int) -> Quote | None:
        """Return the quotation whose closing mark ends exactly at pos."""
        quote = self.quote_at(pos - 1)
        return quote if quote is not None and quote.end == pos else None

    def quote_starting_at(self, pos: int) -> Quote | None:
        quote = self.quote_at(pos)
        return quote if quote is not None and quote.start == pos else None

    def group(self, quote: Quote) -> list[Quote]:
        """Return every part of the (possibly multi-paragraph) quotation quote belongs to."""
        return self._groups[quote.group]

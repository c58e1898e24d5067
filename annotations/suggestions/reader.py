"""Reading a text for attribution rules: sentences, quotations, complements."""

from . import lexicon
from .languages import ENGLISH, Language
from .patterns import LAST_WORD_SPACE, TRAILING_PUNCT, WORD
from .records import Span, Suggestion
from .text import Layout, Quote


class Reader:
    """One text under reading: its layout, the attributions found so far and the cues used."""

    def __init__(self, text: str, lang: Language = ENGLISH):
        self.text = text
        self.lang = lang
        self.layout = Layout(text, lang)
        self.results: list[Suggestion] = []
        self.taken_cues: set[int] = set()

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self.layout.sentences[self.layout.sentence_index(pos)]

    def strip_end(self, start: int, end: int) -> int:
        """Drop trailing spaces and sentence punctuation that is outside any quotation."""
        text = self.text
        while end > start and text[end - 1] in TRAILING_PUNCT:
            end -= 1
        return end

    def word_before(self, pos: int) -> str:
        """The word right before pos; "" when punctuation stands between ("it," said)."""
        match = LAST_WORD_SPACE.search(self.text[max(0, pos - 30):pos])
        return match.group(1).lower() if match else ""

    def content_after(self, pos: int, sentence_end: int) -> tuple[int, int, Quote | None] | None:
        """Return the complement that starts at pos, up to the sentence end (or the end of a
        quotation it opens, which may run over several sentences and paragraphs)."""
        text = self.text
        while pos < sentence_end and text[pos] in " :,—–\t":
            pos += 1
        if pos >= sentence_end:
            return None
        quote = self.layout.quote_starting_at(pos)
        if quote is not None:
            group = self.layout.group(quote)
            last = group[-1]
            if last.end >= sentence_end:
                return pos, last.end, quote
            end = self.strip_end(pos, sentence_end)
            return pos, max(end, last.end), quote
        end = sentence_end
        stop = self.lang.CONTENT_STOP.search(text, pos, end)
        if stop:
            end = stop.start()
        end = self.strip_end(pos, end)
        if end <= pos:
            return None
        # Keep a quotation that closes the clause whole: the closing mark belongs to it.
        if text[end:end + 1] in self.lang.CLOSERS and self.layout.quote_ending_at(end + 1):
            end += 1
        return pos, end, None

    def skip_adjuncts(self, pos: int, limit: int) -> int:
        while True:
            match = self.lang.ADJUNCT.match(self.text, pos, limit)
            if not match or match.end() == pos:
                return pos
            pos = match.end()

    def add(self, *, content: tuple[int, int], cue: tuple[int, int],
            source: tuple[int, int] | None, stance: str, score: float,
            fragments: tuple[tuple[int, int], ...] = (), sentence=(0, 0)) -> Suggestion | None:
        start, end = content
        if end - start < 3 or (len(WORD.findall(self.text, start, end)) < 2 and not (
            self.text[start] in self.lang.SHORT_QUOTE_OPENERS or stance == lexicon.NO_RESPONSE
        )):
            return None
        fragments = fragments or ((start, end),)
        direct = (self.text[start] in self.lang.DIRECT_OPENERS
                  and self.layout.quote_starting_at(start) is not None)
        suggestion = Suggestion(
            content=self.span(start, end), cue=self.span(*cue),
            source=self.span(*source) if source else None, stance=stance, direct=direct,
            score=round(score + (0.05 if direct else 0.0), 2), fragments=fragments,
            sentence=sentence,
        )
        self.results.append(suggestion)
        self.taken_cues.update(range(cue[0], cue[1]))
        return suggestion

    def quote_before(self, pos: int):
        """Return the quotation that closes right before pos (spaces between), if any."""
        k = pos
        while k > 0 and self.text[k - 1] == " ":
            k -= 1
        return self.layout.quote_ending_at(k) if k < pos else None

    def has_complement(self, pos: int, s1: int) -> bool:
        rest = self.text[pos:s1].strip(" .!?:")
        if self.lang.COMMA_QUOTE.match(rest):
            return True
        if not rest or rest[0] in ",;—–(":
            return False
        return not self.lang.NOT_A_COMPLEMENT.match(rest)

    def next_sentence_quote(self, s1: int) -> tuple[int, int] | None:
        """A quotation opening the next sentence of the same paragraph carries the words on."""
        nxt_index = self.layout.sentence_index(s1) + 1
        if nxt_index >= len(self.layout.sentences):
            return None
        n0, _n1 = self.layout.sentences[nxt_index]
        if (self.layout.sentence_paragraph[nxt_index]
                != self.layout.sentence_paragraph[nxt_index - 1]):
            return None
        q = self.layout.quote_starting_at(n0)
        if q is None:
            return None
        return q.start, self.layout.group(q)[-1].end

    def quote_paragraph_after(self, pos: int) -> tuple[int, int, Quote] | None:
        """`He said:` closing a paragraph, the quotation opening the next one."""
        text = self.text
        nxt = pos
        while nxt < len(text) and text[nxt] in " \t\r\n\u00a0":
            nxt += 1
        if "\n" not in text[pos:nxt]:
            return None
        quote = self.layout.quote_starting_at(nxt)
        if quote is None:
            return None
        return nxt, self.layout.group(quote)[-1].end, quote

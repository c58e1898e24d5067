"""Attributions signalled by something other than a reporting verb."""

import re

from . import lexicon
from .patterns import WORD
from .phrases import noun_phrase_left, noun_phrase_right
from .reader import Reader


class CueRules(Reader):
    """Rules for `according to` and `as per`, `as X put it`, dash credits, speaker labels and
    no-response lines."""

    def put_it(self, match: re.Match) -> None:
        """`As one lawyer recently put it, "A"`."""
        s0, s1 = self.sentence_of(match.start())
        source = noun_phrase_left(self.text, match.start("who"), match.end("who"), self.lang)
        if source is None or source[0] != match.start("who"):
            return
        found = self.content_after(match.end(), s1)
        if found is None:
            return
        self.add(content=found[:2], cue=match.span("cue"), source=source,
                 stance=lexicon.ASSERTED, score=0.7, sentence=(s0, s1))

    def nominal(self, match: re.Match) -> None:
        """`Smith's claim that A`: Smith claimed A."""
        sentence = self.sentence_of(match.start())
        found = self.content_after(match.start("that"), sentence[1])
        if found is None:
            return
        result = self.add(content=found[:2], cue=match.span("noun"),
                          source=match.span("owner"), stance=lexicon.ASSERTED, score=0.6,
                          sentence=sentence)
        if result is not None:
            result.extra["nominal"] = True  # a noun, not a nested belief verb

    def dash_credit(self, match: re.Match) -> None:
        """`"A." ― Carla Sanchez`: a quotation signed with a dash after it."""
        quote = self.layout.quote_ending_at(match.start("dash") - len(match.group("gap")))
        if quote is None:
            return
        start = self.layout.group(quote)[0].start
        source = (match.start("name"), match.end("name"))
        self.add(content=(start, quote.end), cue=match.span("dash"), source=source,
                 stance=lexicon.ASSERTED, score=0.8, sentence=(start, match.end()))

    def speaker_label(self, match: re.Match) -> None:
        """`PENCE: Well, look ...` (transcripts) and `Pence: A` (headlines)."""
        name = match.group("name")
        if name.split()[0] in self.lang.NOT_SPEAKERS:
            return
        end = match.end("line")
        end = self.strip_end(match.start("line"), end)
        if self.layout.quote_ending_at(end + 1) and self.text[end] in self.lang.CLOSERS:
            end += 1
        self.add(content=(match.start("line"), end), cue=match.span("colon"),
                 source=match.span("name"), stance=lexicon.ASSERTED, score=0.6,
                 sentence=(match.start(), match.end()))

    def no_response(self, match: re.Match) -> None:
        sentence = self.sentence_of(match.start())
        source = noun_phrase_left(self.text, sentence[0], match.start(), self.lang)
        cue_end = self.lang.NO_RESPONSE_CUE_END.match(self.text, match.start())
        cue = (match.start(), cue_end.end()) if cue_end else (
            match.start(), match.end())
        end = self.strip_end(cue[1], match.end())
        content = (cue[1] + 1, end) if end > cue[1] + 1 else cue
        self.add(content=content, cue=cue, source=source, stance=lexicon.NO_RESPONSE,
                 score=0.8, sentence=sentence)

    def names_a_source(self, start: int, end: int) -> bool:
        """Whether a phrase can be who said something: a speaker, a statement or a name."""
        words = self.text[start:end].split()
        head = words[-1].lower().strip(".,")
        lang = self.lang
        if head in lang.AS_PER_HEADS or head in lang.PERSON_HEADS or (
                head.capitalize() in lang.INSTITUTIONS):
            return True
        return words[-1][:1].isupper() and head not in lang.NOT_AS_PER_NAMES

    def according_to(self, match: re.Match) -> None:
        text = self.text
        lang = self.lang
        s0, s1 = self.sentence_of(match.start())
        if match.group("according") in lang.POSTPOSITIONS:
            self.source_before_cue(match, s0, s1)
            return
        source = None
        if lang.ACCORDING_SOURCE is not None:
            start = match.end()
            while start < s1 and text[start] == " ":
                start += 1
            named = lang.ACCORDING_SOURCE.match(text, start, s1)
            source = named.span() if named else None
        if source is None:
            source = noun_phrase_right(text, match.end(), s1, lang, max_tokens=16,
                                       stop_words=lang.ACCORDING_STOPS)
        if source is None:
            return
        if (match.group("according").lower().startswith(self.lang.NAMED_SOURCE_CUES)
                and not self.names_a_source(*source)):
            return
        stance = lexicon.REPORTED
        before = text[s0:match.start()].strip(" ,")
        words_before = WORD.findall(before)
        if len(words_before) <= 1:
            # "According to X, A."
            after = source[1]
            if text[after:after + 1] == ",":
                after += 1
            elif not lang.VERB_SECOND:
                return
            # "Laut Polizei wurden 40 Menschen verletzt": the verb follows the source.
            found = self.content_after(after, s1)
            if found is None:
                return
            self.add(content=found[:2], cue=(match.start(), match.end()), source=source,
                     stance=stance, score=0.75, sentence=(s0, s1))
        else:
            # "A, according to X." (or "A according to X")
            end = match.start()
            while end > s0 and text[end - 1] in " ,—–(":
                end -= 1
            start = s0
            quote = self.layout.quote_ending_at(end)
            if quote is not None:
                start = min(start, self.layout.group(quote)[0].start)
            self.add(content=(start, end), cue=(match.start(), match.end()), source=source,
                     stance=stance, score=0.7, sentence=(s0, s1))

    def source_before_cue(self, match: re.Match, s0: int, s1: int) -> None:
        """`Dem Bericht zufolge A.` / `A, dem Bericht zufolge.`: the source before the cue."""
        text = self.text
        source = noun_phrase_left(text, s0, match.start(), self.lang)
        if source is None:
            return
        cue = (match.start(), match.end())
        if not text[s0:source[0]].strip(" ,"):
            found = self.content_after(match.end(), s1)
            if found is not None:
                self.add(content=found[:2], cue=cue, source=source, stance=lexicon.REPORTED,
                         score=0.75, sentence=(s0, s1))
            return
        end = source[0]
        while end > s0 and text[end - 1] in " ,—–(":
            end -= 1
        self.add(content=(s0, end), cue=cue, source=source, stance=lexicon.REPORTED,
                 score=0.7, sentence=(s0, s1))

"""Find attributions in a text: who said what, with which cue and stance.

`suggest(text)` returns plain records whose spans are code-point offsets into `text`.
It is a rule system on a reporting-verb lexicon and quotation structure:

- quotes attributed after them (`"A," he said.`), split around the cue
  (`"A," he said, "B."`), continued over paragraphs, or introduced (`X said: "A"`);
- indirect speech with a clausal complement (`X said (that) A.`, `A, X said.`,
  `A, said X.`, `A, X said, B.`);
- `according to X`, no-response lines (`X did not respond to a request for comment`),
  and reports that a speaker denies (`X denied a report by Y that A` gives two records).

Names are resolved afterwards by `resolve.Resolver`.
"""

import re
from dataclasses import dataclass, field

from . import lexicon
from .phrases import noun_phrase_left, noun_phrase_right
from .resolve import KnownSource, Resolver
from .text import Layout, Quote


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Suggestion:
    """One attribution: `content` (hull of `fragments`), `cue`, `source` (None when unnamed)."""

    content: Span
    cue: Span
    source: Span | None
    stance: str
    direct: bool
    score: float
    fragments: tuple[tuple[int, int], ...] = ()
    source_name: str = ""
    source_kind: str = ""
    source_key: str = ""  # the matching known source's key, when one matched
    sentence: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "content": {"start": self.content.start, "end": self.content.end,
                        "text": self.content.text,
                        "fragments": [list(f) for f in self.fragments]},
            "cue": {"start": self.cue.start, "end": self.cue.end, "text": self.cue.text},
            "source": None if self.source is None else {
                "start": self.source.start, "end": self.source.end, "text": self.source.text,
            },
            "source_name": self.source_name,
            "source_kind": self.source_kind,
            "stance": self.stance,
            "direct": self.direct,
            "score": self.score,
        }


# The work per cue is bounded; so is the number of cues looked at, whatever the input.
MAX_CUES = 60_000
_VERB_FORMS = sorted(lexicon.VERB_STANCE, key=len, reverse=True)


def _trie_pattern(words) -> str:
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


_CUE = re.compile(
    r"\b(?:(?P<according>[Aa]ccording\s+to)|(?P<verb>" + _trie_pattern(_VERB_FORMS) + r")"
    r"|(?P<title>Says|Said|Tells|Warns|Claims|Admits|Denies|Insists|Argues|Urges))\b"
)
_DASH_CREDIT = re.compile(
    r"[”\"](?P<gap>\s*)(?P<dash>[―—])\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
    r"[.\s\u00a0]*$", re.MULTILINE)
_SPEAKER_LABEL = re.compile(
    r"^[\"“]?(?P<name>(?:[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,2})|(?:[A-Z][\w.’'-]*"
    r"(?:\s+[A-Z][\w.’'-]*){0,2}))(?P<colon>:)\s+(?P<line>[^\n]+)", re.MULTILINE)
_NOT_SPEAKERS = frozenset({
    "Photo", "Photos", "Video", "Note", "Editor", "Editor’s", "Update", "UPDATE", "Related",
    "Read", "Watch", "Listen", "Source", "Sources", "Correction", "Clarification", "Image",
    "Caption", "Credit", "Getty", "Reporting", "Writing", "Editing", "Contact", "Email",
    "Follow", "Subscribe", "Advertisement", "Copyright", "Tags", "Filed", "Posted",
    "Published", "Updated", "See", "More", "Also", "Q", "A", "PHOTO", "VIDEO", "NOTE",
    "WATCH", "READ", "RELATED", "Step", "Part", "Chapter", "Question", "Answer",
})
_MAY_NOT_RESPOND = re.compile(r"respond|reply|return|comment|reached")
_NO_RESPONSE = re.compile(r"\b(?:" + "|".join(lexicon.NO_RESPONSE_PATTERNS) + ")")
_NOT_A_CUE_BEFORE = frozenset({
    "to", "will", "would", "could", "can", "may", "might", "should", "must", "did", "does",
    "do", "not", "never", "was", "were", "been", "be", "being", "is", "are", "the", "a",
    "an", "this", "that", "so", "as", "its", "his", "her", "their", "and", "or",
})
# Forms that are nouns as often as verbs ("his plans", "the tax plan"): a verb only after a
# name or a pronoun.
_NOUN_OR_VERB = frozenset({
    "plans", "plan", "support", "questions", "tweets", "claims", "points", "advocates",
    "attacks", "calls", "states", "demands", "fears", "hopes", "doubts", "favors", "reports",
    "charges", "estimates", "promises", "show", "notes", "expect", "fear",
    "worry", "promise", "hope", "question",
})
_TIME_BEFORE = re.compile(
    r"\s(?:on|late|early|last|in|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|\d{4}|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?:\s+(?:night|morning|afternoon|evening))?"
    r"\s*$")
_OBJECT_END = re.compile(r",\s|\s(?:but|in\s+a|in\s+an|after|because|while|as\s+part)\s")
_PASSIVE_BEFORE = frozenset({"was", "were", "been", "be", "being", "is", "are", "am"})
_CUE_ADJUNCT = re.compile(
    r"\s+(?:(?:in\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?interview)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|then))\b")
_LAST_WORD_SPACE = re.compile(r"([\w’']+)\s*$")
_QUOTE_THEN_NAME = re.compile(r"[,?!]?(?:[”\"]|'')\s*,?\s*(?=[A-Z])")
_CLAUSE_BREAK = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|Jr|Sr|St))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen)"
                           r")[.](?=\s)|[!?;”\"“]\s")
_COMMA_QUOTE = re.compile(r",\s*[“\"]")
_PARTICLE = re.compile(r"\s+(\w+)\b")
_NOT_A_COMPLEMENT = re.compile(
    r"(?:as|when|after|before|while|because|in|at|on|during|since|outside|inside|from|with|"
    r"to|of|about|earlier|later)\b")
_WORDY = re.compile(r"\w")
_WORD = re.compile(r"[\w’'.-]+")
_THAT = re.compile(r"\bthat\b")
# Adjuncts between a verb and its complement: "said on Tuesday", "told reporters in Moscow".
_ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:"
    r"(?:on|late|early|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|night|morning|afternoon|evening)(?:\s+(?:night|morning|"
    r"afternoon|evening))?"
    r"|(?:this|last|next)\s+(?:week|month|year|spring|summer|fall|winter)"
    r"|on\s+the\s+other\s+hand|in\s+response|in\s+part|however"
    r"|of\s+(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*|him|her|them|it)\s*(?=,)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"tonight|recently|earlier|later|again|also|repeatedly|previously|publicly|privately|"
    r"once|then|too)"
    r"|in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?:statement|interview|"
    r"speech|email|e-mail|letter|post|tweet|release|briefing|op-ed|memo|video|message|"
    r"conference\s+call|call|report|book|filing|appearance|radio\s+interview|address)"
    r"(?:\s+(?:with|to|on)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?"
    r"|(?:at|during)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:rally|event|"
    r"conference|briefing|meeting|hearing|debate|forum|news\s+conference|press\s+conference|"
    r"town\s+hall|speech|summit|appearance|campaign\s+stop|fundraiser|luncheon|dinner)"
    r"(?:\s+in\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?"
    r"|in\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
    r"|on\s+(?:Twitter|Facebook|Fox\s+News|CNN|MSNBC|NBC|CBS|ABC|Instagram|television|TV)"
    r"|(?:to|with)\s+(?:reporters|journalists|supporters|the\s+crowd|the\s+audience|"
    r"CNN|NBC|CBS|ABC|Fox\s+News|The\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)"
    r")\b"
)
_LISTENER = re.compile(
    r"\s+(?:(?:him|her|them|me|us|you|reporters|journalists|supporters|lawmakers|"
    r"voters|the\s+crowd|the\s+audience|the\s+committee|the\s+court|the\s+jury|"
    r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*|"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:audience|crowd|reporter|interviewer|radio\s+host|"
    r"host|group|gathering|meeting|rally|panel|newspaper|station|network|magazine|council|"
    r"board|conference|congregation|students|graduates|delegates|members|hall)))\b"
)
_CONJOINED_VERB = "|".join(sorted(lexicon.VERB_STANCE, key=len, reverse=True))
_CONTENT_STOP = re.compile(
    r",?\s+(?:and|but)\s+(?:(?:he|she|they|has|have|had|also|then|later|is|was|would|will)\s+)"
    r"{0,2}(?:" + _CONJOINED_VERB + r")\b"
    r"|,\s*(?:although|though|but|while|whereas)\b|;\s"
    r"|,\s*(?:according\s+to|(?:he|she|they|it)\s+(?:said|says|added|wrote|told)\b|"
    r"speaking\s+on\s+condition|speaking\s+to|adding\b|noting\b|saying\b|arguing\b|"
    r"citing\b|claiming\b|warning\b|insisting\b)"
)
_NEAR_THAT = re.compile(r"[^,.;:!?\"“”\n]{0,50}?\b(that)\s+[\w“\"]")
# What may stand between a verb and a "that" it introduces: an adjunct or an object that
# cannot be content. "said they were concerned that" keeps its whole clause.
_BEFORE_THAT = re.compile(
    r"\s*(?:in|on|at|during|after|before|last|this|earlier|early|late|from|to|with|via|over|"
    r"through|for|by|about|as|so|of|up|nothing|more)\s")
_INFINITIVE_VERBS = ("promis", "pledg", "vow", "threat", "refus", "declin", "agree", "urg",
                     "warn", "plan", "want", "hope", "expect", "seek", "ask")
_NOT_CONTENT_OPENERS = ("to ", "for ", "by ", "with ", "about ", "so ", "and ", "as ", "in ",
                        "on ", "at ", "the same", "nothing", "more ", "of ", "up ", "if ",
                        "yes")
_APPOSITION_STOP = re.compile(
    r",\s*(?:adding|saying|noting|speaking|arguing|referring|as|when|in\s+a|in\s+an|"
    r"according|because|after|before|while|though|although|but)\b|;|\s+(?:as|when|"
    r"because|after|before|while)\s"
)
# "his claim that A", "Smith's warning that A": a statement named by a noun, its owner.
_NOMINAL = re.compile(
    r"\b(?P<owner>[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?=[’']s\s))"
    r"(?:[’']s)?\s+(?:[a-z-]+\s+)?(?P<noun>claim|assertion|argument|contention|insistence|"
    r"allegation|accusation|warning|promise|pledge|prediction|belief|suggestion|announcement|"
    r"statement|conclusion|admission|assurance|complaint)s?\s+(?P<that>that)\s")
# "As one lawyer put it, A": the speaker between "As" and "put it".
_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<who>[^,.;:!?\"“”\n]{2,80}?)\s+(?P<cue>(?:\w+ly\s+)?put\s+it)"
                     r"\s*[,:]\s*")
_CALLED_IN = re.compile(r"\s+(?:in\s+to|into|in\b)")
_SUBJECT_STOPS = lexicon.PHRASE_BREAKERS | frozenset(lexicon.VERB_STANCE)
_PAST_VERB = re.compile(r"(?<=\s)[a-z]+ed\b")
_FIRST_WORD = re.compile(r"([a-z]+ing)\b")
_PARTICIPLE_CUES = frozenset(form for form in lexicon.VERB_STANCE if form.endswith("ing"))
_TRAILING_PUNCT = ".!?;:,—– "
_CLOSERS = "\"”»'"


class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.layout = Layout(text)
        self.results: list[Suggestion] = []
        self.taken_cues: set[int] = set()

    # -- helpers ---------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self.layout.sentences[self.layout.sentence_index(pos)]

    def strip_end(self, start: int, end: int) -> int:
        """Drop trailing spaces and sentence punctuation that is outside any quotation."""
        text = self.text
        while end > start and text[end - 1] in _TRAILING_PUNCT:
            end -= 1
        return end

    def word_before(self, pos: int) -> str:
        """The word right before pos; "" when punctuation stands between ("it," said)."""
        match = _LAST_WORD_SPACE.search(self.text[max(0, pos - 30):pos])
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
        stop = _CONTENT_STOP.search(text, pos, end)
        if stop:
            end = stop.start()
        end = self.strip_end(pos, end)
        if end <= pos:
            return None
        # Keep a quotation that closes the clause whole: the closing mark belongs to it.
        if text[end:end + 1] in _CLOSERS and self.layout.quote_ending_at(end + 1):
            end += 1
        return pos, end, None

    def skip_adjuncts(self, pos: int, limit: int) -> int:
        while True:
            match = _ADJUNCT.match(self.text, pos, limit)
            if not match or match.end() == pos:
                return pos
            pos = match.end()

    def add(self, *, content: tuple[int, int], cue: tuple[int, int],
            source: tuple[int, int] | None, stance: str, score: float,
            fragments: tuple[tuple[int, int], ...] = (), sentence=(0, 0)) -> Suggestion | None:
        start, end = content
        if end - start < 3 or (len(_WORD.findall(self.text, start, end)) < 2 and not (
            self.text[start] in "\"“" or stance == lexicon.NO_RESPONSE
        )):
            return None
        fragments = fragments or ((start, end),)
        direct = self.text[start] in "\"“«'`" and self.layout.quote_starting_at(start) is not None
        suggestion = Suggestion(
            content=self.span(start, end), cue=self.span(*cue),
            source=self.span(*source) if source else None, stance=stance, direct=direct,
            score=round(score + (0.05 if direct else 0.0), 2), fragments=fragments,
            sentence=sentence,
        )
        self.results.append(suggestion)
        self.taken_cues.update(range(cue[0], cue[1]))
        return suggestion

    # -- patterns --------------------------------------------------------------------------
    def run(self) -> list[Suggestion]:
        text = self.text
        if _MAY_NOT_RESPOND.search(text):
            for match in _NO_RESPONSE.finditer(text):
                self.no_response(match)
        if "―" in text or "—" in text:
            for match in _DASH_CREDIT.finditer(text):
                self.dash_credit(match)
        for start, _end in self.layout.paragraphs:
            if ":" in text[start:start + 60]:
                match = _SPEAKER_LABEL.match(text, start)
                if match:
                    self.speaker_label(match)
        if "put it" in text:
            for match in _PUT_IT.finditer(text):
                self.put_it(match)
        for match in _NOMINAL.finditer(text):
            if not self.layout.quote_at(match.start()):
                self.nominal(match)
        for examined, match in enumerate(_CUE.finditer(text)):
            if examined >= MAX_CUES:
                break
            if match.start() in self.taken_cues or self.layout.quote_at(match.start()):
                continue
            if match.group("according"):
                self.according_to(match)
            elif match.group("title") and not self.title_cue(match):
                continue
            else:
                self.verb(match)
        self.results = self.outermost(self.results)
        self.results.sort(key=lambda s: (s.content.start, s.cue.start))
        return self.results

    def title_cue(self, match: re.Match) -> bool:
        """A capitalised cue counts at a sentence start ("Said Ellis: ...") or in a headline
        ("Trump Could Address Clean Energy, Lindsey Graham Says.")."""
        start = match.start()
        if start == self.sentence_of(start)[0] or self.text[start - 2:start] in (", ", "” "):
            return True
        rest = self.text[match.end():match.end() + 3]
        return rest[:1] in (".", ":") and (rest[1:2] in ("\n", "") or rest[1:2] == " ")

    def outermost(self, results: list[Suggestion]) -> list[Suggestion]:
        """Drop a belief or intention reported inside another attribution's content ("Roberts
        said that she thinks ..."): it is the outer speaker's statement, not a new one."""
        # Fragments, not hulls: a split quote's hull holds its own cue ("A?" he asked. "B").
        spans = sorted((start, end, index) for index, r in enumerate(results)
                       for start, end in r.fragments)
        kept = []
        for number, result in enumerate(results):
            form = self.text[result.cue.start:result.cue.end].split()[-1].lower()
            nested = (form in lexicon.BROAD_VERBS and result.source is not None
                      and not result.extra.get("nominal") and any(
                start < result.cue.start and result.cue.end <= end and index != number
                for start, end, index in spans
            ))
            if not nested:
                kept.append(result)
        return kept

    def put_it(self, match: re.Match) -> None:
        """`As one lawyer recently put it, "A"`."""
        s0, s1 = self.sentence_of(match.start())
        source = noun_phrase_left(self.text, match.start("who"), match.end("who"))
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
        if name.split()[0] in _NOT_SPEAKERS:
            return
        end = match.end("line")
        end = self.strip_end(match.start("line"), end)
        if self.layout.quote_ending_at(end + 1) and self.text[end] in _CLOSERS:
            end += 1
        self.add(content=(match.start("line"), end), cue=match.span("colon"),
                 source=match.span("name"), stance=lexicon.ASSERTED, score=0.6,
                 sentence=(match.start(), match.end()))

    def no_response(self, match: re.Match) -> None:
        sentence = self.sentence_of(match.start())
        source = noun_phrase_left(self.text, sentence[0], match.start())
        cue_end = re.match(r"[\w’'\s]*?(?:respond|reply|return|comment|reached|responded|"
                           r"replied|returned)\w*", self.text[match.start():])
        cue = (match.start(), match.start() + cue_end.end()) if cue_end else (
            match.start(), match.end())
        end = self.strip_end(cue[1], match.end())
        content = (cue[1] + 1, end) if end > cue[1] + 1 else cue
        self.add(content=content, cue=cue, source=source, stance=lexicon.NO_RESPONSE,
                 score=0.8, sentence=sentence)

    def according_to(self, match: re.Match) -> None:
        text = self.text
        s0, s1 = self.sentence_of(match.start())
        source = noun_phrase_right(text, match.end(), s1, max_tokens=16,
                                   stop_words=frozenset({"that", "who", "which"}))
        if source is None:
            return
        stance = lexicon.REPORTED
        before = text[s0:match.start()].strip(" ,")
        words_before = _WORD.findall(before)
        if len(words_before) <= 1:
            # "According to X, A."
            after = source[1]
            if text[after:after + 1] != ",":
                return
            found = self.content_after(after + 1, s1)
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

    def verb(self, match: re.Match) -> None:
        text = self.text
        form = match.group("verb") or match.group("title").lower()
        c0, c1 = match.span()
        s0, s1 = self.sentence_of(c0)
        before = self.word_before(c0)
        stance = lexicon.VERB_STANCE.get(form, lexicon.ASSERTED)
        participle = form.endswith("ing")
        coordinated = before in ("and", "but") or (participle and before in (
            "by", "for", "from", "after", "while", "before", "without", "of"))
        if before in _NOT_A_CUE_BEFORE and not ((participle and before in _PASSIVE_BEFORE)
                                                or coordinated):
            return
        # The subject may stand before adverbs and auxiliaries: "He also refuted".
        left = c0
        while True:
            word = _LAST_WORD_SPACE.search(text[max(s0, left - 20):left])
            if word and (word.group(1).lower() in lexicon.ADVERBS
                         or (word.group(1).islower() and word.group(1).endswith("ly")
                             and word.group(1) not in lexicon.LY_NOUNS)):
                left = left - len(word.group(0))
                continue
            break
        while left > s0 and text[left - 1] == " ":
            left -= 1
        cue_start = left
        # "Sanders on Tuesday said", "who in 2010 said": a time phrase before the verb.
        timed = _TIME_BEFORE.search(text, max(s0, left - 40), left)
        if timed:
            left = timed.start()
        source = None if coordinated else noun_phrase_left(text, s0, left)
        quoted_subject = self.subject_after_quote(s0, left)
        if quoted_subject is not None and (source is None or quoted_subject[0] < source[0]):
            source = quoted_subject
        while cue_start < c0 and text[cue_start] == " ":
            cue_start += 1
        cue_end = c1
        for particle in lexicon.PARTICLES.get(form, ()):
            following = _PARTICLE.match(text, c1, c1 + 12)
            if following and following.group(1) == particle.split()[0] and (
                    " " not in particle or text.startswith(particle, following.start(1))):
                cue_end = following.start(1) + len(particle)
                break
        if text[cue_end:cue_end + 1] == ":":
            cue_end += 1
        after_cue = self.skip_adjuncts(cue_end, s1)
        adjunct = _CUE_ADJUNCT.match(text, cue_end, after_cue)
        if adjunct and adjunct.end() == len(text[:after_cue].rstrip(" ,")):
            # "said in an interview", "said Friday": the circumstances of saying, kept with it.
            cue_end = adjunct.end()
        cue = (cue_start, cue_end)
        if form.startswith("call") and _CALLED_IN.match(text, c1):
            return  # "called into a radio show": a telephone call, not a statement
        if form in _NOUN_OR_VERB and source is not None:
            head = text[source[0]:source[1]].split()[-1]
            # "polls show", "analysts expect": a base form after a plural noun is a verb.
            plural = (not form.endswith("s") and head.islower() and head.endswith("s")
                      and not head.endswith(("'s", "’s", "ss")))
            if not (head[:1].isupper() or head.lower() in lexicon.PRONOUNS or plural):
                return
        lead = source[0] if source else left
        k = lead
        while k > s0 and text[k - 1] == " ":
            k -= 1
        prev = text[k - 1] if k > s0 else ""

        if ((participle and prev in ",\"”") or coordinated) and source is None:
            self.participle(cue, stance, (s0, s1), self.skip_adjuncts(cue_end, s1))
            return
        if source is None and prev == "," and k > s0 and self.has_complement(after_cue, s1):
            source = self.appositive_subject(s0, k + 0)
            if source is not None:
                k = source[0]
                while k > s0 and text[k - 1] == " ":
                    k -= 1
                prev = text[k - 1] if k > s0 else ""
        if source is None and prev in "—-" and k > s0 and self.has_complement(after_cue, s1):
            # "Jo Kall -- a co-editor of the book -- said": the name before the dashes.
            dash = k - 2 if text[k - 2:k] == "--" else k - 1
            opening = max(text.rfind("--", s0, dash), text.rfind("—", s0, dash))
            head = noun_phrase_left(text, s0, opening) if opening > s0 else None
            if head is not None and head[1] >= len(text[:opening].rstrip()) and (
                    head[0] - s0 <= 12):
                source = (head[0], k)
                k = head[0]
                while k > s0 and text[k - 1] == " ":
                    k -= 1
                prev = text[k - 1] if k > s0 else ""

        inverted = None
        if source is None and ((prev in ",\"”»'" and k > s0) or k == s0):
            inverted = noun_phrase_right(text, after_cue, s1, max_tokens=10,
                                         stop_words=lexicon.PHRASE_BREAKERS)
            if inverted is not None:
                inverted = self.with_apposition(inverted, s1)
                source = inverted
                after_cue = self.skip_adjuncts(inverted[1], s1)
                lead = c0
                k = lead
                while k > s0 and text[k - 1] == " ":
                    k -= 1
                prev = text[k - 1] if k > s0 else ""

        if (source is not None and k == s0 and not self.has_complement(after_cue, s1)
                and self.quote_before(s0)):
            # `"How many times?" Clinton said.`: the quote ended the previous sentence.
            self.postposed(cue, stance, source, k, (self.quote_before(s0).start, s1), after_cue)
            return
        after_listener = after_cue
        if form in lexicon.LISTENER_VERBS and (listener := _LISTENER.match(text, after_cue, s1)):
            after_listener = self.skip_adjuncts(listener.end(), s1)
        if prev == "," and inverted is None and self.has_complement(after_listener, s1):
            prev = ""  # "At the debate, Clinton cited X": an opening phrase, not content.
        if prev and prev in ",\"”»'—" and k > s0 and (source is not None or inverted):
            self.postposed(cue, stance, source, k, (s0, s1), after_cue)
            return
        if source is None:
            return
        self.preposed(cue, form, stance, source, (s0, s1), self.skip_adjuncts(cue_end, s1))

    def with_apposition(self, phrase: tuple[int, int], s1: int) -> tuple[int, int]:
        """`said Patrick McGinley, a law professor at the university.`: the whole description."""
        text = self.text
        if text[phrase[1]:phrase[1] + 1] != ",":
            return phrase
        end = self.strip_end(phrase[1], s1)
        stop = _APPOSITION_STOP.search(text, phrase[1], end)
        if stop:
            end = stop.start()
        if end - phrase[1] > 160:
            return phrase
        return phrase[0], end

    def quote_before(self, pos: int):
        """Return the quotation that closes right before pos (spaces between), if any."""
        k = pos
        while k > 0 and self.text[k - 1] == " ":
            k -= 1
        return self.layout.quote_ending_at(k) if k < pos else None

    def subject_after_quote(self, s0: int, left: int) -> tuple[int, int] | None:
        """`"A," Scott Pruitt, the attorney general of Oklahoma, said`: everything between the
        quotation and the verb names the speaker."""
        text = self.text
        base = max(s0, left - 200)
        # The first closing mark of a quotation (an opening one may match the pattern too).
        for match in _QUOTE_THEN_NAME.finditer(text, base, left):
            if self.layout.quote_ending_at(match.start() + len(match.group().rstrip(" ,"))):
                break
        else:
            return None
        start = match.end()
        between = text[start:left]
        if (not between or _CLAUSE_BREAK.search(between + " ")
                or len(between.split()) > 30 or "," not in between):
            return None
        return start, left

    def has_complement(self, pos: int, s1: int) -> bool:
        rest = self.text[pos:s1].strip(" .!?:")
        if _COMMA_QUOTE.match(rest):
            return True
        if not rest or rest[0] in ",;—–(":
            return False
        return not _NOT_A_COMPLEMENT.match(rest)

    def appositive_subject(self, s0: int, comma_end: int) -> tuple[int, int] | None:
        """`Michael Mulgrew, president of the union, said`: the name and its apposition."""
        text = self.text
        first = text.find(",", s0, comma_end - 1)
        if first < 0:
            return None
        head = noun_phrase_left(text, s0, first)
        if head is None or head[0] - s0 > 12:
            return None
        middle = text[first + 1:comma_end - 1].strip()
        if not middle or ("," in middle and len(middle) > 120):
            return None
        word = middle.split()[0].lower()
        if word.endswith("ing") or word in lexicon.PHRASE_BREAKERS - {"who"} or word == "who":
            if word == "who" or word.endswith("ing") or word in ("at", "in", "on", "during"):
                return head
            return None
        return head[0], comma_end

    def postposed(self, cue, stance, source, k, sentence, after_cue) -> None:
        """`A, X said.` / `"A," X said, "B."` / `A, X said, B.`"""
        text = self.text
        s0, s1 = sentence
        end = k
        if (text[end - 1] == "," and end - 1 > s0) or text[end - 1] in "—":
            end -= 1
        while end > s0 and text[end - 1] == " ":
            end -= 1
        start = s0
        quote = self.layout.quote_ending_at(end)
        if quote is not None:
            opened = self.layout.group(quote)[0].start
            # Symbols or emoji before the quotation are not part of what was said.
            if opened < s0 or not _WORDY.search(text, s0, opened):
                start = opened
        elif (q := self.layout.quote_at(s0)) is not None and q.start < s0:
            start = self.layout.group(q)[0].start
        if end - start < 3:
            return
        fragments = [(start, end)]
        direct_first = text[start] in "\"“«'`"
        # What follows the cue: a second half of the quote or clause, or a new sentence that
        # carries the quotation on.
        rest = after_cue
        listener = _LISTENER.match(text, rest, s1)
        if listener and self.text[cue[0]:cue[1]].split()[-1] in lexicon.LISTENER_VERBS:
            # '"A," she told the panel on Monday, "B."'
            rest = self.skip_adjuncts(listener.end(), s1)
        while rest < s1 and text[rest] == " ":
            rest += 1
        if rest < s1 and text[rest] == ",":
            found = self.content_after(rest + 1, s1)
            if found is not None:
                nxt = text[found[0]]
                # "A, he said, B": B goes on A when A is a quotation or a short lead-in.
                short = len(_WORD.findall(text, start, end)) <= 8
                if nxt in "\"“«'`" or (short and not re.match(
                        r"(?:who|which|whose|where|when|while|as|adding|saying|noting|"
                        r"speaking|according|citing|in|at|on|after|before|during|though|"
                        r"although|because|but|and\s+(?:then|also|is|was|has|had|will|would)|"
                        r"referring|calling|pointing|describing)\b",
                        text[found[0]:found[1]])):
                    fragments.append(found[:2])
        if len(fragments) == 1:
            following = self.next_sentence_quote(s1)
            if following is not None:
                fragments.append(following)
        hull = (fragments[0][0], fragments[-1][1])
        self.add(content=hull, cue=cue, source=source, stance=stance,
                 score=0.85 if direct_first else 0.7, fragments=tuple(fragments),
                 sentence=sentence)

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

    def preposed(self, cue, form, stance, source, sentence, after_cue) -> None:
        """`X said (that) A.` / `X told reporters A.` / `X said: "A."`"""
        text = self.text
        s1 = sentence[1]
        pos = after_cue
        if form in lexicon.LISTENER_VERBS:
            listener = _LISTENER.match(text, pos, s1)
            if listener:
                pos = self.skip_adjuncts(listener.end(), s1)
        if form not in lexicon.BROAD_VERBS and stance == lexicon.ASSERTED:
            # "tweeted in the early morning hours that ...": the complement starts at "that".
            that = _NEAR_THAT.match(text, pos, min(s1, pos + 60))
            if that and (form in lexicon.LISTENER_VERBS or _BEFORE_THAT.match(text, pos)
                         or not text[pos:that.start(1)].strip()):
                pos = that.start(1)
        found = self.content_after(pos, s1)
        if found is None and text[cue[1] - 1:cue[1]] == ":":
            found = self.quote_paragraph_after(cue[1])
        if found is None:
            return
        start, end, quote = found
        opener = text[start:start + 5].lower()
        first = _FIRST_WORD.match(text, start)
        if first and first.group(1) in _PARTICIPLE_CUES and quote is None:
            return  # "said in a statement, adding that ...": the participle is its own cue
        weak = form in lexicon.WEAK_VERBS
        broad = form in lexicon.BROAD_VERBS
        if weak and not (opener.startswith("that ") or quote is not None or text[pos:pos + 2]
                         .strip() in (":", ",")):
            return
        if opener.startswith("to ") and form.startswith(_INFINITIVE_VERBS):
            broad = True  # "is promising to help", "vowed to repeal"
        if not broad and opener.startswith(_NOT_CONTENT_OPENERS):
            return
        if broad and quote is None and not opener.startswith("that "):
            # A noun-phrase object ends at the first comma or conjunction outside quotes.
            cut = _OBJECT_END.search(text, start, end)
            while cut and self.layout.quote_at(cut.start()):
                cut = _OBJECT_END.search(text, cut.end(), end)
            if cut:
                end = self.strip_end(start, cut.start())
                if end <= start:
                    return
        score = 0.8 if opener.startswith("that ") or quote is not None else 0.65
        result = self.add(content=(start, end), cue=cue, source=source,
                          stance=stance, score=score, sentence=sentence)
        if result is not None and stance in (lexicon.DENIED, lexicon.DISPUTED,
                                             lexicon.CONFIRMED):
            self.reported_claim(start, end, sentence)

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

    def participle(self, cue, stance, sentence, after_cue) -> None:
        """`..., adding that A.`: the subject is the speaker of the clause before."""
        s0, _s1 = sentence
        source = None
        for previous in reversed(self.results):
            if previous.sentence == sentence and previous.source is not None:
                source = (previous.source.start, previous.source.end)
                break
        if source is None:
            head = noun_phrase_right(self.text, s0, cue[0], max_tokens=6,
                                     stop_words=_SUBJECT_STOPS)
            if head is None:
                return
            # The subject ends before its verb: "Police issued a statement, saying".
            verb = _PAST_VERB.search(self.text, head[0], head[1])
            if verb is not None:
                head = (head[0], len(self.text[:verb.start()].rstrip()))
                if head[1] <= head[0]:
                    return
            source = head
        found = self.content_after(after_cue, sentence[1])
        if found is None:
            return
        self.add(content=found[:2], cue=cue, source=source, stance=stance,
                 score=0.6, sentence=sentence)

    def reported_claim(self, start: int, end: int, sentence) -> None:
        """`denied a report by the FT that A`: the FT reported A."""
        text = self.text
        pattern = re.compile(
            r"(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?P<noun>"
            + "|".join(sorted(lexicon.REPORT_NOUNS)) + r")\s+(?:by|from|in|of)\s+"
        )
        head = pattern.match(text, start, end)
        if not head:
            return
        that = _THAT.search(text, head.end(), end)
        if not that:
            return
        source = noun_phrase_right(text, head.end(), that.start(), max_tokens=8)
        if source is None:
            return
        self.add(content=(that.start(), end), cue=(head.start("noun"), head.end("noun")),
                 source=source, stance=lexicon.REPORTED, score=0.7, sentence=sentence)


def suggest(text: str, known: list[KnownSource] | None = None) -> list[Suggestion]:
    """Return the attributions found in text, ordered by content start, names resolved."""
    suggestions = _Finder(text).run()
    Resolver(text, known or []).resolve(suggestions)
    return suggestions

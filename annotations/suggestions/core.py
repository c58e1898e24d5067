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

from .cues import CueRules
from .languages import Language, language_for
from .languages.neutral import NEVER
from .patterns import MAX_CUES
from .records import Suggestion
from .resolve import KnownSource, Resolver
from .speech import SpeechRules


class _Finder(SpeechRules, CueRules):
    """Run every rule over one text and keep the outermost attributions."""

    def run(self) -> list[Suggestion]:
        text = self.text
        lang = self.lang
        if lang.MAY_NOT_RESPOND.search(text):
            for match in lang.NO_RESPONSE_CUE.finditer(text):
                self.no_response(match)
        if "―" in text or "—" in text:
            for match in lang.DASH_CREDIT.finditer(text):
                self.dash_credit(match)
        for start, _end in self.layout.paragraphs:
            if ":" in text[start:start + 60]:
                match = lang.SPEAKER_LABEL.match(text, start)
                if match:
                    self.speaker_label(match)
        if lang.MAY_PUT_IT in text:
            for match in lang.PUT_IT.finditer(text):
                self.put_it(match)
        for match in lang.NOMINAL.finditer(text):
            if not self.layout.quote_at(match.start()):
                self.nominal(match)
        for examined, match in enumerate(lang.CUE.finditer(text)):
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
        if lang.REPORTED_MOOD is not NEVER:
            self.reported_mood()
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
            nested = (form in self.lang.BROAD_VERBS and result.source is not None
                      and not result.extra.get("nominal") and any(
                start < result.cue.start and result.cue.end <= end and index != number
                for start, end, index in spans
            ))
            if not nested:
                kept.append(result)
        return kept


def suggest(text: str, known: list[KnownSource] | None = None,
            language: str | Language | None = None) -> list[Suggestion]:
    """Return the attributions found in text, ordered by content start, names resolved.

    `language` is a language tag ("es", "pt-BR") or a `Language`; the rules read that
    language's words, English when it is not given or has no table.
    """
    lang = language if isinstance(language, Language) else language_for(language)
    finder = _Finder(text, lang)
    suggestions = finder.run()
    Resolver(text, known or [], finder.layout, lang).resolve(suggestions)
    return suggestions

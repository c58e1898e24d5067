"""Resolve the source of each suggestion to a name and a kind.

Order: a known source by name or alias; a surname to the full name the article used
earlier; "he"/"she" (and "his"/"her") to the subject of its sentence before it, else of the
sentence before (the speaker of that sentence's statement, or the name that leads it), else
to the last person named; "the official" to the unnamed source met earlier; "who"/"which" to
the phrase they follow.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

from .languages import ENGLISH, Language
from .phrases import clause_subject
from .text import Layout

PERSON = "person"
ORGANIZATION = "organization"
NEWS_OUTLET = "news_outlet"
GOVERNMENT = "government"
ANONYMOUS = "anonymous"

@dataclass(frozen=True, slots=True)
class KnownSource:
    """A stored source the resolver may match: its key (e.g. a primary key), name, aliases."""

    key: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().casefold()


def _strip_determiners(words: list[str], lang: Language) -> list[str]:
    while words and words[0].lower() in lang.DETERMINERS:
        words = words[1:]
    if words and lang.ELISIONS and words[0].lower().startswith(lang.ELISIONS):
        # "l’Élysée": the article elided before a vowel.
        words = [words[0][2:], *words[1:]]
    while words and words[-1] in (",", "’s", "'s"):
        words = words[:-1]
    return words


def _bare(word: str) -> str:
    return word.removesuffix("’s").removesuffix("'s").removesuffix("’").strip(",.")


def _person_name(words: list[str], lang: Language) -> str | None:
    """Return the person's name in a phrase like "Kremlin spokesperson Dmitry Peskov"."""
    run: list[str] = []
    last = words[-6:]
    for index in range(len(last) - 1, -1, -1):
        bare = last[index].rstrip(",")
        if bare in lang.HONORIFICS:
            break
        if bare[:1].isupper() and bare.lower() not in lang.TITLE_WORDS:
            run.insert(0, bare)
            continue
        if run and bare in lang.INNER_NAME_PARTICLES:
            # "Luis de la Fuente": particles count when a name goes on before them.
            before = index - 1
            while before >= 0 and last[before] in lang.INNER_NAME_PARTICLES:
                before -= 1
            if before >= 0 and last[before][:1].isupper() and (
                    last[before].lower() not in lang.TITLE_WORDS):
                run.insert(0, bare)
                continue
        break
    if not run or any(_bare(w) in lang.NON_PERSON for w in run):
        return None
    if any(w.isupper() and len(w) > 2 for w in run):
        return None
    return " ".join(run)


def kind_of(phrase: str, lang: Language = ENGLISH) -> str:
    """Guess the source kind from the words of a name or description."""
    words = phrase.replace("’s", "").replace("'s", "").split()
    lowered = {w.lower().strip(",.") for w in words}
    if lowered & lang.PERSON_PRONOUNS_FOR_KIND:
        return PERSON
    if set(words) & lang.NEWS_WORDS or phrase.strip() in ("AP", "AFP"):
        return NEWS_OUTLET
    has_name = _person_name(words, lang) is not None and any(w[:1].isupper() for w in words)
    anonymous_head = bool(lowered & lang.ANONYMOUS_HEADS)
    if anonymous_head and not has_name:
        return ANONYMOUS
    if set(words) & lang.GOVERNMENT_WORDS and not has_name:
        return GOVERNMENT
    if set(words) & lang.ORGANIZATION_WORDS and not has_name:
        return ORGANIZATION
    if any(w.isupper() and len(w) >= 2 for w in words) and not has_name:
        return ORGANIZATION
    if has_name:
        return PERSON
    if lowered & lang.GROUP_PRONOUNS_FOR_KIND:
        return ORGANIZATION
    return PERSON if words and words[0][:1].isupper() else ANONYMOUS


class Resolver:
    """Resolve suggestion sources in document order, remembering who was named."""

    def __init__(self, text: str, known: list[KnownSource], layout: Layout | None = None,
                 lang: Language = ENGLISH):
        self.text = text
        self.lang = lang
        self.layout = layout or Layout(text, lang)
        # Resolved speakers by sentence index: (cue start, source start, name, kind, nested).
        self.speakers: dict[int, list[tuple[int, int, str, str, bool]]] = {}
        self._inside: frozenset[str] | None = None
        self.by_name: dict[str, KnownSource] = {}
        for source in known:
            for name in (source.name, *source.aliases):
                self.by_name.setdefault(_norm(name), source)
                # "Dmitry Peskov, Kremlin spokesperson" is also found as "Dmitry Peskov".
                head = name.split(",")[0]
                self.by_name.setdefault(_norm(head), source)
        # Full person names in the text, in order, for surname and pronoun resolution.
        self.people: list[tuple[int, str]] = []
        for match in lang.NAME_RUN.finditer(text):
            words = match.group().split()
            if len(words) < 2:
                continue
            words = [w for w in words if w not in lang.CAPITAL_STOPWORDS or w == words[-1]]
            name = _person_name(words, lang)
            if name and len(name.split()) >= 2 and len(name.split()) <= 4:
                self.people.append((match.start(), name))
        # Later mentions by surname ("Trump") count as mentions of the full name.
        surnames = {name.split()[-1]: name for _p, name in self.people}
        if surnames:
            mentions = [(m.start(), surnames[m.group()]) for m in lang.CAPITALISED.finditer(text)
                        if m.group() in surnames]
            self.mentions = sorted(set(mentions) | set(self.people))
        else:
            self.mentions = list(self.people)
        self.mention_starts = [p for p, _n in self.mentions]
        self.people_starts = [p for p, _n in self.people]

    def known(self, name: str) -> KnownSource | None:
        return self.by_name.get(_norm(name))

    def last_person_before(self, pos: int) -> str | None:
        index = bisect_left(self.mention_starts, pos) - 1
        return self.mentions[index][1] if index >= 0 else None

    def full_name(self, surname: str, pos: int) -> str | None:
        index = bisect_left(self.people_starts, pos) - 1
        while index >= 0:
            name = self.people[index][1]
            if name.split()[-1] == surname or name.endswith(" " + surname):
                return name
            index -= 1
        return None

    def resolve(self, suggestions) -> None:
        history: list[tuple[str, str, str]] = []  # (head noun, name, kind) of earlier sources
        ordered = sorted(suggestions, key=lambda s: s.cue.start)
        by_sentence: dict[int, list] = {}
        for suggestion in ordered:
            by_sentence.setdefault(self.layout.sentence_index(suggestion.cue.start),
                                   []).append(suggestion)
        for suggestion in ordered:
            if suggestion.source is None:
                suggestion.source_name, suggestion.source_kind = "", ""
                continue
            if suggestion.source == suggestion.cue:
                # No subject written: the verb's ending names the person spoken of before.
                name, kind = self.person("", suggestion.source.start, history)
            else:
                name, kind = self.name(suggestion.source.text, suggestion.source.start, history)
            known = self.known(name) or self.known(suggestion.source.text)
            if known is not None:
                name, kind, suggestion.source_key = known.name, known.kind, known.key
            suggestion.source_name, suggestion.source_kind = name, kind
            index = self.layout.sentence_index(suggestion.cue.start)
            # A statement reported inside another one's content is not the sentence's own.
            nested = any(other is not suggestion and any(
                s <= suggestion.cue.start < e for s, e in other.fragments)
                for other in by_sentence[index])
            self.speakers.setdefault(index, []).append(
                (suggestion.cue.start, suggestion.source.start, name, kind, nested))
            words = suggestion.source.text.split()
            head = words[-1].lower() if words else ""
            if head not in self.lang.PRONOUNS:
                history.append((head, name, kind))

    def name(self, phrase: str, pos: int, history) -> tuple[str, str]:
        lang = self.lang
        words = phrase.split()
        low = phrase.lower()
        if low in lang.PERSON_PRONOUNS:
            return self.person(phrase, pos, history)
        if low in lang.RELATIVES:
            before = self.text[max(0, pos - 120):pos].rstrip(" ,")
            match = re.search(r"((?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*)$", before)
            if match:
                return self.name(match.group(1), pos - len(before) + match.start(), history)
            return phrase, PERSON if low in lang.WHO else ORGANIZATION
        if low in lang.OTHER_PRONOUNS:
            low = lang.POSSESSIVE_PRONOUNS.get(low, low)
            first = low in lang.FIRST_PERSON
            for _head, name, kind in reversed(history):
                if (first and kind == PERSON) or (not first and kind != PERSON):
                    return name, kind
            return phrase, kind_of(phrase, lang)
        if "," in phrase:
            # "Maria Lopez, an economist at the bank": the name before the description.
            head = phrase.split(",")[0].strip()
            titled = lang.APPOSED_NAMES and any(w.lower() in lang.TITLE_WORDS for w in head.split())
            if not titled and (_person_name(head.split(), lang) or self.known(head)):
                return self.name(head, pos, history)
            if lang.APPOSED_NAMES:
                # "la ministra de Economía, Nadia Calviño,": the name after the title.
                for part in phrase.split(",")[1:]:
                    name = _person_name(part.split(), lang)
                    if name and len(name.split()) >= 2:
                        return self.name(part.strip(), pos, history)
        words = _strip_determiners(words, lang)
        if not words:
            return phrase, kind_of(phrase, lang)
        first = phrase.split()[0].lower()
        definite = first in lang.DEFINITES
        head = words[-1].lower()
        if definite and head in lang.ANONYMOUS_HEADS and not any(
                w[:1].isupper() for w in words):
            # "the official" -> the unnamed official met earlier.
            for earlier_head, name, kind in reversed(history):
                if earlier_head == head:
                    return name, kind
        # Honorific + surname or a bare surname: "Mr. Trump", "Peskov".
        bare = [w for w in words if w not in lang.HONORIFICS]
        person = _person_name(bare, lang)
        if person and len(person.split()) == 1:
            full = self.full_name(person, pos)
            if full:
                return full, PERSON
        if person and len(person.split()) >= 2:
            return person, PERSON
        cleaned = " ".join(words).rstrip(",")
        if self.known(cleaned) is None and person and len(bare) == 1:
            return person, PERSON
        return cleaned, kind_of(" ".join(words), lang)

    def person(self, phrase: str, pos: int, history) -> tuple[str, str]:
        """Resolve "he"/"she" at pos: the subject before it, else the last person named."""
        subject = self.subject_person(pos)
        if subject:
            return subject, PERSON
        person = self.last_person_before(pos)
        for _head, name, kind in reversed(history):
            if kind == PERSON and (person is None or name == person):
                return name, PERSON
        if person:
            return self.canonical(person, pos), PERSON
        return phrase, PERSON

    def subject_person(self, pos: int) -> str | None:
        """The person a "he"/"she" at pos most likely is: the subject of its own sentence when
        that stands before it ("After the vote, Ortiz said he ..."), else the subject of the
        sentence before ("Ortiz met Berg's deputy. He said ..." -> Ortiz), not the last name."""
        index = self.layout.sentence_index(pos)
        before = self.text[self.layout.sentences[index][0]:pos].rstrip()
        # "A, he said": what stands before a postposed speaker is the content, whose subject
        # is not the speaker.
        if before and before[-1] not in ",\"”’'—–-:":
            found = self.sentence_subject(index, pos)
            if found is not None:
                return found or None
        for earlier in range(index - 1, max(-1, index - 4), -1):
            found = self.sentence_subject(earlier, None)
            if found is not None:
                return found or None
        return None

    def sentence_subject(self, index: int, before: int | None) -> str | None:
        """The person subject of sentence index (before position `before`, if given): "" when
        the subject is not a person, None when it is a pronoun or cannot be told."""
        s0, s1 = self.layout.sentences[index]
        limit = s1 if before is None else before
        spoken = [(cue, name, kind) for cue, start, name, kind, nested
                  in self.speakers.get(index, ()) if not nested and start < limit]
        if spoken:
            # The speaker of the sentence's own statement is its subject ("A, Ortiz said.").
            _cue, name, kind = min(spoken)
            if name.lower() in self.lang.HE_SHE:
                return None
            return name if kind == PERSON and self.looks_like_a_name(name) else ""
        lang = self.lang
        subject = clause_subject(self.text, s0, limit, lang)
        if subject is None:
            return None
        words = self.text[subject[0]:subject[1]].split()
        if len(words) == 1 and words[0].lower() in lang.PRONOUNS:
            return None if words[0].lower() in lang.HE_SHE else ""
        if words[0].lower() in lang.DETERMINERS:
            return ""  # "The Europeans": a description, not a named person
        # A lone capitalised word opening a sentence is a name when it acts: "Ortiz met ..."
        # (not "Sand is eroding", "Crops are withering", "Chastened by ...").
        verb = lang.NEXT_WORD.match(self.text, subject[1])
        acts = (len(words) == 1 and not words[0].lower().endswith(lang.NOT_A_NAME_ENDINGS)
                and verb is not None and (verb.group(1).endswith(lang.PAST_ENDINGS)
                                          or verb.group(1) in lang.ACTING_PAST))
        if not (acts or self.looks_like_a_name(" ".join(words))):
            return ""
        bare = [w for w in _strip_determiners(words, lang) if w not in lang.HONORIFICS]
        person = _person_name(bare, lang)
        if person is None or any(w[:1].islower() for w in bare[len(bare) - len(person.split()):]):
            return ""
        if len(person.split()) == 1:
            full = self.full_name(person, subject[0] + 1)
            if full:
                return full
            return person
        return person

    def looks_like_a_name(self, name: str) -> bool:
        """Capitalised words without a possessive; one word only if the text capitalises it
        inside a sentence too ("Chastened, Ortiz ..." is no name)."""
        words = name.split()
        if not words or any(not w[:1].isupper() and w not in self.lang.NAME_PARTICLES for w in words):
            return False
        if any(w.endswith(("'s", "’s", "’", "'")) for w in words):
            return False
        return len(words) > 1 or words[0] in self.capitalised_inside() or bool(
            self.full_name(words[0], len(self.text)))

    def capitalised_inside(self) -> frozenset[str]:
        if self._inside is None:
            self._inside = frozenset(m.group(1) for m in self.lang.INSIDE_CAPITAL.finditer(self.text))
        return self._inside

    def canonical(self, name: str, pos: int) -> str:
        full = self.full_name(name.split()[-1], pos)
        return full or name

"""Attributions around a reporting verb: direct and indirect speech."""

import re

from . import lexicon
from .patterns import LAST_WORD_SPACE, PARTICLE, WORD, WORDY
from .phrases import clause_subject, noun_phrase_left, noun_phrase_right
from .reader import Reader


class SpeechRules(Reader):
    """Rules around a reporting verb: the speaker before or after it, and what was said."""

    def verb(self, match: re.Match) -> None:
        text = self.text
        lang = self.lang
        form = (match.group("verb") or match.group("title")).lower()
        c0, c1 = match.span()
        s0, s1 = self.sentence_of(c0)
        before = self.word_before(c0)
        stance = self.lang.VERB_STANCE.get(form, lexicon.ASSERTED)
        participle = form.endswith(lang.GERUND_ENDINGS)
        coordinated = before in lang.COORDINATORS or (
            participle and before in lang.BEFORE_COORDINATED_PARTICIPLE)
        if before in self.lang.NOT_A_CUE_BEFORE and not ((participle and before in self.lang.PASSIVE_BEFORE)
                                                or coordinated):
            return
        if self.adjectival(c0, c1, before) and not lang.CLITIC_AFTER.match(text, c1):
            return
        # The subject may stand before adverbs and auxiliaries: "He also refuted".
        left = c0
        while True:
            word = LAST_WORD_SPACE.search(text[max(s0, left - 20):left])
            if word and (word.group(1).lower() in self.lang.ADVERBS
                         or (word.group(1).islower() and word.group(1).endswith(lang.ADVERB_ENDINGS)
                             and word.group(1) not in self.lang.LY_NOUNS)):
                left = left - len(word.group(0))
                continue
            break
        while left > s0 and text[left - 1] == " ":
            left -= 1
        cue_start = left
        # "Sanders on Tuesday said", "who in 2010 said": a time phrase before the verb.
        timed = self.lang.TIME_BEFORE.search(text, max(s0, left - 40), left)
        if timed:
            left = timed.start()
        source = None if coordinated else noun_phrase_left(text, s0, left, self.lang)
        quoted_subject = self.subject_after_quote(s0, left)
        if quoted_subject is not None and (source is None or quoted_subject[0] < source[0]):
            source = quoted_subject
        while cue_start < c0 and text[cue_start] == " ":
            cue_start += 1
        # A subject pronoun joined to the verb: "dit-il", "a-t-elle déclaré".
        clitic = lang.CLITIC_AFTER.match(text, c1) or lang.CLITIC_BEFORE.search(
            text, max(s0, c0 - 16), c0)
        if clitic is not None:
            source = clitic.span("who")
            cue_start = min(cue_start, clitic.start())
        cue_end = c1
        subject_zone = None  # where a subject after the verb may stand, when not after the cue
        if form in lang.SEPARABLE:
            # "fügte am Montag hinzu, ...": the particle that ends the clause is part of the cue.
            particle = lang.SEPARABLE_PARTICLE.match(text, c1, s1)
            if particle is None or particle.group("particle") not in lang.SEPARABLE[form]:
                return
            cue_end = particle.end("particle")
            subject_zone = (c1, particle.start("particle"))
        for particle in self.lang.PARTICLES.get(form, ()):
            following = PARTICLE.match(text, c1, c1 + 12)
            if following and following.group(1) == particle.split()[0] and (
                    " " not in particle or text.startswith(particle, following.start(1))):
                cue_end = following.start(1) + len(particle)
                break
        if text[cue_end:cue_end + 1] == ":":
            cue_end += 1
        after_cue = self.skip_adjuncts(cue_end, s1)
        if clitic is not None and clitic.start() >= c1:
            after_cue = self.skip_adjuncts(clitic.end(), s1)
        adjunct = self.lang.CUE_ADJUNCT.match(text, cue_end, after_cue)
        if adjunct and adjunct.end() == len(text[:after_cue].rstrip(" ,")):
            # "said in an interview", "said Friday": the circumstances of saying, kept with it.
            cue_end = adjunct.end()
        cue = (cue_start, cue_end)
        if form.startswith(lang.CALL_FORMS) and lang.CALLED_IN.match(text, c1):
            return  # "called into a radio show": a telephone call, not a statement
        if form in self.lang.NOUN_OR_VERB and source is not None:
            head = text[source[0]:source[1]].split()[-1]
            # "polls show", "analysts expect": a base form after a plural noun is a verb.
            plural = (not form.endswith("s") and head.islower() and head.endswith("s")
                      and not head.endswith(("'s", "’s", "ss")))
            if not (head[:1].isupper() or head.lower() in self.lang.PRONOUNS or plural):
                return
        lead = cue_start if clitic is not None else source[0] if source else left
        k = lead
        while k > s0 and text[k - 1] == " ":
            k -= 1
        prev = text[k - 1] if k > s0 else ""

        if ((participle and prev in ",\"”") or coordinated) and source is None:
            if not self.lang.IDIOM_BEFORE.search(text, max(s0, c0 - 20), c0):
                self.participle(cue, stance, (s0, s1), self.skip_adjuncts(cue_end, s1),
                                coordinated=coordinated and before in lang.COORDINATORS,
                                noun_or_verb=form in self.lang.NOUN_OR_VERB)
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
            head = noun_phrase_left(text, s0, opening, self.lang) if opening > s0 else None
            if head is not None and head[1] >= len(text[:opening].rstrip()) and (
                    head[0] - s0 <= 12):
                source = (head[0], k)
                k = head[0]
                while k > s0 and text[k - 1] == " ":
                    k -= 1
                prev = text[k - 1] if k > s0 else ""

        inverted = source if clitic is not None else None
        if source is None and ((prev in lang.INVERSION_AFTER and k > s0) or k == s0):
            zone = subject_zone or (after_cue, s1)
            inverted = noun_phrase_right(text, *zone, lang, max_tokens=10,
                                         stop_words=lang.INVERTED_STOPS)
            if inverted is not None:
                inverted = self.with_apposition(inverted, zone[1])
                source = inverted
                after_cue = self.skip_adjuncts(max(inverted[1], cue_end), s1)
                # With its auxiliary: "», a déclaré X".
                lead = cue_start if text[cue_start:c0].split()[:1] and (
                    text[cue_start:c0].split()[0].lower() in lang.AUXILIARIES) else c0
                k = lead
                while k > s0 and text[k - 1] == " ":
                    k -= 1
                prev = text[k - 1] if k > s0 else ""

        content_from = self.skip_adjuncts(cue_end, s1)
        if source is None and lang.VERB_SECOND and k > s0:
            # "Am Montag sagte Scholz, A": after an opening phrase the subject follows the verb.
            subject = noun_phrase_right(text, *(subject_zone or (after_cue, s1)), lang,
                                        max_tokens=8, stop_words=lang.INVERTED_STOPS)
            if subject is not None and (text[subject[0]].isupper() or (
                    text[subject[0]:subject[1]].lower() in lang.PRONOUNS)
                    or text[subject[0]:subject[1]].split()[0].lower() in lang.DETERMINERS):
                source = subject
                content_from = self.skip_adjuncts(max(subject[1], cue_end), s1)
        if (source is not None and k == s0 and not self.has_complement(after_cue, s1)
                and self.quote_before(s0)):
            # `"How many times?" Clinton said.`: the quote ended the previous sentence.
            self.postposed(cue, stance, source, k, (self.quote_before(s0).start, s1), after_cue)
            return
        after_listener = after_cue
        if form in lang.LISTENER_VERBS and (listener := lang.LISTENER.match(text, after_cue, s1)):
            after_listener = self.skip_adjuncts(listener.end(), s1)
        if source is None and lang.PRO_DROP and (k == s0 or prev in lang.POSTPOSED_AFTER):
            # "Dijo que A", "A», afirmó.": the verb's ending names the subject (see resolve).
            source = (c0, c1)
        if prev == "," and inverted is None and self.has_complement(after_listener, s1):
            prev = ""  # "At the debate, Clinton cited X": an opening phrase, not content.
        if prev and prev in lang.POSTPOSED_AFTER and k > s0 and (source is not None or inverted):
            self.postposed(cue, stance, source, k, (s0, s1), after_cue)
            return
        if source is None:
            return
        self.preposed(cue, form, stance, source, (s0, s1), content_from)

    def adjectival(self, c0: int, c1: int, before: str) -> bool:
        """A participle used as an adjective is no cue: a hyphenated compound ("a sought-after
        adviser", "so-called", "self-proclaimed") or a participle between a determiner and
        its noun after a degree adverb ("the widely reported deal", "Okafor's long promised album",
        "Widely reported claims")."""
        text = self.text
        if (text[c0 - 1:c0] == "-" and text[c0 - 2:c0 - 1].isalnum()) or (
                text[c1:c1 + 1] == "-" and text[c1 + 1:c1 + 2].isalnum()):
            return True
        if not ((before.endswith(self.lang.ADVERB_ENDINGS) and before not in self.lang.LY_NOUNS)
                or before in self.lang.DEGREE_ADVERBS):
            return False
        adverb = c0 - len(before) - 1
        if adverb <= self.sentence_of(c0)[0]:
            return True  # "Widely reported claims, ...": nothing before it to be a subject
        determiner = LAST_WORD_SPACE.search(text, max(0, adverb - 40), adverb)
        if determiner is None or determiner.end() < adverb - 1:
            return False
        word = determiner.group(1).lower()
        # A possessive is a determiner too: "Okafor's long promised album".
        return word in self.lang.ADJECTIVE_DETERMINERS or word.endswith(("'s", "’s"))

    def with_apposition(self, phrase: tuple[int, int], s1: int) -> tuple[int, int]:
        """`said Patrick McGinley, a law professor at the university.`: the whole description."""
        text = self.text
        if text[phrase[1]:phrase[1] + 1] != ",":
            return phrase
        end = self.strip_end(phrase[1], s1)
        stop = self.lang.APPOSITION_STOP.search(text, phrase[1], end)
        if stop:
            end = stop.start()
        if end - phrase[1] > 160:
            return phrase
        return phrase[0], end

    def subject_after_quote(self, s0: int, left: int) -> tuple[int, int] | None:
        """`"A," Scott Pruitt, the attorney general of Oklahoma, said`: everything between the
        quotation and the verb names the speaker."""
        text = self.text
        base = max(s0, left - 200)
        # The first closing mark of a quotation (an opening one may match the pattern too).
        for match in self.lang.QUOTE_THEN_NAME.finditer(text, base, left):
            if self.layout.quote_ending_at(match.start() + len(match.group().rstrip(" ,"))):
                break
        else:
            return None
        start = match.end()
        between = text[start:left]
        if (not between or self.lang.CLAUSE_BREAK.search(between + " ")
                or len(between.split()) > 30 or "," not in between):
            return None
        return start, left

    def appositive_subject(self, s0: int, comma_end: int) -> tuple[int, int] | None:
        """`Michael Mulgrew, president of the union, said`: the name and its apposition."""
        text = self.text
        first = text.find(",", s0, comma_end - 1)
        if first < 0:
            return None
        head = noun_phrase_left(text, s0, first, self.lang)
        if head is None or head[0] - s0 > 12:
            return None
        middle = text[first + 1:comma_end - 1].strip()
        if not middle or ("," in middle and len(middle) > 120):
            return None
        word = middle.split()[0].lower()
        lang = self.lang
        if word.endswith(lang.GERUND_ENDINGS) or word in lang.PHRASE_BREAKERS or word in lang.WHO:
            if word in lang.WHO or word.endswith(lang.GERUND_ENDINGS) or word in lang.APPOSITION_ASIDES:
                return head
            return None
        return head[0], comma_end

    def postposed(self, cue, stance, source, k, sentence, after_cue) -> None:
        """`A, X said.` / `"A," X said, "B."` / `A, X said, B.`"""
        text = self.text
        s0, s1 = sentence
        end = k
        if (text[end - 1] == "," and end - 1 > s0) or text[end - 1] in "—" or (
                text[end - 1] in self.lang.DIALOGUE_DASHES):
            end -= 1
        while end > s0 and text[end - 1] == " ":
            end -= 1
        start = s0
        quote = self.layout.quote_ending_at(end)
        if quote is not None:
            opened = self.layout.group(quote)[0].start
            # Symbols or emoji before the quotation are not part of what was said.
            if opened < s0 or not WORDY.search(text, s0, opened):
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
        listener = self.lang.LISTENER.match(text, rest, s1)
        if listener and self.text[cue[0]:cue[1]].split()[-1] in self.lang.LISTENER_VERBS:
            # '"A," she told the panel on Monday, "B."'
            rest = self.skip_adjuncts(listener.end(), s1)
        while rest < s1 and text[rest] == " ":
            rest += 1
        if rest < s1 and text[rest] in self.lang.DIALOGUE_DASHES:
            # "—A —dijo X—, B": the dash that closes the aside, then the speech goes on.
            resume = rest + 1
            while resume < s1 and text[resume] in ", ":
                resume += 1
            again = self.layout.quote_starting_at(resume)
            if again is not None and text[rest + 1:resume].strip() == ",":
                fragments.append((resume, self.layout.group(again)[-1].end))
        elif rest < s1 and text[rest] == ",":
            found = self.content_after(rest + 1, s1)
            if found is not None:
                nxt = text[found[0]]
                # "A, he said, B": B goes on A when A is a quotation or a short lead-in.
                short = len(WORD.findall(text, start, end)) <= 8
                if nxt in self.lang.DIRECT_OPENERS or (short and not self.lang.NOT_A_SECOND_HALF.match(
                        text, found[0], found[1])):
                    fragments.append(found[:2])
        if len(fragments) == 1:
            following = self.next_sentence_quote(s1)
            if following is not None:
                fragments.append(following)
        hull = (fragments[0][0], fragments[-1][1])
        self.add(content=hull, cue=cue, source=source, stance=stance,
                 score=0.85 if direct_first else 0.7, fragments=tuple(fragments),
                 sentence=sentence)

    def preposed(self, cue, form, stance, source, sentence, after_cue) -> None:
        """`X said (that) A.` / `X told reporters A.` / `X said: "A."`"""
        text = self.text
        lang = self.lang
        s1 = sentence[1]
        pos = after_cue
        if form in self.lang.LISTENER_VERBS:
            listener = self.lang.LISTENER.match(text, pos, s1)
            if listener:
                pos = self.skip_adjuncts(listener.end(), s1)
        if form not in self.lang.BROAD_VERBS and stance == lexicon.ASSERTED:
            # "tweeted in the early morning hours that ...": the complement starts at "that".
            that = self.lang.NEAR_THAT.match(text, pos, min(s1, pos + 60))
            if that and (form in self.lang.LISTENER_VERBS or self.lang.BEFORE_THAT.match(text, pos)
                         or not text[pos:that.start(1)].strip()):
                pos = that.start(1)
        found = self.content_after(pos, s1)
        if found is None and text[cue[1] - 1:cue[1]] == ":":
            found = self.quote_paragraph_after(cue[1])
        if found is None:
            return
        start, end, quote = found
        opener = text[start:start + 5].lower()
        first = self.lang.FIRST_WORD.match(text, start)
        if first and first.group(1) in self.lang.PARTICIPLE_CUES and quote is None:
            return  # "said in a statement, adding that ...": the participle is its own cue
        weak = form in self.lang.WEAK_VERBS
        broad = form in self.lang.BROAD_VERBS
        if weak and not (opener.startswith(lang.THAT_OPENERS) or quote is not None or text[pos:pos + 2]
                         .strip() in (":", ",")):
            return
        if opener.startswith(lang.INFINITIVE_OPENERS) and form.startswith(lang.INFINITIVE_VERBS):
            broad = True  # "is promising to help", "vowed to repeal"
        if not broad and opener.startswith(self.lang.NOT_CONTENT_OPENERS):
            return
        if broad and quote is None and not opener.startswith(lang.THAT_OPENERS):
            # A noun-phrase object ends at the first comma or conjunction outside quotes.
            cut = self.lang.OBJECT_END.search(text, start, end)
            while cut and self.layout.quote_at(cut.start()):
                cut = self.lang.OBJECT_END.search(text, cut.end(), end)
            if cut:
                end = self.strip_end(start, cut.start())
                if end <= start:
                    return
        score = 0.8 if opener.startswith(lang.THAT_OPENERS) or quote is not None else 0.65
        result = self.add(content=(start, end), cue=cue, source=source,
                          stance=stance, score=score, sentence=sentence)
        if result is not None and stance in (lexicon.DENIED, lexicon.DISPUTED,
                                             lexicon.CONFIRMED):
            self.reported_claim(start, end, sentence)

    def participle(self, cue, stance, sentence, after_cue, *, coordinated=False,
                   noun_or_verb=False) -> None:
        """`..., adding that A.`: the subject is the speaker of the clause before."""
        s0, _s1 = sentence
        source = None
        for previous in reversed(self.results):
            if previous.sentence == sentence and previous.source is not None:
                if coordinated:
                    # "and"/"but" join clauses of one level: a verb reported inside another
                    # statement's content ("X said the country would declare A and suggested
                    # B") does not lend its subject; the statement around it does.
                    previous = self.outer_statement(previous)
                source = (previous.source.start, previous.source.end)
                break
        if source is None:
            if noun_or_verb:
                return  # "training, information and support": a noun in a list
            # "Police issued a statement, saying ...", "On Monday, Ortiz met the council and
            # denied ...": the subject of the clause the verb is coordinated with.
            source = clause_subject(self.text, s0, cue[0], self.lang)
            if source is None:
                return
        found = self.content_after(after_cue, sentence[1])
        if found is None or self.text.startswith(self.lang.AGENT_OPENERS, found[0]):
            return  # "led by X and backed by the West": a passive participle, no statement
        result = self.add(content=found[:2], cue=cue, source=source, stance=stance,
                          score=0.6, sentence=sentence)
        if result is not None and stance in (lexicon.DENIED, lexicon.DISPUTED,
                                             lexicon.CONFIRMED):
            self.reported_claim(*found[:2], sentence)

    def outer_statement(self, result):
        """The attribution whose content holds result's cue, climbing out, or result itself."""
        for _ in range(3):
            outer = next((r for r in self.results if r is not result and r.source is not None
                          and r.cue.start < result.cue.start
                          and any(s <= result.cue.start < e for s, e in r.fragments)), None)
            if outer is None:
                break
            result = outer
        return result

    def reported_claim(self, start: int, end: int, sentence) -> None:
        """`denied a report by the FT that A`: the FT reported A."""
        text = self.text
        head = self.lang.REPORT_HEAD.match(text, start, end)
        if not head:
            return
        that = self.lang.REPORT_THAT.search(text, head.end(), end)
        if not that:
            return
        source = noun_phrase_right(text, head.end(), that.start(), self.lang, max_tokens=8)
        if source is None:
            return
        self.add(content=(that.start(), end), cue=(head.start("noun"), head.end("noun")),
                 source=source, stance=lexicon.REPORTED, score=0.7, sentence=sentence)

    def reported_mood(self) -> None:
        """`X sagte, A. B sei C.`: a sentence in the mood of reported speech (German
        Konjunktiv I), with no cue of its own, goes on with the statement before it."""
        lang = self.lang
        text = self.text
        carriers = {}
        for result in self.results:
            if result.source is not None:
                carriers[self.layout.sentence_index(max(result.content.end - 1, 0))] = result
        taken = {self.layout.sentence_index(result.cue.start) for result in self.results}
        for index, (s0, s1) in enumerate(self.layout.sentences):
            before = carriers.get(index - 1)
            if before is None or index in taken or self.layout.quote_at(s0):
                continue
            mood = lang.REPORTED_MOOD.search(text, s0, s1)
            if mood is None or lang.CUE.search(text, s0, s1) or any(
                    start <= s0 < end for r in self.results for start, end in r.fragments):
                continue
            result = self.add(content=(s0, self.strip_end(s0, s1)), cue=mood.span(),
                              source=(before.source.start, before.source.end),
                              stance=before.stance, score=0.55, sentence=(s0, s1))
            if result is not None:
                carriers[index] = result

"""Noun-phrase scanning around a reporting verb: who is speaking, and to whom."""

import re

from .languages import Language

TOKEN = re.compile(r"[\w’'][\w.’'&-]*\w\.?|\w\.?|[^\w\s]")
MAX_NP_TOKENS = 9


# Marks that set the direction of the text around them ("\u200fعلي حسن\u200f"): no token.
_DIRECTION_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)
            if m.group() not in _DIRECTION_MARKS]


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"


def noun_phrase_left(text: str, lo: int, hi: int, lang: Language) -> tuple[int, int] | None:
    """Return the noun phrase that ends right before hi (the verb's subject), or None."""
    toks = tokens(text, max(lo, hi - 160), hi)
    if not toks:
        return None
    # A bracketed aside right before the verb ("Graham (R-S.C.) said") belongs to the name.
    end = toks[-1][1]
    if toks[-1][2] == ")":
        depth = 0
        for i in range(len(toks) - 1, -1, -1):
            if toks[i][2] == ")":
                depth += 1
            elif toks[i][2] == "(":
                depth -= 1
                if depth == 0:
                    toks = toks[:i]
                    break
        else:
            return None
        if not toks:
            return None
    else:
        end = toks[-1][1]
    last = toks[-1][2]
    if last.lower().removesuffix("’s").removesuffix("'s") in lang.PRONOUNS:
        return toks[-1][0], end
    start = None
    count = 0
    has_capital = False
    for index in range(len(toks) - 1, -1, -1):
        s, _e, tok = toks[index]
        if not _is_word(tok):
            if tok in ("-", "&") and start is not None:
                start = s
                continue
            break
        low = tok.lower()
        if low in lang.AND_WORDS and start is not None and index > 0 and (
                _is_word(toks[index - 1][2]) and toks[index - 1][2].lower() not in lang.PHRASE_BREAKERS):
            # "Federal and state officials", "The Clinton campaign and DNC": only when the
            # phrase then reaches the start of its clause.
            joined = noun_phrase_left(text, lo, toks[index - 1][1], lang)
            if joined is not None:
                before = text[max(lo, joined[0] - 3):joined[0]].strip()
                if joined[0] - lo < 3 or not before or before[-1] in ",;:—(\"“":
                    start = joined[0]
            break
        if low in lang.WEEKDAYS:
            if (start is None and index >= 2 and toks[index - 1][2].endswith(lang.PAST_ENDINGS)
                    and toks[index - 1][2].islower()):
                # "A poll released Friday shows": the noun the participle describes.
                outer = noun_phrase_left(text, lo, toks[index - 2][1], lang)
                if outer is not None and outer[1] == toks[index - 2][1]:
                    return outer[0], end
            break
        if low in lang.GENITIVE_DETERMINERS and start is not None and index > 0 and (
                toks[index - 1][2][:1].isupper() and _is_word(toks[index - 1][2])):
            # "der Sprecher des Ministeriums": the genitive belongs to the noun before it.
            outer = noun_phrase_left(text, lo, toks[index - 1][1], lang)
            if outer is not None and outer[1] == toks[index - 1][1]:
                start = outer[0]
                break
        if low in lang.LEFT_DETERMINERS:
            if start is None:
                # "Some say", "Many believe": a quantifier standing alone is the subject.
                return (s, end) if low in lang.QUANTIFIERS else None
            start = s
            # "a narrator in the Clinton ad", "Mr. Morgan of the Sierra Club": the phrase
            # goes on through a preposition to the noun it describes.
            if (index >= 2 and toks[index - 1][2].lower() in lang.INNER_PREPOSITIONS
                    and _is_word(toks[index - 2][2])
                    and toks[index - 2][2].lower() not in lang.PHRASE_BREAKERS
                    and toks[index - 2][2].lower() not in lang.LEFT_DETERMINERS
                    and not toks[index - 2][2][0].isdigit()
                    and count < MAX_NP_TOKENS - 2):
                continue_at = index - 1
                outer = noun_phrase_left(text, lo, toks[continue_at - 1][1], lang)
                if outer is not None and outer[1] == toks[continue_at - 1][1]:
                    start = outer[0]
            break
        if tok[0].isupper():
            at_clause_start = index == 0 or not _is_word(toks[index - 1][2])
            if tok in lang.CAPITAL_STOPWORDS and (at_clause_start or tok in lang.CLAUSE_OPENING_CAPITALS):
                break
            start = s
            has_capital = True
        elif tok[0].isdigit():
            break
        elif low in lang.OF_WORDS and start is not None and has_capital and index > 0:
            start = s
        elif low in lang.PHRASE_BREAKERS or (
                low.endswith(lang.ADVERB_ENDINGS) and low not in lang.LY_NOUNS) or (
                low.endswith(lang.NEGATION_ENDINGS)):
            if start is not None and low in lang.SUBJECT_PREPOSITIONS and index > 0:
                # "Experts on nuclear policy said", "Attorneys for the family said", "Those
                # close to him say": a head noun for people and its complement.
                outer = _person_head_left(text, lo, toks, index - 1, lang)
                if outer is not None:
                    start = outer
            break
        else:
            start = s
        count += 1
        if count >= MAX_NP_TOKENS:
            break
    if start is None:
        return None
    # A phrase cannot open with "of"/"for" or a hyphen.
    while True:
        head = TOKEN.match(text, start)
        if head and (head.group().lower() in lang.OF_WORDS or head.group() in ("-", "&")):
            nxt = TOKEN.search(text, head.end(), end)
            if not nxt:
                return None
            start = nxt.start()
            continue
        break
    return start, end


def _person_head_left(text: str, lo: int, toks, index: int, lang: Language) -> int | None:
    """Start of the phrase whose head is toks[index], when that head names people."""
    head = toks[index][2]
    low = head.lower()
    if low in lang.CLOSE_WORDS and index > 0:
        index -= 1
        head = toks[index][2]
        low = head.lower()
        if low in lang.CLOSE_HEADS:
            return toks[index][0]
    if not _is_word(head) or not (low in lang.PERSON_HEADS or (
            head[0].isupper() and low.removesuffix("s") in lang.PERSON_HEADS)):
        return None
    outer = noun_phrase_left(text, lo, toks[index][1], lang)
    if outer is None or outer[1] != toks[index][1]:
        return None
    return outer[0]


def noun_phrase_right(text: str, lo: int, hi: int, lang: Language, *, max_tokens: int = 12,
                      stop_words: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Return the noun phrase that starts at lo (after skipping spaces), up to a comma or hi."""
    toks = tokens(text, lo, hi)
    start = end = None
    depth = 0
    for count, (s, e, tok) in enumerate(toks):
        if count >= max_tokens:
            break
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth < 0:
                break
            end = e
            continue
        if depth > 0:
            end = e
            continue
        if not _is_word(tok) and tok not in ("-", "&", "’", "'"):
            break
        if tok.lower() in stop_words:
            break
        if start is None:
            start = s
        end = e
    if start is None:
        return None
    # A final full stop ends the sentence unless it ends an abbreviation ("Md.", "Jr.").
    if text[end - 1] == "." and end - start > 1:
        word = text[start:end].split()[-1].rstrip(".").lower()
        if word not in lang.ABBREVIATIONS and (
                not (len(word) <= 2 or "." in word) or word in lang.INVERTED_PRONOUN_WORDS):
            end -= 1
    return start, end



def clause_subject(text: str, s0: int, hi: int, lang: Language) -> tuple[int, int] | None:
    """Return the subject of the clause that opens at s0 (before hi), or None.

    A connective and an opening adverbial up to its comma are skipped ("After the vote,
    Kremlin spokesperson Dmitry Peskov met ..."). Without parts of speech, the subject ends
    at a word that looks like a verb: a past form ("met", "visited"), an adverb in -ly, or
    after a name a present form in -s ("Ortiz admires").
    """
    toks = tokens(text, s0, min(hi, s0 + 240))
    index = 0
    if index < len(toks) and toks[index][2].lower() in lang.CONNECTIVES:
        index += 1
        if index < len(toks) and toks[index][2] == ",":
            index += 1
    if index < len(toks) and (toks[index][2].lower() in lang.OPENERS or (
            toks[index][2].endswith(lang.GERUND_ENDINGS) and toks[index][2][:1].isupper())):
        # "After the vote, ...", "Campaigning in Ohio, ...": an opening adverbial.
        for comma in range(index + 1, min(len(toks), index + 25)):
            if toks[comma][2] == ",":
                index = comma + 1
                # "In a speech in Tulsa, Oklahoma Friday, Ortiz ...": a place and a day go on.
                nxt = next((k for k in range(index, min(len(toks), index + 5))
                            if toks[k][2] == ","), None)
                if nxt is not None and any(t[2].lower() in lang.DATE_WORDS or t[2][0].isdigit()
                                           for t in toks[index:nxt]) and all(
                        t[2][0].isupper() or t[2][0].isdigit() for t in toks[index:nxt]):
                    index = nxt + 1
                break
            if not _is_word(toks[comma][2]) and toks[comma][2] not in (".", "-", "’", "'"):
                return None
        else:
            return None
    start = end = None
    capital = possessive = after_adjective = False
    after_possessive = 0
    for s, e, tok in toks[index:index + MAX_NP_TOKENS]:
        low = tok.lower()
        if not _is_word(tok):
            if tok in ("-", "&") and start is not None:
                continue
            break
        if start is None and low in lang.PRONOUNS:
            return s, e
        if start is None and low in lang.LEFT_DETERMINERS:
            start = s
            continue
        if tok[0].isupper() or tok[0].isdigit():
            if low in lang.CLAUSE_SUBJECT_STOPS and start is None:
                return None  # "He", "It", "But": no noun phrase here
            capital = True
            possessive = low.endswith(lang.POSSESSIVE_ENDINGS)
        elif low in lang.CLAUSE_SUBJECT_STOPS or low in lang.IRREGULAR_PAST or (
                low.endswith(lang.PAST_ENDINGS) and start is not None) or (
                low.endswith(lang.ADVERB_ENDINGS) and low not in lang.LY_NOUNS):
            break
        elif capital and not possessive and not after_adjective and low not in lang.TITLE_WORDS and (
                low not in lang.SUBJECT_NAME_LINKS):
            break  # "Ortiz laid out", "Ortiz admires": a verb after a name
        elif possessive:
            after_possessive += 1
            if after_possessive > 3:
                break
        if tok[0].isupper():
            # "Central European leaders", "Democratic presidential nominee": a capitalised
            # adjective leads a noun, a name does not.
            after_adjective = low.endswith(lang.ADJECTIVE_ENDINGS)
        if start is None:
            start = s
        end = e
    if start is None or end is None:
        return None
    while end > start and text[end - 1] in ",.":
        end -= 1
    return start, end

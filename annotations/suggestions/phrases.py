"""Noun-phrase scanning around a reporting verb: who is speaking, and to whom."""

import re

from .lexicon import (
    ABBREVIATIONS,
    ADVERBS,
    ANONYMOUS_HEADS,
    CAPITAL_STOPWORDS,
    DETERMINERS,
    LY_NOUNS,
    PHRASE_BREAKERS,
    PRONOUNS,
    TITLE_WORDS,
    VERB_STANCE,
)

TOKEN = re.compile(r"[\w’'][\w.’'&-]*\w\.?|\w\.?|[^\w\s]")
_LEFT_DETERMINERS = DETERMINERS - {"that", "this", "these", "those", "no", "more", "all", "any"}
MAX_NP_TOKENS = 9
_INNER_PREPOSITIONS = frozenset({"of", "for", "at", "in", "from", "with", "on"})
_SUBJECT_PREPOSITIONS = _INNER_PREPOSITIONS | {"to"}
_QUANTIFIERS = frozenset({"some", "many", "most", "few", "both", "several", "others"})
# Heads of a subject that may carry a prepositional complement ("experts on", "aides to").
PERSON_HEADS = frozenset(ANONYMOUS_HEADS | TITLE_WORDS | {
    "attorney", "attorneys", "lawyer", "lawyers", "leaders", "representatives",
    "spokespeople", "head", "heads", "members", "officials", "experts", "allies", "friends",
    "advocates", "opponents", "critics", "backers", "students", "workers", "employees",
    "executives", "directors", "organizers", "activists", "groups", "some", "many", "most",
    "none", "several", "others", "one", "two", "three", "few", "all", "each", "both",
    "those", "everyone", "nobody", "someone", "anyone", "sources",
})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday", "today", "yesterday", "tonight"})


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"


def noun_phrase_left(text: str, lo: int, hi: int) -> tuple[int, int] | None:
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
    if last.lower().removesuffix("’s").removesuffix("'s") in PRONOUNS:
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
        if low == "and" and start is not None and index > 0 and (
                _is_word(toks[index - 1][2]) and toks[index - 1][2].lower() not in PHRASE_BREAKERS):
            # "Federal and state officials", "The Clinton campaign and DNC": only when the
            # phrase then reaches the start of its clause.
            joined = noun_phrase_left(text, lo, toks[index - 1][1])
            if joined is not None:
                before = text[max(lo, joined[0] - 3):joined[0]].strip()
                if joined[0] - lo < 3 or not before or before[-1] in ",;:—(\"“":
                    start = joined[0]
            break
        if low in WEEKDAYS:
            if (start is None and index >= 2 and toks[index - 1][2].endswith("ed")
                    and toks[index - 1][2].islower()):
                # "A poll released Friday shows": the noun the participle describes.
                outer = noun_phrase_left(text, lo, toks[index - 2][1])
                if outer is not None and outer[1] == toks[index - 2][1]:
                    return outer[0], end
            break
        if low in _LEFT_DETERMINERS:
            if start is None:
                # "Some say", "Many believe": a quantifier standing alone is the subject.
                return (s, end) if low in _QUANTIFIERS else None
            start = s
            # "a narrator in the Clinton ad", "Mr. Morgan of the Sierra Club": the phrase
            # goes on through a preposition to the noun it describes.
            if (index >= 2 and toks[index - 1][2].lower() in _INNER_PREPOSITIONS
                    and _is_word(toks[index - 2][2])
                    and toks[index - 2][2].lower() not in PHRASE_BREAKERS
                    and toks[index - 2][2].lower() not in _LEFT_DETERMINERS
                    and not toks[index - 2][2][0].isdigit()
                    and count < MAX_NP_TOKENS - 2):
                continue_at = index - 1
                outer = noun_phrase_left(text, lo, toks[continue_at - 1][1])
                if outer is not None and outer[1] == toks[continue_at - 1][1]:
                    start = outer[0]
            break
        if tok[0].isupper():
            at_clause_start = index == 0 or not _is_word(toks[index - 1][2])
            if tok in CAPITAL_STOPWORDS and (at_clause_start or tok in ("But", "And", "The", "A")):
                break
            start = s
            has_capital = True
        elif tok[0].isdigit():
            break
        elif low in ("of", "for") and start is not None and has_capital and index > 0:
            start = s
        elif low in PHRASE_BREAKERS or (low.endswith("ly") and low not in LY_NOUNS) or (
                low.endswith("n't")):
            if start is not None and low in _SUBJECT_PREPOSITIONS and index > 0:
                # "Experts on nuclear policy said", "Attorneys for the family said", "Those
                # close to him say": a head noun for people and its complement.
                outer = _person_head_left(text, lo, toks, index - 1)
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
        if head and head.group().lower() in ("of", "for", "-", "&"):
            nxt = TOKEN.search(text, head.end(), end)
            if not nxt:
                return None
            start = nxt.start()
            continue
        break
    return start, end


def _person_head_left(text: str, lo: int, toks, index: int) -> int | None:
    """Start of the phrase whose head is toks[index], when that head names people."""
    head = toks[index][2]
    low = head.lower()
    if low == "close" and index > 0:
        index -= 1
        head = toks[index][2]
        low = head.lower()
        if low in ("those", "people", "sources", "someone", "one", "aides", "allies"):
            return toks[index][0]
    if not _is_word(head) or not (low in PERSON_HEADS or (
            head[0].isupper() and low.removesuffix("s") in PERSON_HEADS)):
        return None
    outer = noun_phrase_left(text, lo, toks[index][1])
    if outer is None or outer[1] != toks[index][1]:
        return None
    return outer[0]


def noun_phrase_right(text: str, lo: int, hi: int, *, max_tokens: int = 12,
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
        if word not in ABBREVIATIONS and not (len(word) <= 2 or "." in word):
            end -= 1
    return start, end


# Words that open a sentence before its subject: a connective ("But", "Meanwhile,") or the
# first word of an opening adverbial that runs to a comma ("After the vote, X said").
_CONNECTIVES = frozenset({"but", "and", "so", "yet", "still", "meanwhile", "however", "instead",
                          "also", "then", "now", "indeed", "moreover", "separately", "later",
                          "earlier", "today", "yesterday"})
_OPENERS = frozenset({"in", "on", "at", "after", "before", "when", "while", "as", "although",
                      "though", "because", "since", "if", "during", "from", "with", "without",
                      "for", "by", "despite", "following", "ahead", "amid", "under", "over",
                      "last", "this", "asked", "unlike", "like", "once", "until", "beyond",
                      "among", "against", "throughout", "within", "outside", "inside"})
# Past forms that end a name-led subject although they are not reporting verbs ("Ortiz met").
_IRREGULAR_PAST = frozenset({
    "met", "went", "made", "took", "gave", "came", "saw", "left", "held", "kept", "led", "ran",
    "won", "lost", "sent", "brought", "got", "put", "set", "stood", "sat", "heard", "knew",
    "paid", "built", "fought", "caught", "began", "became", "broke", "chose", "drew", "flew",
    "grew", "hid", "hit", "let", "meant", "read", "rose", "shut", "spent", "struck", "tried",
    "wore", "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
    "may", "might", "should", "must", "did", "does",
})
_DATE_WORDS = WEEKDAYS | frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "sept.", "oct.", "nov.", "dec.", "jan.", "feb.", "aug."})
_ADJECTIVE_ENDINGS = ("an", "ic", "ish", "ese", "al", "ian", "ean")
_SUBJECT_STOPS = PHRASE_BREAKERS | frozenset(VERB_STANCE) | ADVERBS


def clause_subject(text: str, s0: int, hi: int) -> tuple[int, int] | None:
    """Return the subject of the clause that opens at s0 (before hi), or None.

    A connective and an opening adverbial up to its comma are skipped ("After the vote,
    Kremlin spokesperson Dmitry Peskov met ..."). Without parts of speech, the subject ends
    at a word that looks like a verb: a past form ("met", "visited"), an adverb in -ly, or
    after a name a present form in -s ("Ortiz admires").
    """
    toks = tokens(text, s0, min(hi, s0 + 240))
    index = 0
    if index < len(toks) and toks[index][2].lower() in _CONNECTIVES:
        index += 1
        if index < len(toks) and toks[index][2] == ",":
            index += 1
    if index < len(toks) and (toks[index][2].lower() in _OPENERS or (
            toks[index][2].endswith("ing") and toks[index][2][:1].isupper())):
        # "After the vote, ...", "Campaigning in Ohio, ...": an opening adverbial.
        for comma in range(index + 1, min(len(toks), index + 25)):
            if toks[comma][2] == ",":
                index = comma + 1
                # "In a speech in Tulsa, Oklahoma Friday, Ortiz ...": a place and a day go on.
                nxt = next((k for k in range(index, min(len(toks), index + 5))
                            if toks[k][2] == ","), None)
                if nxt is not None and any(t[2].lower() in _DATE_WORDS or t[2][0].isdigit()
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
        if start is None and low in PRONOUNS:
            return s, e
        if start is None and low in _LEFT_DETERMINERS:
            start = s
            continue
        if tok[0].isupper() or tok[0].isdigit():
            if low in _SUBJECT_STOPS and start is None:
                return None  # "He", "It", "But": no noun phrase here
            capital = True
            possessive = low.endswith(("'s", "’s", "s'", "s’"))
        elif low in _SUBJECT_STOPS or low in _IRREGULAR_PAST or (
                low.endswith("ed") and start is not None) or (
                low.endswith("ly") and low not in LY_NOUNS):
            break
        elif capital and not possessive and not after_adjective and low not in TITLE_WORDS and (
                low not in ("of", "de", "van", "von", "al", "bin")):
            break  # "Ortiz laid out", "Ortiz admires": a verb after a name
        elif possessive:
            after_possessive += 1
            if after_possessive > 3:
                break
        if tok[0].isupper():
            # "Central European leaders", "Democratic presidential nominee": a capitalised
            # adjective leads a noun, a name does not.
            after_adjective = low.endswith(_ADJECTIVE_ENDINGS)
        if start is None:
            start = s
        end = e
    if start is None or end is None:
        return None
    while end > start and text[end - 1] in ",.":
        end -= 1
    return start, end

"""The patterns the attribution rules look for: reporting cues, clause and phrase edges."""

import re

from . import lexicon

# The work per cue is bounded; so is the number of cues looked at, whatever the input.
MAX_CUES = 60_000
VERB_FORMS = sorted(lexicon.VERB_STANCE, key=len, reverse=True)


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


CUE = re.compile(
    r"\b(?:(?P<according>[Aa]ccording\s+to|[Aa]s\s+per\b)|(?P<verb>" + _trie_pattern(VERB_FORMS) + r")"
    r"|(?P<title>Says|Said|Tells|Warns|Claims|Admits|Denies|Insists|Argues|Urges))\b"
)
DASH_CREDIT = re.compile(
    r"[”\"](?P<gap>\s*)(?P<dash>[―—])\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
    r"[.\s\u00a0]*$", re.MULTILINE)
SPEAKER_LABEL = re.compile(
    r"^[\"“]?(?P<name>(?:[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,2})|(?:[A-Z][\w.’'-]*"
    r"(?:\s+[A-Z][\w.’'-]*){0,2}))(?P<colon>:)\s+(?P<line>[^\n]+)", re.MULTILINE)
NOT_SPEAKERS = frozenset({
    "Photo", "Photos", "Video", "Note", "Editor", "Editor’s", "Update", "UPDATE", "Related",
    "Read", "Watch", "Listen", "Source", "Sources", "Correction", "Clarification", "Image",
    "Caption", "Credit", "Getty", "Reporting", "Writing", "Editing", "Contact", "Email",
    "Follow", "Subscribe", "Advertisement", "Copyright", "Tags", "Filed", "Posted",
    "Published", "Updated", "See", "More", "Also", "Q", "A", "PHOTO", "VIDEO", "NOTE",
    "WATCH", "READ", "RELATED", "Step", "Part", "Chapter", "Question", "Answer",
})
MAY_NOT_RESPOND = re.compile(r"respond|reply|return|comment|reached")
NO_RESPONSE_CUE = re.compile(r"\b(?:" + "|".join(lexicon.NO_RESPONSE_PATTERNS) + ")")
NOT_A_CUE_BEFORE = frozenset({
    "to", "will", "would", "could", "can", "may", "might", "should", "must", "did", "does",
    "do", "not", "never", "was", "were", "been", "be", "being", "is", "are", "the", "a",
    "an", "this", "that", "so", "as", "its", "his", "her", "their", "and", "or",
})
# Forms that are nouns as often as verbs ("his plans", "the tax plan"): a verb only after a
# name or a pronoun.
NOUN_OR_VERB = frozenset({
    "plans", "plan", "support", "questions", "tweets", "claims", "points", "advocates",
    "attacks", "calls", "states", "demands", "fears", "hopes", "doubts", "favors", "reports",
    "charges", "estimates", "promises", "show", "notes", "expect", "fear",
    "worry", "promise", "hope", "question",
})
TIME_BEFORE = re.compile(
    r"\s(?:on|late|early|last|in|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|\d{4}|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?:\s+(?:night|morning|afternoon|evening))?"
    r"\s*$")
OBJECT_END = re.compile(r",\s|\s(?:but|in\s+a|in\s+an|after|because|while|as\s+part)\s")
# "the widely reported deal", "a much criticised plan": a participle between these and its
# noun (after a degree adverb) describes the noun.
ADJECTIVE_DETERMINERS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "my", "your", "some", "any", "no", "every", "each", "another",
})
DEGREE_ADVERBS = frozenset({"much", "most", "more", "less", "least", "well", "so", "often",
                            "oft", "long", "very", "too", "still"})
# "It goes without saying that": an idiom, no statement.
IDIOM_BEFORE = re.compile(r"\b(?:go|goes|went|going|gone)\s+without\s*$")
PASSIVE_BEFORE = frozenset({"was", "were", "been", "be", "being", "is", "are", "am"})
CUE_ADJUNCT = re.compile(
    r"\s+(?:(?:in\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?interview)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|then))\b")
LAST_WORD_SPACE = re.compile(r"([\w’']+)\s*$")
QUOTE_THEN_NAME = re.compile(r"[,?!]?(?:[”\"]|'')\s*,?\s*(?=[A-Z])")
CLAUSE_BREAK = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|Jr|Sr|St))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen)"
                           r")[.](?=\s)|[!?;”\"“]\s")
COMMA_QUOTE = re.compile(r",\s*[“\"]")
PARTICLE = re.compile(r"\s+(\w+)\b")
NOT_A_COMPLEMENT = re.compile(
    r"(?:as|when|after|before|while|because|in|at|on|during|since|outside|inside|from|with|"
    r"to|of|about|earlier|later)\b")
WORDY = re.compile(r"\w")
WORD = re.compile(r"[\w’'.-]+")
THAT = re.compile(r"\bthat\b")
# Adjuncts between a verb and its complement: "said on Tuesday", "told reporters in Moscow".
ADJUNCT = re.compile(
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
LISTENER = re.compile(
    r"\s+(?:(?:him|her|them|me|us|you|reporters|journalists|supporters|lawmakers|"
    r"voters|the\s+crowd|the\s+audience|the\s+committee|the\s+court|the\s+jury|"
    r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*|"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:audience|crowd|reporter|interviewer|radio\s+host|"
    r"host|group|gathering|meeting|rally|panel|newspaper|station|network|magazine|council|"
    r"board|conference|congregation|students|graduates|delegates|members|hall)))\b"
)
CONJOINED_VERB = "|".join(sorted(lexicon.VERB_STANCE, key=len, reverse=True))
CONTENT_STOP = re.compile(
    r",?\s+(?:and|but)\s+(?:(?:he|she|they|has|have|had|also|then|later|is|was|would|will)\s+)"
    r"{0,2}(?:" + CONJOINED_VERB + r")\b"
    r"|,\s*(?:although|though|but|while|whereas)\b|;\s"
    r"|,\s*(?:according\s+to|as\s+per\b|(?:he|she|they|it)\s+(?:said|says|added|wrote|told)\b|"
    r"speaking\s+on\s+condition|speaking\s+to|adding\b|noting\b|saying\b|arguing\b|"
    r"citing\b|claiming\b|warning\b|insisting\b)"
)
NEAR_THAT = re.compile(r"[^,.;:!?\"“”\n]{0,50}?\b(that)\s+[\w“\"]")
# What may stand between a verb and a "that" it introduces: an adjunct or an object that
# cannot be content. "said they were concerned that" keeps its whole clause.
BEFORE_THAT = re.compile(
    r"\s*(?:in|on|at|during|after|before|last|this|earlier|early|late|from|to|with|via|over|"
    r"through|for|by|about|as|so|of|up|nothing|more)\s")
INFINITIVE_VERBS = ("promis", "pledg", "vow", "threat", "refus", "declin", "agree", "urg",
                     "warn", "plan", "want", "hope", "expect", "seek", "ask")
NOT_CONTENT_OPENERS = ("to ", "for ", "by ", "with ", "about ", "so ", "and ", "as ", "in ",
                        "on ", "at ", "the same", "nothing", "more ", "of ", "up ", "if ",
                        "yes")
APPOSITION_STOP = re.compile(
    r",\s*(?:adding|saying|noting|speaking|arguing|referring|as|when|in\s+a|in\s+an|"
    r"according|because|after|before|while|though|although|but)\b|;|\s+(?:as|when|"
    r"because|after|before|while)\s"
)
# "his claim that A", "Smith's warning that A": a statement named by a noun, its owner.
NOMINAL = re.compile(
    r"\b(?P<owner>[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?=[’']s\s))"
    r"(?:[’']s)?\s+(?:[a-z-]+\s+)?(?P<noun>claim|assertion|argument|contention|insistence|"
    r"allegation|accusation|warning|promise|pledge|prediction|belief|suggestion|announcement|"
    r"statement|conclusion|admission|assurance|complaint)s?\s+(?P<that>that)\s")
# "as per" credits a source only when it names one: a speaker or a statement ("as per a
# ministry statement", "as per NATO"), not a rule or a habit ("as per the agreement").
AS_PER_HEADS = frozenset({
    "statement", "statements", "release", "report", "reports", "briefing", "announcement",
    "communique", "communiqué", "readout", "transcript", "filing", "letter", "email", "post",
    "tweet", "data", "figures", "estimate", "estimates", "survey", "poll", "study", "census",
    "spokesperson", "spokesman", "spokeswoman", "sources", "source", "official", "officials",
})
NOT_AS_PER_NAMES = frozenset({
    "agreement", "accord", "accords", "treaty", "act", "law", "constitution", "convention",
    "rules", "rule", "code", "protocol", "charter", "plan", "deal",
})
# "As one lawyer put it, A": the speaker between "As" and "put it".
PUT_IT = re.compile(r"\b[Aa]s\s+(?P<who>[^,.;:!?\"“”\n]{2,80}?)\s+(?P<cue>(?:\w+ly\s+)?put\s+it)"
                     r"\s*[,:]\s*")
CALLED_IN = re.compile(r"\s+(?:in\s+to|into|in\b)")
SUBJECT_STOPS = lexicon.PHRASE_BREAKERS | frozenset(lexicon.VERB_STANCE)
PAST_VERB = re.compile(r"(?<=\s)[a-z]+ed\b")
FIRST_WORD = re.compile(r"([a-z]+ing)\b")
PARTICIPLE_CUES = frozenset(form for form in lexicon.VERB_STANCE if form.endswith("ing"))
TRAILING_PUNCT = ".!?;:,—– "
CLOSERS = "\"”»'"

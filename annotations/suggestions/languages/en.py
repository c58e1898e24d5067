"""English: reporting verbs with their stances, name and title words, and the patterns of
English clauses the attribution rules read."""

import re

from ..lexicon import ASSERTED, CONFIRMED, DENIED, DISPUTED, REPORTED

CODE = "en"

# Lemma -> (inflected forms, stance). Forms are listed rather than generated: English
# reporting verbs are irregular often enough (say/said, tell/told, write/wrote).
VERBS: dict[str, tuple[tuple[str, ...], str]] = {
    "say": (("say", "says", "said", "saying"), ASSERTED),
    "tell": (("tell", "tells", "told", "telling"), ASSERTED),
    "add": (("add", "adds", "added", "adding"), ASSERTED),
    "state": (("states", "stated", "stating"), ASSERTED),
    "claim": (("claim", "claims", "claimed", "claiming"), ASSERTED),
    "assert": (("assert", "asserts", "asserted", "asserting"), ASSERTED),
    "note": (("note", "notes", "noted", "noting"), ASSERTED),
    "read": (("reads",), ASSERTED),
    "assume": (("assumed", "assumes"), ASSERTED),
    "forecast": (("forecast", "forecasts"), ASSERTED),
    "write": (("write", "writes", "wrote", "writing"), ASSERTED),
    "argue": (("argue", "argues", "argued", "arguing"), ASSERTED),
    "insist": (("insist", "insists", "insisted", "insisting"), ASSERTED),
    "warn": (("warn", "warns", "warned", "warning"), ASSERTED),
    "explain": (("explain", "explains", "explained", "explaining"), ASSERTED),
    "announce": (("announce", "announces", "announced", "announcing"), ASSERTED),
    "suggest": (("suggest", "suggests", "suggested", "suggesting"), ASSERTED),
    "declare": (("declare", "declares", "declared", "declaring"), ASSERTED),
    "predict": (("predict", "predicts", "predicted", "predicting"), ASSERTED),
    "contend": (("contend", "contends", "contended", "contending"), ASSERTED),
    "maintain": (("maintains", "maintained"), ASSERTED),
    "allege": (("allege", "alleges", "alleged", "alleging"), ASSERTED),
    "tweet": (("tweeted", "tweets", "tweeting"), ASSERTED),
    "post": (("posted",), ASSERTED),
    "respond": (("responded",), ASSERTED),
    "reply": (("replied",), ASSERTED),
    "recall": (("recalled", "recalls", "recalling"), ASSERTED),
    "emphasize": (("emphasized", "emphasizes", "emphasizing", "emphasised"), ASSERTED),
    "stress": (("stressed", "stresses", "stressing"), ASSERTED),
    "complain": (("complained", "complains", "complaining"), ASSERTED),
    "promise": (("promised", "promises", "promising"), ASSERTED),
    "pledge": (("pledged", "pledges", "pledging"), ASSERTED),
    "vow": (("vowed", "vows", "vowing"), ASSERTED),
    "believe": (("believe", "believes", "believed"), ASSERTED),
    "estimate": (("estimated", "estimates"), ASSERTED),
    "indicate": (("indicated", "indicates"), ASSERTED),
    "show": (("shows", "showed", "show"), ASSERTED),
    "find": (("found", "finds"), ASSERTED),
    "testify": (("testified", "testifies"), ASSERTED),
    "observe": (("observed",), ASSERTED),
    "reveal": (("revealed", "reveals"), ASSERTED),
    "disclose": (("disclosed", "discloses"), ASSERTED),
    "conclude": (("concluded", "concludes"), ASSERTED),
    "comment": (("commented",), ASSERTED),
    "remark": (("remarked",), ASSERTED),
    "quip": (("quipped",), ASSERTED),
    "wonder": (("wondered", "wonders"), ASSERTED),
    "counter": (("countered",), ASSERTED),
    "retort": (("retorted",), ASSERTED),
    "reason": (("reasoned",), ASSERTED),
    "speculate": (("speculated", "speculates"), ASSERTED),
    "caution": (("cautioned", "cautions"), ASSERTED),
    "answer": (("answered",), ASSERTED),
    "proclaim": (("proclaimed", "proclaims"), ASSERTED),
    "exclaim": (("exclaimed",), ASSERTED),
    "recount": (("recounted", "recounts"), ASSERTED),
    "assure": (("assured", "assures"), ASSERTED),
    "remind": (("reminded", "reminds"), ASSERTED),
    "inform": (("informed",), ASSERTED),
    "affirm": (("affirmed", "reaffirmed"), ASSERTED),
    "swear": (("swore",), ASSERTED),
    "feel": (("felt", "feels"), ASSERTED),
    "learn": (("learned",), ASSERTED),
    "clarify": (("clarified", "clarifies", "clarifying"), ASSERTED),
    "articulate": (("articulated", "articulates"), ASSERTED),
    "convey": (("conveyed", "conveys"), ASSERTED),
    "relay": (("relayed",), ASSERTED),
    "verify": (("verified", "verifies"), CONFIRMED),
    "concede": (("conceded", "concedes"), CONFIRMED),
    "acknowledge": (("acknowledged", "acknowledges", "acknowledging"), CONFIRMED),
    "admit": (("admitted", "admits", "admitting"), CONFIRMED),
    "confirm": (("confirmed", "confirms", "confirming", "confirm"), CONFIRMED),
    "agree": (("agreed", "agrees"), CONFIRMED),
    "report": (("reported", "reports", "reporting"), REPORTED),
    "deny": (("denied", "denies", "denying", "deny"), DENIED),
    "refute": (("refuted", "refutes", "refuting"), DENIED),
    "reject": (("rejected", "rejects", "rejecting"), DENIED),
    "dismiss": (("dismissed", "dismisses"), DENIED),
    "dispute": (("disputed", "disputes", "disputing"), DISPUTED),
    "question": (("questioned",), DISPUTED),
    "contest": (("contested",), DISPUTED),
}

# Verbs of stance, intention and judgement that PolNeAR-style attribution counts too;
# their complement is often a noun phrase or an infinitive rather than a clause.
BROAD_VERBS: dict[str, str] = {
    form: ASSERTED for form in (
        "called", "calls", "calling", "cited", "cites", "citing", "asked", "asks", "asking",
        "attacked", "attacks", "criticized", "criticizes", "criticised", "described",
        "describes", "supports", "supported", "wants", "wanted", "plans", "planned", "expects",
        "expected", "accused", "accuses", "pointed", "points", "mentioned", "mentions",
        "continued", "blasted", "blasts", "urged", "urges", "urging", "hopes", "hoped",
        "thinks", "thought", "knows", "praised", "praises", "echoed", "echoes", "endorsed",
        "proposed", "proposes", "proposing", "refused", "refuses", "decided", "defended",
        "defends", "defending", "demanded", "demands", "demanding", "offered", "expressed",
        "condemned", "condemns", "slammed", "slams", "likened", "touted", "touts", "welcomed",
        "opposed", "opposes", "backed", "lamented", "mocked", "joked", "charged", "highlighted",
        "blamed", "blames", "credited", "challenged", "ruled", "encouraged", "encouraging",
        "encourages", "reiterated", "repeated", "addressed", "discussed", "acknowledges",
        "predicts", "worried", "feared", "fears", "questions", "doubts", "doubted", "estimated",
        "projected", "recommended", "recommends", "advised", "advocated", "advocates", "favors",
        "favored", "rejects", "seeks", "sought", "threatened", "threatens", "boasted",
        "bragged", "conceded", "objected", "lashed", "signaled", "signalled", "hinted",
        "implied", "implies", "understood", "think", "want", "know", "hope", "expect",
        "support", "plan", "promise", "argue", "worry", "fear", "believe", "suspect",
        "suspects", "suspected", "spoke", "talked", "railed",
        "describing", "attacking", "slamming", "accusing", "criticizing", "blaming",
        "praising", "compared", "comparing", "labeled", "labelled", "dubbed", "branded",
        "characterized", "portrayed", "denounced", "denouncing", "decried", "ridiculed",
        "chastised", "scolded", "applauded", "hailed", "lauded", "outlined", "detailed",
        "referenced", "questioning", "unveiled", "endorses", "endorsing", "worries", "rated",
        "disagrees", "disagreed", "championed", "champions", "question",
    )
}

# Particles that belong to the cue: "called for", "pointed to".
PARTICLES = {
    "called": ("for", "on"), "calls": ("for", "on"), "calling": ("for", "on"),
    "pointed": ("to", "out"), "points": ("to", "out"), "lashed": ("out at", "out"),
    "complained": ("about",), "warned": ("against", "of"),
    "joked": ("about",), "boasted": ("about",), "bragged": ("about",),
    "worried": ("about", "that"), "spoke": ("about", "of", "out against", "out about"),
    "talked": ("about",), "railed": ("against",), "decided": ("against",),
    "agreed": ("with",), "agrees": ("with",), "disagrees": ("with",), "disagreed": ("with",),
}

# Endings of the participles that hang a second attribution on a clause's subject
# ("..., adding that ...").
GERUND_ENDINGS = ("ing",)

# Verbs whose object is a listener, not the content: "told reporters that ...".
LISTENER_VERBS = frozenset({
    "tell", "tells", "told", "telling", "warn", "warns", "warned", "warning", "urged", "urges",
    "urging", "asked", "asks", "asking", "assured", "reminded", "informed", "advised",
})

# Verbs too common in other senses to be cues without a "that" or a quotation after them.
WEAK_VERBS = frozenset({
    "state", "states", "post", "posted", "note", "reports", "reporting", "warning", "writing",
    "stressing", "felt", "feels", "learned", "answered", "reminded", "informed", "reads",
    # "clarified the matter", "conveyed a message": an object, not what was said.
    "clarified", "clarifies", "clarifying", "articulated", "articulates", "conveyed", "conveys",
    "relayed", "verified", "verifies",
})

# Stance words that, before a report noun, make the report the article's claim:
# "refuted a story by the Financial Times that ...".
REPORT_NOUNS = frozenset({
    "story", "report", "reports", "article", "claim", "claims", "account", "accounts",
    "reporting", "allegation", "allegations", "assertion", "suggestion", "suggestions",
})

# Lines saying a party would not answer; the party is the subject.
NO_RESPONSE_PATTERNS = (
    r"did\s+not\s+(?:immediately\s+)?(?:respond|reply|return)\b[^.!?\n]*",
    r"didn[’']t\s+(?:immediately\s+)?(?:respond|reply|return)\b[^.!?\n]*",
    r"(?:has|have|had)\s+not\s+(?:yet\s+)?(?:responded|replied|returned)\b[^.!?\n]*",
    r"declined\s+(?:to\s+comment|comment)\b[^.!?\n]*",
    r"(?:could|can)\s+not\s+(?:immediately\s+)?be\s+reached\b[^.!?\n]*",
    r"(?:could|can)n[o’']t\s+(?:immediately\s+)?be\s+reached\b[^.!?\n]*",
    r"refused\s+to\s+comment\b[^.!?\n]*",
)

# Words that may stand between a subject and its verb and belong to neither.
ADVERBS = frozenset({
    "also", "later", "previously", "repeatedly", "then", "again", "once", "recently",
    "publicly", "privately", "often", "earlier", "first", "quickly", "flatly", "has",
    "have", "had", "would", "will", "did", "does", "do", "is", "was", "were", "are",
    "could", "may", "might", "should", "long", "since", "just", "already",
    "still", "even", "reportedly", "never", "not", "always", "frequently",
    "initially", "ultimately", "separately", "further", "subsequently", "now",
})

# Nouns that end like adverbs.
LY_NOUNS = frozenset({"family", "ally", "rally", "assembly", "supply", "monopoly", "daily",
                      "weekly", "monthly", "quarterly", "bully", "anomaly"})

PRONOUNS = {
    "he": "person", "she": "person", "they": "plural", "it": "thing", "we": "plural",
    "i": "speaker", "who": "relative", "which": "relative",
}

# Capitalised words that open a sentence or clause but never start a name.
CAPITAL_STOPWORDS = frozenset({
    "But", "And", "Or", "So", "Yet", "In", "On", "At", "As", "For", "If", "When", "While",
    "After", "Before", "Since", "Although", "Though", "Because", "However", "Meanwhile",
    "Still", "Then", "Now", "Also", "Later", "Earlier", "Asked", "Instead", "Indeed",
    "Moreover", "Separately", "Last", "This", "That", "These", "Those", "There", "Here",
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "Even", "Only", "By", "From",
    "With", "Without", "To", "Of", "Speaking", "Writing", "According", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Yesterday",
    "Photo", "Until", "Under", "Over", "Not", "No", "What", "Why", "How", "Where", "Who",
    "Both", "Like", "Unlike", "During", "Through", "About", "Perhaps", "Previously",
})

DETERMINERS = frozenset({
    "the", "a", "an", "one", "another", "some", "many", "two", "three", "several", "most",
    "both", "his", "her", "its", "their", "other", "few", "any", "all", "each", "no",
    "these", "those", "this", "that", "our", "my", "your", "more",
})

# Lower-case words that end a name or noun phrase when scanning left from a verb.
PHRASE_BREAKERS = frozenset({
    "and", "or", "but", "that", "which", "who", "whom", "whose", "when", "while", "if",
    "as", "because", "since", "though", "although", "after", "before", "than", "to",
    "in", "on", "at", "by", "with", "from", "into", "about", "over", "under", "during",
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "not", "it", "he", "she", "they", "we", "i", "you", "him", "her", "them", "me",
    "us", "so", "then", "there", "here", "where", "what", "how", "why", "also", "just",
    "would", "will", "can", "could", "may", "might", "should", "must", "shall", "ago",
    "week", "month", "year", "day", "night", "morning", "afternoon", "evening", "today",
    "yesterday", "tonight", "weekend", "time", "earlier", "later", "now", "said", "says",
    "told", "only", "even", "still", "again", "already", "once", "never",
    "saying", "adding", "up", "out", "off", "down", "like", "against", "through",
    "without", "toward", "towards", "upon", "between", "among", "across", "per", "via",
    "around", "until", "unless", "whether", "nor", "yet", "ever", "always", "too",
    "very", "much", "it's", "it’s", "there's",
})

# Words for people who speak without being named.
ANONYMOUS_HEADS = frozenset({
    "official", "officials", "source", "sources", "aide", "aides", "person", "people",
    "insider", "insiders", "diplomat", "diplomats", "spokesperson", "spokesman",
    "spokeswoman", "adviser", "advisers", "advisor", "advisors", "staffer", "staffers",
    "administration official", "officer", "officers", "member", "members", "analyst",
    "analysts", "expert", "experts", "critic", "critics", "observers", "lawmaker",
    "lawmakers", "strategist", "strategists", "operative", "operatives", "donor",
    "donors", "supporter", "supporters", "voter", "voters", "resident", "residents",
    "economist", "economists", "investigators", "prosecutors", "authorities", "police",
    "witness", "witnesses", "researchers", "scientists", "democrats", "republicans",
})

NEWS_WORDS = frozenset({
    "Times", "Post", "Journal", "News", "Reuters", "Press", "Associated", "CNN", "Fox",
    "BBC", "NBC", "CBS", "ABC", "MSNBC", "NPR", "Bloomberg", "Politico", "Axios",
    "Guardian", "Telegraph", "Tribune", "Herald", "Gazette", "Daily", "Magazine",
    "Breitbart", "HuffPost", "Post's", "Times’", "Wire", "AFP", "Newsweek", "Atlantic",
    "Economist", "Mail", "Independent", "Observer", "Chronicle", "Globe", "Star",
    "Bild", "Interfax", "TASS", "RIA", "Xinhua", "Kyodo", "Yonhap", "Al", "Jazeera",
})

GOVERNMENT_WORDS = frozenset({
    "Kremlin", "White", "Ministry", "Department", "Pentagon", "Congress", "Senate",
    "Government", "Administration", "Commission", "Agency", "Police", "Office",
    "Parliament", "Council", "Court", "Bureau", "Cabinet", "Treasury", "FBI", "CIA",
    "State", "Embassy", "Army", "Navy", "Command", "Service", "Secretariat", "EU",
})

ORGANIZATION_WORDS = frozenset({
    "NATO", "UN", "Campaign", "Party", "Committee", "Foundation", "Institute",
    "Association", "Union", "Inc", "Corp", "Company", "Group", "Center", "Centre",
    "University", "Organization", "Organisation", "Bank", "Fund", "IMF", "Council",
    "League", "Coalition", "Federation", "Alliance", "Society", "Network", "Board",
})

# Titles that precede a name and are not part of it ("Mr. Obama" -> Obama).
HONORIFICS = frozenset({
    "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Prof.", "Mr", "Mrs",
    "Ms", "Dr", "Sir", "Lord", "Lady", "Rev.", "Lt.", "Col.", "Sgt.", "Capt.", "Adm.",
    "Amb.", "Atty.", "Supt.", "Cmdr.", "Maj.", "Pres.", "Sens.", "Reps.",
})

# Title words written before a name ("Kremlin spokesperson Dmitry Peskov").
TITLE_WORDS = frozenset({
    "president", "minister", "secretary", "spokesperson", "spokesman", "spokeswoman",
    "senator", "governor", "chairman", "chairwoman", "chair", "director", "chief",
    "leader", "candidate", "nominee", "mayor", "ambassador", "general", "judge",
    "attorney", "representative", "congressman", "congresswoman", "commissioner",
    "officer", "adviser", "advisor", "aide", "manager", "economist", "analyst",
    "professor", "founder", "executive", "ceo", "deputy", "king", "queen", "prince",
    "chancellor", "premier", "speaker", "pope", "host", "anchor", "reporter",
    "strategist", "pollster", "mate", "counselor", "envoy", "press", "vice",
})

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof", "st", "jr", "sr", "lt",
    "col", "sgt", "capt", "adm", "rev", "no", "vs", "inc", "corp", "co", "ltd", "u.s",
    "u.n", "u.k", "e.u", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov",
    "dec", "a.m", "p.m", "d.c", "mt", "ft", "vol", "fig", "e.g", "i.e", "etc", "amb",
    "sens", "reps", "pres", "atty", "supt", "cmdr", "maj",
})

# Cues that are not verbs: "according to X", "as per X" (group `according`), and verbs
# capitalised in headlines (group `title`).
ACCORDING = r"[Aa]ccording\s+to|[Aa]s\s+per\b"
TITLE_CUES = r"Says|Said|Tells|Warns|Claims|Admits|Denies|Insists|Argues|Urges"
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
QUOTE_THEN_NAME = re.compile(r"[,?!]?(?:[”\"]|'')\s*,?\s*(?=[A-Z])")
CLAUSE_BREAK = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|Jr|Sr|St))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen)"
                           r")[.](?=\s)|[!?;”\"“]\s")
COMMA_QUOTE = re.compile(r",\s*[“\"]")
NOT_A_COMPLEMENT = re.compile(
    r"(?:as|when|after|before|while|because|in|at|on|during|since|outside|inside|from|with|"
    r"to|of|about|earlier|later)\b")
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
# `<VERBS>` stands for every reporting verb form (see languages.Language).
CONTENT_STOP = (
    r",?\s+(?:and|but)\s+(?:(?:he|she|they|has|have|had|also|then|later|is|was|would|will)\s+)"
    r"{0,2}(?:<VERBS>)\b"
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
FIRST_WORD = re.compile(r"([a-z]+ing)\b")
CLOSERS = "\"”»'"

# Sentences: candidate ends (terminal punctuation, closing quotes or brackets, a space) and
# the characters a new sentence may open with besides a capital or a digit.
SENTENCE_END = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s+)")
SENTENCE_OPENERS = "\"“‘'«(["
# Quotation marks: doubled straight singles ('' ... '') as some newswires write them,
# ``...'' as converted corpora do, and the single-character marks. QUOTE_CLOSES maps each
# opening mark to the marks that close it; QUOTE_EITHER marks open or close by context.
QUOTE_MARK = re.compile(r"''|``|[\"“”«»„]")
QUOTE_EITHER = frozenset({'"', "''"})
QUOTE_CLOSES = {mark: frozenset({"”", "»"}) for mark in ("``", "“", "«", "„", '"', "''")}
# A paragraph that opens with one of these carries on a quotation left open above it.
QUOTE_CONTINUES = "\"“«'"

LEFT_DETERMINERS = DETERMINERS - {"that", "this", "these", "those", "no", "more", "all", "any"}
INNER_PREPOSITIONS = frozenset({"of", "for", "at", "in", "from", "with", "on"})
SUBJECT_PREPOSITIONS = INNER_PREPOSITIONS | {"to"}
QUANTIFIERS = frozenset({"some", "many", "most", "few", "both", "several", "others"})
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
# Words that open a sentence before its subject: a connective ("But", "Meanwhile,") or the
# first word of an opening adverbial that runs to a comma ("After the vote, X said").
CONNECTIVES = frozenset({"but", "and", "so", "yet", "still", "meanwhile", "however", "instead",
                          "also", "then", "now", "indeed", "moreover", "separately", "later",
                          "earlier", "today", "yesterday"})
OPENERS = frozenset({"in", "on", "at", "after", "before", "when", "while", "as", "although",
                      "though", "because", "since", "if", "during", "from", "with", "without",
                      "for", "by", "despite", "following", "ahead", "amid", "under", "over",
                      "last", "this", "asked", "unlike", "like", "once", "until", "beyond",
                      "among", "against", "throughout", "within", "outside", "inside"})
# Past forms that end a name-led subject although they are not reporting verbs ("Ortiz met").
IRREGULAR_PAST = frozenset({
    "met", "went", "made", "took", "gave", "came", "saw", "left", "held", "kept", "led", "ran",
    "won", "lost", "sent", "brought", "got", "put", "set", "stood", "sat", "heard", "knew",
    "paid", "built", "fought", "caught", "began", "became", "broke", "chose", "drew", "flew",
    "grew", "hid", "hit", "let", "meant", "read", "rose", "shut", "spent", "struck", "tried",
    "wore", "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
    "may", "might", "should", "must", "did", "does",
})
DATE_WORDS = WEEKDAYS | frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "sept.", "oct.", "nov.", "dec.", "jan.", "feb.", "aug."})
ADJECTIVE_ENDINGS = ("an", "ic", "ish", "ese", "al", "ian", "ean")
# Small words of noun phrases and subjects.
AND_WORDS = frozenset({"and"})
OF_WORDS = frozenset({"of", "for"})
# Capitalised words that never start a name even inside a clause.
CLAUSE_OPENING_CAPITALS = frozenset({"But", "And", "The", "A"})
# "Those close to him say": the word and the heads it follows.
CLOSE_WORDS = frozenset({"close"})
CLOSE_HEADS = frozenset({"those", "people", "sources", "someone", "one", "aides", "allies"})
# Endings that mark a word's part of speech well enough for the phrase scanners.
ADVERB_ENDINGS = ("ly",)
PAST_ENDINGS = ("ed",)
NEGATION_ENDINGS = ("n't",)
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
# Lower-case words that may stand inside a name leading a subject ("Ortiz de Zárate").
SUBJECT_NAME_LINKS = frozenset({"of", "de", "van", "von", "al", "bin"})

# A content opening with one of these is a quotation (direct speech); one of a single word
# counts only when it opens with one of SHORT_QUOTE_OPENERS.
DIRECT_OPENERS = "\"“«'`"
SHORT_QUOTE_OPENERS = "\"“"

# Around a reporting verb: words that join it to an earlier verb ("and denied"), words after
# which a participle is coordinated ("by saying"), calls that are telephone calls.
COORDINATORS = frozenset({"and", "but"})
BEFORE_COORDINATED_PARTICIPLE = frozenset({
    "by", "for", "from", "after", "while", "before", "without", "of"})
CALL_FORMS = ("call",)
# Appositions: the relative pronoun for people and the words that open an aside about place
# or time ("Ortiz, at the hearing, said").
WHO = frozenset({"who"})
APPOSITION_ASIDES = frozenset({"at", "in", "on", "during"})
# What goes on after "A, he said, B" without belonging to A.
NOT_A_SECOND_HALF = re.compile(
    r"(?:who|which|whose|where|when|while|as|adding|saying|noting|"
    r"speaking|according|citing|in|at|on|after|before|during|though|"
    r"although|because|but|and\s+(?:then|also|is|was|has|had|will|would)|"
    r"referring|calling|pointing|describing)\b")
# Openings of a complement: a "that" clause, an infinitive, a passive's agent.
THAT_OPENERS = ("that ",)
INFINITIVE_OPENERS = ("to ",)
AGENT_OPENERS = ("by ",)
# "denied a report by the FT that A": the report and who made it. `<NOUNS>` stands for
# REPORT_NOUNS.
REPORT_HEAD = (r"(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?P<noun><NOUNS>)\s+"
               r"(?:by|from|in|of)\s+")
# Where the cue of a no-response line ends ("did not immediately respond").
NO_RESPONSE_CUE_END = re.compile(r"[\w’'\s]*?(?:respond|reply|return|comment|reached|responded|"
                                 r"replied|returned)\w*")
# "as per" credits only a phrase that names a source (see AS_PER_HEADS).
NAMED_SOURCE_CUES = ("as",)
# PUT_IT is looked for only in a text that holds this.
MAY_PUT_IT = "put it"

# A run of capitalised words; a full stop only after an initial or an honorific, so a run
# never crosses a sentence end ("on Monday. She said").
NAME_WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Lt|Col)\.|[A-Z][\w’'-]*)"
NAME_RUN = re.compile(
    r"(?<![\w’'.])" + NAME_WORD + r"(?:[ \t]+(?:" + NAME_WORD + r"|de|van|von|bin|al|da|la|"
    r"del|der|di|le))*"
)
NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
# Past forms that show a lone capitalised word acting as a subject ("Ortiz met").
ACTING_PAST = frozenset({
    "met", "went", "made", "took", "gave", "came", "saw", "left", "held", "led", "ran", "won",
    "lost", "sent", "brought", "spoke", "told", "said", "wrote", "thought", "knew", "heard",
    "began", "became", "sought", "fought", "struck"})
NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "da", "la", "del", "der", "di", "le",
                            "of"})
# A capitalised word after a lower-case word or a comma: inside a sentence, so a name.
INSIDE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][\w’'-]*)")
CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?![\w’'-])")
NON_PERSON = (NEWS_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS
               | {"House", "States", "United", "America", "American", "Democratic",
                  "Republican", "Democrats", "Republicans", "Russia", "Russian", "Ukraine",
                  "Street", "Avenue", "City", "County", "Island", "Islands", "North", "South",
                  "East", "West", "New", "Los", "San", "Fort", "Lake", "Mount", "Saint"})


# Pronouns as the resolver reads them.
PERSON_PRONOUNS_FOR_KIND = frozenset({"he", "she", "i"})
GROUP_PRONOUNS_FOR_KIND = frozenset({"they", "it", "which", "we"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
HE_SHE = frozenset({"he", "she"})
RELATIVES = frozenset({"who", "which"})
OTHER_PRONOUNS = frozenset({"they", "it", "we", "i", "their", "its"})
POSSESSIVE_PRONOUNS = {"their": "they", "its": "it"}
FIRST_PERSON = frozenset({"i"})
DEFINITES = frozenset({"the", "this", "that"})
# A lone capitalised word ending so is no name acting as a subject ("Crops are withering").
NOT_A_NAME_ENDINGS = ("s", "ed", "ing", "ly")
ACCORDING_STOPS = frozenset({"that", "who", "which"})

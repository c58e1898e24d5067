"""Word lists for the attribution finder: reporting verbs, their stances, and name/title cues."""

# Stance vocabulary (the same words as Attribution.Stance).
ASSERTED = "asserted"
REPORTED = "reported"
CONFIRMED = "confirmed"
DENIED = "denied"
DISPUTED = "disputed"
NO_RESPONSE = "no_response"

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

# Participles that hang a second attribution on a clause's subject: "..., adding that ...".
PARTICIPLES = frozenset(
    form for forms, _stance in VERBS.values() for form in forms if form.endswith("ing")
)

VERB_STANCE: dict[str, str] = {
    **BROAD_VERBS, **{form: stance for forms, stance in VERBS.values() for form in forms},
}

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

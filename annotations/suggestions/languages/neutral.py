"""Defaults every language table starts from: the rules' switches off, patterns that find
nothing, and the quotation and sentence conventions shared by the European languages.

A language table names only what it has; `Language` reads this module first and the
language's table over it. English defines every name itself.
"""

import re

NEVER = re.compile(r"(?!)")

VERBS: dict[str, tuple[tuple[str, ...], str]] = {}
BROAD_VERBS: dict[str, str] = {}
PARTICLES: dict[str, tuple[str, ...]] = {}
GERUND_ENDINGS: tuple[str, ...] = ()
LISTENER_VERBS: frozenset[str] = frozenset()
WEAK_VERBS: frozenset[str] = frozenset()
NOUN_OR_VERB: frozenset[str] = frozenset()
INFINITIVE_VERBS: tuple[str, ...] = ()
CALL_FORMS: tuple[str, ...] = ()
LY_NOUNS: frozenset[str] = frozenset()
ADJECTIVE_DETERMINERS: frozenset[str] = frozenset()
DEGREE_ADVERBS: frozenset[str] = frozenset()
PASSIVE_BEFORE: frozenset[str] = frozenset()
BEFORE_COORDINATED_PARTICIPLE: frozenset[str] = frozenset()
AS_PER_HEADS: frozenset[str] = frozenset()
NOT_AS_PER_NAMES: frozenset[str] = frozenset()
NAMED_SOURCE_CUES: tuple[str, ...] = ()
TITLE_CUES = ""
CLOSE_WORDS: frozenset[str] = frozenset()
CLOSE_HEADS: frozenset[str] = frozenset()
ADVERB_ENDINGS: tuple[str, ...] = ()
PAST_ENDINGS: tuple[str, ...] = ()
NEGATION_ENDINGS: tuple[str, ...] = ()
POSSESSIVE_ENDINGS: tuple[str, ...] = ()
NOT_A_NAME_ENDINGS: tuple[str, ...] = ()
ADJECTIVE_ENDINGS: tuple[str, ...] = ()
IRREGULAR_PAST: frozenset[str] = frozenset()
ACTING_PAST: frozenset[str] = frozenset()
CLAUSE_OPENING_CAPITALS: frozenset[str] = frozenset()
FIRST_PERSON: frozenset[str] = frozenset()
POSSESSIVE_PRONOUNS: dict[str, str] = {}

# Patterns of English constructions other languages do not have.
IDIOM_BEFORE = NEVER
CALLED_IN = NEVER
PUT_IT = NEVER
MAY_PUT_IT = "\0"
NOMINAL = NEVER
CUE_ADJUNCT = NEVER
TIME_BEFORE = NEVER

# Switches for constructions of some languages only (see the rules that read them).
# Dialogue dashes that open direct speech at a paragraph's start ("—Vamos —dijo—.").
DIALOGUE_DASHES = ""
# Where the narrator's aside interrupts a line of dialogue.
DIALOGUE_ASIDE = re.compile(r"\s[—–]")
# Characters after which a cue with no subject before it takes the subject after it
# ("A», dijo el ministro"), and after which such a cue closes the content before it.
INVERSION_AFTER = ",\"”»'"
POSTPOSED_AFTER = ",\"”»'—"
# A subject pronoun joined to the verb after it ("dit-il") or to its auxiliary before it
# ("a-t-elle déclaré"); group `who`.
CLITIC_AFTER = NEVER
CLITIC_BEFORE = NEVER
# Articles elided before a vowel and written onto the word ("l’Élysée").
ELISIONS: tuple[str, ...] = ()
# Auxiliaries of a compound past, kept with the verb when the subject follows ("a déclaré X").
AUXILIARIES: frozenset[str] = frozenset()
# A subject pronoun may follow its verb ("sagte sie", "dijo él").
INVERTED_PRONOUNS = False
# A subject may be left out (the verb's ending tells it): "Dijo que ...".
PRO_DROP = False
# The finite verb comes second and the subject may follow it ("Am Montag sagte Merkel, ...").
VERB_SECOND = False
# Separable verbs: a form and the particle that ends its clause ("fügte ... hinzu").
SEPARABLE: dict[str, tuple[str, ...]] = {}
SEPARABLE_PARTICLE = NEVER
# Cues of "according to" that follow their source ("dem Bericht zufolge").
POSTPOSITIONS: frozenset[str] = frozenset()
# The source after "according to" when no comma ends it ("Laut Polizei wurden ..."); None
# reads a noun phrase up to a comma.
ACCORDING_SOURCE = None
# Determiners that, after a noun, open its genitive ("der Sprecher des Ministeriums").
GENITIVE_DETERMINERS: frozenset[str] = frozenset()
# Reported speech in its own mood that goes on after a statement ("Die Lage sei ernst.").
REPORTED_MOOD = NEVER
# Lower-case particles inside a person's name ("Ursula von der Leyen", "Luis de Guindos").
INNER_NAME_PARTICLES: frozenset[str] = frozenset()
# What opens the content of a report a speaker denies; THAT when None.
REPORT_THAT = None
# A title before a name set off by commas ("la ministra, Nadia Calviño, dijo"): the name.
APPOSED_NAMES = False
# Cues of "according to" whose source ends before these words.
ACCORDING_STOPS = frozenset()
# Month names after which "3." is an ordinal, not a sentence end ("am 3. Oktober").
ORDINAL_MONTHS: frozenset[str] = frozenset()

# Sentences and quotation marks shared by the European languages.
SENTENCE_END = re.compile(r"[.!?…]+[\"”“’‘'»«›‹)\]]*(?=\s+)")
SENTENCE_OPENERS = "\"“„‚‘'«»‹›([—–¿¡"
QUOTE_EITHER = frozenset({'"'})
# Opening mark -> the marks that close it; a mark both ways round (» « in German and
# French usage) opens when nothing is open.
QUOTE_CLOSES = {
    "“": frozenset({"”"}), "„": frozenset({"“", "”"}), "‚": frozenset({"‘"}),
    "«": frozenset({"»"}), "»": frozenset({"«"}), "‹": frozenset({"›"}), "›": frozenset({"‹"}),
    '"': frozenset({"”"}),
}
QUOTE_MARK = re.compile(r"[\"“”„‚‘«»‹›]")
QUOTE_CONTINUES = "\"“„«»‹›"
DIRECT_OPENERS = "\"“„‚«»‹›—–"
SHORT_QUOTE_OPENERS = "\"“„‚«»‹›"
CLOSERS = "\"”“‘»«›‹"
QUOTE_THEN_NAME = re.compile(r"[,?!]?[”\"“»«‹›‘]\s*,?\s*(?=[^\W\d_])")
COMMA_QUOTE = re.compile(r",\s*[“\"„«»‹›‚]")
DASH_CREDIT = re.compile(
    r"[”\"“»«](?P<gap>\s*)(?P<dash>[―—])\s*(?P<name>[^\W\d_][\w.’'-]*(?:\s+[^\W\d_][\w.’'-]*){0,3})"
    r"[.\s\u00a0]*$", re.MULTILINE)
SPEAKER_LABEL = re.compile(
    r"^[\"“„«»]?(?P<name>(?:[A-ZÀ-Þ][A-ZÀ-Þ.’'-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ.’'-]+){0,2})|"
    r"(?:[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*){0,2}))(?P<colon>:)\s+(?P<line>[^\n]+)",
    re.MULTILINE)
NAME_WORD = r"(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][\w’'-]*)"
NEXT_WORD = re.compile(r"\s+([^\W\d_A-ZÀ-Þ][\w]*)\b")
INSIDE_CAPITAL = re.compile(r"(?:(?<=[^\W\d_A-ZÀ-Þ] )|(?<=[,;] ))([A-ZÀ-Þ][\w’'-]*)")
CAPITALISED = re.compile(r"(?<![\w’'-])[A-ZÀ-Þ][\w’'-]*(?![\w’'-])")


def name_run(particles: str) -> re.Pattern:
    """A run of capitalised words, joined by the lower-case particles of names ("de|da")."""
    return re.compile(r"(?<![\w’'.])" + NAME_WORD + r"(?:[ \t]+(?:" + NAME_WORD + "|" + particles
                      + r"))*")


def words(text: str) -> frozenset[str]:
    """A word list written as one string, split at white space."""
    return frozenset(text.split())

"""German: reporting verbs with their stances, titles, pronouns and the patterns of German
clauses („Anführungszeichen“ and »Guillemets«, "laut X", "X zufolge", the verb second
("Am Montag sagte Scholz, ..."), separable verbs ("fügte ... hinzu") and reported speech in
Konjunktiv I that goes on after its statement ("Die Lage sei ernst.")."""

import re

from ..lexicon import ASSERTED, CONFIRMED, DENIED, DISPUTED, REPORTED
from . import inflect
from .neutral import name_run, words

CODE = "de"

_WEAK = {
    ASSERTED: """sag erklär beton behaupt versicher bekräftig warn erläuter ergänz mein
        twitter schreib argumentier unterstreich antwort kommentier verkünd""",
    CONFIRMED: "bestätig",
    DENIED: "dementier leugn",
    DISPUTED: "bezweifel",
    REPORTED: "bericht meld",
}
VERBS: dict[str, tuple[tuple[str, ...], str]] = {
    stem: (inflect.de(stem), stance) for stance, stems in _WEAK.items() for stem in stems.split()
    if stem not in ("schreib", "unterstreich")
}
VERBS.update({
    "schreiben": (("schreibt", "schrieb", "schrieben", "geschrieben"), ASSERTED),
    "unterstreichen": (("unterstreicht", "unterstrich", "unterstrichen"), ASSERTED),
    "bestreiten": (("bestreitet", "bestritt", "bestritten"), DENIED),
    "widersprechen": (("widerspricht", "widersprach", "widersprochen"), DISPUTED),
    "zurückweisen": (("zurückgewiesen",), DENIED),
    "einräumen": (("eingeräumt",), CONFIRMED),
    "mitteilen": (("mitgeteilt",), ASSERTED),
    "hinzufügen": (("hinzugefügt",), ASSERTED),
    # Separable verbs: the finite stem here, its particle in SEPARABLE.
    "fügen": (("fügte", "fügt"), ASSERTED),
    "teilen": (("teilte", "teilt", "teilten"), ASSERTED),
    "weisen": (("wies", "weist", "wiesen"), DENIED),
    "räumen": (("räumte", "räumt"), CONFIRMED),
    "stellen": (("stellte", "stellt"), ASSERTED),
    "heben": (("hob", "hebt"), ASSERTED),
    "geben": (("gab", "gibt", "gaben"), CONFIRMED),
})
SEPARABLE = {
    "fügte": ("hinzu",), "fügt": ("hinzu",), "teilte": ("mit",), "teilt": ("mit",),
    "teilten": ("mit",), "wies": ("zurück",), "weist": ("zurück",), "wiesen": ("zurück",),
    "räumte": ("ein",), "räumt": ("ein",), "stellte": ("klar",), "stellt": ("klar",),
    "hob": ("hervor",), "hebt": ("hervor",), "gab": ("zu",), "gibt": ("zu",), "gaben": ("zu",),
}
SEPARABLE_PARTICLE = re.compile(
    r"[^,.;:!?\"„“»«\n]{0,80}?\b(?P<particle>hinzu|mit|zurück|ein|klar|hervor|zu)\b"
    r"(?=\s*[,.:;!?])")
BROAD_VERBS = {form: ASSERTED for form in (
    "forderte", "fordert", "verlangte", "kritisierte", "kritisiert", "lobte", "warf",
    "glaubt", "glaubte", "hofft", "hoffte", "befürchtet", "befürchtete")}
LISTENER_VERBS = frozenset({"sagte", "sagt", "erklärte", "versicherte", "teilte"})
WEAK_VERBS = frozenset({"schrieb", "schreibt", "meldete", "meldet", "meinte", "meint",
                        "ergänzte", "berichtet"})
REPORT_NOUNS = words("Bericht Berichte Meldung Meldungen Artikel Darstellung Behauptung "
                     "Behauptungen Vorwürfe Vorwurf Angaben")
REPORT_HEAD = (r"(?:einen|einem|den|dem|die|der|das|seinen|ihren)\s+(?:[\w-]+\s+){0,2}?"
               r"(?P<noun><NOUNS>)\s+(?:der|des|von|vom|im|in\s+der)\s+")
REPORT_THAT = re.compile(r"(?:,\s*)?\b(?:wonach|dass|demzufolge|dem\s+zufolge)\b")
NO_RESPONSE_PATTERNS = (
    r"(?:ließ|ließen)\s+(?:eine\s+)?(?:Anfrage|Anfragen)\s+[^.!?\n]*?unbeantwortet\b[^.!?\n]*",
    r"(?:war|waren)\s+(?:zunächst\s+)?(?:für\s+eine\s+Stellungnahme\s+)?nicht\s+(?:zu\s+)?"
    r"erreichen\b[^.!?\n]*",
    r"(?:wollte|wollten)\s+sich\s+(?:dazu\s+|zunächst\s+)?nicht\s+äußern\b[^.!?\n]*",
    r"(?:reagierte|reagierten|antwortete|antworteten)\s+(?:zunächst\s+)?nicht\s+auf\b[^.!?\n]*",
)
MAY_NOT_RESPOND = re.compile(r"unbeantwortet|erreichen|äußern|nicht\s+auf")
NO_RESPONSE_CUE_END = re.compile(r"[\w’'\s]*?(?:unbeantwortet|erreichen|äußern|nicht\s+auf)")
ADVERBS = words("auch bereits zudem außerdem erneut nochmals später zuvor dann hat haben "
                "hatte hatten habe ebenfalls jedoch aber allerdings")
AUXILIARIES = words("hat haben hatte hatten")
PRONOUNS = {"er": "person", "sie": "person", "wir": "plural", "ich": "speaker",
            "der": "relative", "die": "relative"}
CAPITAL_STOPWORDS = words("Aber Und Oder Wenn Als Während Obwohl Weil Ohne Über Laut Nach "
                          "Vor Seit Bis Heute Gestern Jetzt Auch Zudem Der Die Das Ein Eine "
                          "Dieser Diese Dieses Im In Am An Auf Mit Von Vom Zum Zur Bei Für Er "
                          "Sie Es Wir Nicht So Montag Dienstag Mittwoch Donnerstag Freitag "
                          "Samstag Sonntag Dann Damit Doch Denn Dazu")
DETERMINERS = words("der die das den dem des ein eine einen einem einer eines sein seine "
                    "ihr ihre dieser diese dieses mehrere einige viele zwei drei beide jeder "
                    "jede kein keine")
LEFT_DETERMINERS = DETERMINERS - words("dieser diese dieses jeder jede")
# A genitive after a noun belongs to it: "der Sprecher des Ministeriums".
GENITIVE_DETERMINERS = words("des der")
QUANTIFIERS = words("einige viele mehrere beide")
PHRASE_BREAKERS = words(
    "und oder aber dass wenn als während weil obwohl ob wie nach vor mit ohne für gegen "
    "bei seit bis über unter zwischen laut ist sind war waren hat haben hatte hatten wird "
    "werden wurde wurden sei seien habe nicht auch schon noch sehr er sie es wir ihr man "
    "sich heute gestern morgen woche monat jahr tag abend am im zum zur vom sagte sagt")
INNER_PREPOSITIONS = words("von vom für bei im in aus")
SUBJECT_PREPOSITIONS = INNER_PREPOSITIONS
WEEKDAYS = words("montag dienstag mittwoch donnerstag freitag samstag sonntag heute gestern")
DATE_WORDS = WEEKDAYS | words("januar februar märz april mai juni juli august september "
                              "oktober november dezember")
ORDINAL_MONTHS = words("Januar Februar März April Mai Juni Juli August September Oktober "
                       "November Dezember")
CONNECTIVES = words("aber und doch zudem außerdem jedoch dann nun heute gestern")
OPENERS = words("in im am an nach vor während seit bei mit ohne für laut trotz wegen als "
                "wenn")
AND_WORDS = frozenset({"und"})
OF_WORDS = frozenset({"von", "vom"})
COORDINATORS = frozenset({"und", "aber"})
ANONYMOUS_HEADS = words(
    "quelle quellen kreise regierungskreise sprecher sprecherin beamter beamte berater "
    "beraterin diplomat diplomaten experte experten expertin analyst analysten zeuge zeugen "
    "mitglied mitglieder anwohner ermittler behörden polizei kritiker ökonom ökonomen "
    "insider vertreter")
TITLE_WORDS = words(
    "präsident präsidentin minister ministerin sprecher sprecherin kanzler kanzlerin "
    "bundeskanzler bundeskanzlerin bundespräsident regierungssprecher regierungssprecherin "
    "staatssekretär staatssekretärin abgeordneter abgeordnete bürgermeister bürgermeisterin "
    "ministerpräsident ministerpräsidentin direktor direktorin chef chefin vorsitzender "
    "vorsitzende botschafter botschafterin richter richterin staatsanwalt staatsanwältin "
    "könig königin papst professor professorin general kandidat kandidatin generalsekretär "
    "außenminister außenministerin innenminister innenministerin finanzminister "
    "finanzministerin verteidigungsminister wirtschaftsminister gesundheitsminister "
    "parteichef parteichefin fraktionschef fraktionschefin konzernchef vize")
PERSON_HEADS = ANONYMOUS_HEADS | TITLE_WORDS | words("anwalt anwälte anwältin vertreter "
                                                     "einige viele")
HONORIFICS = words("Herr Frau Dr. Prof.")
ABBREVIATIONS = words("dr prof nr bzw ca etc usw vgl mio mrd st str z.b u.a d.h")
NEWS_WORDS = words("Spiegel Zeit FAZ Süddeutsche Zeitung Welt Bild Handelsblatt Tagesspiegel "
                   "taz Stern Focus dpa AFP Reuters AP ARD ZDF BBC CNN Deutschlandfunk "
                   "Tagesschau Nachrichtenagentur Allgemeine Rundschau")
GOVERNMENT_WORDS = words("Bundesregierung Regierung Kanzleramt Kreml Ministerium "
                         "Bundesministerium Bundestag Bundesrat Polizei Staatsanwaltschaft "
                         "Gericht Bundesverfassungsgericht Kommission Botschaft Bundeswehr "
                         "Rathaus Senat Behörde Amt Auswärtiges Weißes Haus")
ORGANIZATION_WORDS = words("Partei SPD CDU CSU FDP AfD Grünen NATO UN UNO EU IWF Bank "
                           "Stiftung Verband Verein Gewerkschaft Universität Konzern Gruppe "
                           "Institut Organisation Unternehmen")
NON_PERSON = NEWS_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS | words(
    "Deutschland Berlin Europa Österreich Schweiz Ukraine Russland China Frankreich USA "
    "Vereinigten Staaten Bund Länder")
NAME_PARTICLES = words("von van der zu vom")
NAME_RUN = name_run("von|van|von\\s+der|zu|van\\s+der")
SUBJECT_NAME_LINKS = NAME_PARTICLES
INNER_NAME_PARTICLES = words("von van der zu")
PERSON_PRONOUNS = frozenset({"er", "sie"})
HE_SHE = frozenset({"er", "sie"})
PERSON_PRONOUNS_FOR_KIND = frozenset({"er", "sie", "ich"})
GROUP_PRONOUNS_FOR_KIND = frozenset({"wir"})
RELATIVES = frozenset({"der", "die"})
WHO = frozenset({"der", "die"})
OTHER_PRONOUNS = frozenset({"wir"})
DEFINITES = words("der die das den dem des dieser diese")
APPOSITION_ASIDES = words("am im in bei während")

# "laut X", "nach Angaben von X", "X zufolge".
ACCORDING = r"[Ll]aut|[Nn]ach\s+Angaben(?:\s+(?:von|vom|des|der))?|[Gg]emäß|zufolge"
POSTPOSITIONS = frozenset({"zufolge"})
ACCORDING_SOURCE = re.compile(
    r"(?:(?:dem|der|den|des|einem|einer|eines)\s+)?(?:[a-zäöüß]+(?:en|er|em|es|e)\s+)*"
    r"[A-ZÄÖÜ][\w.-]*(?:\s+(?:(?:der|des|von|vom|für|aus)\s+)?(?:[a-zäöüß]+(?:en|er|es|e)\s+)*"
    r"[A-ZÄÖÜ][\w.-]*)*")
ACCORDING_STOPS = words("dass der die das")
NOT_A_CUE_BEFORE = words("zu nicht nie kein keine wie es man sich die der das den dem des "
                         "ein eine einem einen")
NOT_SPEAKERS = words("Foto Fotos Video Hinweis Anmerkung Update Quelle Quellen Lesen Sie "
                     "Mehr Anzeige Werbung Frage Antwort F A")
OBJECT_END = re.compile(r",\s|\s(?:aber|in\s+einem|in\s+einer|nach|weil|während)\s")
CLAUSE_BREAK = re.compile(r"(?<![A-ZÄÖÜ])(?<!\bDr)(?<!\bProf)[.](?=\s)|[!?;”\"“„«»]\s")
NOT_A_COMPLEMENT = re.compile(r"(?:als|wenn|nach|vor|während|weil|in|im|am|an|bei|seit|von|"
                              r"vom|über|mit)\b")
THAT = re.compile(r"\bdass\b")
THAT_OPENERS = ("dass ",)
INFINITIVE_OPENERS = ("zu ",)
AGENT_OPENERS = ("von ",)
NOT_CONTENT_OPENERS = ("mit ", "für ", "von ", "über ", "und ", "als ", "in ", "im ", "zu ",
                       "nichts", "mehr ", "ob ", "ja")
ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:"
    r"am\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende)"
    r"(?:abend|morgen|nachmittag)?"
    r"|(?:heute|gestern|zuletzt|zudem|außerdem|erneut|bereits|ebenfalls|auch|dann)"
    r"|(?:in|bei)\s+(?:einem|einer|der|dem|seiner|ihrer)\s+(?:[\w-]+\s+){0,3}?(?:Interview|"
    r"Erklärung|Rede|Pressekonferenz|Mitteilung|Stellungnahme|Sitzung|Ansprache|Video|"
    r"Brief|Beitrag|Sendung)"
    r"(?:\s+(?:mit|der|des|im|in)\s+(?:dem\s+|der\s+)?[A-ZÄÖÜ][\w.’'-]*(?:\s+[A-ZÄÖÜ][\w.’'-]*)*)?"
    r"|in\s+[A-ZÄÖÜ][\w.’'-]*"
    r"|der\s+(?:Nachrichtenagentur|Zeitung|Zeitschrift|Presse)(?:\s+[\w.’'-]+)?"
    r"|(?:vor|gegenüber)\s+(?:Journalisten|Reportern|der\s+Presse|Anhängern|dem\s+[A-ZÄÖÜ]"
    r"[\w.’'-]*|der\s+[A-ZÄÖÜ][\w.’'-]*|[A-ZÄÖÜ][\w.’'-]*)"
    r")\b"
)
LISTENER = re.compile(r"\s+(?:(?:dem|der)\s+)?[A-ZÄÖÜ][\w.’'-]*(?:\s+[A-ZÄÖÜ][\w.’'-]*)*\b")
CONTENT_STOP = (
    r",?\s+(?:und|aber)\s+(?:(?:er|sie|auch|dann|hat|hatte)\s+)?(?:<VERBS>)\b"
    r"|,\s*(?:obwohl|aber|während|doch)\b|;\s"
    r"|,\s*(?:laut|(?:sagte|erklärte|betonte|fügte|teilte|so)\b)"
)
NEAR_THAT = re.compile(r"[^.;:!?\"„“”«»\n]{0,50}?\b(dass)\s+[\w„“\"»]")
BEFORE_THAT = re.compile(r"\s*(?:,\s*)?(?:am|im|in|bei|vor|gegenüber|nach|auf|mit|dem|der)\s")
APPOSITION_STOP = re.compile(r",\s*(?:als|wenn|nach|weil|während|aber|obwohl|und)\b|;")
NOT_A_SECOND_HALF = re.compile(r"(?:der|die|das|dessen|deren|wo|wenn|als|während|wie|"
                               r"laut|nach|vor|bei|obwohl|weil|aber|und\s+(?:dann|auch))\b")
FIRST_WORD = re.compile(r"(?!)")

# German quotation: „A“ and ‚A‘ low-high, »A« pointing in, the Swiss «A» pointing out.
QUOTE_CONTINUES = "\"„“»«‚"
VERB_SECOND = True
APPOSED_NAMES = True
# Konjunktiv I forms that carry reported speech on after its statement.
REPORTED_MOOD = re.compile(
    r"\b(?:sei|seien|habe|werde|könne|müsse|wolle|solle|dürfe|gebe|stehe|liege|gehe|komme|"
    r"bleibe|fehle|brauche|wisse|handle|arbeite|plane|erwarte)\b")
INVERTED_PRONOUNS = True

"""French: reporting verbs with their stances, titles, pronouns and the patterns of French
clauses (« guillemets », "selon X", "a déclaré", inverted pronouns: "a-t-il dit")."""

import re

from ..lexicon import ASSERTED, CONFIRMED, DENIED, DISPUTED, REPORTED
from . import inflect
from .neutral import name_run, words

CODE = "fr"

_REGULAR = {
    ASSERTED: """déclarer affirmer assurer expliquer ajouter souligner estimer préciser indiquer
        annoncer insister rappeler raconter marteler avancer confier répliquer jurer
        tweeter twitter observer noter relever signaler plaider argumenter considérer
        juger regretter déplorer dénoncer""",
    CONFIRMED: "confirmer avouer corroborer",
    DENIED: "nier rejeter réfuter démentir",
    DISPUTED: "contester",
    REPORTED: "rapporter révéler",
}
VERBS: dict[str, tuple[tuple[str, ...], str]] = {
    verb: (inflect.fr(verb), stance) for stance, verbs in _REGULAR.items() for verb in verbs.split()
    if verb != "démentir"
}
VERBS.update({
    "dire": (("dit", "disent", "disait", "disaient", "dirent", "disant"), ASSERTED),
    "avertir": (inflect.fr("avertir"), ASSERTED),
    "prévenir": (("prévient", "préviennent", "prévenu", "prévint"), ASSERTED),
    "soutenir": (("soutient", "soutiennent", "soutenu", "soutint", "soutenait"), ASSERTED),
    "maintenir": (("maintient", "maintenu"), ASSERTED),
    "répondre": (("répond", "répondent", "répondu", "répondit", "répondait"), ASSERTED),
    "écrire": (("écrit", "écrivent", "écrivait", "écrivit"), ASSERTED),
    "promettre": (("promet", "promettent", "promis", "promit"), ASSERTED),
    "reconnaître": (("reconnaît", "reconnait", "reconnaissent", "reconnu", "reconnut",
                     "reconnaissait", "reconnaissant"), CONFIRMED),
    "admettre": (("admet", "admettent", "admis", "admit"), CONFIRMED),
    "démentir": (("dément", "démentent", "démenti", "démentit", "démentait", "démentant"),
                 DENIED),
})
BROAD_VERBS = {form: ASSERTED for verb in ("critiquer", "accuser", "réclamer", "demander",
                                           "défendre", "qualifier", "saluer", "exiger")
               for form in (inflect.fr(verb) if verb.endswith("er") else ())}
BROAD_VERBS.update({form: ASSERTED for form in ("croit", "croient", "pense", "pensent",
                                                "veut", "voulait", "défend", "défendu")})
GERUND_ENDINGS = ("ant",)
LISTENER_VERBS = frozenset({"dit", "a dit", "assuré", "expliqué", "confié", "promis",
                            "rappelé", "averti", "prévenu"})
WEAK_VERBS = frozenset({"écrit", "noté", "note", "relevé", "relève", "observé", "observe",
                        "signalé", "signale", "avancé", "avance", "rapporté"})
REPORT_NOUNS = words("information informations article articles rapport rapports "
                     "affirmation affirmations accusation accusations allégations article "
                     "enquête révélations")
REPORT_HEAD = (r"(?:un|une|l[’']|le|la|les|des|ses|son|sa)\s*(?:[\w-]+\s+){0,2}?(?P<noun><NOUNS>)"
               r"\s+(?:de|du|des|publiée?s?\s+par|parue?s?\s+dans)\s+")
REPORT_THAT = re.compile(r"\b(?:selon\s+laquelle|selon\s+lequel|selon\s+lesquelles|qu[e’'])")
NO_RESPONSE_PATTERNS = (
    r"n[’']a\s+pas\s+(?:encore\s+|immédiatement\s+)?(?:répondu|donné\s+suite|réagi)\b[^.!?\n]*",
    r"n[’']ont\s+pas\s+(?:encore\s+|immédiatement\s+)?(?:répondu|donné\s+suite|réagi)\b[^.!?\n]*",
    r"(?:n[’']a|n[’']ont)\s+pas\s+souhaité\s+(?:faire\s+de\s+)?commentaires?\b[^.!?\n]*",
    r"(?:s[’']est|se\s+sont)\s+refusée?s?\s+à\s+tout\s+commentaire\b[^.!?\n]*",
    r"n[’']a\s+pas\s+pu\s+être\s+joint\b[^.!?\n]*",
)
MAY_NOT_RESPOND = re.compile(r"répondu|suite|réagi|commentaire|joint")
NO_RESPONSE_CUE_END = re.compile(r"[\w’'\s]*?(?:répondu|donné\s+suite|réagi|commentaires?|"
                                 r"joint)")
ADVERBS = words("a ont avait avaient aurait auraient également aussi encore déjà ensuite "
                "alors ainsi lui leur nous publiquement notamment toutefois récemment "
                "également jeudi")
PRONOUNS = {"il": "person", "elle": "person", "ils": "plural", "elles": "plural",
            "qui": "relative", "nous": "plural", "on": "plural", "je": "speaker"}
CAPITAL_STOPWORDS = words("Mais Et Ou Si Quand Lorsque Alors Pendant Depuis Selon Après Avant "
                          "Aujourd’hui Hier Ainsi Aussi Cependant Pourtant Le La Les L’ Un Une "
                          "Des Ce Cette Ces En Dans Pour Par Sur Avec Sans De Du Au Aux Il Elle "
                          "Ils Elles On Nous Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche")
DETERMINERS = words("le la les l’ l' un une des ce cet cette ces son sa ses leur leurs "
                    "plusieurs certains certaines deux trois chaque aucun aucune tous toutes")
LEFT_DETERMINERS = DETERMINERS - words("ce cet cette ces chaque")
QUANTIFIERS = words("certains certaines plusieurs beaucoup")
PHRASE_BREAKERS = words(
    "et ou mais que qu qui quand lorsque si comme parce car après avant avec sans pour par "
    "dans sur sous entre vers pendant depuis selon est sont était étaient a ont avait "
    "avaient sera ne n pas plus il elle ils elles on nous vous lui leur se s y en déjà "
    "aussi encore très hier aujourd’hui demain semaine mois an année jour soir matin "
    "lundi mardi mercredi jeudi vendredi samedi dimanche dit déclaré affirmé")
INNER_PREPOSITIONS = words("de du des d’ d' pour chez à au aux en")
SUBJECT_PREPOSITIONS = INNER_PREPOSITIONS
WEEKDAYS = words("lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd’hui")
DATE_WORDS = WEEKDAYS | words("janvier février mars avril mai juin juillet août septembre "
                              "octobre novembre décembre")
CONNECTIVES = words("mais et ainsi alors pourtant cependant toutefois ensuite puis aussi "
                    "hier aujourd’hui")
OPENERS = words("en dans après avant lors pendant depuis avec sans pour par selon devant "
                "face lorsque quand si comme malgré")
AND_WORDS = frozenset({"et"})
OF_WORDS = frozenset({"de", "du", "des"})
COORDINATORS = frozenset({"et", "mais"})
ANONYMOUS_HEADS = words(
    "source sources responsable responsables porte-parole conseiller conseillère conseillers "
    "diplomate diplomates expert experts experte analyste analystes témoin témoins proche "
    "proches membre membres habitants riverains enquêteurs autorités policiers élus "
    "économiste économistes officiel officiels")
TITLE_WORDS = words(
    "président présidente ministre porte-parole secrétaire sénateur sénatrice député "
    "députée gouverneur maire directeur directrice chef cheffe dirigeant dirigeante "
    "ambassadeur ambassadrice juge procureur procureure commissaire premier première roi "
    "reine pape professeur professeure général générale candidat candidate chancelier "
    "patron patronne délégué déléguée vice-président vice-présidente")
PERSON_HEADS = ANONYMOUS_HEADS | TITLE_WORDS | words("avocat avocats avocate dirigeants "
                                                     "représentants certains plusieurs")
HONORIFICS = words("M. Mme Mlle MM. Me Dr Pr Mgr")
ABBREVIATIONS = words("m mme mlle mm me dr pr mgr etc st ste av apr")
NEWS_WORDS = words("Monde Figaro Libération Parisien Échos Express Point Obs Croix Humanité "
                   "AFP Reuters AP BBC CNN France Info Inter Télévisions TF1 BFMTV LCI "
                   "Mediapart Journal Presse Agence Radio Ouest")
GOVERNMENT_WORDS = words("Gouvernement Élysée Matignon Kremlin Ministère Assemblée Sénat "
                         "Préfecture Police Gendarmerie Parquet Tribunal Cour Conseil Mairie "
                         "Commission Ambassade Armée Quai Orsay")
ORGANIZATION_WORDS = words("Parti OTAN ONU UE FMI Banque Fondation Association Syndicat CGT "
                           "Université Groupe Fédération Union Institut Organisation "
                           "Croix-Rouge")
NON_PERSON = NEWS_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS | words(
    "France Paris États-Unis Europe Ukraine Russie Chine Allemagne Espagne Économie "
    "Intérieur Affaires Étrangères Armées Santé Justice Éducation Travail Finances "
    "National Nationale Général Générale")
NAME_PARTICLES = words("de du des la le d’ d'")
NAME_RUN = name_run("de|du|de\\s+la|d’")
SUBJECT_NAME_LINKS = NAME_PARTICLES
INNER_NAME_PARTICLES = words("de du la le")
PERSON_PRONOUNS = frozenset({"il", "elle"})
HE_SHE = frozenset({"il", "elle"})
PERSON_PRONOUNS_FOR_KIND = frozenset({"il", "elle", "je"})
GROUP_PRONOUNS_FOR_KIND = frozenset({"ils", "elles", "nous", "on"})
RELATIVES = frozenset({"qui"})
WHO = frozenset({"qui"})
OTHER_PRONOUNS = frozenset({"ils", "elles", "nous", "on"})
DEFINITES = words("le la les l’ l' ce cet cette")
APPOSITION_ASIDES = words("à en lors pendant")

# "selon X", "d'après X".
ACCORDING = r"[Ss]elon(?!\s+(?:laquelle|lequel|lesquel(?:le)?s)\b)|[Dd][’']après"
ACCORDING_STOPS = words("que qui qu")
NOT_A_CUE_BEFORE = words("ne n pas se s que qu le la les l l’ pour de d à un une ce être été "
                         "jamais")
NOT_SPEAKERS = words("Photo Photos Vidéo Note Mise Source Sources Lire Voir Aussi Publicité "
                     "Question Réponse Q R")
OBJECT_END = re.compile(r",\s|\s(?:mais|dans\s+un|dans\s+une|après|parce|car|alors)\s")
CLAUSE_BREAK = re.compile(r"(?<![A-ZÀ-Þ])(?<!\bMM)(?<!\bMme)[.](?=\s)|[!?;”\"“«»]\s")
NOT_A_COMPLEMENT = re.compile(
    r"(?:quand|lorsque|après|avant|pendant|parce|dans|à|au|en|lors|depuis|de|du|sur|avec)\b")
THAT = re.compile(r"\bqu(?:e\b|[’'])")
THAT_OPENERS = ("que ", "qu’", "qu'")
INFINITIVE_OPENERS = ("de ", "d’", "d'")
AGENT_OPENERS = ("par ",)
INFINITIVE_VERBS = ("promi", "promet", "menac", "demand", "exig")
NOT_CONTENT_OPENERS = ("à ", "au ", "avec ", "par ", "pour ", "sur ", "dans ", "de ", "et ",
                       "comme ", "la même", "rien", "plus ", "si ", "oui")
ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:"
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+(?:matin|soir|après-midi))?"
    r"|(?:hier|aujourd’hui|récemment|encore|également|aussi|ensuite|alors|déjà)"
    r"|(?:cette|la)\s+semaine(?:\s+(?:dernière|prochaine))?"
    r"|(?:dans|lors\s+d[’'])\s*(?:un|une|l[’']|le|la|son|sa|ses)\s*(?:[\w-]+\s+){0,3}?"
    r"(?:communiqué|entretien|interview|déclaration|discours|conférence\s+de\s+presse|"
    r"message|lettre|tribune|courrier|émission|vidéo|tweet|publication|point\s+presse)"
    r"(?:\s+(?:à|au|avec|sur)\s+(?:la\s+|le\s+|l[’'])?[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)?"
    r"|(?:à|au|sur)\s+(?:la\s+|le\s+|l[’'])?[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*"
    r"|(?:à|aux|devant)\s+(?:la\s+presse|les\s+journalistes|des\s+journalistes|l[’']AFP|"
    r"ses\s+partisans)"
    r")\b"
)
LISTENER = re.compile(
    r"\s+(?:à\s+|aux\s+)?(?:(?:des|les)\s+journalistes|la\s+presse|l[’']AFP|ses\s+partisans|"
    r"[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)\b")
CONTENT_STOP = (
    r",?\s+(?:et|mais)\s+(?:(?:a|ont|avait|aussi|également)\s+)?(?:<VERBS>)\b"
    r"|,\s*(?:bien\s+que|mais|alors\s+que|tandis\s+que)\b|;\s"
    r"|,\s*(?:selon|d[’']après|(?:a|ont)\s+(?:dit|déclaré|affirmé|ajouté|assuré|expliqué|"
    r"précisé|souligné)\b|ajoutant\b|affirmant\b|assurant\b|soulignant\b)"
)
NEAR_THAT = re.compile(r"[^,.;:!?\"“”«»\n]{0,50}?\b(qu(?:e\b|[’']))\s*[\w“\"«]")
BEFORE_THAT = re.compile(r"\s*(?:à|au|aux|dans|lors|pendant|après|devant|sur|par|avec|ce)\s")
APPOSITION_STOP = re.compile(
    r",\s*(?:ajoutant|affirmant|selon|lorsque|quand|dans\s+un|dans\s+une|parce|après|alors|"
    r"mais)\b|;|\s+(?:quand|lorsque|parce|après|alors)\s")
NOT_A_SECOND_HALF = re.compile(
    r"(?:qui|que|dont|où|quand|lorsque|alors|comme|ajoutant|affirmant|selon|en|à|au|après|"
    r"avant|pendant|bien|parce|mais|et\s+(?:puis|aussi|a|avait))\b")
FIRST_WORD = re.compile(r"(\w+ant)\b")

# « guillemets » with their spaces, dialogue dashes whose aside is set off by a comma before
# the verb ("— Nous gagnerons, a affirmé le maire."), inverted pronouns ("a-t-elle dit").
DIALOGUE_DASHES = "—–"
DIALOGUE_ASIDE = re.compile(
    r"\s[—–]|,\s+(?=(?:a|ont|avait)?(?:-t-(?:il|elle|on))?\s*(?:dit|déclaré|affirmé|"
    r"ajouté|assuré|expliqué|précisé|souligné|répondu|lancé|déclare|affirme|ajoute|assure|"
    r"explique|précise|souligne|répond)\b)")
INVERSION_AFTER = ",\"”»—–"
POSTPOSED_AFTER = ",\"”»—–"
CLITIC_AFTER = re.compile(r"-t?-?(?P<who>il|elle|ils|elles|on)\b")
CLITIC_BEFORE = re.compile(r"\b(?:a|ont|avait|avaient)-t?-?(?P<who>il|elle|ils|elles|on)\s+$")
APPOSED_NAMES = True
AUXILIARIES = words("a ont avait avaient aurait")
ELISIONS = ("l’", "l'", "d’", "d'")
INVERTED_PRONOUNS = True

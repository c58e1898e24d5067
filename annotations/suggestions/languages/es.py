"""Spanish: reporting verbs with their stances, titles, pronouns and the patterns of Spanish
clauses (dialogue dashes, "según X", a subject left out: "Dijo que ...")."""

import re

from ..lexicon import ASSERTED, CONFIRMED, DENIED, DISPUTED, REPORTED
from . import inflect
from .neutral import name_run, words

CODE = "es"

_REGULAR = {
    ASSERTED: """afirmar asegurar declarar explicar señalar indicar añadir agregar anunciar
        insistir subrayar destacar apuntar comentar precisar aclarar enfatizar prometer
        argumentar alegar relatar responder replicar opinar estimar denunciar revelar
        reiterar manifestar expresar alertar tuitear escribir""",
    CONFIRMED: "confirmar admitir corroborar ratificar",
    DENIED: "rechazar refutar descartar",
    DISPUTED: "cuestionar objetar",
    REPORTED: "informar reportar publicar",
}
VERBS: dict[str, tuple[tuple[str, ...], str]] = {
    verb: (inflect.es(verb), stance) for stance, verbs in _REGULAR.items() for verb in verbs.split()
}
VERBS.update({
    "decir": (("dice", "dicen", "dijo", "dijeron", "decía", "decían", "dicho", "diciendo"),
              ASSERTED),
    "sostener": (("sostiene", "sostienen", "sostuvo", "sostuvieron", "sostenía", "sostenido",
                  "sosteniendo"), ASSERTED),
    "advertir": (("advierte", "advierten", "advirtió", "advirtieron", "advertía", "advertido",
                  "advirtiendo"), ASSERTED),
    "recordar": (("recuerda", "recuerdan", "recordó", "recordaron", "recordaba", "recordado",
                  "recordando"), ASSERTED),
    "manifestar": (("manifiesta", "manifiestan", "manifestó", "manifestaron", "manifestado"),
                   ASSERTED),
    "contar": (("contó", "contaron", "contado"), ASSERTED),
    "escribir": (("escribe", "escriben", "escribió", "escribieron", "escrito"), ASSERTED),
    "concluir": (("concluye", "concluyen", "concluyó", "concluyeron", "concluido"), ASSERTED),
    "reconocer": (("reconoce", "reconocen", "reconoció", "reconocieron", "reconocía",
                   "reconocido", "reconociendo"), CONFIRMED),
    "negar": (("niega", "niegan", "negó", "negaron", "negaba", "negado", "negando"), DENIED),
    "desmentir": (("desmiente", "desmienten", "desmintió", "desmintieron", "desmentía",
                   "desmentido", "desmintiendo"), DENIED),
    "contradecir": (("contradice", "contradijo", "contradicho"), DISPUTED),
})
BROAD_VERBS = {form: ASSERTED for verb in ("criticar", "considerar", "defender", "pedir",
                                           "exigir", "calificar", "acusar", "elogiar")
               for form in inflect.es(verb)[:6]}
BROAD_VERBS.update({form: ASSERTED for form in ("pidió", "pide", "piden", "pidieron",
                                                "defendió", "defiende", "cree", "creen",
                                                "creía", "quiere", "quería", "quiso")})
GERUND_ENDINGS = ("ando", "iendo", "yendo")
LISTENER_VERBS = frozenset({"dijo", "dice", "aseguró", "explicó", "contó", "advirtió",
                            "recordó", "prometió"})
WEAK_VERBS = frozenset({"publicó", "publica", "escribe", "escribió", "escrito", "contó",
                        "contado", "expresó", "expresa", "indica", "señala", "reportó"})
REPORT_NOUNS = words("informe informes información informaciones noticia noticias artículo "
                     "reportaje versión versiones acusación acusaciones")
REPORT_HEAD = (r"(?:un|una|el|la|los|las|su|sus)\s+(?:[\w-]+\s+){0,2}?(?P<noun><NOUNS>)\s+"
               r"(?:de|del|publicad[oa]\s+por|en)\s+")
NO_RESPONSE_PATTERNS = (
    r"no\s+(?:ha\s+)?(?:respondió|respondido|contestó|contestado)\b[^.!?\n]*",
    r"(?:declinó|rehusó|se\s+negó\s+a)\s+(?:hacer\s+)?comentarios?\b[^.!?\n]*",
    r"no\s+(?:quiso|ha\s+querido)\s+(?:hacer\s+)?comentarios?\b[^.!?\n]*",
    r"no\s+pudo\s+ser\s+contactad[oa]\b[^.!?\n]*",
)
MAY_NOT_RESPOND = re.compile(r"respond|contest|comentar|contactad")
NO_RESPONSE_CUE_END = re.compile(r"[\w’'\s]*?(?:respondió|respondido|contestó|contestado|"
                                 r"comentarios?|contactad[oa])")
ADVERBS = words("también ya luego después antes nuevamente además incluso ha han había habían "
                "habría haber hubiera le les me nos aún todavía públicamente "
                "reiteradamente finalmente")
PRONOUNS = {"él": "person", "ella": "person", "ellos": "plural", "ellas": "plural",
            "quien": "relative", "quienes": "relative", "nosotros": "plural", "yo": "speaker"}
CAPITAL_STOPWORDS = words("Pero Y O Si Cuando Mientras Aunque Porque Sin Sobre Según Tras "
                          "Durante Desde Hasta Hoy Ayer Ahora También Además Sin Embargo "
                          "El La Los Las Un Una Este Esta Estos Estas Ese Esa En Con Por Para "
                          "De Del Al A Él Ella Ellos Ellas No Así Lunes Martes Miércoles "
                          "Jueves Viernes Sábado Domingo Entonces Luego Antes Después")
DETERMINERS = words("el la los las un una unos unas su sus este esta estos estas ese esa "
                    "esos esas aquel aquella otro otra otros otras varios varias algunos "
                    "algunas muchos muchas dos tres ambos cada ningún ninguna")
LEFT_DETERMINERS = DETERMINERS - words("este esta estos estas ese esa esos esas cada")
QUANTIFIERS = words("algunos algunas muchos muchas varios varias ambos otros")
PHRASE_BREAKERS = words(
    "y o pero que quien quienes cuando mientras si como porque aunque tras antes después "
    "con sin por para en sobre entre hacia hasta desde durante según es son fue fueron era "
    "eran ha han había habían será no se lo le les ya también aún solo muy más él ella "
    "ellos ellas esto eso hoy ayer mañana semana mes año día noche lunes martes miércoles "
    "jueves viernes sábado domingo dijo dice aseguró afirmó")
INNER_PREPOSITIONS = words("de del en para con por")
SUBJECT_PREPOSITIONS = INNER_PREPOSITIONS | {"a"}
WEEKDAYS = words("lunes martes miércoles jueves viernes sábado domingo hoy ayer anoche")
DATE_WORDS = WEEKDAYS | words("enero febrero marzo abril mayo junio julio agosto septiembre "
                              "octubre noviembre diciembre")
CONNECTIVES = words("pero y además también sin embargo mientras tanto entonces luego ahora "
                    "hoy ayer asimismo")
OPENERS = words("en tras después antes cuando mientras aunque porque si durante desde con "
                "sin para por según ante frente sobre al")
AND_WORDS = frozenset({"y", "e"})
OF_WORDS = frozenset({"de", "del"})
COORDINATORS = frozenset({"y", "e", "pero"})
ANONYMOUS_HEADS = words(
    "fuente fuentes funcionario funcionarios funcionaria portavoz portavoces vocero vocera "
    "asesor asesora asesores diplomático diplomáticos experto expertos experta analista "
    "analistas testigo testigos responsable responsables dirigente dirigentes miembro "
    "miembros vecino vecinos residentes autoridades investigadores policía agentes críticos "
    "economista economistas")
TITLE_WORDS = words(
    "presidente presidenta ministro ministra portavoz vocero vocera secretario secretaria "
    "senador senadora diputado diputada gobernador gobernadora alcalde alcaldesa director "
    "directora jefe jefa líder canciller embajador embajadora juez jueza fiscal consejero "
    "consejera vicepresidente vicepresidenta primer primera rey reina papa profesor "
    "profesora general comisario comisaria delegado delegada candidato candidata "
    "presidente del gerente concejal concejala")
PERSON_HEADS = ANONYMOUS_HEADS | TITLE_WORDS | words("abogado abogados abogada líderes "
                                                     "representantes algunos muchos otros")
HONORIFICS = words("Sr. Sra. Srta. D. Dña. Dr. Dra. Don Doña Lic. Ing.")
ABBREVIATIONS = words("sr sra srta dña dr dra lic ing etc ee.uu núm pág")
NEWS_WORDS = words("El País Mundo Vanguardia ABC Clarín Nación Tiempo EFE Europa Press "
                   "Reuters AFP AP BBC CNN Diario Periódico Agencia Televisión Radio Cadena "
                   "SER COPE Prensa Noticias")
GOVERNMENT_WORDS = words("Gobierno Ministerio Moncloa Casa Rosada Blanca Kremlin Congreso Senado "
                         "Policía Guardia Civil Fiscalía Tribunal Ayuntamiento Junta Generalitat "
                         "Presidencia Cancillería Ejército Comisión Ministerio Embajada "
                         "Secretaría Consejo")
ORGANIZATION_WORDS = words("Partido Popular PSOE OTAN ONU UE FMI Banco Fundación Asociación "
                           "Sindicato Universidad Empresa Grupo Federación Unión Instituto "
                           "Organización Cruz Roja")
NON_PERSON = NEWS_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS | words(
    "España Estados Unidos México Argentina Colombia Chile Perú Europa Madrid Barcelona "
    "Ucrania Rusia China Francia Alemania Nacional Federal General Central Economía Hacienda "
    "Exteriores Interior Defensa Sanidad Trabajo Justicia Educación Asuntos Salud")
NAME_PARTICLES = words("de del la las los y")
NAME_RUN = name_run("de|del|de\\s+la|y")
SUBJECT_NAME_LINKS = NAME_PARTICLES
INNER_NAME_PARTICLES = words("de del la")
PERSON_PRONOUNS = frozenset({"él", "ella"})
HE_SHE = frozenset({"él", "ella"})
PERSON_PRONOUNS_FOR_KIND = frozenset({"él", "ella", "yo"})
GROUP_PRONOUNS_FOR_KIND = frozenset({"ellos", "ellas", "nosotros"})
RELATIVES = frozenset({"quien", "quienes"})
WHO = frozenset({"quien", "quienes"})
OTHER_PRONOUNS = frozenset({"ellos", "ellas", "nosotros"})
DEFINITES = words("el la los las este esta ese esa")
APPOSITION_ASIDES = words("en durante tras")

# "según X", "de acuerdo con X", "conforme a X".
ACCORDING = r"[Ss]egún(?!\s+(?:el|la|los|las|lo)\s+cual)|[Dd]e\s+acuerdo\s+con|[Cc]onforme\s+a"
NOT_A_CUE_BEFORE = words("no se que lo la para de a al el los las un una su sus nunca jamás")
NOT_SPEAKERS = words("Foto Fotos Vídeo Video Nota Actualización Fuente Fuentes Lea Lee Ver "
                     "Relacionado Relacionada Más Publicidad Etiquetas Pregunta Respuesta P R")
OBJECT_END = re.compile(r",\s|\s(?:pero|en\s+un|en\s+una|tras|porque|mientras)\s")
QUOTE_THEN_NAME = re.compile(r"[,?!]?[”\"»]\s*,?\s*(?=[^\W\d_])")
CLAUSE_BREAK = re.compile(r"(?<![A-ZÀ-Þ])(?<!\b(?:Sr|Dr))(?<!\b(?:Sra|Dra))[.](?=\s)|[!?;”\"“«»]\s")
NOT_A_COMPLEMENT = re.compile(
    r"(?:cuando|tras|después|antes|mientras|porque|en|con|durante|desde|de|sobre|a|al|por)\b")
THAT = re.compile(r"\bque\b")
THAT_OPENERS = ("que ",)
REPORT_THAT = re.compile(r"\b(?:de\s+que|que|según\s+(?:el|la)\s+cual)\b")
INFINITIVE_OPENERS = ("a ",)
AGENT_OPENERS = ("por ",)
INFINITIVE_VERBS = ("promet", "amenaz", "pid", "exig")
NOT_CONTENT_OPENERS = ("a ", "con ", "por ", "para ", "sobre ", "en ", "de ", "y ", "como ",
                       "lo mismo", "nada", "más ", "si ", "sí")
ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:"
    r"(?:el|este|ese)\s+(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|fin\s+de\s+"
    r"semana)(?:\s+por\s+la\s+(?:mañana|tarde|noche))?"
    r"|(?:hoy|ayer|anoche|anteayer|recientemente|nuevamente|también|luego|después|además)"
    r"|(?:esta|la\s+pasada|la\s+próxima)\s+semana|(?:este|el\s+pasado)\s+(?:mes|año)"
    r"|en\s+(?:un|una|el|la|su)\s+(?:[\w-]+\s+){0,3}?(?:comunicado|entrevista|declaración|"
    r"declaraciones|discurso|rueda\s+de\s+prensa|conferencia\s+de\s+prensa|mensaje|carta|"
    r"nota|informe|publicación|tuit|vídeo|video|intervención|comparecencia|sesión)"
    r"(?:\s+(?:con|a|en)\s+(?:el\s+|la\s+)?[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)?"
    r"|en\s+[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*"
    r"|(?:a|ante)\s+(?:los\s+)?(?:periodistas|medios|reporteros|la\s+prensa|los\s+medios|"
    r"la\s+agencia\s+[A-ZÀ-Þ][\w.’'-]*|[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)"
    r"|en\s+(?:declaraciones|rueda\s+de\s+prensa)(?:\s+a\s+[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)?"
    r")\b"
)
LISTENER = re.compile(
    r"\s+(?:a\s+)?(?:(?:los\s+)?(?:periodistas|medios|reporteros|diputados|senadores|"
    r"asistentes|presentes|simpatizantes)|la\s+prensa|(?:a\s+)?[A-ZÀ-Þ][\w.’'-]*(?:\s+"
    r"[A-ZÀ-Þ][\w.’'-]*)*)\b")
CONTENT_STOP = (
    r",?\s+(?:y|pero)\s+(?:(?:también|luego|además|ha|había)\s+)?(?:<VERBS>)\b"
    r"|,\s*(?:aunque|pero|mientras\s+que)\b|;\s"
    r"|,\s*(?:según|de\s+acuerdo\s+con|(?:dijo|afirmó|añadió|aseguró|explicó|señaló|"
    r"indicó|agregó)\b|añadiendo\b|agregando\b|asegurando\b|subrayando\b)"
)
NEAR_THAT = re.compile(r"[^,.;:!?\"“”«»\n]{0,50}?\b(que)\s+[\w“\"«]")
BEFORE_THAT = re.compile(r"\s*(?:en|el|este|ese|ante|a|al|durante|tras|desde|sobre|por|con)\s")
APPOSITION_STOP = re.compile(
    r",\s*(?:añadiendo|diciendo|según|cuando|en\s+un|en\s+una|porque|tras|mientras|aunque|"
    r"pero)\b|;|\s+(?:cuando|porque|tras|mientras)\s")
NOT_A_SECOND_HALF = re.compile(
    r"(?:quien|quienes|que|cuyo|cuya|donde|cuando|mientras|como|añadiendo|diciendo|según|"
    r"en|a|al|tras|antes|durante|aunque|porque|pero|y\s+(?:luego|también|ha|había))\b")
FIRST_WORD = re.compile(r"(\w+(?:ando|iendo))\b")

# Dialogue: "—Ganaremos —dijo el alcalde—." The dash and guillemets may stand before an
# inverted subject like a comma does.
DIALOGUE_DASHES = "—–"
INVERSION_AFTER = ",\"”»—–"
POSTPOSED_AFTER = ",\"”»—–"
PRO_DROP = True
APPOSED_NAMES = True
ACCORDING_STOPS = words("que quien quienes cual cuales")
AUXILIARIES = words("ha han había habían habría")
INVERTED_PRONOUNS = True

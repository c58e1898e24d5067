"""Portuguese: reporting verbs with their stances, titles, pronouns and the patterns of
Portuguese clauses (dialogue dashes, "segundo X", "de acordo com X", "Disse que ...")."""

import re

from ..lexicon import ASSERTED, CONFIRMED, DENIED, DISPUTED, REPORTED
from . import es, inflect
from .neutral import name_run, words

CODE = "pt"

_REGULAR = {
    ASSERTED: """afirmar garantir declarar explicar acrescentar ressaltar destacar salientar
        frisar sublinhar enfatizar indicar apontar anunciar alertar avisar argumentar
        sustentar assegurar prometer revelar contar relatar responder rebater comentar
        escrever avaliar reiterar insistir lembrar observar criticar defender denunciar
        tuitar""",
    CONFIRMED: "confirmar admitir reconhecer",
    DENIED: "negar desmentir rejeitar refutar",
    DISPUTED: "contestar questionar",
    REPORTED: "informar noticiar publicar",
}
VERBS: dict[str, tuple[tuple[str, ...], str]] = {
    verb: (inflect.pt(verb), stance) for stance, verbs in _REGULAR.items() for verb in verbs.split()
}
VERBS.update({
    "dizer": (("diz", "dizem", "disse", "disseram", "dizia", "diziam", "dito", "dizendo"),
              ASSERTED),
    "desmentir": (("desmente", "desmentem", "desmentiu", "desmentiram", "desmentido",
                   "desmentindo"), DENIED),
})
BROAD_VERBS = {form: ASSERTED for form in ("pediu", "pede", "exigiu", "acusou", "acusa",
                                           "considera", "considerou", "acredita", "acreditam",
                                           "elogiou", "classificou")}
GERUND_ENDINGS = ("ando", "endo", "indo")
LISTENER_VERBS = frozenset({"disse", "diz", "afirmou", "garantiu", "contou", "explicou",
                            "prometeu", "lembrou"})
WEAK_VERBS = frozenset({"publicou", "publica", "escreve", "escreveu", "contou", "observou",
                        "lembrou", "lembra", "indica", "aponta", "avaliou"})
REPORT_NOUNS = words("reportagem reportagens notícia notícias informação informações matéria "
                     "artigo relato relatos versão acusação acusações")
REPORT_HEAD = (r"(?:um|uma|o|a|os|as|sua|seu)\s+(?:[\w-]+\s+){0,2}?(?P<noun><NOUNS>)\s+"
               r"(?:de|do|da|dos|das|publicad[oa]\s+(?:por|pel[oa])|n[oa])\s+")
REPORT_THAT = re.compile(r"\b(?:de\s+que|que|segundo\s+a\s+qual|segundo\s+o\s+qual)\b")
NO_RESPONSE_PATTERNS = (
    r"não\s+(?:respondeu|responderam|retornou|retornaram|se\s+manifestou)\b[^.!?\n]*",
    r"(?:preferiu|preferiram)\s+não\s+comentar\b[^.!?\n]*",
    r"não\s+quis\s+comentar\b[^.!?\n]*",
    r"não\s+foi\s+localizad[oa]\b[^.!?\n]*",
)
MAY_NOT_RESPOND = re.compile(r"respond|retorn|manifest|comentar|localizad")
NO_RESPONSE_CUE_END = re.compile(r"[\w’'\s]*?(?:respondeu|responderam|retornou|retornaram|"
                                 r"manifestou|comentar|localizad[oa])")
ADVERBS = words("também já depois antes novamente ainda ontem hoje tem têm tinha tinham "
                "havia haviam lhe lhes publicamente reiteradamente")
AUXILIARIES = words("tem têm tinha tinham havia haviam")
PRONOUNS = {"ele": "person", "ela": "person", "eles": "plural", "elas": "plural",
            "quem": "relative", "nós": "plural", "eu": "speaker"}
CAPITAL_STOPWORDS = words("Mas E Ou Se Quando Enquanto Embora Porque Sem Sobre Segundo Após "
                          "Durante Desde Até Hoje Ontem Agora Também Além O A Os As Um Uma "
                          "Este Esta Esse Essa No Na Nos Nas Em Com Por Para De Do Da Ele Ela "
                          "Eles Elas Não Assim Segunda Terça Quarta Quinta Sexta Sábado Domingo")
DETERMINERS = words("o a os as um uma uns umas seu sua seus suas este esta estes estas esse "
                    "essa esses essas aquele aquela outro outra outros outras vários várias "
                    "alguns algumas muitos muitas dois duas três ambos cada nenhum nenhuma")
LEFT_DETERMINERS = DETERMINERS - words("este esta estes estas esse essa esses essas cada")
QUANTIFIERS = words("alguns algumas muitos muitas vários várias ambos outros")
PHRASE_BREAKERS = words(
    "e ou mas que quem quando enquanto se como porque embora após antes depois com sem por "
    "para em no na nos nas sobre entre até desde durante segundo é são foi foram era eram "
    "tem têm tinha será não lhe já também ainda só muito mais ele ela eles elas isso isto "
    "hoje ontem amanhã semana mês ano dia noite disse diz afirmou")
INNER_PREPOSITIONS = words("de do da dos das em no na para com por")
SUBJECT_PREPOSITIONS = INNER_PREPOSITIONS
WEEKDAYS = words("segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado "
                 "domingo hoje ontem")
DATE_WORDS = WEEKDAYS | words("janeiro fevereiro março abril maio junho julho agosto setembro "
                              "outubro novembro dezembro")
CONNECTIVES = words("mas e além também porém contudo então depois agora hoje ontem")
OPENERS = words("em após depois antes quando enquanto embora porque se durante desde com "
                "sem para por segundo diante sobre ao na no")
AND_WORDS = frozenset({"e"})
OF_WORDS = frozenset({"de", "do", "da", "dos", "das"})
COORDINATORS = frozenset({"e", "mas"})
ANONYMOUS_HEADS = words(
    "fonte fontes funcionário funcionários porta-voz assessor assessora assessores "
    "diplomata diplomatas especialista especialistas analista analistas testemunha "
    "testemunhas responsável responsáveis dirigente dirigentes membro membros moradores "
    "autoridades investigadores policiais críticos economista economistas interlocutores")
TITLE_WORDS = words(
    "presidente ministro ministra porta-voz secretário secretária senador senadora deputado "
    "deputada governador governadora prefeito prefeita diretor diretora chefe líder "
    "chanceler embaixador embaixadora juiz juíza procurador procuradora primeiro primeira "
    "rei rainha papa professor professora general comissário candidato candidata "
    "vice-presidente presidenta")
PERSON_HEADS = ANONYMOUS_HEADS | TITLE_WORDS | words("advogado advogados advogada líderes "
                                                     "representantes alguns muitos outros")
HONORIFICS = words("Sr. Sra. Srta. Dr. Dra. Dom Dona Prof. Profa.")
ABBREVIATIONS = words("sr sra srta dr dra prof profa etc av nº")
NEWS_WORDS = words("Folha Estadão Globo Público Expresso Lusa Agência Brasil Reuters AFP AP "
                   "BBC CNN Valor Veja Correio Jornal Notícias Rádio TV Band Record UOL G1 "
                   "Diário")
GOVERNMENT_WORDS = words("Governo Planalto Itamaraty Kremlin Ministério Congresso Senado "
                         "Câmara Polícia Federal Procuradoria Tribunal Supremo STF Prefeitura "
                         "Presidência Exército Comissão Embaixada Secretaria Conselho")
ORGANIZATION_WORDS = words("Partido PT PSDB OTAN ONU UE FMI Banco Fundação Associação "
                           "Sindicato Universidade Empresa Grupo Federação União Instituto "
                           "Organização Petrobras")
NON_PERSON = NEWS_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS | words(
    "Brasil Portugal Estados Unidos Europa Lisboa Brasília Ucrânia Rússia China França "
    "Alemanha Nacional Federal Geral Central Economia Fazenda Justiça Saúde Educação "
    "Defesa Relações Exteriores Trabalho")
NAME_PARTICLES = words("de da do dos das e")
NAME_RUN = name_run("de|da|do|dos|das")
SUBJECT_NAME_LINKS = NAME_PARTICLES
INNER_NAME_PARTICLES = words("de da do dos das")
PERSON_PRONOUNS = frozenset({"ele", "ela"})
HE_SHE = frozenset({"ele", "ela"})
PERSON_PRONOUNS_FOR_KIND = frozenset({"ele", "ela", "eu"})
GROUP_PRONOUNS_FOR_KIND = frozenset({"eles", "elas", "nós"})
RELATIVES = frozenset({"quem"})
WHO = frozenset({"quem"})
OTHER_PRONOUNS = frozenset({"eles", "elas", "nós"})
DEFINITES = words("o a os as este esta esse essa")
APPOSITION_ASIDES = words("em durante após")

# "segundo X", "de acordo com X", "conforme X"; not "o segundo turno".
ACCORDING = (r"(?<![oa]\s)[Ss]egundo(?!\s+(?:o|a)\s+qual)(?!\s+(?:turno|lugar|tempo|dia|ano|"
             r"semestre|trimestre|mandato|colocado)\b)|[Dd]e\s+acordo\s+com|[Cc]onforme")
ACCORDING_STOPS = words("que quem qual")
NOT_A_CUE_BEFORE = words("não se que o a os as para de um uma seu sua nunca jamais")
NOT_SPEAKERS = es.NOT_SPEAKERS | words("Leia Veja Saiba Assista Publicidade")
OBJECT_END = re.compile(r",\s|\s(?:mas|em\s+um|em\s+uma|após|porque|enquanto)\s")
QUOTE_THEN_NAME = es.QUOTE_THEN_NAME
CLAUSE_BREAK = re.compile(r"(?<![A-ZÀ-Þ])(?<!\b(?:Sr|Dr))(?<!\b(?:Sra|Dra))[.](?=\s)|[!?;”\"“«»]\s")
NOT_A_COMPLEMENT = re.compile(
    r"(?:quando|após|depois|antes|enquanto|porque|em|no|na|com|durante|desde|de|sobre|a|ao|"
    r"por)\b")
THAT = re.compile(r"\bque\b")
THAT_OPENERS = ("que ",)
INFINITIVE_OPENERS = ("a ",)
AGENT_OPENERS = ("por ", "pelo ", "pela ")
INFINITIVE_VERBS = ("promet", "amea", "ped", "exig")
NOT_CONTENT_OPENERS = ("a ", "com ", "por ", "para ", "sobre ", "em ", "de ", "e ", "como ",
                       "o mesmo", "nada", "mais ", "se ", "sim")
ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:"
    r"(?:nesta|na|neste|no)\s+(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?"
    r"|(?:neste|no)\s+(?:sábado|domingo|fim\s+de\s+semana)"
    r"|(?:hoje|ontem|recentemente|novamente|também|depois|ainda)"
    r"|(?:nesta|na\s+última|na\s+próxima)\s+semana|(?:neste|no\s+último)\s+(?:mês|ano)"
    r"|(?:em|n[oa]|durante)\s+(?:um|uma|o|a|sua|seu)?\s*(?:[\w-]+\s+){0,3}?(?:nota|comunicado|"
    r"entrevista|declaração|discurso|coletiva(?:\s+de\s+imprensa)?|mensagem|carta|"
    r"publicação|vídeo|post|pronunciamento|sessão|audiência)"
    r"(?:\s+(?:à|ao|com|n[oa])\s+[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)?"
    r"|em\s+[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*"
    r"|(?:a|à|ao|aos)\s+(?:jornalistas|repórteres|imprensa|apoiadores|[A-ZÀ-Þ][\w.’'-]*"
    r"(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)"
    r")\b"
)
LISTENER = re.compile(
    r"\s+(?:a|à|ao|aos|às)\s+(?:jornalistas|repórteres|imprensa|apoiadores|deputados|"
    r"[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*)*)\b")
CONTENT_STOP = (
    r",?\s+(?:e|mas)\s+(?:(?:também|depois|ainda|tem|tinha)\s+)?(?:<VERBS>)\b"
    r"|,\s*(?:embora|mas|enquanto)\b|;\s"
    r"|,\s*(?:segundo|de\s+acordo\s+com|(?:disse|afirmou|acrescentou|garantiu|explicou|"
    r"destacou)\b|acrescentando\b|afirmando\b|ressaltando\b|dizendo\b)"
)
NEAR_THAT = es.NEAR_THAT
BEFORE_THAT = re.compile(r"\s*(?:em|no|na|nesta|neste|a|à|ao|durante|após|desde|sobre|por|com)\s")
APPOSITION_STOP = re.compile(
    r",\s*(?:acrescentando|dizendo|segundo|quando|em\s+um|em\s+uma|porque|após|enquanto|"
    r"embora|mas)\b|;|\s+(?:quando|porque|após|enquanto)\s")
NOT_A_SECOND_HALF = re.compile(
    r"(?:quem|que|cujo|cuja|onde|quando|enquanto|como|acrescentando|dizendo|segundo|em|a|"
    r"ao|após|antes|durante|embora|porque|mas|e\s+(?:depois|também|tem|tinha))\b")
FIRST_WORD = re.compile(r"(\w+(?:ando|endo|indo))\b")

DIALOGUE_DASHES = "—–"
INVERSION_AFTER = ",\"”»—–"
POSTPOSED_AFTER = ",\"”»—–"
PRO_DROP = True
APPOSED_NAMES = True
INVERTED_PRONOUNS = True

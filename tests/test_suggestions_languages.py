"""Attribution suggestions in Spanish, French, Portuguese and German: the same rules on each
language's table (pure finder, no database)."""

import pytest

from annotations.suggestions.core import suggest
from annotations.suggestions.languages import TABLES, code_of, en, language_for, neutral


def found(text, language):
    """Return (source text, source name, cue, stance, content) for each suggestion."""
    results = suggest(text, language=language)
    for result in results:
        assert result.content.text == text[result.content.start:result.content.end]
        assert result.cue.text == text[result.cue.start:result.cue.end]
        if result.source is not None:
            assert result.source.text == text[result.source.start:result.source.end]
    return [(r.source.text if r.source else None, r.source_name, r.cue.text, r.stance,
             r.content.text) for r in results]


def test_every_table_reads_over_the_defaults_and_english_defines_every_name():
    defaults = {name for name in dir(neutral) if name.isupper()}
    english = {name for name in dir(en) if name.isupper()}
    assert defaults - {"NEVER"} <= english | defaults
    for table in TABLES.values():
        language = language_for(table.CODE)
        assert all(hasattr(language, name) for name in english)


@pytest.mark.parametrize(("tag", "code"), [
    ("es", "es"), ("pt-BR", "pt"), ("fr_CA", "fr"), ("DE-at", "de"), ("", "en"), (None, "en"),
    ("nl", "en"), ("ar", "en"),
])
def test_a_language_tag_chooses_its_table_and_an_unknown_one_falls_back_to_english(tag, code):
    assert code_of(tag) == code
    assert code == language_for(tag).CODE


def test_an_unknown_language_reads_english():
    text = '"The ferry will run," the mayor said.'
    assert found(text, "nl") == found(text, "en") == [
        ("the mayor", "mayor", "said", "asserted", '"The ferry will run,"')]


# Spanish

@pytest.mark.parametrize(("text", "expected"), [
    ("«Abriremos el puente en junio», dijo la alcaldesa de Cádiz.",
     ("la alcaldesa de Cádiz", "dijo", "asserted", "«Abriremos el puente en junio»")),
    ("“El puerto seguirá abierto”, aseguró el portavoz de la naviera.",
     ("el portavoz de la naviera", "aseguró", "asserted", "“El puerto seguirá abierto”")),
])
def test_spanish_quotes_with_their_verb_and_speaker(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "es")] == [expected]


def test_spanish_dialogue_dashes_split_around_the_aside():
    text = "—Abriremos el puente en junio —afirmó la alcaldesa—. No habrá más retrasos."
    (result,) = suggest(text, language="es")
    assert (result.source.text, result.cue.text, result.stance, result.direct) == (
        "la alcaldesa", "afirmó", "asserted", True)
    assert [text[s:e] for s, e in result.fragments] == [
        "—Abriremos el puente en junio", "No habrá más retrasos."]


def test_spanish_indirect_speech_with_a_title_and_the_name_after_it():
    text = "La consejera de Pesca, Lucía Navarro, afirmó que la veda terminará en abril."
    assert found(text, "es") == [
        ("La consejera de Pesca, Lucía Navarro,", "Lucía Navarro", "afirmó", "asserted",
         "que la veda terminará en abril")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Según la cofradía de pescadores, la captura cayó un 20 %.",
     ("la cofradía de pescadores", "Según", "la captura cayó un 20 %")),
    ("La captura cayó un 20 %, según la cofradía de pescadores.",
     ("la cofradía de pescadores", "según", "La captura cayó un 20 %")),
])
def test_spanish_segun_reports_on_either_side(text, expected):
    assert [(s, c, co) for s, _n, c, st, co in found(text, "es") if st == "reported"] == [expected]


def test_spanish_denial_of_a_report_gives_the_report_too():
    text = ("La naviera negó una información del diario Faro Sur según la cual vendería dos "
            "barcos.")
    assert found(text, "es") == [
        ("La naviera", "naviera", "negó", "denied",
         "una información del diario Faro Sur según la cual vendería dos barcos"),
        ("diario Faro Sur", "Faro Sur", "información", "reported",
         "según la cual vendería dos barcos"),
    ]


def test_spanish_subject_left_out_and_pronoun_go_to_the_person_named_before():
    text = ("Lucía Navarro visitó el puerto el martes. Explicó que la veda terminará en abril. "
            "Ella añadió que habrá ayudas.")
    assert [(s, n, c) for s, n, c, _st, _co in found(text, "es")] == [
        ("Explicó", "Lucía Navarro", "Explicó"), ("Ella", "Lucía Navarro", "añadió")]


def test_spanish_no_response_line():
    assert [(s, c, st) for s, _n, c, st, _co in found(
        "La naviera no respondió a las preguntas de este diario.", "es")] == [
        ("La naviera", "no respondió", "no_response")]


def test_spanish_segun_la_cual_and_a_refusal_are_no_attribution():
    assert found("Es una norma según la cual los barcos no salen de noche.", "es") == []
    assert found("El capitán se negó a zarpar con la tormenta.", "es") == []


# French

@pytest.mark.parametrize(("text", "expected"), [
    ("« Le pont ouvrira en juin », a déclaré la maire de Brest.",
     ("la maire de Brest", "a déclaré", "asserted", "« Le pont ouvrira en juin »")),
    ("‹ Nous restons prudents ›, a-t-il confié.",
     ("il", "a-t-il confié", "asserted", "‹ Nous restons prudents ›")),
    ("« La pêche reprendra », affirme-t-elle.",
     ("elle", "affirme", "asserted", "« La pêche reprendra »")),
])
def test_french_guillemets_with_their_verb_and_speaker(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "fr")] == [expected]


def test_french_dialogue_dash_with_the_aside_after_a_comma():
    text = "— Le pont ouvrira en juin, a assuré la maire."
    assert [(s, c, co) for s, _n, c, _st, co in found(text, "fr")] == [
        ("la maire", "a assuré", "— Le pont ouvrira en juin")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Le directeur du port a affirmé que les quais seraient rénovés.",
     ("Le directeur du port", "a affirmé", "asserted", "que les quais seraient rénovés")),
    ("La coopérative a démenti que des bateaux aient été vendus.",
     ("La coopérative", "a démenti", "denied", "que des bateaux aient été vendus")),
    ("Le syndicat a confirmé que la grève était levée.",
     ("Le syndicat", "a confirmé", "confirmed", "que la grève était levée")),
])
def test_french_indirect_speech_with_its_stance(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "fr")] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Selon la préfecture maritime, trois chalutiers sont rentrés.",
     ("la préfecture maritime", "Selon", "trois chalutiers sont rentrés")),
    ("Trois chalutiers sont rentrés, d’après la capitainerie.",
     ("la capitainerie", "d’après", "Trois chalutiers sont rentrés")),
])
def test_french_selon_and_d_apres_report(text, expected):
    assert [(s, c, co) for s, _n, c, st, co in found(text, "fr") if st == "reported"] == [expected]


def test_french_pronoun_goes_to_the_person_named_before():
    text = "Claire Morvan a visité la criée lundi. Elle a expliqué que les prix avaient doublé."
    assert [(s, n) for s, n, *_ in found(text, "fr")] == [("Elle", "Claire Morvan")]


def test_french_no_response_line_and_a_rule_named_selon_laquelle():
    assert [(s, c, st) for s, _n, c, st, _co in found(
        "La coopérative n’a pas répondu à nos sollicitations.", "fr")] == [
        ("La coopérative", "n’a pas répondu", "no_response")]
    assert found("C’est une règle selon laquelle les bateaux restent à quai.", "fr") == []


# Portuguese

@pytest.mark.parametrize(("text", "expected"), [
    ("“O porto vai reabrir em maio”, disse a prefeita de Santos.",
     ("a prefeita de Santos", "disse", "asserted", "“O porto vai reabrir em maio”")),
    ("«Não haverá atrasos», garantiu o presidente da cooperativa.",
     ("o presidente da cooperativa", "garantiu", "asserted", "«Não haverá atrasos»")),
])
def test_portuguese_quotes_with_their_verb_and_speaker(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "pt-BR")] == [expected]


def test_portuguese_dialogue_dashes_go_on_after_the_aside():
    text = "— O porto vai reabrir — disse a prefeita. — Não haverá atrasos."
    (result,) = suggest(text, language="pt")
    assert (result.source.text, result.cue.text) == ("a prefeita", "disse")
    assert [text[s:e] for s, e in result.fragments] == [
        "— O porto vai reabrir", "— Não haverá atrasos."]


@pytest.mark.parametrize(("text", "expected"), [
    ("A cooperativa negou que tenha vendido os barcos.",
     ("A cooperativa", "negou", "denied", "que tenha vendido os barcos")),
    ("O sindicato confirmou que a greve terminou.",
     ("O sindicato", "confirmou", "confirmed", "que a greve terminou")),
    ("Segundo a capitania, três barcos voltaram ao porto.",
     ("a capitania", "Segundo", "reported", "três barcos voltaram ao porto")),
    ("Três barcos voltaram ao porto, de acordo com a capitania.",
     ("a capitania", "de acordo com", "reported", "Três barcos voltaram ao porto")),
])
def test_portuguese_indirect_speech_denials_and_segundo(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "pt")] == [expected]


def test_portuguese_segundo_as_an_ordinal_is_no_attribution():
    assert found("A cooperativa ficou em segundo lugar no concurso regional.", "pt") == []


def test_portuguese_subject_left_out_goes_to_the_person_named_before():
    text = "Marta Lima visitou o porto na terça-feira. Disse que a pesca vai recuperar."
    assert [(s, n, co) for s, n, _c, _st, co in found(text, "pt")] == [
        ("Disse", "Marta Lima", "que a pesca vai recuperar")]


# German

@pytest.mark.parametrize(("text", "expected"), [
    ("„Die Fähre fährt wieder ab Juni“, sagte die Bürgermeisterin.",
     ("die Bürgermeisterin", "sagte", "asserted", "„Die Fähre fährt wieder ab Juni“")),
    ("»Wir bleiben vorsichtig«, erklärte er.",
     ("er", "erklärte", "asserted", "»Wir bleiben vorsichtig«")),
    ("«Der Hafen bleibt offen», betonte der Hafenmeister.",
     ("der Hafenmeister", "betonte", "asserted", "«Der Hafen bleibt offen»")),
    ("‚Das ist erledigt‘, fügte sie hinzu.",
     ("sie", "fügte sie hinzu", "asserted", "‚Das ist erledigt‘")),
])
def test_german_quotes_in_every_style_with_their_verb_and_speaker(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "de")] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Der Sprecher der Reederei sagte, die Fähre sei ausgebucht.",
     ("Der Sprecher der Reederei", "sagte", "asserted", "die Fähre sei ausgebucht")),
    ("Am Dienstag erklärte Hafenmeisterin Jana Kroll, der Kai werde erneuert.",
     ("Hafenmeisterin Jana Kroll", "erklärte", "asserted", "der Kai werde erneuert")),
    ("Die Reederei dementierte, dass Schiffe verkauft worden seien.",
     ("Die Reederei", "dementierte", "denied", "dass Schiffe verkauft worden seien")),
    ("Der Verband bestätigte, dass der Streik beendet sei.",
     ("Der Verband", "bestätigte", "confirmed", "dass der Streik beendet sei")),
])
def test_german_indirect_speech_with_its_stance(text, expected):
    assert [(s, c, st, co) for s, _n, c, st, co in found(text, "de")] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Laut Hafenbehörde liefen am 3. Oktober zwölf Schiffe aus.",
     ("Hafenbehörde", "Laut", "liefen am 3. Oktober zwölf Schiffe aus")),
    ("Laut der Reederei, fiel die Fahrt aus.",
     ("der Reederei", "Laut", "fiel die Fahrt aus")),
    ("Dem Hafenbericht zufolge liefen zwölf Schiffe aus.",
     ("Dem Hafenbericht", "zufolge", "liefen zwölf Schiffe aus")),
])
def test_german_laut_and_zufolge_report(text, expected):
    assert [(s, c, co) for s, _n, c, st, co in found(text, "de") if st == "reported"] == [expected]


def test_german_konjunktiv_goes_on_with_the_statement_before_it():
    text = ("Jana Kroll sprach am Kai. Sie sagte, die Lage sei ernst. Man arbeite an einer "
            "Lösung. Der Wind drehte am Abend.")
    assert [(s, n, c, co) for s, n, c, _st, co in found(text, "de")] == [
        ("Sie", "Jana Kroll", "sagte", "die Lage sei ernst"),
        ("Sie", "Jana Kroll", "arbeite", "Man arbeite an einer Lösung"),
    ]


def test_german_separable_verb_without_its_particle_is_no_cue():
    assert found("Die Reederei teilte die Kosten mit der Stadt.", "de") == []


# Texts that mix directions and quotation styles

@pytest.mark.parametrize("language", ["es", "fr", "pt", "de"])
def test_right_to_left_names_and_marks_keep_offsets_exact(language):
    name = "\u200fعلي حسن\u200f"
    lines = {
        "es": f"«Llegaremos mañana», dijo {name}.",
        "fr": f"« Nous arriverons demain », a déclaré {name}.",
        "pt": f"“Chegaremos amanhã”, disse {name}.",
        "de": f"„Wir kommen morgen“, sagte {name}.",
    }
    text = "🚢 שלום\n\n" + lines[language]
    (result,) = suggest(text, language=language)
    assert result.direct
    assert result.source.text == text[result.source.start:result.source.end]
    assert "علي حسن" in result.source.text
    assert text[result.content.start] in "«“„"


def test_guillemets_pointing_either_way_pair_in_german():
    text = "»Wir fahren«, sagte Kroll.\n\n«Heute noch», ergänzte sie."
    assert [co for _s, _n, _c, _st, co in found(text, "de")] == ["»Wir fahren«", "«Heute noch»"]


def test_a_quotation_inside_a_quotation_keeps_the_outer_one_whole():
    text = "« Il m’a dit “jamais” hier », a affirmé la capitaine."
    assert [co for _s, _n, _c, _st, co in found(text, "fr")] == [
        "« Il m’a dit “jamais” hier »"]


def test_english_text_is_read_as_before_whatever_the_other_tables_hold():
    text = ("Ortiz met the harbour board on Monday. \"We are ready,\" he said, according to "
            "the Harbour Gazette.")
    assert found(text, "en") == found(text, None)
    assert ("he", "Ortiz", "said", "asserted", '"We are ready,"') in found(text, "en")

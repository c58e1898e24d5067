"""Language tags and detection (annotations/languages.py): pure, no database."""

import pytest

from annotations import languages

# Written for these tests: short news sentences and headlines.
SENTENCES = {
    "en": [
        "The finance minister said on Tuesday that the budget deficit would narrow next year.",
        "Police arrested three men after a fire destroyed the old market overnight.",
        "Storm leaves thousands without power",
    ],
    "es": [
        "El ministro de Hacienda afirmó el martes que el déficit se reducirá el próximo año.",
        "La alcaldesa negó que el contrato del puente se adjudicara sin concurso público.",
        "La tormenta deja a miles de hogares sin luz",
    ],
    "fr": [
        "Le ministre des Finances a déclaré mardi que le déficit budgétaire se réduirait l'an prochain.",
        "Un porte-parole du ministère n'a pas souhaité commenter la note divulguée.",
        "La tempête prive des milliers de foyers d'électricité",
    ],
    "pt": [
        "O ministro das Finanças disse na terça-feira que o déficit vai diminuir no próximo ano.",
        "A prefeita negou que o contrato da ponte tenha sido assinado sem licitação.",
        "Tempestade deixa milhares de casas sem energia",
    ],
    "de": [
        "Der Finanzminister sagte am Dienstag, das Haushaltsdefizit werde im nächsten Jahr sinken.",
        "Die Behörden bestätigten, dass die Impfstofflieferung zwei Wochen zu spät eintraf.",
        "Sturm lässt Tausende ohne Strom",
    ],
    "ar": [
        "قال وزير المالية يوم الثلاثاء إن عجز الميزانية سينخفض في العام المقبل.",
        "اعتقلت الشرطة ثلاثة رجال بعد حريق دمر السوق القديم ليلا.",
        "العاصفة تترك الآلاف بلا كهرباء",
    ],
}
CASES = [(language, sentence) for language, sentences in SENTENCES.items() for sentence in sentences]
SPANISH_ARTICLE = " ".join(SENTENCES["es"] * 4)


@pytest.mark.parametrize(("language", "sentence"), CASES)
def test_detect_language_names_the_language_of_a_news_sentence(language, sentence):
    assert languages.detect_language(sentence) == language


@pytest.mark.parametrize("text", ["", "OK", "Trump", "12345 678 90", "Le ministre"])
def test_detect_language_gives_no_answer_for_text_that_tells_too_little(text):
    assert languages.detect_language(text) is None


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("en", "en"), ("EN-us", "en-US"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"), (" fr ", "fr"), ("iw", "he"), ("sr-Latn-RS", "sr-Latn-RS"),
    ],
)
def test_normalize_writes_a_tag_the_canonical_way(given, canonical):
    assert languages.normalize(given) == canonical


@pytest.mark.parametrize(
    "junk", ["", "xx", "xx-??", "<script>", "e", "en-", "x-klingon", "en us", "eng-abcdefghij", "qq-ZZ"],
)
def test_normalize_refuses_what_is_no_language_tag(junk):
    with pytest.raises(languages.InvalidTag):
        languages.normalize(junk)
    assert languages.valid(junk) is None


def test_name_gives_the_language_in_the_readers_locale_with_its_region():
    assert languages.name("es") == "Spanish"
    assert languages.name("pt-BR") == "Brazilian Portuguese"
    assert languages.name("fr-BE") == "French (Belgium)"
    assert languages.name("de", "fr") == "allemand"
    assert languages.name("ar", "qq") == "Arabic"


def test_primary_is_the_language_subtag():
    assert languages.primary("pt-BR") == "pt"
    assert languages.primary("en") == "en"


def test_choose_keeps_a_declared_tag_that_the_text_agrees_with():
    assert languages.choose("pt-br", " ".join(SENTENCES["pt"])) == "pt-BR"


def test_choose_keeps_a_declared_tag_when_the_text_is_too_short_to_contradict_it():
    assert languages.choose("es", SENTENCES["en"][0]) == "es"


def test_choose_believes_a_declared_close_language():
    norwegian = "Regjeringen sier at budsjettet skal legges fram i neste uke, og at skattene ikke øker. " * 4
    assert languages.choose("nb", norwegian) == "nb"


def test_choose_lets_the_text_overrule_a_template_lang_that_clearly_does_not_fit():
    assert languages.choose("en", SPANISH_ARTICLE) == "es"


def test_choose_detects_when_no_valid_tag_is_declared():
    assert languages.choose("", SPANISH_ARTICLE) == "es"
    assert languages.choose("<script>", SPANISH_ARTICLE) == "es"


def test_detection_answers_only_with_tags_the_site_accepts():
    mixed = "👩🏾‍⚕️ Dr. Ana said: «שלום» — été 🙂\n\nEnd."  # the model's best guess: a creole CLDR lacks

    assert languages.detect_language(mixed) is None
    assert languages.choose("", mixed) == "en"


def test_choose_falls_back_to_the_default_when_nothing_tells():
    assert languages.choose("", "OK") == languages.DEFAULT == "en"

"""Known claims across languages: a sentence finds the same claim checked in another language.

The sentences are our own translations of the test corpus (tests/matching_corpus.py), so
each query has exactly one right answer among twelve unrelated claims; the lexical half of
the search cannot help (no shared words), only the multilingual embedding can.
"""

import io

import pytest
from django.core.management import call_command

from annotations.jobs.core import KNOWN_CLAIMS_EMBED
from annotations.jobs.models import Job
from annotations.matching import services
from annotations.matching.core import SUGGEST
from annotations.matching.models import KnownClaim
from tests.api_support import client_for
from tests.matching_corpus import claimreview, corpus

SIMILAR = "/api/v1/claims/similar/"
IMPORT = "/api/v1/claimreviews/import/"

# (language, sentence, the corpus review it restates)
TRANSLATIONS = [
    ("es", "Las turbinas eólicas matan más aves que los coches y los edificios juntos.", 8),
    ("es", "Beber agua caliente cada quince minutos cura las infecciones virales.", 1),
    ("pt", "Os painéis solares não produzem eletricidade em dias nublados.", 10),
    ("pt", "As escolas vão fechar às sextas-feiras a partir de setembro.", 11),
    ("fr", "Les images de l'alunissage ont été tournées dans un studio de télévision.", 4),
    ("fr", "Manger des carottes permet de voir dans l'obscurité totale.", 5),
    ("de", "Der Stadtrat hat beschlossen, Fahrräder auf allen Brücken zu verbieten.", 2),
    ("de", "Die Zentralbank hat eine Banknote mit einer Zeichentrickfigur gedruckt.", 9),
    ("ar", "توربينات الرياح تقتل طيورا أكثر من السيارات والمباني مجتمعة.", 8),
    ("ar", "الألواح الشمسية لا تنتج الكهرباء في الأيام الغائمة.", 10),
]

# Reviews other fact-checkers wrote in their own languages, found from English text.
FOREIGN_REVIEWS = [
    (101, "es", "Un nuevo reglamento obliga a los perros a llevar cinturón de seguridad en el coche."),
    (102, "fr", "La compagnie nationale des chemins de fer supprimera tous les trains de nuit "
                "l'an prochain."),
    (103, "pt", "Um cantor famoso comprou uma ilha com o formato de uma guitarra."),
    (104, "de", "Selenskyj hat zugestimmt, den Donbas im Austausch für einen Waffenstillstand "
                "an Russland abzugeben."),
]


@pytest.fixture
def imported(editor):
    response = client_for(editor).post(IMPORT, data=corpus(), content_type="application/json")
    assert response.status_code == 200, response.content


def first_result(user, text, **params):
    body = client_for(user).get(SIMILAR, {"text": text, "kind": "external", **params}).json()
    return body["results"][0]


@pytest.mark.parametrize(("language", "sentence", "number"), TRANSLATIONS,
                         ids=[f"{language}-{number}" for language, _, number in TRANSLATIONS])
def test_a_translated_sentence_finds_the_english_review_first(imported, reviewer, language, sentence, number):
    first = first_result(reviewer, sentence)
    assert first["url"] == f"https://checks.example.org/{number}"
    assert first["language"] == "en"


def test_english_text_finds_reviews_written_in_other_languages(editor, reviewer):
    records = [
        claimreview(number, text, "False", "Verificado", inLanguage=language)
        for number, language, text in FOREIGN_REVIEWS
    ]
    # The corpus without the English reviews of the same four claims.
    others = [r for r in corpus() if r["url"].rsplit("/", 1)[1] not in {"3", "6", "7", "12"}]
    response = client_for(editor).post(IMPORT, data=[*others, *records], content_type="application/json")
    assert response.status_code == 200, response.content
    queries = {
        101: "A new rule forces dogs to wear a seat belt in the car.",
        102: "The national rail company is scrapping every night train next year.",
        103: "A well-known singer purchased an island in the shape of a guitar.",
        104: "Zelensky agreed to give the Donbas to Russia in return for a ceasefire.",
    }
    languages = dict((number, language) for number, language, _ in FOREIGN_REVIEWS)
    for number, text in queries.items():
        first = first_result(reviewer, text)
        assert first["url"] == f"https://checks.example.org/{number}", text
        assert first["language"] == languages[number]


def test_a_large_import_is_found_by_its_words_at_once_and_by_meaning_once_the_job_embedded_it(
    editor, reviewer, django_capture_on_commit_callbacks
):
    extra = [claimreview(200 + n, f"Filler claim number {n} about municipal parking fees.", "False", "X")
             for n in range(services.EMBED_NOW)]
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(editor).post(IMPORT, data=[*corpus(), *extra], content_type="application/json")
    assert response.status_code == 200, response.content
    assert KnownClaim.objects.filter(vector__isnull=True).count() == len(corpus()) + len(extra)
    assert not Job.objects.filter(kind=KNOWN_CLAIMS_EMBED).exists()  # started once the rows are committed
    # Meanwhile its words find it...
    assert first_result(reviewer, "wind turbines bird deaths")["url"] == "https://checks.example.org/8"
    # ...but a translation, sharing none of them, does not yet.
    spanish = TRANSLATIONS[0][1]
    assert first_result(reviewer, spanish)["url"] != "https://checks.example.org/8"
    # The commit starts the job and sends it; without a broker it runs here.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert Job.objects.get(kind=KNOWN_CLAIMS_EMBED).state == "succeeded"
    assert not KnownClaim.objects.filter(vector__isnull=True).exists()
    assert first_result(reviewer, spanish)["url"] == "https://checks.example.org/8"


def test_a_small_import_is_embedded_before_the_answer(imported):
    assert not KnownClaim.objects.filter(vector__isnull=True).exists()
    assert not Job.objects.filter(kind=KNOWN_CLAIMS_EMBED).exists()


def test_reindex_embeds_every_known_claim(editor):
    # More claims than a write embeds at once: reindex leaves them to the job, then embeds them itself.
    extra = [claimreview(200 + n, f"Filler claim number {n} about municipal parking fees.", "False", "X")
             for n in range(services.EMBED_NOW)]
    services.claimreviews_import(records=[*corpus(), *extra], user=editor)
    assert KnownClaim.objects.filter(vector__isnull=True).count() == len(corpus()) + len(extra)

    call_command("reindex", stdout=io.StringIO(), stderr=io.StringIO())

    assert KnownClaim.objects.count() == len(corpus()) + len(extra)
    assert not KnownClaim.objects.filter(vector__isnull=True).exists()


def test_a_review_of_the_donbas_claim_worded_differently_scores_above_the_suggest_threshold(reviewer, editor):
    afp = claimreview(300, "Trump told Zelensky to surrender Donetsk and Luhansk to Russia", "False", "AFP")
    response = client_for(editor).post(IMPORT, data=[*corpus(), afp], content_type="application/json")
    assert response.status_code == 200, response.content
    sentence = "Trump pressed Zelenskyy to give up the whole Donbas region"
    results = client_for(reviewer).get(SIMILAR, {"text": sentence, "kind": "external"}).json()["results"]
    afp_result = next(result for result in results if result["url"] == "https://checks.example.org/300")
    assert afp_result["score"] >= SUGGEST


def test_a_cron_run_of_watch_embeds_the_known_claims_that_wait(imported):
    KnownClaim.objects.update(vector=None)  # as after migration 0025, or a job that missed them

    out = io.StringIO()
    call_command("watch", "--once", stdout=out, stderr=io.StringIO())

    assert f"Embedded {len(corpus())} known claims." in out.getvalue()
    assert not KnownClaim.objects.filter(vector__isnull=True).exists()

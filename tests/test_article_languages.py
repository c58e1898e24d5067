"""Articles and claims carry their language: detected, checked, shown, filtered and exported."""

import csv
import io

import pytest

from annotations import services
from annotations.ingest.extract import extract
from annotations.ingest.services import article_import
from annotations.models import Annotation, Article
from tests.api_support import PERMISSION_QUERIES, client_for
from tests.factories import ArticleFactory, verified_claim

ARTICLES = "/api/v1/articles/"
ANNOTATIONS = "/api/v1/annotations/"

# Written for these tests.
SPANISH = (
    "El ministro de Hacienda afirmó el martes que el déficit se reducirá el próximo año.\n\n"
    "La alcaldesa negó que el contrato del puente se adjudicara sin concurso público, "
    "y la oposición pidió que se publicaran todos los documentos de la licitación.\n\n"
    "Un portavoz del ministerio declinó comentar el documento filtrado."
)
PORTUGUESE = (
    "O ministro das Finanças disse na terça-feira que o déficit vai diminuir no próximo ano. "
    "A prefeita negou que o contrato da ponte tenha sido assinado sem licitação, e a oposição "
    "pediu que todos os documentos fossem publicados."
)
FRENCH = (
    "Le ministre des Finances a déclaré mardi que le déficit budgétaire se réduirait l'an prochain. "
    "La maire a démenti que le contrat du pont ait été attribué sans appel d'offres, et "
    "l'opposition a demandé la publication de tous les documents."
)


def page(body: str, lang: str = "") -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in body.replace("\n\n", " ").split(". "))
    lang_attribute = f' lang="{lang}"' if lang else ""
    return (f"<!doctype html><html{lang_attribute}><head><title>Story</title></head><body><article>"
            f"<h1>Story</h1>{paragraphs}</article></body></html>")


# Import: the page's tag, else the detector


def test_import_keeps_a_valid_page_lang_the_text_agrees_with():
    assert extract(page(PORTUGUESE, "pt-br"), "https://news.example/a").language == "pt-BR"


def test_import_detects_the_language_of_a_page_without_a_valid_lang():
    assert extract(page(FRENCH), "https://news.example/b").language == "fr"
    assert extract(page(FRENCH, "x-default"), "https://news.example/c").language == "fr"


def test_import_lets_a_long_text_overrule_a_template_lang():
    assert extract(page(SPANISH * 2, "en"), "https://news.example/d").language == "es"


def test_a_stored_import_carries_the_detected_language(editor):
    stored, duplicate = article_import(user=editor, page=extract(page(SPANISH), "https://news.example/e"))

    assert not duplicate and stored.language == "es"


# Articles through the API


def test_an_article_posted_without_a_language_gets_the_detected_one(reviewer):
    response = client_for(reviewer).post(ARTICLES, {"title": "Déficit", "body": SPANISH})

    assert response.status_code == 201
    assert response.json()["language"] == "es"


def test_a_client_that_sends_a_language_is_obeyed_in_its_canonical_form(reviewer):
    response = client_for(reviewer).post(ARTICLES, {"title": "T", "body": SPANISH, "language": "es_mx"})

    assert response.status_code == 201
    assert response.json()["language"] == "es-MX"


@pytest.mark.parametrize("junk", ["<script>", "xx-??", "xx", "english"])
def test_a_junk_language_is_a_clear_400_that_stores_nothing(reviewer, junk):
    response = client_for(reviewer).post(ARTICLES, {"title": "T", "body": SPANISH, "language": junk})

    assert response.status_code == 400
    assert list(response.json()) == ["language"]
    assert "language" in response.json()["language"][0] or "language code" in response.json()["language"][0]
    assert not Article.objects.exists()


def test_an_editor_changes_the_language_and_a_blank_one_is_detected_again(editor):
    article = ArticleFactory(body=SPANISH, language="en")
    client = client_for(editor)

    changed = client.patch(f"{ARTICLES}{article.pk}/", {"language": "pt"})
    detected = client.patch(f"{ARTICLES}{article.pk}/", {"language": ""})
    refused = client.patch(f"{ARTICLES}{article.pk}/", {"language": "<b>"})

    assert (changed.status_code, changed.json()["language"]) == (200, "pt")
    assert (detected.status_code, detected.json()["language"]) == (200, "es")
    assert refused.status_code == 400
    article.refresh_from_db()
    assert article.language == "es"


def test_the_article_list_filters_by_primary_language_in_constant_queries(
    reviewer, django_assert_num_queries,
):
    spanish = [ArticleFactory(language="es"), ArticleFactory(language="es-MX")]
    ArticleFactory(language="en")
    brazilian = ArticleFactory(language="pt-BR")
    client = client_for(reviewer)

    with django_assert_num_queries(1 + PERMISSION_QUERIES + 2):
        response = client.get(ARTICLES, {"language": "ES"})

    assert sorted(a["id"] for a in response.json()["results"]) == sorted(a.pk for a in spanish)
    assert [a["id"] for a in client.get(ARTICLES, {"language": "pt-br"}).json()["results"]] == [brazilian.pk]
    assert client.get(ARTICLES, {"language": "pt-PT"}).json()["results"] == []
    assert client.get(ARTICLES, {"language": "fr"}).json()["results"] == []


@pytest.mark.parametrize("junk", ["<script>", "xx-??", "e"])
def test_a_junk_language_filter_is_a_400(reviewer, junk):
    response = client_for(reviewer).get(ARTICLES, {"language": junk})

    assert response.status_code == 400
    assert list(response.json()) == ["language"]


# Claims carry their language


def test_a_new_annotation_inherits_its_articles_language(reviewer):
    article = ArticleFactory(body=SPANISH, language="es")

    response = client_for(reviewer).post(ANNOTATIONS, {"article": article.pk, "quote": "déficit"})

    assert response.status_code == 201
    assert response.json()["language"] == "es"
    assert Annotation.objects.get().language == "es"


def test_an_annotation_takes_a_language_given_on_create_and_update(reviewer):
    article = ArticleFactory(body=SPANISH, language="es")
    client = client_for(reviewer)

    created = client.post(ANNOTATIONS, {"article": article.pk, "quote": "déficit", "language": "en-gb"})
    url = f"{ANNOTATIONS}{created.json()['id']}/"
    patched = client.patch(url, {"language": "ca"}, HTTP_IF_MATCH='"1"')
    refused = client.patch(url, {"language": "<script>"}, HTTP_IF_MATCH='"2"')
    replaced = client.put(url, {"quote": "déficit", "claim": "El déficit baja"}, HTTP_IF_MATCH='"2"')

    assert created.json()["language"] == "en-GB"
    assert (patched.json()["language"], patched.json()["version"]) == ("ca", 2)
    assert refused.status_code == 400 and list(refused.json()) == ["language"]
    # A full replacement that leaves the language out gives back the article's.
    assert (replaced.json()["language"], replaced.json()["version"]) == ("es", 3)


def test_annotations_filter_by_their_language(reviewer):
    article = ArticleFactory(body=SPANISH, language="es")
    services.annotation_create(article=article, user=reviewer, quote="déficit")
    english = services.annotation_create(article=article, user=reviewer, quote="ministro", language="en")

    found = client_for(reviewer).get(ANNOTATIONS, {"language": "en"}).json()["results"]

    assert [a["id"] for a in found] == [english.pk]


def test_a_bulk_create_gives_each_claim_its_articles_language(reviewer):
    spanish = ArticleFactory(body=SPANISH, language="es")
    french = ArticleFactory(body=FRENCH, language="fr")

    response = client_for(reviewer).post(f"{ANNOTATIONS}bulk/", [
        {"article": spanish.pk, "quote": "déficit"},
        {"article": french.pk, "quote": "ministre"},
        {"article": french.pk, "quote": "maire", "language": "oc"},
    ], format="json")

    assert response.status_code in (200, 201), response.json()
    assert list(Annotation.objects.order_by("pk").values_list("language", flat=True)) == ["es", "fr", "oc"]


# Exports follow the claim's language


def test_exports_carry_the_claims_language(client, db):
    article = ArticleFactory(body=SPANISH, language="es")
    claim = verified_claim(article=article, language="es-MX")

    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    published = client.get(f"/api/v1/claims/{claim.pk}/").json()
    export = client.get("/api/v1/claims/export/", {"format": "csv"})
    text = b"".join(export.streaming_content).decode().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    w3c = client.get(f"/api/v1/w3c/annotations/{claim.pk}/").json()

    assert review["inLanguage"] == "es-MX"
    assert published["language"] == "es-MX"
    assert [row["Language"] for row in rows] == ["es-MX"]
    assert [body.get("language") for body in w3c["body"] if body["purpose"] == "identifying"] == ["es-MX"]


def test_changing_a_published_claims_language_opens_a_correction(editor, other_editor, db):
    claim = verified_claim(article=ArticleFactory(body=SPANISH, language="es"))

    services.annotation_update(annotation=claim, user=editor, version=claim.version, language="pt")
    verified = services.review_verify(annotation=Annotation.objects.get(pk=claim.pk), user=other_editor)

    public = verified.published.public
    assert public["language"] == "pt"
    assert "language changed from es to pt" in public["corrections"][-1]["note"]


# Pages


def test_the_article_list_shows_and_filters_languages(client, db):
    ArticleFactory(title="Déficit", language="es")
    ArticleFactory(title="Deficit", language="en")

    everything = client.get("/").content.decode()
    spanish = client.get("/", {"language": "es"}).content.decode()

    assert '<option value="es">Spanish</option>' in everything
    assert ">Spanish</span>" in everything and ">English</span>" in everything
    assert "Déficit" in spanish and ">Deficit<" not in spanish
    assert client.get("/", {"language": "<script>"}).status_code == 400


def test_the_article_page_names_its_language_and_marks_its_text(client, reviewer):
    article = ArticleFactory(body=SPANISH, language="es-MX")
    client.force_login(reviewer)

    page_text = client.get(f"/articles/{article.pk}/").content.decode()

    assert ">Mexican Spanish</span>" in page_text
    assert 'class="article__body" lang="es-MX"' in page_text


# Correcting the language on the article's page.


def language_page_post(client, article, language):
    return client.post(f"/articles/{article.pk}/language/", {"language": language})


def test_an_editor_corrects_an_articles_language_on_its_page(client, editor):
    article = ArticleFactory(language="en", body=SPANISH)
    client.force_login(editor)

    page = client.get(f"/articles/{article.pk}/", headers={"accept-language": "fr"}).content.decode()
    assert f'action="/articles/{article.pk}/language/"' in page
    assert "<option value=\"pt-BR\">portugais brésilien</option>" in page  # named in the reader’s language

    response = language_page_post(client, article, "pt-BR")
    assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/"
    article.refresh_from_db()
    assert article.language == "pt-BR"

    language_page_post(client, article, "")  # detected from the text again
    article.refresh_from_db()
    assert article.language == "es"


def test_a_language_off_the_list_is_400_and_changes_nothing(client, editor):
    article = ArticleFactory(language="en")
    client.force_login(editor)

    assert language_page_post(client, article, "<script>").status_code == 400
    assert language_page_post(client, article, "xx").status_code == 400
    article.refresh_from_db()
    assert article.language == "en"


def test_only_people_who_may_edit_articles_correct_a_language(client, reviewer):
    article = ArticleFactory(language="en")

    assert language_page_post(client, article, "fr").status_code == 302  # anonymous: to the login page
    client.force_login(reviewer)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert f'action="/articles/{article.pk}/language/"' not in page
    assert language_page_post(client, article, "fr").status_code == 403
    assert client.get(f"/articles/{article.pk}/language/").status_code == 405
    article.refresh_from_db()
    assert article.language == "en"

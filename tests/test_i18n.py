"""The interface language: a person's choice, else the switcher's cookie, else Accept-Language,
else LANGUAGE_CODE; Arabic pages read right to left; the switcher is a CSRF-protected form."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from annotations.displayzone.models import DisplaySettings
from tests import factories
from tests.admin_support import CHANGELIST, QUEUE, messages_of, review_action
from tests.api_support import client_for


def html_tag(response) -> str:
    assert response.status_code == 200
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_without_a_choice_the_interface_is_in_language_code(client, db):
    assert 'lang="en" dir="ltr"' in html_tag(client.get("/claims/"))


def test_accept_language_chooses_the_interface(client, db):
    response = client.get("/claims/", headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})

    assert 'lang="es" dir="ltr"' in html_tag(response)
    assert response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]


def test_brazilian_portuguese_is_offered_as_pt_br(client, db):
    assert 'lang="pt-br"' in html_tag(client.get("/claims/", headers={"accept-language": "pt-BR"}))


def test_an_unsupported_language_falls_back_to_english(client, db):
    assert 'lang="en" dir="ltr"' in html_tag(client.get("/claims/", headers={"accept-language": "de-DE,de"}))


def test_arabic_pages_read_right_to_left(client, db):
    assert 'lang="ar" dir="rtl"' in html_tag(client.get("/claims/", headers={"accept-language": "ar"}))


def test_a_persons_choice_beats_accept_language(client, reviewer):
    DisplaySettings.objects.create(user=reviewer, language="ar")
    client.force_login(reviewer)

    assert 'lang="ar" dir="rtl"' in html_tag(client.get("/", headers={"accept-language": "es"}))


def test_the_switcher_keeps_a_signed_in_persons_choice(client, reviewer):
    client.force_login(reviewer)

    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/claims/"})

    assert response.status_code == 302 and response["Location"] == "/claims/"
    assert DisplaySettings.objects.get(user=reviewer).language == "fr"
    assert 'lang="fr"' in html_tag(client.get("/claims/", headers={"accept-language": "es"}))
    # The choice follows the person to a new session.
    other_browser = Client()
    other_browser.force_login(reviewer)
    assert 'lang="fr"' in html_tag(other_browser.get("/claims/", headers={"accept-language": "es"}))


def test_the_switcher_uses_the_cookie_for_an_anonymous_visitor(client, db):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/claims/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
    assert 'lang="es"' in html_tag(client.get("/claims/", headers={"accept-language": "ar"}))
    assert not DisplaySettings.objects.exists()


def test_the_switcher_refuses_a_language_not_offered(client, reviewer):
    client.force_login(reviewer)

    client.post("/i18n/setlang/", {"language": "de", "next": "/claims/"})

    assert not DisplaySettings.objects.filter(language="de").exists()
    assert 'lang="en"' in html_tag(client.get("/claims/"))


def test_the_switcher_is_csrf_protected(reviewer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reviewer)

    response = browser.post("/i18n/setlang/", {"language": "ar", "next": "/claims/"})

    assert response.status_code == 403
    assert not DisplaySettings.objects.filter(user=reviewer, language="ar").exists()


def test_the_switcher_takes_posts_only(client, db):
    assert client.get("/i18n/setlang/?language=ar").status_code == 405


def test_every_page_offers_the_switcher(client, db):
    page = client.get("/claims/").content.decode()

    assert 'action="/i18n/setlang/"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    for code in ("en", "es", "fr", "pt-br", "ar"):
        assert f'<option value="{code}" lang="{code}"' in page


def test_the_settings_page_chooses_the_language(client, reviewer):
    client.force_login(reviewer)

    response = client.post("/accounts/settings/", {"time_zone": "", "language": "es"})

    assert response.status_code == 302
    assert DisplaySettings.objects.get(user=reviewer).language == "es"
    assert 'lang="es"' in html_tag(client.get("/claims/"))
    client.post("/accounts/settings/", {"time_zone": "", "language": ""})
    assert 'lang="en"' in html_tag(client.get("/claims/", headers={"accept-language": "en"}))


@pytest.mark.parametrize("language", ["xx", "de"])
def test_a_stored_language_not_offered_is_refused(reviewer, language):
    with pytest.raises(ValidationError):
        DisplaySettings(user=reviewer, language=language).full_clean()


def test_a_page_in_spanish_speaks_spanish(client, reviewer, article):
    client.force_login(reviewer)

    page = client.get("/", headers={"accept-language": "es"}).content.decode()

    assert "Artículos" in page and "Mi trabajo" in page and "Cerrar sesión" in page
    assert "Log out" not in page


def test_the_article_pages_legend_and_list_heading_speak_spanish(client, reviewer, article):
    client.force_login(reviewer)

    page = client.get(f"/articles/{article.pk}/", headers={"accept-language": "es"}).content.decode()

    assert "Borrador: subrayado discontinuo" in page and "Sin calificar" in page
    assert "Redacción sugerida:" in page
    assert "dashed underline" not in page and "Suggested wording" not in page
    assert ">Anotaciones <" in page


def test_a_page_in_arabic_speaks_arabic_and_reads_right_to_left(client, db):
    response = client.get("/claims/", headers={"accept-language": "ar"})

    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "ادعاءات تم التحقق منها" in page and "تسجيل الدخول" in page


def test_rating_labels_and_dates_follow_the_interface_language(client, reviewer, settings):
    article = factories.ArticleFactory(published_at="2025-10-22T00:00:00Z")
    factories.verified_claim(article=article, rating="mostly_false")
    client.force_login(reviewer)

    spanish = client.get("/", headers={"accept-language": "es"}).content.decode()
    claims = client.get("/claims/", headers={"accept-language": "es"}).content.decode()

    assert "22/10/2025" in spanish
    assert "Mayormente falso" in claims
    assert re.search(r"<time [^>]*>\d+ de \w+ de \d{4}</time>", claims)


def test_claimreview_follows_the_claims_language_not_the_readers(client, db):
    article = factories.ArticleFactory(language="es")
    claim = factories.verified_claim(article=article, rating="false")

    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview/", headers={"accept-language": "ar"}).json()

    assert review["inLanguage"] == "es"
    assert review["reviewRating"]["alternateName"] == "Falso"
    assert review["reviewRating"]["ratingExplanation"] == (
        "Financial Times lo publicó. Donald Trump lo desmintió."
    )


def test_claimreview_of_a_language_the_interface_lacks_keeps_english_labels(client, db):
    claim = factories.verified_claim(article=factories.ArticleFactory(language="de"), rating="false")

    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview/", headers={"accept-language": "es"}).json()

    assert review["inLanguage"] == "de"
    assert review["reviewRating"]["alternateName"] == "False"


def test_api_errors_we_write_speak_the_readers_language(client, db):
    response = client.get("/api/v1/no-such-thing/", headers={"accept-language": "es"})

    assert response.status_code == 404
    assert response.json() == {"detail": "No encontrado."}


@pytest.mark.parametrize(
    ("language", "detail"),
    [("en", "No such article."), ("es", "No existe ese artículo."), ("ar", "لا يوجد مقال كهذا.")],
)
def test_our_own_api_errors_speak_the_readers_language(reviewer, language, detail):
    response = client_for(reviewer).get(
        "/api/v1/articles/999999/known-claims/", HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 404
    assert response.json() == {"detail": detail}
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("en", "You may not edit this annotation."),
        ("es", "No puede editar esta anotación."),
        ("ar", "لا يحق لك تعديل هذا التعليق التوضيحي."),
    ],
)
def test_a_refusal_of_our_own_speaks_the_readers_language(draft, other_reviewer, language, detail):
    version = draft.version
    response = client_for(other_reviewer).patch(
        f"/api/v1/annotations/{draft.pk}/", {"quote": "Trump"}, format="json",
        HTTP_IF_MATCH=f'"{draft.version}"', HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 403
    assert response.json() == {"detail": detail}
    draft.refresh_from_db()
    assert draft.version == version


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("en", "Unknown charset 'rot13'; send UTF-8."),
        ("es", "Juego de caracteres desconocido 'rot13'; envíe UTF-8."),
        ("fr", "Jeu de caractères inconnu 'rot13'\u00a0; envoyez de l’UTF-8."),
        ("ar", "ترميز أحرف غير معروف 'rot13'؛ أرسل UTF-8."),
    ],
)
def test_a_translated_api_error_keeps_what_it_quotes(editor, language, detail):
    response = client_for(editor).post(
        "/api/v1/annotations/", b'{"quote": "x"}',
        content_type="application/json; charset=rot13", HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.json() == {"detail": detail}


# The admin and the domain errors below the API speak the reader's language too.


def test_an_admin_review_action_reports_in_the_persons_language(client, reviewer, draft):
    DisplaySettings.objects.create(user=reviewer, language="es")
    client.force_login(reviewer)

    response = review_action(client, "submit_for_review", [draft])

    assert messages_of(response) == [
        ("success", f"Enviadas a revisión: #{draft.pk} “Trump pressed Zelenskyy to give up the whole "
                    "Donbas region”."),
    ]
    assert 'lang="es"' in response.content.decode()


def test_admin_columns_filters_and_actions_speak_the_persons_language(client, editor, draft):
    DisplaySettings.objects.create(user=editor, language="es")
    client.force_login(editor)

    page = client.get(reverse(CHANGELIST)).content.decode()

    assert re.search(r'<th scope="col" class="sortable[^"]*column-reviewer[^>]*>.*?>Revisor</a>', page, re.S)
    assert "tipo de fuente" in page  # a filter's title
    assert "Verificar (un editor que no sea el autor)…" in page
    assert "Back office de Factcheck" in page
    for english in ("Reviewer<", "source kind", "Verify (an editor", "Factcheck back office"):
        assert english not in page


def test_the_review_queue_speaks_arabic(client, editor, in_review):
    DisplaySettings.objects.create(user=editor, language="ar")
    client.force_login(editor)

    page = client.get(reverse(QUEUE)).content.decode()

    assert 'dir="rtl"' in page
    assert "تعليق توضيحي واحد ينتظر المراجعة" in page
    assert "waiting for review" not in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "quote 'Putin' is not in the article body."),
        ("es", "quote 'Putin' no está en el cuerpo del artículo."),
        ("ar", "quote 'Putin' غير موجود في متن المقال."),
    ],
)
def test_an_anchoring_error_from_the_api_speaks_the_readers_language(reviewer, article, language, message):
    response = client_for(reviewer).post(
        "/api/v1/annotations/", {"article": article.pk, "quote": "Putin"}, format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.json() == {"quote": [message]}


def test_an_offset_error_from_the_api_speaks_spanish(reviewer, article):
    response = client_for(reviewer).post(
        "/api/v1/annotations/", {"article": article.pk, "start": 5, "end": 5}, format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 400
    assert response.json() == {"end": ["start (5) debe ser menor que end (5)."]}


@pytest.mark.parametrize(("language", "message"), [
    ("es", "Solo se puede verificar una anotación en revisión."),
    ("ar", "لا يمكن التحقق إلا من تعليق توضيحي قيد المراجعة."),
])
def test_a_refusal_of_the_review_service_speaks_the_readers_language(editor, draft, language, message):
    response = client_for(editor).post(
        f"/api/v1/annotations/{draft.pk}/verify/", {}, format="json",
        HTTP_IF_MATCH=f'"{draft.version}"', HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.json()["review_state"] == [message]

"""Attribution suggestions through the API: shape, stored sources, cache, dismissals, aliases."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations import services
from annotations.models import Article, Source, SuggestionDismissal, SuggestionSet
from tests import factories
from tests.admin_support import form_data
from tests.api_support import PERMISSION_QUERIES, client_for

BODY = factories.ArticleFactory.body


def url(article):
    return f"/api/v1/articles/{article.pk}/suggestions/"


def dismiss_url(article):
    return f"/api/v1/articles/{article.pk}/suggestions/dismiss/"


def test_suggestions_of_an_article_in_the_contract_shape(article, ft_source, reviewer):
    response = client_for(reviewer).get(url(article))
    content = BODY.index("a story")
    report = BODY.index("that he")
    end = BODY.index(".\n\n")
    said = BODY.index("there were")

    assert response.status_code == 200
    assert response.json() == {"revision": 1, "results": [
        {
            "start": content, "end": end, "quote": BODY[content:end],
            "cue": {"start": 6, "end": 13, "text": "refuted"},
            "source": {"start": 0, "end": 5, "text": "Trump", "name": "Trump", "kind": "person",
                       "source_id": None},
            "stance": "denied", "direct": False, "annotated": False, "score": 0.65,
        },
        {
            "start": report, "end": end, "quote": BODY[report:end],
            "cue": {"start": BODY.index("story"), "end": BODY.index("story") + 5, "text": "story"},
            "source": {"start": BODY.index("the Financial"), "end": BODY.index(" that he"),
                       "text": "the Financial Times", "name": "Financial Times",
                       "kind": "news_outlet", "source_id": ft_source.pk},
            "stance": "reported", "direct": False, "annotated": False, "score": 0.7,
        },
        {
            "start": said, "end": len(BODY) - 1, "quote": "there were no plans for a meeting",
            "cue": {"start": said - 5, "end": said - 1, "text": "said"},
            "source": {"start": BODY.index("A White"), "end": said - 6,
                       "text": "A White House official", "name": "White House official",
                       "kind": "anonymous", "source_id": None},
            "stance": "asserted", "direct": False, "annotated": False, "score": 0.65,
        },
    ]}


def test_stored_source_found_by_alias_and_annotated_span_marked(draft, reviewer, admin_user, trump):
    services.source_update(source=trump, user=admin_user, aliases=["Trump"])

    results = client_for(reviewer).get(url(draft.article)).json()["results"]

    denial = results[0]
    assert denial["source"]["name"] == "Donald Trump"
    assert denial["source"]["source_id"] == trump.pk
    assert denial["annotated"] is True
    assert results[2]["annotated"] is False


def test_drafts_mark_no_suggestion_annotated_for_users_who_may_not_read_drafts(draft, editor):
    no_role = factories.UserFactory(username="nora")

    staff = client_for(editor).get(url(draft.article)).json()["results"]
    public = client_for(no_role).get(url(draft.article)).json()["results"]

    assert staff[0]["annotated"] is True
    assert [result["annotated"] for result in public] == [False, False, False]


def test_verified_annotations_mark_suggestions_for_everyone_signed_in(verified):
    no_role = factories.UserFactory(username="nora")

    results = client_for(no_role).get(url(verified.article)).json()["results"]

    assert results[0]["annotated"] is True


def test_suggestions_need_an_account(article):
    assert client_for(None).get(url(article)).status_code == 401


@pytest.mark.parametrize("pk, detail", [
    ("999999", "No such article."),
    # No id: the path matches no route.
    ("abc", "Not found."), ("0.5", "Not found."), ("99999999999999999999", "Not found."),
])
def test_unknown_article_is_a_json_404(reviewer, pk, detail):
    response = client_for(reviewer).get(f"/api/v1/articles/{pk}/suggestions/")

    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_results_are_computed_once_per_body_and_read_in_constant_queries(
        article, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    client.get(url(article))
    factories.AnnotationFactory.create_batch(3, article=article)

    # token, (permissions,) article, stored set, sources stamp, dismissals, annotations, revision
    with django_assert_num_queries(7 + PERMISSION_QUERIES):
        response = client.get(url(article))

    assert response.status_code == 200
    assert SuggestionSet.objects.filter(article=article).count() == 1


def test_renaming_a_source_refreshes_the_stored_names(article, reviewer, admin_user, trump):
    client = client_for(reviewer)
    assert client.get(url(article)).json()["results"][0]["source"]["source_id"] is None

    services.source_update(source=trump, user=admin_user, aliases=["Trump"])

    assert client.get(url(article)).json()["results"][0]["source"]["source_id"] == trump.pk


def dismissal_of(result):
    return {"start": result["start"], "end": result["end"], "stance": result["stance"],
            "source_name": result["source"]["name"] if result["source"] else ""}


def test_dismissed_suggestion_stays_hidden_for_everyone_after_a_refresh(
        article, reviewer, other_reviewer):
    first = client_for(reviewer).get(url(article)).json()["results"][2]

    response = client_for(reviewer).post(dismiss_url(article), dismissal_of(first), format="json")
    SuggestionSet.objects.all().delete()  # a refresh recomputes from the same text
    seen_by_other = client_for(other_reviewer).get(url(article)).json()["results"]

    assert response.status_code == 204
    assert first not in seen_by_other
    assert len(seen_by_other) == 2
    dismissal = SuggestionDismissal.objects.get()
    assert (dismissal.dismissed_by, dismissal.quote) == (reviewer, "there were no plans for a meeting")


def test_dismissing_twice_keeps_one_record(article, reviewer, editor):
    first = client_for(reviewer).get(url(article)).json()["results"][0]

    client_for(reviewer).post(dismiss_url(article), dismissal_of(first), format="json")
    again = client_for(editor).post(dismiss_url(article), dismissal_of(first), format="json")

    assert again.status_code == 204
    assert SuggestionDismissal.objects.get().dismissed_by.username == "rita"


def test_a_dismissed_suggestion_stays_dismissed_when_another_paragraph_is_edited(
        article, reviewer, editor):
    client = client_for(reviewer)
    meeting = client.get(url(article)).json()["results"][2]
    client.post(dismiss_url(article), dismissal_of(meeting), format="json")
    first, second = BODY.split("\n\n")

    edited = client_for(editor).patch(
        f"/api/v1/articles/{article.pk}/",
        {"body": "Updated: " + first + "\n\nA new paragraph.\n\n" + second}, format="json")
    shown = client.get(url(article)).json()["results"]

    assert edited.status_code == 200
    assert "there were no plans for a meeting" not in [r["quote"] for r in shown]
    assert len(shown) == 2  # the other two suggestions, moved, are still offered
    assert list(SuggestionSet.objects.values_list("body_sha256", flat=True)) == [
        Article.objects.get(pk=article.pk).body_sha256]


def test_a_dismissed_suggestion_comes_back_when_its_sentence_is_edited(article, reviewer, editor):
    client = client_for(reviewer)
    meeting = client.get(url(article)).json()["results"][2]
    client.post(dismiss_url(article), dismissal_of(meeting), format="json")

    edited = client_for(editor).patch(
        f"/api/v1/articles/{article.pk}/",
        {"body": BODY.replace("A White House official said", "A senior White House official said")},
        format="json")
    shown = client.get(url(article)).json()["results"]

    assert edited.status_code == 200
    assert "there were no plans for a meeting" in [r["quote"] for r in shown]
    assert len(shown) == 3


def test_a_dismissal_stored_before_anchors_still_hides_its_suggestion_and_gains_one(
        article, reviewer):
    client = client_for(reviewer)
    meeting = client.get(url(article)).json()["results"][2]
    SuggestionDismissal.objects.create(
        article=article, body_sha256=article.body_sha256, start=meeting["start"],
        end=meeting["end"], stance=meeting["stance"],
        source_name=dismissal_of(meeting)["source_name"])

    shown = client.get(url(article)).json()["results"]
    again = client.post(dismiss_url(article), dismissal_of(meeting), format="json")

    assert meeting not in shown
    assert again.status_code == 204
    assert len(SuggestionDismissal.objects.get().anchor) == 64


@pytest.mark.parametrize(("payload", "field"), [
    ({"start": 1, "end": 5, "stance": "asserted"}, "non_field_errors"),
    ({"start": 1, "end": 5, "stance": "sarcastic"}, "stance"),
    ({"start": -1, "end": 5, "stance": "asserted"}, "start"),
    ({"start": 1, "end": 5, "stance": "asserted", "extra": 1}, "extra"),
    ({"end": 5, "stance": "asserted"}, "start"),
])
def test_dismissing_what_is_not_a_suggestion_is_refused_and_stores_nothing(
        article, reviewer, payload, field):
    response = client_for(reviewer).post(dismiss_url(article), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not SuggestionDismissal.objects.exists()


def test_dismissing_needs_an_account(article):
    response = client_for(None).post(dismiss_url(article), {}, format="json")

    assert response.status_code == 401


def test_suggestions_name_the_body_revision_they_were_computed_from(article, reviewer, editor):
    client = client_for(reviewer)
    assert client.get(url(article)).json()["revision"] == 1

    services.article_update(article=article, user=editor, body=BODY + "\n\nMore text.")

    assert client.get(url(article)).json()["revision"] == 2


def test_merging_a_source_keeps_the_duplicate_name_as_an_alias(ft_source, admin_user):
    duplicate = factories.SourceFactory(name="FT", kind="news_outlet", aliases=["The FT"])
    services.source_update(source=ft_source, user=admin_user, aliases=["Financial Times Ltd"])

    services.source_merge(duplicate=duplicate, into=ft_source, user=admin_user)

    ft_source.refresh_from_db()
    assert ft_source.aliases == ["Financial Times Ltd", "The FT", "FT"]


def test_aliases_are_written_and_read_through_the_sources_api(reviewer, editor):
    client = client_for(reviewer)
    created = client.post("/api/v1/sources/", {
        "name": "Donald Trump", "kind": "person", "aliases": [" Trump ", "POTUS", "trump"],
    }, format="json")
    source = Source.objects.get()
    changed = client_for(editor).patch(f"/api/v1/sources/{source.pk}/", {"aliases": ["DJT"]},
                                       format="json")

    assert created.status_code == 201
    assert created.json()["aliases"] == ["Trump", "POTUS"]
    assert changed.json()["aliases"] == ["DJT"]


def test_aliases_that_are_not_names_are_refused(reviewer):
    response = client_for(reviewer).post("/api/v1/sources/", {
        "name": "Donald Trump", "kind": "person", "aliases": ["x" * 201],
    }, format="json")

    assert response.status_code == 400
    assert "aliases" in response.json()
    assert not Source.objects.exists()


def test_aliases_are_edited_one_per_line_in_admin(client, admin_user, trump):
    client.force_login(admin_user)
    url = reverse("admin:annotations_source_change", args=[trump.pk])
    data = form_data(client.get(url))

    response = client.post(url, {**data, "aliases": "Trump\r\n\r\n POTUS \r\ntrump"})

    assert response.status_code == 302
    trump.refresh_from_db()
    assert trump.aliases == ["Trump", "POTUS"]
    assert "Trump\nPOTUS" in client.get(url).content.decode()
    assert trump.history.first().history_user == admin_user


@pytest.mark.parametrize("aliases", [
    "\n".join(f"Name {n}" for n in range(51)),
    "Trump\n" + "x" * 201,
])
def test_too_many_or_too_long_aliases_are_refused_in_admin(client, admin_user, trump, aliases):
    client.force_login(admin_user)
    url = reverse("admin:annotations_source_change", args=[trump.pk])
    data = form_data(client.get(url))

    response = client.post(url, {**data, "aliases": aliases})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["aliases"]
    trump.refresh_from_db()
    assert trump.aliases == []


def test_a_source_reports_bad_aliases_and_a_taken_name_together(trump, admin_user):
    source = Source(name=trump.name.upper(), kind="person", aliases=["x" * 201])

    with pytest.raises(ValidationError) as error:
        services.source_create(user=admin_user, name=source.name, kind="person", aliases=source.aliases)

    assert error.value.message_dict == {
        "name": [f"Source {trump.pk} has this name already."],
        "aliases": ["An alias has at most 200 characters."],
    }


def test_a_source_keeps_its_aliases_cleaned(trump, admin_user):
    services.source_update(source=trump, user=admin_user, aliases=["  POTUS ", "potus", "", "The  Donald"])

    trump.refresh_from_db()
    assert trump.aliases == ["POTUS", "The Donald"]


SPANISH = "«El puerto seguirá abierto», dijo la alcaldesa.\n\nLa naviera negó que vendiera barcos."


def test_an_article_in_spanish_gets_suggestions_read_with_the_spanish_words(reviewer):
    article = factories.ArticleFactory(body=SPANISH, language="es")

    results = client_for(reviewer).get(url(article)).json()["results"]

    assert [(r["source"]["text"], r["cue"]["text"], r["stance"], r["quote"]) for r in results] == [
        ("la alcaldesa", "dijo", "asserted", "«El puerto seguirá abierto»"),
        ("La naviera", "negó", "denied", "que vendiera barcos"),
    ]


def test_correcting_an_article_language_recomputes_its_suggestions(reviewer):
    article = factories.ArticleFactory(body=SPANISH, language="en")
    client = client_for(reviewer)
    assert [r["cue"]["text"] for r in client.get(url(article)).json()["results"]] == []

    Article.objects.filter(pk=article.pk).update(language="es-ES")

    assert [r["cue"]["text"] for r in client.get(url(article)).json()["results"]] == [
        "dijo", "negó"]

"""A single create writes the annotation, its children and their history rows in few statements."""

import pytest
from django.db import connection

from annotations import services
from annotations.models import Annotation, Attribution, Evidence
from tests.api_support import PERMISSION_QUERIES, client_for

URL = "/api/v1/annotations/"


def payload(article, ft_source, trump):
    return {
        "article": article.pk, "quote": "Trump", "claim": "Trump spoke", "rating": "unproven",
        "attributions": [{"source": trump.pk, "stance": "denied", "note": "by phone"},
                         {"source": ft_source.pk, "stance": "reported", "date": "2025-10-20"}],
        "evidence": [{"url": "https://evidence.example/2"}, {"url": "https://evidence.example/1",
                                                              "title": "Transcript", "relation": "supports"}],
    }


def stored(record, model) -> list:
    return [getattr(record, field.attname) for field in model._meta.concrete_fields]


def test_a_create_stores_children_in_input_order_with_one_history_row_each(
    reviewer, article, ft_source, trump
):
    response = client_for(reviewer).post(URL, payload(article, ft_source, trump))

    assert response.status_code == 201
    body = response.json()
    annotation = Annotation.objects.get()
    assert [a["source"]["name"] for a in body["attributions"]] == ["Donald Trump", "Financial Times"]
    assert [a.source for a in annotation.attributions.order_by("id")] == [trump, ft_source]
    assert [e.url for e in annotation.evidence.order_by("id")] == [
        "https://evidence.example/2", "https://evidence.example/1",
    ]
    assert [a["id"] for a in body["attributions"]] == list(
        annotation.attributions.order_by("id").values_list("id", flat=True)
    )
    assert body == client_for(reviewer).get(f"{URL}{annotation.pk}/").json()
    for model, objects, reason in (
        (Annotation, [annotation], "created"),
        (Attribution, list(annotation.attributions.all()), ""),
        (Evidence, list(annotation.evidence.all()), ""),
    ):
        for obj in objects:
            record = model.history.get(id=obj.pk)
            assert stored(record, model) == stored(obj, model)
            assert (record.history_type, record.history_change_reason, record.history_user) == (
                "+", reason, reviewer,
            )
    # The attributions' history is older than the evidence's (history pages list newest first).
    assert Attribution.history.latest("history_date").history_date <= Evidence.history.get(
        id=annotation.evidence.order_by("id").first().pk).history_date


def test_a_create_reads_the_key_permissions_article_and_sources_and_writes_each_table_once(
    reviewer, article, ft_source, trump, django_assert_num_queries
):
    api = client_for(reviewer)
    # the key with its user, their permissions, the article with its revision, the sources;
    # then, in one transaction (a savepoint in a test), an insert and a history insert per
    # table (on PostgreSQL one statement per table does both)
    writes = 3 if connection.vendor == "postgresql" else 6
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 2 + 2 + writes):
        response = api.post(URL, payload(article, ft_source, trump))

    assert response.status_code == 201


def test_an_annotation_with_no_children_is_stored_alike(reviewer, article):
    annotation = services.annotation_create(article=article, user=reviewer, quote="Trump")

    assert Annotation.objects.get().pk == annotation.pk
    assert stored(Annotation.history.get(), Annotation) == stored(Annotation.objects.get(), Annotation)
    assert not Attribution.objects.exists() and not Evidence.objects.exists()


def test_a_source_given_by_name_is_created_in_the_same_transaction(reviewer, article, monkeypatch):
    from annotations import storage

    def fail(*args, **kwargs):
        raise RuntimeError("the write failed")

    monkeypatch.setattr(storage, "insert_annotations", fail)

    with pytest.raises(RuntimeError):
        services.annotation_create(
            article=article, user=reviewer, quote="Trump",
            attributions=[{"source": {"name": "Brand New Source"}, "stance": "asserted"}],
        )

    from annotations.models import Source
    assert not Source.objects.filter(name="Brand New Source").exists()


def test_a_permission_granted_to_the_user_alone_lets_them_create(db, article):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="solo")
    user.user_permissions.add(Permission.objects.get(codename="add_annotation"))

    assert client_for(user).post(URL, {"article": article.pk, "quote": "Trump"}).status_code == 201
    user.user_permissions.clear()
    assert client_for(user).post(URL, {"article": article.pk, "quote": "Trump"}).status_code == 403


def test_a_presented_key_is_found_with_its_user_in_one_query(reviewer, django_assert_num_queries):
    from annotations.apikeys.services import api_key_find, api_key_issue

    issued, key = api_key_issue(user=reviewer)

    with django_assert_num_queries(1):
        found = api_key_find(key)
        assert (found.pk, found.user_id, found.prefix, found.digest) == (
            issued.pk, reviewer.pk, issued.prefix, issued.digest,
        )
        assert (found.user.username, found.user.is_active) == ("rita", True)
    assert found.created == issued.created
    assert api_key_find(key[:-1] + "x") is None

"""A single create writes the annotation, its children and their history rows in few statements."""

import pytest
from django.db import connection
from django.db.models import URLField

from annotations import services
from annotations.api import serializers as s
from annotations.models import Annotation, Attribution, Evidence, http_url
from tests.api_support import client_for, permission_queries
from tests.pg_support import postgresql_only

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


def test_a_create_reads_the_key_permissions_article_sources_and_writes_once(
    reviewer, article, ft_source, trump, django_assert_num_queries
):
    api = client_for(reviewer)
    # the key with its user (and on PostgreSQL their permissions), elsewhere the permissions
    # (one UNION), sources, article with its revision, then on PostgreSQL one statement;
    # elsewhere, in a savepoint, an insert and a history copy per table.
    writes = 1 if connection.vendor == "postgresql" else 2 + 6
    with django_assert_num_queries(1 + permission_queries(1) + 2 + writes):
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

    monkeypatch.setattr(storage, "insert_annotation", fail)

    with pytest.raises(RuntimeError):
        services.annotation_create(
            article=article, user=reviewer, quote="Trump",
            attributions=[{"source": {"name": "Brand New Source"}, "stance": "asserted"}],
        )

    from annotations.models import Source
    assert not Source.objects.filter(name="Brand New Source").exists()


# The API's write serializers check each field once; the models' own checks are skipped by
# bulk creates, so the two must agree on lengths, vocabularies and URL schemes.

WRITE_SERIALIZERS = [
    (s.AnnotationContentSerializer, Annotation, ["claim", "rating", "rationale"]),
    (s.AttributionWriteSerializer, Attribution, ["stance", "url", "date", "note"]),
    (s.EvidenceWriteSerializer, Evidence, ["url", "title", "publisher", "published", "excerpt", "relation"]),
]


@pytest.mark.parametrize(("serializer_class", "model", "names"), WRITE_SERIALIZERS,
                         ids=[model.__name__ for _, model, _ in WRITE_SERIALIZERS])
def test_write_serializers_hold_the_model_field_rules(serializer_class, model, names):
    fields = serializer_class().fields
    for name in names:
        field, column = fields[name], model._meta.get_field(name)
        if column.choices:
            assert set(field.choices) == {value for value, _ in column.choices}, name
            assert max(len(value) for value in field.choices) <= column.max_length, name
        else:
            assert getattr(field, "max_length", None) == column.max_length, name
        assert field.allow_blank == column.blank if hasattr(field, "allow_blank") else True, name
        if isinstance(column, URLField):
            assert http_url in field.validators, name


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
        assert not hasattr(found.user, "api_key_id")
    assert found.created == issued.created  # deferred: read when asked for
    assert api_key_find(key[:-1] + "x") is None


@postgresql_only
def test_on_postgresql_the_key_comes_with_its_users_permissions(reviewer, django_assert_num_queries):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission, User

    from annotations.apikeys.services import api_key_find, api_key_issue
    from tests.factories import UserFactory

    reviewer.user_permissions.add(Permission.objects.get(codename="view_source"))
    _, key = api_key_issue(user=reviewer)
    with django_assert_num_queries(1):
        user = api_key_find(key).user
        assert user.has_perm("annotations.add_annotation") and user.has_perm("annotations.view_source")
        assert not user.has_perm("annotations.verify_annotation")
    assert user._perm_cache == ModelBackend().get_all_permissions(User.objects.get(pk=reviewer.pk))

    _, admin_key = api_key_issue(user=UserFactory(username="root", is_superuser=True))
    assert not hasattr(api_key_find(admin_key).user, "_perm_cache")  # superusers have every one


def test_the_reads_written_once_give_what_the_orm_gives(reviewer, article, ft_source, trump):
    from datetime import UTC, datetime

    from django.contrib.auth.models import User
    from django.forms.models import model_to_dict

    from annotations import selectors
    from annotations.apikeys.services import api_key_find, api_key_issue
    from annotations.models import Article, Source

    Article.objects.filter(pk=article.pk).update(published_at=datetime(2025, 8, 19, 14, 55, tzinfo=UTC))
    Source.objects.filter(pk=trump.pk).update(aliases=["President Trump", "Трамп"])
    User.objects.filter(pk=reviewer.pk).update(last_login=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    everything = [field.name for field in Article._meta.concrete_fields]

    read = selectors.article_for_annotating(article.pk)
    assert model_to_dict(read, everything) == model_to_dict(Article.objects.get(pk=article.pk), everything)
    assert read.published_at == datetime(2025, 8, 19, 14, 55, tzinfo=UTC)
    assert read.current_revision is None  # the factory records no revision
    assert selectors.article_for_annotating(article.pk + 1000) is None

    sources = selectors.sources_by_id({ft_source.pk, trump.pk, trump.pk + 1000})
    assert {pk: model_to_dict(source) for pk, source in sources.items()} == {
        source.pk: model_to_dict(source) for source in Source.objects.filter(pk__in=[ft_source.pk, trump.pk])
    }
    assert sources[trump.pk].aliases == ["President Trump", "Трамп"]

    user = api_key_find(api_key_issue(user=reviewer)[1]).user
    assert model_to_dict(user, ["username", "last_login", "date_joined", "is_staff"]) == model_to_dict(
        User.objects.get(pk=reviewer.pk), ["username", "last_login", "date_joined", "is_staff"]
    )
    assert user.last_login == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotations.models import Annotation, Article, Source
from annotations.urlnorm import normalize_url
from tests.factories import AnnotationFactory, ArticleFactory, SourceFactory


def test_database_refuses_start_not_before_end(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(article=article, start=5, end=5, quote="")


def test_clean_refuses_end_past_the_body(article):
    annotation = Annotation(article=article, start=0, end=len(article.body) + 1, quote=article.body)
    with pytest.raises(ValidationError) as error:
        annotation.full_clean()
    assert "past the end of the body" in error.value.message_dict["end"][0]


def test_clean_refuses_a_quote_that_does_not_match(article):
    annotation = Annotation(article=article, start=0, end=5, quote="Putin")
    with pytest.raises(ValidationError) as error:
        annotation.full_clean()
    assert "does not match" in error.value.message_dict["quote"][0]


def test_database_refuses_two_articles_with_one_url(db):
    ArticleFactory(url="https://news.example/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://news.example/a")


def test_articles_without_url_may_be_many(db):
    ArticleFactory(url="")
    ArticleFactory(url="")
    assert Article.objects.filter(url="").count() == 2


def test_clean_normalizes_url_and_body(db):
    article = Article(title="t", url="HTTPS://News.Example/a/#top", body="Cafe\u0301\r\nnext")
    article.full_clean()
    article.save()
    assert article.url == "https://news.example/a"
    assert article.body == "Café\nnext"
    assert article.body_sha256 == hashlib.sha256("Café\nnext".encode()).hexdigest()


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("https://Example.com/", "https://example.com"),
        ("https://example.com/path/?q=1#frag", "https://example.com/path?q=1"),
        ("  ", ""),
    ],
)
def test_normalize_url(url, normalized):
    assert normalize_url(url) == normalized


def test_source_names_are_unique_whatever_the_case(db):
    SourceFactory(name="Financial Times")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(name="financial times", kind="news_outlet")


def test_source_in_use_cannot_be_deleted(db):
    from django.db.models import ProtectedError

    from tests.factories import AttributionFactory

    attribution = AttributionFactory()
    with pytest.raises(ProtectedError):
        attribution.source.delete()


def test_evidence_url_must_be_http(db):
    from annotations.models import Evidence

    evidence = Evidence(annotation=AnnotationFactory(), url="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        evidence.full_clean()
    assert "url" in error.value.message_dict

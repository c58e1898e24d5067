"""A create is announced from what it wrote; that summary equals the one read back after the commit."""

import pytest

from annotations import services
from annotations.bulk import services as bulk
from annotations.live import announce, events
from tests import factories


@pytest.fixture
def sent(monkeypatch):
    changes = []
    monkeypatch.setattr(announce, "publish", changes.extend)
    return changes


def _read_back(changes):
    return events.annotation_changes(
        [(change.annotation, change.article) for change in changes], kind="created", actor="eddie", client="",
    )


def test_a_created_annotation_is_announced_as_it_reads_back_after_the_commit(
    editor, sent, django_capture_on_commit_callbacks,
):
    article = factories.ArticleFactory(body="Café 👩🏽‍💻 says «مرحبا» q\u0301 and more.\n\nThe end.")
    wire = factories.SourceFactory(name="Agence 📰 Wire", kind="news_outlet")
    minister = factories.SourceFactory(name="وزير", kind="person")
    with django_capture_on_commit_callbacks(execute=True):
        services.annotation_create(
            article=article, user=editor, start=5, end=28, quote=article.body[5:28], claim="A claim",
            rating="unproven",
            attributions=[{"source": minister, "stance": "asserted"}, {"source": wire, "stance": "reported"}],
        )
    assert len(sent) == 1
    assert sent == _read_back(sent)


def test_a_bulk_create_is_announced_as_it_reads_back_and_more_than_fifty_per_article_resync(
    editor, sent, django_capture_on_commit_callbacks,
):
    article, other = factories.ArticleFactory(), factories.ArticleFactory()
    wire = factories.SourceFactory(name="Wire", kind="news_outlet")
    items = [
        {"article": other.pk, "start": 0, "end": 4, "claim": f"claim {n}",
         "attributions": [{"source": wire.pk, "stance": "denied"}] * (n % 3)}
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        bulk.annotation_bulk_create(items=items, user=editor)
    assert [change.kind for change in sent] == ["created"] * 3
    assert sent == _read_back(sent)

    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = {"article": article.pk, "start": 0, "end": 4, "claim": "x"}
        bulk.annotation_bulk_create(items=[item] * 51, user=editor)
    told = [(change.kind, change.article, change.actor) for change in sent]
    assert told == [("resync", article.pk, "eddie")]

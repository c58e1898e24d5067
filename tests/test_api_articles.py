import pytest

from annotations import services
from annotations.models import Annotation, Article, ArticleRevision, Source
from annotations.presenters import iso
from tests.api_support import PERMISSION_QUERIES, client_for
from tests.factories import ArticleFactory

URL = "/api/v1/articles/"


def expected(article_id: int, annotation_count: int) -> dict:
    article = Article.objects.select_related("publisher").get(pk=article_id)
    publisher = article.publisher
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "publisher": {"id": publisher.pk, "name": publisher.name, "kind": publisher.kind}
        if publisher else None,
        "byline": article.byline,
        "published_at": iso(article.published_at),
        "language": article.language,
        "body": article.body,
        "body_sha256": article.body_sha256,
        "annotation_count": annotation_count,
        "created_at": iso(article.created_at),
        "updated_at": iso(article.updated_at),
    }


def test_detail_shows_the_whole_article(article, reviewer, draft):
    response = client_for(reviewer).get(f"{URL}{article.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "publisher": {"id": article.publisher.pk, "name": "Demo Wire", "kind": "news_outlet"},
        "byline": "",
        "published_at": None,
        "language": "en",
        "body": article.body,
        "body_sha256": article.body_sha256,
        "annotation_count": 1,
        "created_at": iso(article.created_at),
        "updated_at": iso(article.updated_at),
    }


def test_annotation_count_counts_what_the_caller_may_read(article, verified, reviewer):
    services.annotation_create(article=article, user=reviewer, quote="White House official")

    assert client_for(reviewer).get(URL).json()["results"][0]["annotation_count"] == 2
    assert client_for().get(URL).json() == {
        "count": 1, "next": None, "previous": None,
        "results": [expected(article.pk, 1) | {"body": None}],
    }


def test_list_runs_the_same_queries_for_one_or_fifty_articles(reviewer, django_assert_num_queries):
    for _ in range(50):
        article = ArticleFactory()
        services.annotation_create(article=article, user=reviewer, quote="White House official")
    client = client_for(reviewer)
    # the key, its user's permissions (own, group), count, page
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 2):
        one = client.get(URL, {"limit": 1})
    with django_assert_num_queries(1 + PERMISSION_QUERIES + 2):
        fifty = client.get(URL, {"limit": 50})
    assert len(one.json()["results"]) == 1
    assert [a["annotation_count"] for a in fifty.json()["results"]] == [1] * 50
    assert all(a["publisher"]["name"] == "Demo Wire" for a in fifty.json()["results"])


def test_the_public_list_runs_the_same_queries_for_one_or_twenty_published_articles(
        reviewer, editor, django_assert_num_queries):
    for n in range(20):
        article = ArticleFactory()
        annotation = services.annotation_create(
            article=article, user=reviewer, quote="White House official", claim="No plans", rating="true"
        )
        services.review_submit(annotation=annotation, user=reviewer)
        services.review_verify(annotation=annotation, user=editor)
        services.article_update(article=article, user=editor, title=f"Retitled {n}")
    client = client_for()
    with django_assert_num_queries(2):  # count, page (with each article's published fields)
        one = client.get(URL, {"limit": 1})
    with django_assert_num_queries(2):
        twenty = client.get(URL, {"limit": 20})
    assert len(one.json()["results"]) == 1
    assert not any(a["title"].startswith("Retitled") for a in twenty.json()["results"])
    assert len(twenty.json()["results"]) == 20


def test_create_normalizes_the_body_and_names_the_publisher(reviewer):
    Source.objects.create(name="Financial Times", kind="news_outlet")
    body = "Le cafe\u0301 est fermé.\r\n\r\nTrump a nié 👍🏽 — قال ترامب\rFin."

    response = client_for(reviewer).post(URL, {
        "title": "  Café  ", "body": body, "url": "HTTPS://News.Example/Story/#top",
        "publisher": {"name": "FINANCIAL TIMES", "kind": "news_outlet"}, "byline": "A. Writer",
        "published_at": "2025-10-21T18:30:00+02:00", "language": "fr",
    })

    assert response.status_code == 201
    article = Article.objects.get()
    assert response.json() == expected(article.pk, 0)
    assert response.json() | {"id": 0, "created_at": "", "updated_at": "", "body_sha256": ""} == {
        "id": 0, "title": "Café", "url": "https://news.example/Story",
        "publisher": {"id": Source.objects.get().pk, "name": "Financial Times", "kind": "news_outlet"},
        "byline": "A. Writer", "published_at": "2025-10-21T16:30:00Z", "language": "fr",
        "body": "Le café est fermé.\n\nTrump a nié 👍🏽 — قال ترامب\nFin.",
        "body_sha256": "", "annotation_count": 0, "created_at": "", "updated_at": "",
    }
    assert Source.objects.count() == 1


def test_create_makes_a_publisher_that_does_not_exist_yet(reviewer):
    response = client_for(reviewer).post(URL, {
        "title": "T", "body": "B", "publisher": {"name": "Kyiv Independent", "kind": "news_outlet"},
    })

    created = Source.objects.get(name="Kyiv Independent")
    assert response.json()["publisher"] == {
        "id": created.pk, "name": "Kyiv Independent", "kind": "news_outlet",
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "B"}, "title"),
        ({"title": "T"}, "body"),
        ({"title": "T", "body": " \r\n "}, "body"),
        ({"title": "T", "body": "B", "publisher": 999999}, "publisher"),
        ({"title": "T", "body": "B", "publisher": "Reuters"}, "publisher"),
        ({"title": "T", "body": "B", "publisher": {"name": "R", "kind": "wire"}}, "publisher"),
        ({"title": "T", "body": "B", "publisher": {"name": ""}}, "publisher"),
        ({"title": "T", "body": "B", "url": "javascript:alert(1)"}, "url"),
        ({"title": "T", "body": "B", "url": "HTTPS://NEWS.EXAMPLE/articles/ARTICLE/"}, "url"),
        ({"title": "T", "body": "B", "language": "english language"}, "language"),
        ({"title": "T", "body": "B", "published_at": "last week"}, "published_at"),
        ({"title": "T", "body": "B", "body_sha256": "0" * 64}, "body_sha256"),
        ({"title": "T", "body": "B", "annotation_count": 3}, "annotation_count"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(reviewer, article, payload, field):
    if "url" in payload:
        payload = {**payload, "url": payload["url"].replace("ARTICLE", article.url.rsplit("/", 1)[1])}
    response = client_for(reviewer).post(URL, payload)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Article.objects.count() == 1
    assert not Source.objects.filter(name="R").exists()


def test_patch_changes_fields_and_reanchors_annotations(article, editor, draft):
    response = client_for(editor).patch(f"{URL}{article.pk}/", {
        "body": "Breaking.\r\n\r\n" + article.body, "publisher": None, "title": "Updated",
    })

    assert response.status_code == 200
    assert response.json() == expected(article.pk, 1)
    assert (response.json()["title"], response.json()["publisher"]) == ("Updated", None)
    draft.refresh_from_db()
    assert Article.objects.get(pk=article.pk).body[draft.start:draft.end] == draft.quote
    assert draft.start == article.body.index("refuted") + len("Breaking.\n\n")


def test_patch_with_a_body_that_loses_an_annotation_orphans_it(article, editor, draft):
    response = client_for(editor).patch(f"{URL}{article.pk}/", {"body": "Something else entirely."})

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).body == "Something else entirely."
    assert Annotation.objects.get(pk=draft.pk).anchor_state == "orphaned"
    assert [r.number for r in ArticleRevision.objects.filter(article=article)] == [1, 2]


def test_delete_refuses_an_article_with_verified_claims(article, verified, admin_user):
    response = client_for(admin_user).delete(f"{URL}{article.pk}/")

    assert response.status_code == 409
    assert response.json() == {"detail": "The article has verified claims; it cannot be deleted."}
    assert Article.objects.filter(pk=article.pk).exists()


def test_delete_removes_an_article_without_verified_claims(article, draft, admin_user):
    response = client_for(admin_user).delete(f"{URL}{article.pk}/")

    assert response.status_code == 204
    assert not Article.objects.exists()


def test_title_and_body_round_trip_unicode_exactly(reviewer):
    title = "«Трамп» 🇺🇸 ترامب — e\u0301"
    body = "שלום 👋🏿 world\r\nNext line\u200f with RLM and zero\u200dwidth joiner."
    client = client_for(reviewer)

    created = client.post(URL, {"title": title, "body": body}).json()
    fetched = client.get(f"{URL}{created['id']}/").json()

    assert fetched["title"] == title  # only the body, which offsets count in, is normalized
    assert fetched["body"] == "שלום 👋🏿 world\nNext line\u200f with RLM and zero\u200dwidth joiner."
    assert fetched == created

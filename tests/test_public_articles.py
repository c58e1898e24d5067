"""Article texts belong to their publishers: the public reads the claims' excerpts only."""

import re
from datetime import UTC, datetime

import pytest

from annotations import services
from annotations.models import Annotation, Article
from tests import factories
from tests.api_support import client_for

WHOLE_SENTENCE = "A White House official said there were no plans for a meeting."


def test_anonymous_visitors_get_the_claims_excerpts_not_the_article_text(client, verified):
    html = client.get(f"/articles/{verified.article.pk}/").content.decode()

    assert WHOLE_SENTENCE not in html
    assert 'id="article-body"' not in html
    assert "annotations-data" not in html
    assert re.findall(r"<mark>(.*?)</mark>", html) == [verified.quote]
    assert f'href="/claims/{verified.pk}/"' in html
    assert "log in</a> to read and annotate the full text" in html


def test_the_excerpt_page_lists_verified_claims_only(client, draft):
    html = client.get(f"/articles/{draft.article.pk}/").content.decode()

    assert "<mark>" not in html
    assert "No verified fact checks of this article yet." in html


def test_signed_in_users_read_the_whole_article(client, reviewer, verified):
    client.force_login(reviewer)

    html = client.get(f"/articles/{verified.article.pk}/").content.decode()

    assert WHOLE_SENTENCE in html
    assert 'id="article-body"' in html


def test_a_setting_publishes_article_texts_to_everyone(client, verified, settings):
    settings.FACTCHECK_PUBLIC_ARTICLES = True

    html = client.get(f"/articles/{verified.article.pk}/").content.decode()

    assert WHOLE_SENTENCE in html


def test_the_api_gives_anonymous_callers_no_article_body(article, reviewer):
    anonymous = client_for().get(f"/api/v1/articles/{article.pk}/").json()
    signed_in = client_for(reviewer).get(f"/api/v1/articles/{article.pk}/").json()

    assert (anonymous["body"], anonymous["body_sha256"]) == (None, article.body_sha256)
    assert signed_in["body"] == article.body
    assert client_for().get("/api/v1/articles/").json()["results"][0]["body"] is None


def test_the_api_gives_everyone_the_body_when_the_site_publishes_texts(article, settings):
    settings.FACTCHECK_PUBLIC_ARTICLES = True

    assert client_for().get(f"/api/v1/articles/{article.pk}/").json()["body"] == article.body


def test_the_excerpt_page_shows_each_claim_in_its_words(client, verified):
    html = client.get(f"/articles/{verified.article.pk}/").content.decode()

    assert f'<blockquote class="in-context">Trump <mark>{verified.quote}</mark>.</blockquote>' in html


def listed_titles(client, query=None):
    html = client.get("/", {"q": query} if query is not None else {}).content.decode()
    return re.findall(r'<th scope="row"><a href="/articles/\d+/">(.*?)</a>', html)


def test_anonymous_search_does_not_look_into_hidden_article_texts(client, article, reviewer):
    assert listed_titles(client, "no plans for a meeting") == []

    client.force_login(factories.UserFactory(username="nora"))  # signed in: reads the texts
    assert listed_titles(client, "no plans for a meeting") == [article.title]


def test_anonymous_search_matches_no_draft_claim_or_source_it_cites(client, draft):
    assert listed_titles(client, "give up the whole") == []
    assert listed_titles(client, "financial times") == []


def test_anonymous_search_matches_published_claims_their_sources_and_titles(client, verified):
    title = verified.article.title

    assert listed_titles(client, "give up the whole") == [title]
    assert listed_titles(client, "donald trump") == [title]
    assert listed_titles(client, "relinquish the whole") == [title]  # the quote is published
    assert listed_titles(client, title.upper()) == [title]
    assert listed_titles(client, "demo wire") == [title]
    assert listed_titles(client, "no plans for a meeting") == []


@pytest.fixture
def retitled(verified, editor):
    """The verified claim's article, renamed and re-dated by an editor since its verification."""
    article = verified.article
    services.article_update(
        article=article, user=editor, title="Unreviewed new headline",
        url="https://news.example/unreviewed", published_at=datetime(2026, 1, 2, tzinfo=UTC),
        publisher=factories.SourceFactory(name="Other Wire", kind="news_outlet"),
    )
    return article


def test_the_public_sees_the_article_fields_its_published_claims_show(client, retitled):
    published = Article.objects.get(pk=retitled.pk).history.earliest()
    published_title = published.title
    no_role = factories.UserFactory(username="nora")
    listed = client_for().get("/api/v1/articles/").json()["results"][0]
    detail = client_for(no_role).get(f"/api/v1/articles/{retitled.pk}/").json()

    for shown in (listed, detail):
        assert (shown["title"], shown["url"], shown["published_at"]) == (
            published_title, published.url, None
        )
        assert shown["publisher"]["name"] == "Demo Wire"
    assert listed_titles(client) == [published_title]
    page = client.get(f"/articles/{retitled.pk}/").content.decode()
    assert published_title in page and "Demo Wire" in page
    assert "Unreviewed" not in page and "Other Wire" not in page
    client.force_login(no_role)
    page = client.get(f"/articles/{retitled.pk}/").content.decode()
    assert published_title in page and "Unreviewed" not in page


def test_the_public_search_matches_the_published_title_not_an_unreviewed_one(client, retitled):
    assert listed_titles(client, "unreviewed") == []
    assert listed_titles(client, "other wire") == []
    assert len(listed_titles(client, "article")) == 1


def test_staff_see_the_article_as_it_stands(client, retitled, reviewer):
    assert client_for(reviewer).get(f"/api/v1/articles/{retitled.pk}/").json()["title"] == (
        "Unreviewed new headline"
    )
    client.force_login(reviewer)
    assert listed_titles(client, "unreviewed") == ["Unreviewed new headline"]
    assert "Unreviewed new headline" in client.get(f"/articles/{retitled.pk}/").content.decode()


def test_the_public_sees_the_new_fields_once_a_claim_is_verified_again(client, retitled, other_editor):
    services.review_verify(annotation=Annotation.objects.get(article=retitled), user=other_editor)

    assert listed_titles(client) == ["Unreviewed new headline"]
    assert client_for().get(f"/api/v1/articles/{retitled.pk}/").json()["publisher"]["name"] == "Other Wire"


def test_articles_without_published_claims_are_listed_as_they_stand(client, draft):
    assert listed_titles(client) == [draft.article.title]
    assert client_for().get(f"/api/v1/articles/{draft.article.pk}/").json()["title"] == draft.article.title

"""Article texts belong to their publishers: the public reads the claims' excerpts only."""

import re

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

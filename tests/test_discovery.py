"""Verified claims are findable: article search, claim page metadata, Atom feed, sitemap."""

import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command

from annotations import services
from annotations.models import Article
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def titles(client, query):
    html = client.get("/", {"q": query}).content.decode()
    return re.findall(r'<th scope="row"><a href="/articles/\d+/">(.*?)</a>', html)


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=StringIO(), stderr=StringIO())
    return Article.objects.get()


@pytest.mark.parametrize("term", ["Donbas", "Kremlin", "no precise dates", "Demo Wire"])
def test_searching_published_claims_or_sources_finds_the_demo_story(client, demo, term):
    assert titles(client, term) == [demo.title]


def test_words_of_the_text_find_the_demo_story_for_those_who_may_read_it(client, demo, reviewer):
    # Lavrov is named only in a draft and in the article's text, which visitors cannot read.
    assert titles(client, "lavrov") == []
    client.force_login(reviewer)
    assert titles(client, "lavrov") == [demo.title]


def test_search_matches_the_body_and_claims_without_repeating_an_article(client, reviewer, draft):
    factories.ArticleFactory(title="Unrelated", body="Nothing to see here.")
    services.annotation_create(
        article=draft.article, user=reviewer, quote="A White House official", claim="Budapest is off"
    )
    client.force_login(reviewer)

    assert titles(client, "relinquish") == [draft.article.title]
    assert titles(client, "give up the whole") == [draft.article.title]
    assert titles(client, "budapest") == [draft.article.title]
    assert titles(client, "financial times") == [draft.article.title]
    html = client.get("/", {"q": "financial times"}).content.decode()
    assert '<span class="count__n">2</span> draft' in html


def test_anonymous_search_does_not_reveal_draft_claims(client, draft):
    assert titles(client, "give up the whole") == []


def test_the_claim_page_carries_canonical_opengraph_and_twitter_meta(client, verified):
    html = client.get(f"/claims/{verified.pk}/").content.decode()
    head = html.split("</head>")[0]
    url = f"http://testserver/claims/{verified.pk}/"

    assert f'<link rel="canonical" href="{url}">' in head
    assert f'<meta property="og:url" content="{url}">' in head
    assert '<meta property="og:type" content="article">' in head
    assert (
        '<meta property="og:title" content="Fact check: Trump pressed Zelenskyy to give up the whole '
        'Donbas region">'
    ) in head
    assert '<meta property="og:description" content="Unproven: refuted a story' in head
    assert '<meta name="twitter:card" content="summary">' in head
    assert '<link rel="alternate" type="application/atom+xml"' in head


def test_the_atom_feed_lists_verified_claims_newest_first(
    client, verified, reviewer, other_reviewer, editor, django_assert_num_queries
):
    later = services.annotation_create(
        article=verified.article, user=reviewer, quote="A White House official",
        claim="No meeting is planned", rating="true",
    )
    services.review_submit(annotation=later, user=reviewer)
    services.review_verify(annotation=later, user=editor)
    services.annotation_create(article=verified.article, user=other_reviewer, quote="no plans")

    with django_assert_num_queries(1):
        response = client.get("/claims/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "True: No meeting is planned",
        "Unproven: Trump pressed Zelenskyy to give up the whole Donbas region",
    ]
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [
        f"http://testserver/claims/{later.pk}/", f"http://testserver/claims/{verified.pk}/",
    ]


def test_the_sitemap_lists_the_verified_claim_pages(client, verified, draft, django_assert_num_queries):
    with django_assert_num_queries(2):  # count (for the sitemap's pages), claims
        response = client.get("/sitemap.xml")

    urls = ET.fromstring(response.content).findall(f"{SITEMAP}url")
    assert [url.findtext(f"{SITEMAP}loc") for url in urls] == [
        f"http://testserver/claims/{verified.pk}/", "http://testserver/",
    ]
    assert urls[0].findtext(f"{SITEMAP}lastmod") == verified.updated_at.date().isoformat()


def test_the_atom_feed_escapes_rationales_and_imported_titles_in_its_html_summaries(
    client, reviewer, editor
):
    payload = '<img src=x onerror="alert(1)">'
    article = factories.ArticleFactory(title=f"Imported {payload}", body="A quoted sentence here.")
    with_rationale = services.annotation_create(
        article=article, user=reviewer, quote="quoted sentence", claim="One", rating="true",
        rationale=f"See {payload}",
    )
    without_rationale = services.annotation_create(
        article=article, user=reviewer, quote="A quoted", claim="Two", rating="true",
    )
    for annotation in (with_rationale, without_rationale):
        services.review_submit(annotation=annotation, user=reviewer)
        services.review_verify(annotation=annotation, user=editor)

    response = client.get("/claims/feed/")

    feed = ET.fromstring(response.content)
    summaries = {
        entry.findtext(f"{ATOM}title"): entry.find(f"{ATOM}summary")
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert {summary.get("type") for summary in summaries.values()} == {"html"}
    # The summary's text is HTML a reader renders: the payload must arrive as text, not as a tag.
    assert summaries["True: One"].text == 'See &lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    assert summaries["True: Two"].text == (
        '“A quoted” — Imported &lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    )
    assert b"<img" not in response.content and b"&lt;img" not in response.content

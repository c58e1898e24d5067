"""Extraction opens no connection, trusts no canonical of another site and survives hostile JSON-LD."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from annotations.ingest.extract import extract
from annotations.ingest.markup import registrable_domain
from annotations.ingest.services import article_import
from annotations.jsonnest import json_depth
from tests.api_support import client_for
from tests.ingest_support import NEWS_PAGE, Tripwire

URL = "/api/v1/articles/import/"
# Markup after a URL with no space: htmldate's loader takes such a string for a URL to download.
TAIL = "?<html><body><p>a</p><p>b</p></body></html>"


@pytest.fixture
def tripwire():
    with Tripwire() as wire:
        yield wire


def url_pages(tripwire) -> list[str]:
    """Return pages that are a URL on the tripwire followed by markup, and one with article text."""
    pages = [url + TAIL for url in tripwire.urls()]
    article = NEWS_PAGE.replace("<!doctype html>\n", "")
    return [*pages, *(f"{url}?{article}" for url in tripwire.urls())]


def test_extracting_a_page_that_reads_as_a_url_connects_nowhere(tripwire):
    for page in url_pages(tripwire):
        extract(page)
        extract(page, "https://news.example/story")

    assert tripwire.connections == []


def test_a_page_naming_external_dtds_entities_or_resources_connects_nowhere(tripwire):
    for url in tripwire.urls():
        page = (
            f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html SYSTEM "{url}/dtd" [<!ENTITY x SYSTEM '
            f'"{url}/entity">]><html><head><link rel="stylesheet" href="{url}/css"><link rel="canonical" '
            f'href="{url}/canonical"></head><body><article><p>&x; A paragraph long enough to count as '
            f'article text, with more words in it.</p><img src="{url}/img"><iframe src="{url}/frame">'
            f'</iframe></article></body></html>'
        )
        extract(page, url)
        extract(page)

    assert tripwire.connections == []


def test_preview_and_import_of_given_html_connect_nowhere(tripwire, editor):
    client = client_for(editor)
    for page in url_pages(tripwire):
        preview = client.post(f"{URL}preview/", {"html": page}, format="json")
        imported = client.post(URL, {"html": page}, format="json")
        assert preview.status_code == 200
        assert imported.status_code in (200, 201, 400)

    assert tripwire.connections == []


def test_an_uploaded_page_that_reads_as_a_url_connects_nowhere(tripwire, editor):
    client = client_for(editor)
    for page in url_pages(tripwire):
        upload = SimpleUploadedFile("story.html", page.encode(), "text/html")
        response = client.post(URL, {"file": upload}, format="multipart")
        assert response.status_code in (200, 201, 400)

    assert tripwire.connections == []


def test_a_refreshed_page_that_reads_as_a_url_connects_nowhere(tripwire, server, editor):
    page = extract(NEWS_PAGE, server.url("/story"))
    page.url = server.url("/story")
    article, _ = article_import(user=editor, page=page)
    for text in url_pages(tripwire):
        server.html("/story", text)
        response = client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")
        assert response.status_code in (200, 502)
        call_command("refresh_articles", user=editor.username, delay=0, stdout=StringIO(), stderr=StringIO())

    assert server.hits.count("/story") == 2 * len(url_pages(tripwire))
    assert tripwire.connections == []


def deep_json_ld(depth: int, opening: str = "[") -> str:
    """Return the news page with JSON-LD nested depth levels deep before its article object."""
    closing = {"[": "]", '{"a": ': "}"}[opening]
    script = opening * depth + '{"@type": "NewsArticle", "headline": "Deep"}' + closing * depth
    return NEWS_PAGE.replace("</head>", f'<script type="application/ld+json">{script}</script></head>')


@pytest.mark.parametrize("page", [
    deep_json_ld(100_000), deep_json_ld(100_000, '{"a": '), deep_json_ld(900), deep_json_ld(900, '{"a": '),
    NEWS_PAGE.replace("</head>", '<script type="application/ld+json">' + "[" * 100_000 + "</script></head>"),
], ids=["lists", "objects", "lists-900", "objects-900", "unclosed"])
def test_json_ld_nested_too_deep_is_ignored_and_the_page_still_imports(page, editor):
    client = client_for(editor)

    preview = client.post(f"{URL}preview/", {"html": page}, format="json")
    imported = client.post(URL, {"html": page}, format="json")

    assert preview.status_code == 200
    assert preview.json()["title"] == "Trump says summit with Putin is on hold"
    assert preview.json()["published_at"] == "2025-10-22T09:30:00+02:00"
    assert imported.status_code == 201


def test_json_ld_nested_a_few_levels_is_read():
    page = deep_json_ld(20).replace("Trump says summit with Putin is on hold", "Deep")
    assert extract(page).title == "Deep"


def test_brackets_inside_json_strings_do_not_count_as_nesting():
    assert json_depth(r'{"a": "[[[[\"[[{{", "b": [1, {"c": "]]"}]}') == 3
    assert json_depth("[" * 50) == 50


def page_with(canonical: str = "", og_url: str = "") -> str:
    """Return the news page declaring these addresses instead of its own news.example ones."""
    page = NEWS_PAGE.replace('<link rel="canonical" href="https://news.example/world/summit-on-hold/">',
                             f'<link rel="canonical" href="{canonical}">' if canonical else "")
    return page.replace('<meta property="og:url" content="https://news.example/world/summit-on-hold/">',
                        f'<meta property="og:url" content="{og_url}">' if og_url else "")


def test_a_canonical_on_another_site_does_not_move_the_article_and_refresh_fetches_where_it_was(
    server, editor,
):
    server.html("/story", page_with(canonical="https://www.bbc.co.uk/news/world-1"))
    server.redirect("/go", "/story")
    client = client_for(editor)

    imported = client.post(URL, {"url": server.url("/go")}, format="json")
    server.html("/story", page_with(canonical="https://www.bbc.co.uk/news/world-1").replace(
        "no dates had been agreed", "a date would be set soon"))
    refreshed = client.post(f"/api/v1/articles/{imported.json()['id']}/refresh/")
    listed = client.get(f"/api/v1/articles/{imported.json()['id']}/revisions/").json()

    assert imported.status_code == 201
    assert imported.json()["url"] == server.url("/story")
    assert refreshed.status_code == 200 and refreshed.json()["changed"] is True
    assert server.hits == ["/go", "/story", "/story"]
    assert [(r["origin"], r["fetched_url"]) for r in listed] == [
        ("import", server.url("/story")), ("fetch", server.url("/story")),
    ]


def test_a_canonical_on_the_fetched_host_is_the_article_url(server, editor):
    server.html("/story", page_with(og_url=server.url("/world/summit?ref=home")))

    response = client_for(editor).post(f"{URL}preview/", {"url": server.url("/story")}, format="json")

    assert (response.json()["url"], response.json()["fetched_url"]) == (
        server.url("/world/summit?ref=home"), server.url("/story"),
    )


@pytest.mark.parametrize(("given", "canonical", "og_url", "stored"), [
    ("https://www.bbc.co.uk/news/x", "https://bbc.co.uk/news/world-1/", "", "https://bbc.co.uk/news/world-1"),
    ("https://www.bbc.co.uk/news/x", "/news/world-2", "", "https://www.bbc.co.uk/news/world-2"),
    ("https://www.bbc.co.uk/news/x", "https://bbc.co.uk.evil.example/a", "", "https://www.bbc.co.uk/news/x"),
    ("https://evil.example/a", "https://www.bbc.co.uk/news/world-1", "https://bbc.co.uk/b",
     "https://evil.example/a"),
    ("https://evil.com/a", "https://www.bbc.co.uk/news/world-1", "https://www.evil.com/b", "https://www.evil.com/b"),
    ("https://jane.blogspot.com/a", "https://john.blogspot.com/b", "", "https://jane.blogspot.com/a"),
    ("", "https://www.bbc.co.uk/news/world-1", "https://www.bbc.co.uk/news/world-1", ""),
])
def test_a_given_page_keeps_a_canonical_only_on_the_site_the_user_names(
    editor, given, canonical, og_url, stored,
):
    payload = {"html": page_with(canonical=canonical, og_url=og_url), **({"url": given} if given else {})}

    response = client_for(editor).post(URL, payload, format="json")

    assert response.status_code == 201
    assert response.json()["url"] == stored


def test_refresh_articles_records_where_each_body_was_fetched_from(server, editor):
    page = extract(NEWS_PAGE, server.url("/story"))
    article, _ = article_import(user=editor, page=page)
    server.html("/story", NEWS_PAGE.replace("no dates had been agreed", "a date would be set soon"))

    call_command("refresh_articles", user=editor.username, delay=0, stdout=StringIO(), stderr=StringIO())

    assert article.url == server.url("/story")
    revisions = list(article.revisions.values_list("number", "fetched_url"))
    assert revisions == [(1, ""), (2, server.url("/story"))]


def test_the_registrable_domain_comes_from_the_public_suffix_list():
    assert [registrable_domain(url) for url in (
        "https://www.bbc.co.uk/news", "https://news.bbc.co.uk", "https://jane.blogspot.com/a",
        "http://127.0.0.1:8000/a", "http://[::1]/", "https://WWW.Example.COM./", "http://[::1", "",
    )] == ["bbc.co.uk", "bbc.co.uk", "jane.blogspot.com", "127.0.0.1", "::1", "example.com", "", ""]

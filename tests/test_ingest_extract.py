"""Extraction: a plain record from HTML, metadata from JSON-LD first, then meta tags and the page."""

from annotations.ingest.extract import extract, strip_site_suffix
from tests.ingest_support import NEWS_PAGE


def test_the_news_page_gives_headline_byline_date_outlet_language_and_clean_body():
    page = extract(NEWS_PAGE, "http://127.0.0.1/story")

    assert (page.title, page.byline, page.published_at, page.publisher, page.language) == (
        "Trump says summit with Putin is on hold", "Jane Reporter, Ivan Writer",
        "2025-10-22T09:30:00+02:00", "Demo Wire", "en-GB",
    )
    assert page.url == "https://news.example/world/summit-on-hold"
    assert page.body.count("Photo: AP") == 1
    assert "\n\nPresident Donald Trump said" in page.body and "2:55" not in page.body
    for boilerplate in ("cookies", "Related stories", "Markets rally", "All rights reserved", "Politics"):
        assert boilerplate not in page.body
    assert page.body.endswith("Sourse: Reuters")


def test_a_site_suffix_or_prefix_naming_the_site_is_stripped():
    assert strip_site_suffix("Summit on hold | Demo Wire", ["Demo Wire"]) == "Summit on hold"
    assert strip_site_suffix("Summit on hold - DEMO WIRE", ["Demo Wire"]) == "Summit on hold"
    assert strip_site_suffix("Demo Wire: Summit - on hold", ["Demo Wire"]) == "Demo Wire: Summit - on hold"
    assert strip_site_suffix("Left - right", ["Demo Wire"]) == "Left - right"


def test_without_json_ld_the_meta_tags_and_the_headline_are_read():
    html = """<html lang="de"><head><title>Gipfel verschoben - Beispiel Zeitung - Nachrichten</title>
    <meta name="author" content="von Anna Müller"><meta property="og:site_name" content="Beispiel">
    <meta property="article:published_time" content="2025-10-22T09:30:00+02:00"></head>
    <body><h1>Gipfel verschoben</h1><p>Der Gipfel zwischen den beiden Präsidenten ist verschoben worden,
    sagte ein Sprecher am Dienstag in Washington vor Journalisten.</p>
    <p>Ein neuer Termin steht noch nicht fest, hieß es aus dem Weißen Haus am Abend.</p></body></html>"""

    page = extract(html, "https://zeitung.example/gipfel")

    assert (page.title, page.authors, page.language) == ("Gipfel verschoben", ["Anna Müller"], "de")
    assert page.published_at.startswith("2025-10-22")
    assert page.url == "https://zeitung.example/gipfel"


def test_escaped_json_ld_text_is_unescaped():
    html = NEWS_PAGE.replace('"headline": "Trump says summit with Putin is on hold"',
                             '"headline": "Trump&#8217;s summit &amp; Putin"')
    assert extract(html).title == "Trump’s summit & Putin"


def test_an_empty_or_broken_page_gives_an_empty_record():
    assert extract("").body == ""
    assert extract("<<<>>>").title == ""

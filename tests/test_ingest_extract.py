"""Extraction: a plain record from HTML, metadata from JSON-LD first, then meta tags and the page."""

from annotations.ingest.extract import extract, host_names, strip_site_suffix
from tests.ingest_support import NEWS_PAGE


def test_the_news_page_gives_headline_byline_date_outlet_language_and_clean_body():
    page = extract(NEWS_PAGE, "http://127.0.0.1/story")

    assert (page.title, page.byline, page.published_at, page.publisher, page.language) == (
        "Trump says summit with Putin is on hold", "Jane Reporter, Ivan Writer",
        "2025-10-22T09:30:00+02:00", "Demo Wire", "en-GB",
    )
    assert page.url == "http://127.0.0.1/story"  # its canonical is on another site
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
    html = NEWS_PAGE.replace('"name": "Jane Reporter"', '"name": "Jane O&#8217;Reporter &amp; Co"')
    assert extract(html).authors[0] == "Jane O’Reporter & Co"


def test_a_site_part_after_any_separator_naming_the_site_or_its_host_is_stripped():
    assert strip_site_suffix("Retirement plans | Demo Wire - Analysis and opinion", ["Demo Wire"]) == (
        "Retirement plans")
    assert strip_site_suffix("Retirement plans - Demowire", host_names("https://www.demowire.example/a")) == (
        "Retirement plans")
    assert strip_site_suffix("Olympia 2028 confirmed -", []) == "Olympia 2028 confirmed"
    assert host_names("https://news.demowire.example/a") == ["news.demowire.example", "demowire"]


def _page(head: str, body: str) -> str:
    return f"""<html lang="en"><head>{head}</head><body>{body}<article><p>The council voted on Tuesday
    to approve the new zoning plan after a long debate that ran late into the night.</p>
    <p>Opponents said they would take the decision to court before the end of the year.</p></article>
    </body></html>"""


def test_the_visible_headline_wins_over_a_shortened_or_seo_title():
    html = _page('<title>Zoning plan approved | Demo Wire</title>'
                 '<meta property="og:site_name" content="Demo Wire">',
                 "<h1>Demo Wire</h1><h1>City council approves zoning plan after a long night</h1>")

    assert extract(html, "https://demowire.example/zoning").title == (
        "City council approves zoning plan after a long night")


def test_an_h1_naming_a_section_or_unrelated_to_the_title_is_not_the_headline():
    html = _page("<title>Zoning plan approved by the council - Demo Wire</title>",
                 "<h1>Opinion</h1><h1>Subscribe to our newsletter today</h1>")

    assert extract(html, "https://demowire.example/zoning").title == "Zoning plan approved by the council"


def test_an_h1_made_of_a_section_kicker_and_the_title_gives_the_title():
    html = _page('<title>Zoning plan approved by the council</title>',
                 "<h1>Local News | Zoning plan approved by the council</h1>")

    assert extract(html).title == "Zoning plan approved by the council"


def test_an_empty_or_broken_page_gives_an_empty_record():
    assert extract("").body == ""
    assert extract("<<<>>>").title == ""


def test_byline_prefixes_and_non_persons_are_not_taken_for_authors():
    for meta, authors in (
        ("View all posts by Jane Reporter", ["Jane Reporter"]),
        ("Auteur Anne Martin", ["Anne Martin"]),
        ("Von: Anna Müller", ["Anna Müller"]),
        ("demowire - Jane Reporter", ["Jane Reporter"]),
        ("https://demowire.example/author/jane", []),
        ("jane@demowire.example", []),
        ("No Author", []),
        ("Beispiel Verlag GmbH", []),
        ("Staff", []),
    ):
        html = _page(f'<title>Zoning plan approved</title><meta name="author" content="{meta}">', "")
        assert extract(html, "https://demowire.example/zoning").authors == authors, meta


def test_a_printed_byline_is_read_when_no_metadata_names_a_person():
    rel_author = _page("<title>Zoning plan approved</title>",
                       '<p class="meta">Posted on 3 May 2024 by '
                       '<a rel="author" href="/u/jd">Jane Doe</a></p>')
    by_line = _page("<title>Zoning plan approved</title>", "<p><em>Von Anna Müller</em></p>")

    assert extract(rel_author, "https://demowire.example/zoning").authors == ["Jane Doe"]
    assert extract(by_line, "https://demowire.example/zoning").authors == ["Anna Müller"]


def test_the_outlet_signing_its_page_gives_way_to_a_printed_byline_and_stays_without_one():
    head = ('<title>Zoning plan approved</title><meta name="author" content="Demo Wire">'
            '<meta property="og:site_name" content="Demo Wire">')
    signed = _page(head, '<span class="author-name"><a href="/staff/jd">Jane Doe</a></span>')
    unsigned = _page(head, "")

    assert extract(signed, "https://demowire.example/zoning").authors == ["Jane Doe"]
    assert extract(unsigned, "https://demowire.example/zoning").authors == ["Demo Wire"]


def test_a_normalized_byline_keeps_the_spelling_the_page_prints():
    html = _page("<title>Zoning plan approved</title>",
                 '<div class="post-footer">Posted by <span class="fn" itemprop="author">'
                 '<span itemprop="name">T. V. Raman</span></span></div>')

    assert extract(html, "https://demowire.example/zoning").authors == ["T. V. Raman"]


def test_the_original_publication_day_wins_over_the_modification_day():
    html = _page('<title>Zoning plan approved</title>'
                 '<meta property="article:modified_time" content="2024-06-01T08:00:00+00:00">'
                 '<meta property="article:published_time" content="2024-05-03T09:30:00+02:00">',
                 "<p>Updated June 1, 2024</p>")

    assert extract(html, "https://demowire.example/zoning").published_at == "2024-05-03T09:30:00+02:00"


def test_a_by_label_printed_apart_from_the_name_is_read_as_a_byline():
    html = _page("<title>Zoning plan approved</title>",
                 '<div class="x1"><span class="x2">By</span><span><a href="/team/jd">J.R. Stone</a></span>'
                 "<span>Tuesday, May 3, 2024 10:30AM</span></div>")

    assert extract(html, "https://demowire.example/zoning").authors == ["J.R. Stone"]


def _authors(head: str, body: str) -> list[str]:
    html = _page(f"<title>Zoning plan approved</title>{head}", body)
    return extract(html, "https://demowire.example/zoning").authors


def test_a_byline_printed_in_capitals_keeps_the_pages_spelling_over_the_metadata():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"author": {"name": "Jane Doe"}}</script>')

    assert _authors(ld, '<p class="byline">By <a rel="author" href="/u/jd">JANE DOE</a></p>') == ["JANE DOE"]
    assert _authors(ld, '<p class="byline">By <a rel="author" href="/u/jd">Jane Dorsey</a></p>') == [
        "Jane Doe"]


def test_two_authors_joined_with_and_become_a_comma_separated_byline():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
          '[{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}</script>')
    html = _page(f"<title>Zoning plan approved</title>{ld}", '<p class="byline">By Jane Doe and John Roe</p>')

    page = extract(html, "https://demowire.example/zoning")

    assert (page.authors, page.byline) == (["Jane Doe", "John Roe"], "Jane Doe, John Roe")


def test_an_organization_author_gives_way_to_the_printed_byline():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"author": {"@type": "Organization", "name": "DW"}}</script>')

    assert _authors(ld, '<div class="x"><span>By</span><a href="/u/jd">Jane Doe</a></div>') == ["Jane Doe"]
    assert _authors(ld, "") == ["DW"]


def test_a_label_element_before_the_name_marks_the_byline():
    assert _authors("", '<div><h4>Autor</h4><p><a href="/team/am">Anna Müller</a></p></div>') == [
        "Anna Müller"]
    assert _authors("", '<p><span class="sr">| By </span><span>Jane Doe</span> | <time>May 3</time></p>') == [
        "Jane Doe"]
    assert _authors("", '<h3>Tools</h3><span>by</span><h3><a href="/u/7">quietfox77</a></h3>') == [
        "quietfox77"]


def test_a_labelled_name_followed_by_a_date_or_a_role_is_a_byline():
    assert _authors("", '<p class="meta">Von J. D. am <a href="/2024/05/03">3. Mai 2024</a></p>') == ["J. D."]
    assert _authors("", "<p><strong>Autorin: Anna Müller, Redakteurin im Lokalteil.</strong></p>") == [
        "Anna Müller"]
    assert _authors("", "<p>Von Anna Müller und dem Team</p>") == []


def test_the_outlets_name_and_the_role_it_gives_are_dropped_from_a_byline():
    site = '<meta property="og:site_name" content="Demo Wire">'

    assert _authors(f'{site}<meta name="author" content="Demo-Wire-Experte Jane Doe">', "") == ["Jane Doe"]
    assert _authors(f'{site}<meta name="author" content="Jane Doe Demo Wire Staff">', "") == ["Jane Doe"]
    assert _authors(f'{site}<meta name="author" content="Jane Doe, Reporter">', "") == ["Jane Doe, Reporter"]


def test_a_lone_first_name_is_completed_from_the_printed_byline_only_by_a_capitalised_name():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Jane"}}</script>'

    assert _authors(ld, "<div><p>By</p></div><div><p>Jane Doe</p></div>") == ["Jane Doe"]
    assert _authors(ld, "<div><p>By</p></div><div><p>Jane janeblog</p></div>") == ["Jane"]


def test_an_author_box_with_a_biography_gives_the_name_it_is_headed_with():
    box = ('<div class="author-bio"><h3>Jane Doe</h3><p>Jane Doe has covered city hall for the paper since '
           "2009 and writes about housing, zoning and transport. Before that she worked in radio.</p></div>")

    assert _authors("", box) == ["Jane Doe"]


def test_a_stamp_just_after_midnight_keeps_the_day_the_page_writes_not_the_utc_day():
    html = _page('<title>Zoning plan approved</title>'
                 '<meta property="article:published_time" content="2024-05-04T00:30:00+02:00">', "")

    assert extract(html, "https://demowire.example/zoning").published_at == "2024-05-04T00:30:00+02:00"


def test_a_date_only_in_the_url_is_the_publication_day():
    html = _page("<title>Zoning plan approved</title>", "")

    assert extract(html, "https://demowire.example/2024/05/03/zoning-plan").published_at == "2024-05-03"


def test_a_declared_stamp_in_rfc_2822_wins_over_a_date_the_text_mentions():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"datePublished": "Fri, 03 May 2024 10:30:00 -0400"}</script>')
    html = _page(f"<title>Zoning plan approved</title>{ld}",
                 "<p>The plan was first tabled on 12 January 2023.</p>")

    assert extract(html, "https://demowire.example/zoning").published_at == "2024-05-03T10:30:00-04:00"

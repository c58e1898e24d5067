"""The HTML pages: article list, article entry, annotation view data, public claim pages."""

import json
import re

import pytest

from annotations import services
from annotations.exports.claimreview import from_claim
from annotations.models import Article, Source
from annotations.publishing.models import PublishedClaim
from annotations.views import paragraphs
from tests import factories

PASSWORD = "correct horse battery staple"


def script_json(html: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match[1])


def ld_json(html: str):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("One.", [(0, "One.")]),
        ("One.\n\nTwo.", [(0, "One."), (6, "Two.")]),
        ("One.\nstill one.\n\n\nTwo.", [(0, "One.\nstill one."), (18, "Two.")]),
        ("\n\nLead blank.\n\n", [(2, "Lead blank.")]),
        ("👍🏽 emoji.\n\nn̈ext", [(0, "👍🏽 emoji."), (11, "n̈ext")]),
    ],
)
def test_paragraphs_split_at_blank_lines_with_code_point_offsets(body, expected):
    assert paragraphs(body) == expected
    for start, text in paragraphs(body):
        assert body[start : start + len(text)] == text


def test_article_list_shows_counts_by_review_state(
    client, reviewer, editor, draft, django_assert_num_queries
):
    other = factories.ArticleFactory(title="Second article", publisher=None)
    annotation = factories.AnnotationFactory(article=other, created_by=reviewer)
    services.review_submit(annotation=annotation, user=reviewer)
    client.force_login(reviewer)

    # session, user, permissions, count, page, the languages to filter by, work count
    with django_assert_num_queries(7):
        response = client.get("/")

    html = response.content.decode()
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, re.S)
    assert len(rows) == 2
    counts = [
        re.findall(r'<span class="count__n">(\d+)</span> ([a-z ]+)</li>', row) for row in rows
    ]
    assert counts == [
        [("0", "draft"), ("1", "in review"), ("0", "verified")],
        [("1", "draft"), ("0", "in review"), ("0", "verified")],
    ]
    assert 'href="/articles/new/"' in html


def test_article_list_counts_only_verified_claims_for_anonymous_visitors(client, verified):
    factories.AnnotationFactory(article=verified.article)

    html = client.get("/").content.decode()

    assert re.findall(r'<span class="count__n">(\d+)</span> ([a-z ]+)</li>', html) == [("1", "verified")]
    assert "/articles/new/" not in html


def test_article_list_search_matches_title_or_publisher(client, reviewer):
    factories.ArticleFactory(title="Budapest summit on hold")
    factories.ArticleFactory(
        title="Other news", publisher=factories.SourceFactory(name="Kyiv Independent")
    )
    factories.ArticleFactory(title="Unrelated")
    client.force_login(reviewer)

    def titles(query):
        html = client.get("/", {"q": query}).content.decode()
        return re.findall(r'<th scope="row"><a href="/articles/\d+/">(.*?)</a>', html)

    assert titles("budapest") == ["Budapest summit on hold"]
    assert titles("kyiv") == ["Other news"]
    assert titles("nothing like it") == []


@pytest.mark.parametrize("query", ["\x00", "budapest\x00summit"])
def test_article_list_refuses_a_search_term_with_a_nul_character(client, reviewer, query):
    """PostgreSQL cannot compare text holding NUL; the term is refused, not sent to it."""
    factories.ArticleFactory(title="Budapest summit on hold")
    client.force_login(reviewer)

    response = client.get("/", {"q": query})

    assert response.status_code == 400


def test_adding_an_article_needs_a_login(client):
    response = client.get("/articles/new/")

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/articles/new/")


def test_adding_an_article_needs_the_permission(client, db):
    client.force_login(factories.UserFactory(username="visitor"))

    assert client.get("/articles/new/").status_code == 403


def test_a_reviewer_adds_an_article_with_its_publisher(client, reviewer):
    existing = factories.SourceFactory(name="Demo Wire", kind="news_outlet")
    client.force_login(reviewer)

    response = client.post("/articles/new/", {
        "title": "Summit on hold", "url": "HTTPS://News.Example/Summit/", "publisher": "demo wire",
        "published_date": "2025-10-21", "published_time": "18:30", "byline": "Staff",
        "body": "First paragraph.\r\n\r\nSecond paragraph.",
    })

    article = Article.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/articles/{article.pk}/")
    assert (article.title, article.url, article.publisher, article.byline, article.body) == (
        "Summit on hold", "https://news.example/Summit", existing, "Staff",
        "First paragraph.\n\nSecond paragraph.",
    )
    assert article.published_at.isoformat() == "2025-10-21T18:30:00+00:00"
    assert article.created_by == reviewer


def test_a_new_publisher_is_created_as_a_news_outlet(client, reviewer):
    client.force_login(reviewer)

    client.post("/articles/new/", {"title": "T", "publisher": "Kyiv Independent", "body": "Text."})

    assert list(Source.objects.values_list("name", "kind")) == [("Kyiv Independent", "news_outlet")]


def test_article_form_errors_are_shown_next_to_their_fields(client, reviewer, article):
    client.force_login(reviewer)

    response = client.post("/articles/new/", {
        "title": "", "url": "javascript:alert(1)", "body": "  \n ",
    })

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<p class="field__error" id="id_(\w+)_error">(.*?)</p>', html) == [
        ("title", "This field is required."),
        ("url", "Enter a valid URL."),
        ("body", "This field is required."),
    ]
    assert Article.objects.count() == 1


def test_a_duplicate_article_url_is_reported_on_the_url_field(client, reviewer, article):
    client.force_login(reviewer)

    response = client.post("/articles/new/", {"title": "Again", "url": article.url, "body": "Text."})

    html = response.content.decode()
    assert re.findall(r'<p class="field__error" id="id_(\w+)_error">(.*?)</p>', html) == [
        ("url", f"Article {article.pk} has this URL already."),
    ]


def test_the_annotation_view_renders_paragraphs_with_offsets_and_the_annotations(
    client, reviewer, draft, django_assert_num_queries
):
    client.force_login(reviewer)

    # session, user, permissions, article (and its watch), annotations, stances, work count,
    # revisions, orphaned and re-attached annotations, repeated claims
    with django_assert_num_queries(10):
        response = client.get(f"/articles/{draft.article.pk}/")

    html = response.content.decode()
    body = draft.article.body
    assert re.findall(r'<p data-start="(\d+)">(.*?)</p>', html) == [
        ("0", body.split("\n\n")[0]),
        (str(body.index("A White House")), "A White House official said there were no plans for a meeting."),
    ]
    assert f'data-length="{len(body)}"' in html
    assert script_json(html, "annotations-data") == [{
        "id": draft.pk, "start": 6, "end": 122, "rating": "unproven", "review_state": "draft",
        "version": 1, "created_by": "rita", "published": False,
        "stances": [["Financial Times", "reported"], ["Donald Trump", "denied"]],
    }]
    config = script_json(html, "page-config")
    assert (config["article"], config["api"], config["claim_url"], config["user"]) == (
        draft.article.pk, "/api/v1/", "/claims/{id}/",
        {"username": "rita", "can_create": True, "is_editor": False},
    )
    assert config["work_count_url"] == "/work/count/"
    assert '<script type="module" src="/static/annotations/js/article.js"></script>' in html


def test_anonymous_visitors_see_only_verified_annotations(client, verified, reviewer, settings):
    settings.FACTCHECK_PUBLIC_ARTICLES = True
    services.annotation_create(article=verified.article, user=reviewer, quote="A White House official")

    html = client.get(f"/articles/{verified.article.pk}/").content.decode()

    assert [(a["id"], a["published"]) for a in script_json(html, "annotations-data")] == [(verified.pk, True)]
    # The organization's work, not its staff's logins.
    assert [a["created_by"] for a in script_json(html, "annotations-data")] == [None]
    assert "rita" not in html and "eddie" not in html
    assert script_json(html, "page-config")["user"] == {
        "username": None, "can_create": False, "is_editor": False,
    }


def test_the_public_claim_page_embeds_its_claimreview(client, verified, django_assert_num_queries):
    with django_assert_num_queries(1):  # the stored public version
        response = client.get(f"/claims/{verified.pk}/")

    html = response.content.decode()
    published = PublishedClaim.objects.get(pk=verified.pk).public
    assert ld_json(html) == from_claim(published, "http://testserver")
    assert ld_json(html)["url"] == f"http://testserver/claims/{verified.pk}/"
    assert "<mark>refuted a story by the Financial Times that he had pressed Zelenskyy" in html
    assert '<a href="https://evidence.example/ft" rel="noopener noreferrer nofollow">FT report</a>' in html


@pytest.mark.parametrize("state", ["draft", "in_review"])
def test_only_verified_claims_have_a_public_page(client, db, request, state):
    annotation = request.getfixturevalue(state)

    assert client.get(f"/claims/{annotation.pk}/").status_code == 404


def test_a_claim_cannot_end_the_json_ld_script_element(client, verified, editor, other_editor):
    # Editing a verified claim sends it back to review; another editor verifies it again.
    annotation = services.annotation_update(
        annotation=verified, user=editor, version=verified.version,
        claim="</script><script>alert(1)</script> & more",
    )
    annotation = services.review_verify(annotation=annotation, user=other_editor)

    html = client.get(f"/claims/{annotation.pk}/").content.decode()

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in script and ">" not in script and "&" not in script
    assert ld_json(html)["claimReviewed"] == "</script><script>alert(1)</script> & more"


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_pages_forbid_inline_scripts(client, db, path):
    response = client.get(path)

    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert script_src == "script-src 'self'"


def test_the_login_page_signs_a_reviewer_in(client, reviewer):
    response = client.post("/accounts/login/", {"username": "rita", "password": PASSWORD, "next": "/"})

    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_failed_login_says_so(client, reviewer):
    response = client.post("/accounts/login/", {"username": "rita", "password": "wrong"})

    assert "Your username and password did not match." in response.content.decode()


def test_page_queries_do_not_grow_with_articles_or_annotations(
    client, reviewer, draft, django_assert_num_queries
):
    for number in range(5):
        factories.ArticleFactory(title=f"More {number}")
        factories.AttributionFactory(
            annotation=factories.AnnotationFactory(article=draft.article, start=number, created_by=reviewer)
        )
        factories.EvidenceFactory(annotation=draft)
    client.force_login(reviewer)

    with django_assert_num_queries(7):  # the list of 6 queries and its language choices
        client.get("/")
    # with the revisions, the orphaned and re-attached annotations, and the repeated claims
    with django_assert_num_queries(10):
        response = client.get(f"/articles/{draft.article.pk}/")
    assert len(script_json(response.content.decode(), "annotations-data")) == 6


def test_a_publication_date_without_a_time_is_kept(client, reviewer):
    client.force_login(reviewer)

    response = client.post("/articles/new/", {
        "title": "Date only", "published_date": "2025-10-22", "published_time": "", "body": "Text.",
    })

    article = Article.objects.get()
    assert response.status_code == 302
    assert article.published_at.isoformat() == "2025-10-22T00:00:00+00:00"
    html = client.get(f"/articles/{article.pk}/").content.decode()
    assert '<time datetime="2025-10-22T00:00:00+00:00">22 October 2025</time>' in html


def test_a_publication_time_without_a_date_is_refused(client, reviewer):
    client.force_login(reviewer)

    response = client.post("/articles/new/", {"title": "T", "published_time": "10:00", "body": "Text."})

    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "Give the date as well as the time." in response.content.decode()

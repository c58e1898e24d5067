"""Revisions, diffs, refresh and re-anchoring: moved, fuzzy, orphaned (and still exported)."""

import pytest

from annotations import rules, services
from annotations.ingest import anchors
from annotations.ingest.extract import extract
from annotations.ingest.services import article_import
from annotations.models import Annotation
from tests import factories
from tests.api_support import PERMISSION_QUERIES, client_for
from tests.ingest_support import NEWS_PAGE

MOVED = "no plans for a meeting with"
FUZZY = "refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish the whole"
ORPHANED = "preparations for the meeting would take time"
EDITED_PAGE = (
    NEWS_PAGE.replace("<p>2:55President", "<p>UPDATE: This story has been updated.</p>\n<p>2:55President")
    .replace("Zelenskyy to\nrelinquish", "Zelenskyy to\ngive up")
    .replace("Kremlin spokesman Dmitry Peskov told reporters that preparations for the meeting\n"
             "would take time and that no dates had been agreed.", "The Kremlin did not comment.")
)


@pytest.fixture
def story(server, editor, reviewer):
    """The imported story with three claims; the one about preparations is verified."""
    page = extract(NEWS_PAGE, server.url("/story"))
    page.url = server.url("/story")
    article, _ = article_import(user=editor, page=page)
    claims = {
        quote: services.annotation_create(article=article, user=reviewer, quote=quote,
                                          claim=f"Claim: {quote}", rating="unproven")
        for quote in (MOVED, FUZZY, ORPHANED)
    }
    services.review_submit(annotation=claims[ORPHANED], user=reviewer)
    services.review_verify(annotation=claims[ORPHANED], user=editor)
    return article, claims


def test_an_unchanged_refresh_keeps_the_revision(story, editor, server):
    article, _ = story
    response = client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")
    assert response.status_code == 200
    assert response.json() == {"changed": False, "revision": 1}
    assert server.hits == ["/story"]


def test_a_changed_page_becomes_a_revision_and_reanchors(story, editor, server):
    article, claims = story
    server.html("/story", EDITED_PAGE)

    response = client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")

    moved, fuzzy, orphaned = (Annotation.objects.get(pk=claims[q].pk) for q in (MOVED, FUZZY, ORPHANED))
    assert response.json() == {
        "changed": True, "revision": 2, "moved": [moved.pk], "fuzzy": [fuzzy.pk], "orphaned": [orphaned.pk],
    }
    article.refresh_from_db()
    assert article.body[moved.start:moved.end] == MOVED
    assert (moved.anchor_state, moved.revision) == ("anchored", 2)
    assert fuzzy.anchor_state == "fuzzy" and fuzzy.previous_quote == FUZZY
    assert fuzzy.quote == article.body[fuzzy.start:fuzzy.end] == FUZZY.replace("relinquish", "give up")
    assert (orphaned.anchor_state, orphaned.revision, orphaned.quote) == ("orphaned", 1, ORPHANED)
    assert (orphaned.review_state, orphaned.rating) == ("verified", "unproven")
    assert [h.history_change_reason for h in moved.history.all()[:1]] == ["re-anchored in revision 2"]


def test_a_claim_made_after_a_refresh_is_made_on_the_new_revision(story, editor, server):
    article, _ = story
    server.html("/story", EDITED_PAGE)
    client = client_for(editor)
    client.post(f"/api/v1/articles/{article.pk}/refresh/")

    response = client.post("/api/v1/annotations/", {"article": article.pk, "quote": MOVED}, format="json")

    assert response.status_code == 201, response.content
    assert Annotation.objects.get(pk=response.json()["id"]).revision == 2


def test_a_revision_opens_corrections_where_the_quoted_text_changed(story, editor, reviewer, server):
    article, claims = story
    for quote in (MOVED, FUZZY):
        services.review_submit(annotation=claims[quote], user=reviewer)
        services.review_verify(annotation=claims[quote], user=editor)
    published_before = client_for().get(f"/api/v1/claims/{claims[FUZZY].pk}/").json()
    server.html("/story", EDITED_PAGE)

    client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")

    moved, fuzzy, orphaned = (Annotation.objects.get(pk=claims[q].pk) for q in (MOVED, FUZZY, ORPHANED))
    article.refresh_from_db()
    # The lightly edited quote goes back to review, for the publisher's edit and not as
    # anybody's change of ours (so the editor who refreshed may verify it); the public keeps
    # the verified version meanwhile.
    assert fuzzy.review_state == "in_review"
    assert fuzzy.history.first().history_change_reason == (
        "the publisher edited the article (revision 2); back in review"
    )
    assert rules.can_review(editor, fuzzy)
    assert client_for().get(f"/api/v1/claims/{fuzzy.pk}/").json() == published_before
    # The quote that only moved stays verified, and its published offsets follow it.
    assert moved.review_state == orphaned.review_state == "verified"
    published = client_for().get(f"/api/v1/claims/{moved.pk}/").json()
    assert (published["start"], published["end"]) == (moved.start, moved.end)
    assert article.body[published["start"]:published["end"]] == MOVED


def test_revisions_list_and_diff(story, editor, server):
    article, _ = story
    server.html("/story", EDITED_PAGE)
    client = client_for(editor)
    client.post(f"/api/v1/articles/{article.pk}/refresh/")

    listed = client.get(f"/api/v1/articles/{article.pk}/revisions/").json()
    second = client.get(f"/api/v1/articles/{article.pk}/revisions/2/").json()

    assert [(r["number"], r["origin"], r["created_by"], r["fetched_url"]) for r in listed] == [
        (1, "import", "eddie", ""), (2, "fetch", "eddie", server.url("/story")),
    ]
    assert set(listed[0]) == {"number", "body_sha256", "origin", "created_at", "created_by", "fetched_url"}
    first_body = client.get(f"/api/v1/articles/{article.pk}/revisions/1/").json()["body"]
    assert "".join(run["text"] for run in second["diff"] if run["op"] != "insert") == first_body
    assert "".join(run["text"] for run in second["diff"] if run["op"] != "delete") == second["body"]
    assert {"op": "insert", "text": "give up"} in second["diff"]
    assert {"op": "delete", "text": "relinquish"} in second["diff"]
    assert client.get(f"/api/v1/articles/{article.pk}/revisions/3/").status_code == 404


def test_revision_list_runs_the_same_queries_for_one_or_many(story, editor, django_assert_num_queries):
    article, _ = story
    client = client_for(editor)
    queries = 1 + PERMISSION_QUERIES + 2  # the key, its user's permissions, article, revisions
    with django_assert_num_queries(queries):
        client.get(f"/api/v1/articles/{article.pk}/revisions/")
    for n in range(5):
        services.article_update(article=article, user=editor, body=f"{article.body}\n\nMore {n}.")
    with django_assert_num_queries(queries):
        assert len(client.get(f"/api/v1/articles/{article.pk}/revisions/").json()) == 6


def test_a_verified_orphan_stays_exported_with_its_quote_only(story, editor, server):
    article, claims = story
    server.html("/story", EDITED_PAGE)
    client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")
    orphan = claims[ORPHANED]

    exported = client_for().get("/api/v1/claims/").json()["results"]
    w3c = client_for().get(f"/api/v1/w3c/annotations/{orphan.pk}/").json()

    assert [(c["id"], c["quote"], c["anchor_state"]) for c in exported] == [
        (orphan.pk, ORPHANED, "orphaned"),
    ]
    assert w3c["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": ORPHANED, "prefix": orphan.prefix, "suffix": orphan.suffix},
    ]


def test_an_orphan_is_reattached_by_selecting_new_text(story, editor, reviewer, server):
    article, claims = story
    server.html("/story", EDITED_PAGE)
    client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")
    article.refresh_from_db()
    orphan = Annotation.objects.get(pk=claims[ORPHANED].pk)
    start = article.body.index("The Kremlin did not comment")

    response = client_for(editor).patch(
        f"/api/v1/annotations/{orphan.pk}/",
        {"start": start, "end": start + 27, "quote": "The Kremlin did not comment",
         "version": orphan.version},
        format="json",
    )

    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("anchor_state", "revision", "quote", "review_state")} == {
        "anchor_state": "anchored", "revision": 2, "quote": "The Kremlin did not comment",
        "review_state": "in_review",
    }


def test_orphans_are_not_painted_on_the_article_page(story, editor, server, client):
    article, claims = story
    server.html("/story", EDITED_PAGE)
    client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")
    client.force_login(editor)

    page = client.get(f"/articles/{article.pk}/")

    painted = [a["id"] for a in page.context["annotations"]]
    assert claims[ORPHANED].pk not in painted and claims[MOVED].pk in painted


def test_context_decides_among_repeats():
    body = "He said no. Later, the minister said no. Then he left."
    start = body.index("no. Then")
    # The old offsets point at the first "no"; the context names the second.
    old = anchors.Span(1, 8, 10, "no", prefix="the minister said ", suffix=". Then")
    [placement] = anchors.reanchor("Intro. " + body, [old])
    assert (placement.state, placement.start) == ("anchored", start + 7)


def test_a_rewritten_quote_below_the_threshold_is_orphaned():
    span = anchors.Span(1, 0, 30, "Trump pressed Zelenskyy to cede", "", " the region.")
    [placement] = anchors.reanchor("The weather was fine all week in Kyiv.", [span])
    assert (placement.state, placement.start, placement.quote) == ("orphaned", 0, span.quote)


def test_the_public_page_of_a_verified_orphan_shows_the_context_it_was_made_with(
    story, editor, server, client
):
    article, claims = story
    server.html("/story", EDITED_PAGE)
    client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")
    orphan = Annotation.objects.get(pk=claims[ORPHANED].pk)

    response = client.get(f"/claims/{orphan.pk}/")

    assert response.status_code == 200
    assert response.context["before"] == "Kremlin spokesman Dmitry Peskov told reporters that "
    assert response.context["after"] == " and that no dates had been agreed."
    assert ORPHANED in response.content.decode()
    w3c = client.get(f"/api/v1/w3c/annotations/{orphan.pk}/").json()
    assert [selector["type"] for selector in w3c["target"]["selector"]] == ["TextQuoteSelector"]


@pytest.fixture
def revised(article, editor):
    """The article with a second body by `editor`."""
    services.article_update(article=article, user=editor, body=f"{article.body}\n\nA secret addendum.")
    return article


def test_anonymous_callers_get_revisions_without_bodies_diffs_or_usernames(revised):
    anonymous = client_for()

    listed = anonymous.get(f"/api/v1/articles/{revised.pk}/revisions/").json()
    second = anonymous.get(f"/api/v1/articles/{revised.pk}/revisions/2/").json()

    assert [(r["number"], r["created_by"]) for r in listed] == [(1, None), (2, None)]
    assert (second["body"], second["diff"], second["created_by"]) == (None, None, None)
    assert "secret" not in anonymous.get(f"/api/v1/articles/{revised.pk}/revisions/2/").content.decode()


def test_signed_in_users_without_a_role_read_revision_bodies_but_no_usernames(revised):
    no_role = client_for(factories.UserFactory(username="nora"))

    second = no_role.get(f"/api/v1/articles/{revised.pk}/revisions/2/").json()
    listed = no_role.get(f"/api/v1/articles/{revised.pk}/revisions/").json()

    assert second["body"].endswith("A secret addendum.")
    assert {"op": "insert", "text": "\n\nA secret addendum."} in second["diff"]
    assert [r["created_by"] for r in listed] == [None, None]
    assert second["created_by"] is None


def test_staff_read_revision_bodies_and_who_made_them(revised, reviewer):
    second = client_for(reviewer).get(f"/api/v1/articles/{revised.pk}/revisions/2/").json()

    assert second["body"].endswith("A secret addendum.")
    assert second["created_by"] == "eddie"


def test_revision_bodies_are_public_when_the_site_publishes_article_texts(revised, settings):
    settings.FACTCHECK_PUBLIC_ARTICLES = True

    second = client_for().get(f"/api/v1/articles/{revised.pk}/revisions/2/").json()

    assert second["body"].endswith("A secret addendum.")
    assert second["created_by"] is None

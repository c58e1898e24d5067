"""Alerts where people work: a publisher's edit of checked passages, in the API and in My work,
the claim back in review with its reason, and the honest public note once it is verified again."""

import pytest
from django.utils import timezone

from annotations import services
from annotations.alerts.models import Alert
from annotations.ingest import watch
from annotations.ingest.extract import extract
from annotations.ingest.services import article_import
from annotations.models import Annotation
from tests import factories
from tests.api_support import client_for
from tests.ingest_support import NEWS_PAGE

MOVED = "no plans for a meeting with"
FUZZY = "refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish the whole"
ORPHANED = "preparations for the meeting would take time"
EDITED = (
    NEWS_PAGE.replace("announcing a summit in Budapest", "announcing a summit in Hungary")
    .replace("Zelenskyy to\nrelinquish", "Zelenskyy to\ngive up")
    .replace("Kremlin spokesman Dmitry Peskov told reporters that preparations for the meeting\n"
             "would take time and that no dates had been agreed.", "The Kremlin did not comment.")
)


@pytest.fixture(autouse=True)
def no_pause(settings):
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0


@pytest.fixture
def story(server, editor, reviewer):
    """The story with three verified claims, written by `reviewer`, verified by `editor`."""
    page = extract(NEWS_PAGE, server.url("/story"))
    page.url = server.url("/story")
    article, _ = article_import(user=editor, page=page)
    claims = {}
    for quote in (MOVED, FUZZY, ORPHANED):
        claim = services.annotation_create(article=article, user=reviewer, quote=quote,
                                           claim=f"Claim: {quote[:20]}", rating="false")
        services.review_submit(annotation=claim, user=reviewer)
        claims[quote] = services.review_verify(annotation=claim, user=editor)
    return article, claims


@pytest.fixture
def edited(story, server):
    """The story after its publisher edited the three passages and the watch found it."""
    article, claims = story
    server.html("/story", EDITED)
    watch.article_check(article)
    return article, claims


def test_the_watch_raises_one_alert_listing_what_happened_to_each_checked_passage(edited):
    article, claims = edited

    alert = Alert.objects.get()

    assert (alert.kind, alert.state, alert.article_id, alert.revision) == (
        "article_changed", "open", article.pk, 2,
    )
    assert alert.summary == "“Trump says summit with Putin is on hold” changed 3 checked passages"
    outcomes = {change["annotation"]: change["outcome"] for change in alert.data["changes"]}
    assert outcomes == {claims[MOVED].pk: "moved", claims[FUZZY].pk: "fuzzy", claims[ORPHANED].pk: "orphaned"}
    fuzzy = next(c for c in alert.data["changes"] if c["outcome"] == "fuzzy")
    assert fuzzy["quote_before"] == FUZZY
    assert "give up" in fuzzy["quote_after"] and "relinquish" in fuzzy["context_before"]
    orphaned = next(c for c in alert.data["changes"] if c["outcome"] == "orphaned")
    assert (orphaned["quote_after"], orphaned["context_after"]) == ("", "")
    assert ORPHANED.split()[0] in orphaned["context_before"]


def test_checking_again_raises_nothing_more(edited):
    article, _ = edited
    check = watch.article_check(article)
    assert check.status == "unchanged"
    assert Alert.objects.count() == 1


def test_an_edit_away_from_checked_passages_raises_no_alert(story, server):
    article, _ = story
    server.html("/story", NEWS_PAGE.replace("<p>Sourse: Reuters</p>", "<p>Source: Reuters, AP</p>"))
    assert watch.article_check(article).status == "changed"
    assert not Alert.objects.exists()


def test_a_verified_claim_whose_passage_changed_goes_back_to_review_for_the_publishers_edit(edited):
    _, claims = edited
    fuzzy, moved, orphaned = (Annotation.objects.get(pk=claims[q].pk) for q in (FUZZY, MOVED, ORPHANED))
    assert fuzzy.review_state == moved.review_state == "in_review"
    assert orphaned.review_state == "verified"  # kept, listed apart; placing it again is an edit
    assert fuzzy.history.first().history_change_reason == (
        "the publisher edited the article (revision 2); back in review"
    )
    assert fuzzy.history.first().history_user is None


def test_the_alerts_api_lists_alerts_for_fact_checkers_with_filters(edited, reviewer, editor):
    article, claims = edited
    alert = Alert.objects.get()

    response = client_for(reviewer).get("/api/v1/alerts/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    shown = body["results"][0]
    assert {key: shown[key] for key in ("id", "kind", "state", "summary", "revision", "resolved_by")} == {
        "id": alert.pk, "kind": "article_changed", "state": "open", "summary": alert.summary, "revision": 2,
        "resolved_by": None,
    }
    assert shown["article"] == {"id": article.pk, "title": article.title, "url": article.url,
                                "link": f"http://testserver/articles/{article.pk}/"}
    fuzzy = next(c for c in shown["changes"] if c["outcome"] == "fuzzy")
    assert fuzzy["link"] == f"http://testserver/articles/{article.pk}/#annotation-{claims[FUZZY].pk}"
    assert {"op": "delete", "text": "relinquish"} in fuzzy["diff"]
    assert {"op": "insert", "text": "give up"} in fuzzy["diff"]
    assert fuzzy["outcome_label"] == "Quote edited: re-attached to the closest text"

    client = client_for(editor)
    assert client.get("/api/v1/alerts/?kind=article_changed&state=open").json()["count"] == 1
    assert client.get("/api/v1/alerts/?state=resolved").json()["count"] == 0
    assert client.get("/api/v1/alerts/?state=nonsense").status_code == 400
    assert client_for(factories.UserFactory(username="visitor")).get("/api/v1/alerts/").status_code == 403
    assert client_for().get("/api/v1/alerts/").status_code == 401


def test_my_work_shows_changed_articles_with_before_after_and_a_link(edited, client, editor):
    article, claims = edited
    client.force_login(editor)

    page = client.get("/work/").content.decode()

    assert "Changed articles" in page
    assert "days after announcing a summit in Budapest" in page  # before
    assert "days after announcing a summit in Hungary" in page  # after
    assert "<del>relinquish</del>" in page and "<ins>give up</ins>" in page
    assert f'href="/articles/{article.pk}/#annotation-{claims[FUZZY].pk}"' in page
    assert "The passage is gone from the article." in page
    assert "Back in review: the publisher edited the article (revision 2)." in page


def test_a_reviewer_sees_the_changes_of_their_own_claims_only(edited, client, reviewer, other_reviewer):
    client.force_login(reviewer)
    assert "Changed articles" in client.get("/work/").content.decode()
    client.force_login(other_reviewer)
    assert "Changed articles" not in client.get("/work/").content.decode()


def test_marking_a_changed_article_handled_takes_it_out_of_my_work(edited, client, editor):
    alert = Alert.objects.get()
    client.force_login(editor)

    response = client.post(f"/work/alerts/{alert.pk}/resolve/")

    assert response.status_code == 302
    alert.refresh_from_db()
    assert (alert.state, alert.resolved_by) == ("resolved", editor)
    assert "Changed articles" not in client.get("/work/").content.decode()
    assert client_for(editor).get("/api/v1/alerts/?state=resolved").json()["count"] == 1


def test_verified_again_the_public_note_says_the_publisher_updated_the_article(edited, other_editor, client):
    _, claims = edited
    fuzzy = Annotation.objects.get(pk=claims[FUZZY].pk)
    edited_on = timezone.localdate(fuzzy.published.publisher_edited_at)

    services.review_verify(annotation=fuzzy, user=other_editor)

    public = client_for().get(f"/api/v1/claims/{fuzzy.pk}/").json()
    today = timezone.localdate()
    note = (
        f"The article was updated by its publisher on {edited_on.day} {edited_on:%B %Y}; "
        f"this fact-check was reviewed again on {today.day} {today:%B %Y}."
    )
    assert [(c["kind"], c["note"]) for c in public["corrections"]] == [("update", note)]
    assert "give up" in public["quote"]
    page = client.get(f"/claims/{fuzzy.pk}/").content.decode()
    assert ">Updates</h2>" in page and note in page and "Corrected on" not in page


def test_what_our_review_changed_is_said_after_the_update(edited, other_editor):
    _, claims = edited
    fuzzy = Annotation.objects.get(pk=claims[FUZZY].pk)
    fuzzy = services.annotation_update(annotation=fuzzy, user=other_editor, version=fuzzy.version,
                                       rating="mostly_false")

    services.review_verify(annotation=fuzzy, user=factories.editor(username="ed2"),
                           comment="The report was partly confirmed.")

    [entry] = client_for().get(f"/api/v1/claims/{fuzzy.pk}/").json()["corrections"]
    assert entry["kind"] == "update"
    assert entry["note"].startswith("The article was updated by its publisher on ")
    assert entry["note"].endswith(
        "Rating changed from False to Mostly false; The report was partly confirmed."
    )


def test_our_own_correction_keeps_its_corrected_note(story, other_editor):
    _, claims = story
    moved = claims[MOVED]
    moved = services.annotation_update(annotation=moved, user=other_editor, version=moved.version,
                                       rating="mostly_false")
    services.review_verify(annotation=moved, user=factories.editor(username="ed2"))
    [entry] = client_for().get(f"/api/v1/claims/{moved.pk}/").json()["corrections"]
    assert entry["kind"] == "correction"
    assert entry["note"].startswith("Corrected on ")

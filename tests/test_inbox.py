"""My work: own drafts, what was returned with its comment, and what waits for my review."""

import re

import pytest

from annotations import services
from annotations.inbox import selectors
from annotations.models import Annotation
from annotations.publishing.selectors import corrections_of
from tests import factories


def section_ids(html: str, title: str) -> list[int]:
    """Return the annotation ids listed in the section headed `title`."""
    section = html.split(f">{title} <", 1)[1].split("</section>", 1)[0]
    return [int(pk) for pk in re.findall(r'<li class="work-item" id="work-(\d+)">', section)]


@pytest.fixture
def returned(article, reviewer, editor):
    annotation = services.annotation_create(
        article=article, user=reviewer, quote="A White House official", claim="An official spoke",
        rating="true",
    )
    services.review_submit(annotation=annotation, user=reviewer)
    return services.review_return(annotation=annotation, user=editor, comment="Name the official's role.")


def test_a_reviewer_sees_drafts_and_returned_work_oldest_first(client, reviewer, draft, returned):
    newer = services.annotation_create(article=draft.article, user=reviewer, quote="no plans")
    factories.AnnotationFactory(article=draft.article, created_by=factories.reviewer(username="other"))
    client.force_login(reviewer)

    html = client.get("/work/").content.decode()

    assert section_ids(html, "My drafts") == [draft.pk, newer.pk]
    assert section_ids(html, "Returned to me") == [returned.pk]
    returned_at = Annotation.history.get(
        id=returned.pk, history_change_reason__startswith="returned:"
    ).history_date
    assert (
        '<p class="returned">Returned by <strong>eddie</strong> on '
        f'<time datetime="{returned_at.isoformat()}">{returned_at:%-d %b %Y, %H:%M}</time>'
        ": Name the official&#x27;s role.</p>"
    ) in html
    assert "Waiting for my review" not in html
    assert '<span class="nav-count">3<span class="visually-hidden"> items</span></span>' in html


def test_the_work_count_answers_what_the_header_shows(client, reviewer, draft, returned):
    client.force_login(reviewer)

    response = client.get("/work/count/")

    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
        200, "application/json", "no-store",
    )
    assert response.json() == {"count": 2}
    assert client.post("/work/count/").status_code == 405


def test_the_work_count_is_for_fact_checkers_only(client, db):
    assert client.get("/work/count/").status_code == 302  # to the sign-in page
    client.force_login(factories.UserFactory(username="visitor"))
    assert client.get("/work/count/").status_code == 403


def test_an_editor_sees_what_waits_for_review_with_rationale_and_evidence(
    client, editor, other_editor, in_review, reviewer
):
    own = services.annotation_create(
        article=in_review.article, user=editor, quote="no plans", claim="No plans", rating="true"
    )
    services.review_submit(annotation=own, user=editor)
    edited = services.annotation_create(
        article=in_review.article, user=reviewer, quote="A White House", claim="An official spoke"
    )
    edited = services.annotation_update(annotation=edited, user=editor, version=1, rating="true")
    services.review_submit(annotation=edited, user=editor)
    in_review = services.annotation_update(
        annotation=in_review, user=other_editor, version=in_review.version, rationale="The FT stands by it."
    )
    client.force_login(editor)

    html = client.get("/work/").content.decode()

    # Neither my own work nor what I last edited waits for my review.
    assert section_ids(html, "Waiting for my review") == [in_review.pk]
    assert "The FT stands by it." in html
    assert '<a href="https://evidence.example/ft" rel="noopener noreferrer nofollow">FT report</a>' in html
    assert "Financial Times <span class=\"stance stance--reported\">reported</span>" in html
    assert f'action="/work/{in_review.pk}/verify/"' in html


def test_the_work_page_runs_a_constant_number_of_queries(client, editor, reviewer, django_assert_num_queries):
    client.force_login(editor)
    article = factories.ArticleFactory()

    def add(count):
        for _ in range(count):
            annotation = factories.AnnotationFactory(article=article, created_by=reviewer, rating="true")
            factories.AttributionFactory(annotation=annotation)
            factories.EvidenceFactory(annotation=annotation)
            services.review_submit(annotation=annotation, user=reviewer)
            factories.AnnotationFactory(article=article, created_by=editor)

    add(1)
    # session, user, permissions, annotations, attributions, evidence, published versions of
    # what waits for review, open alerts, header count (who returned what: one
    # more when something was returned; why a published claim is back in review: one more)
    with django_assert_num_queries(9):
        client.get("/work/")
    add(4)
    with django_assert_num_queries(9):
        html = client.get("/work/").content.decode()
    assert len(section_ids(html, "Waiting for my review")) == 5
    assert len(section_ids(html, "My drafts")) == 5


def test_the_header_count_is_one_query_and_none_for_visitors(
    client, reviewer, editor, in_review, django_assert_num_queries
):
    services.annotation_create(article=in_review.article, user=reviewer, quote="no plans")
    with django_assert_num_queries(1):
        assert selectors.inbox_count(user=reviewer) == 1
    assert selectors.inbox_count(user=editor) == 1
    assert "My work" not in client.get("/").content.decode()
    client.force_login(editor)
    assert '<span class="nav-count">1<span' in client.get("/").content.decode()


def test_submit_selected_sends_the_chosen_drafts_to_review(client, reviewer, draft, returned):
    untouched = services.annotation_create(article=draft.article, user=reviewer, quote="no plans")
    client.force_login(reviewer)

    response = client.post("/work/submit/", {
        "annotation": [f"{draft.pk}:{draft.version}", f"{returned.pk}:{returned.version}"],
    })

    assert (response.status_code, response["Location"]) == (302, "/work/")
    states = dict(Annotation.objects.values_list("pk", "review_state"))
    assert states == {draft.pk: "in_review", returned.pk: "in_review", untouched.pk: "draft"}
    html = client.get("/work/").content.decode()
    assert "2 drafts submitted for review." in html
    assert section_ids(html, "My drafts") == [untouched.pk]


def test_submit_selected_submits_nothing_when_one_draft_is_not_ready(client, reviewer, draft):
    unrated = services.annotation_create(article=draft.article, user=reviewer, quote="no plans", claim="")
    client.force_login(reviewer)

    client.post("/work/submit/", {"annotation": [f"{draft.pk}:{draft.version}", f"{unrated.pk}:1"]})

    assert set(Annotation.objects.values_list("review_state", flat=True)) == {"draft"}
    html = client.get("/work/").content.decode()
    assert "Nothing was submitted; first fix:" in html
    assert f"Annotation {unrated.pk}: Claim: Fill this in before submitting for review." in html
    assert f"Annotation {unrated.pk}: Rating: Fill this in before submitting for review." in html


def test_submit_selected_refuses_a_stale_version(client, reviewer, draft):
    client.force_login(reviewer)

    client.post("/work/submit/", {"annotation": [f"{draft.pk}:{draft.version - 1 or 9}"]})

    draft.refresh_from_db()
    assert draft.review_state == "draft"
    assert "Changed since this page was shown" in client.get("/work/").content.decode()


@pytest.mark.parametrize("value", ["x", "1", "1:2:3", ""])
def test_submit_selected_refuses_malformed_items(client, reviewer, draft, value):
    client.force_login(reviewer)

    assert client.post("/work/submit/", {"annotation": [value]}).status_code == 400
    draft.refresh_from_db()
    assert draft.review_state == "draft"


def test_submit_selected_refuses_someone_elses_draft(client, other_reviewer, draft):
    client.force_login(other_reviewer)

    assert client.post("/work/submit/", {"annotation": [f"{draft.pk}:1"]}).status_code == 400
    draft.refresh_from_db()
    assert draft.review_state == "draft"


def test_an_editor_verifies_from_the_work_page(client, editor, in_review):
    client.force_login(editor)

    response = client.post(f"/work/{in_review.pk}/verify/", {"version": in_review.version})

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.reviewed_by) == ("verified", editor)
    assert (
        f'<p class="message message--success">Annotation {in_review.pk} verified and published: '
        f"“{in_review.claim}”. "
        f'<a href="/claims/{in_review.pk}/">Open the public claim page</a></p>'
    ) in client.get("/work/").content.decode()


def test_a_correction_waiting_for_review_names_what_it_replaces_and_its_reason_goes_public(
    client, editor, other_editor, verified
):
    correction = services.annotation_update(
        annotation=verified, user=other_editor, version=verified.version, rating="false"
    )
    client.force_login(editor)

    html = client.get("/work/").content.decode()

    assert section_ids(html, "Waiting for my review") == [verified.pk]
    assert '<span class="badge badge--correction">Correction</span>' in html
    assert f"<strong>Published now:</strong> “{verified.claim}” rated Unproven." in html
    assert (
        f"<p><strong>Verifying publishes</strong> the claim “{verified.claim}” rated False on the public "
        "claim page, in the exports and the API, replacing the version rated Unproven, with a correction "
        "note.</p>"
    ) in html
    client.post(f"/work/{verified.pk}/verify/", {"version": correction.version, "comment": "Second source."})
    verified.refresh_from_db()
    assert published_note(verified) == (
        f"Corrected on {verified.reviewed_at:%-d %B %Y}: "
        "rating changed from Unproven to False; Second source."
    )


def published_note(annotation) -> str:
    [correction] = corrections_of(annotation.pk)
    return correction["note"]


def test_an_editor_returns_from_the_work_page_saying_why(client, editor, reviewer, in_review):
    client.force_login(editor)

    refused = client.post(f"/work/{in_review.pk}/return/", {"version": in_review.version, "comment": " "})
    assert "Say why the annotation is returned." in client.get(refused["Location"]).content.decode()
    response = client.post(
        f"/work/{in_review.pk}/return/", {"version": in_review.version, "comment": "Name the source."}
    )

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.review_comment) == ("draft", "Name the source.")
    html = client.get("/work/").content.decode()
    assert f"Annotation {in_review.pk} returned to rita with your comment." in html


def test_the_author_cannot_verify_from_the_work_page(client, reviewer, in_review):
    client.force_login(reviewer)

    client.post(f"/work/{in_review.pk}/verify/", {"version": in_review.version})

    in_review.refresh_from_db()
    assert in_review.review_state == "in_review"
    assert "You cannot verify your own annotation" in client.get("/work/").content.decode()


def test_the_work_page_needs_a_fact_checker(client, db):
    assert client.get("/work/").status_code == 302
    client.force_login(factories.UserFactory(username="visitor"))
    assert client.get("/work/").status_code == 403
    assert client.post("/work/submit/").status_code == 403

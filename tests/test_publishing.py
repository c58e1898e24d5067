"""Published fact-checks are snapshots: changes open corrections, verified corrections add notes."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from annotations import services
from annotations.models import Annotation, ReviewState
from annotations.publishing import core
from annotations.publishing import services as publishing
from annotations.publishing.models import Correction, PublicProfile, PublishedClaim
from tests import factories
from tests.api_support import client_for

CLAIM = "Trump pressed Zelenskyy to give up the whole Donbas region"


def public(client, annotation) -> dict:
    response = client.get(f"/api/v1/claims/{annotation.pk}/")
    assert response.status_code == 200
    return response.json()


def jsonl(client) -> list[dict]:
    response = client.get("/api/v1/claims/export/", {"format": "jsonl"})
    return [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]


def reasons(annotation) -> list[str]:
    return [
        h.history_change_reason
        for h in Annotation.history.filter(id=annotation.pk).order_by("history_date", "history_id")
    ]


# Editing the claim itself


def test_editing_a_verified_claim_keeps_the_published_version_online(client, verified, editor):
    before = public(client, verified)

    response = client_for(editor).patch(
        f"/api/v1/annotations/{verified.pk}/", {"rating": "false"}, HTTP_IF_MATCH='"3"',
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["review_state"] == "in_review"
    assert public(client, verified) == before
    assert jsonl(client) == [before]
    assert client.get(f"/claims/{verified.pk}/").status_code == 200
    assert client.get(f"/api/v1/claims/{verified.pk}/claimreview/").status_code == 200
    assert client.get(f"/api/v1/w3c/annotations/{verified.pk}/").status_code == 200


def test_verifying_a_correction_replaces_the_published_version_with_a_dated_note(
    client, verified, editor, other_editor
):
    first = public(client, verified)
    client_for(editor).patch(
        f"/api/v1/annotations/{verified.pk}/", {"rating": "false"}, HTTP_IF_MATCH='"3"',
        format="json",
    )

    response = client_for(other_editor).post(
        f"/api/v1/annotations/{verified.pk}/verify/",
        {"comment": "The FT withdrew the report."}, HTTP_IF_MATCH='"4"', format="json",
    )

    assert response.status_code == 200
    corrected = public(client, verified)
    correction = Correction.objects.get()
    day = correction.corrected_at.date()
    note = (
        f"Corrected on {day.day} {day:%B %Y}: rating changed from Unproven to False; "
        "The FT withdrew the report."
    )
    assert corrected["rating"] == "false"
    assert corrected["published_at"] == first["published_at"]
    assert corrected["date_modified"] == corrected["reviewed_at"] != first["reviewed_at"]
    assert corrected["corrections"] == [{
        "date": corrected["date_modified"], "kind": "correction", "note": note,
        "reason": "The FT withdrew the report.",
        "previous_rating": "unproven", "rating": "false",
    }]
    assert jsonl(client) == [corrected]
    assert json.loads(correction.previous_data) == first
    review = client.get(f"/api/v1/claims/{verified.pk}/claimreview/").json()
    assert review["datePublished"] == first["published_at"][:10]
    assert review["dateModified"] == corrected["date_modified"][:10]
    page = client.get(f"/claims/{verified.pk}/").content.decode()
    assert note in page
    assert "Corrections" in page
    history = client_for(editor).get(f"/api/v1/annotations/{verified.pk}/history/").json()
    [entry] = [entry for entry in history if entry["object"] == "correction"]
    assert {key: entry[key] for key in ("user", "object", "comment", "changes")} == {
        "user": "erin", "object": "correction", "comment": note,
        "changes": [{"field": "rating", "old": "unproven", "new": "false"}],
    }


def test_a_correction_note_is_written_in_english_whatever_the_verifiers_interface_language(
    verified, editor, other_editor
):
    client_for(editor).patch(
        f"/api/v1/annotations/{verified.pk}/", {"rating": "false"}, HTTP_IF_MATCH='"3"', format="json",
    )
    response = client_for(other_editor).post(
        f"/api/v1/annotations/{verified.pk}/verify/", {"comment": "The FT withdrew the report."},
        HTTP_IF_MATCH='"4"', HTTP_ACCEPT_LANGUAGE="es", format="json",
    )

    assert response.status_code == 200
    # The note's sentence is English, stored and published once: so are the rating words in it.
    assert "rating changed from Unproven to False" in Correction.objects.get().note


def test_verifying_again_without_a_visible_change_adds_no_correction(
    client, verified, editor, other_editor, draft
):
    services.annotation_update(annotation=verified, user=editor, version=3, rationale="x")
    services.annotation_update(annotation=verified, user=editor, version=4, rationale="")

    services.review_verify(annotation=verified, user=other_editor)

    assert not Correction.objects.exists()
    assert public(client, verified)["corrections"] == []
    assert public(client, verified)["date_modified"] is None


def test_a_correction_returned_to_its_author_stays_published_and_cannot_be_deleted(
    client, verified, editor, other_editor, reviewer
):
    before = public(client, verified)
    services.annotation_update(annotation=verified, user=editor, version=3, claim="Reworded")
    services.review_return(annotation=verified, user=other_editor, comment="Keep the wording.")

    refused = client_for(reviewer).delete(f"/api/v1/annotations/{verified.pk}/", HTTP_IF_MATCH='"5"')

    assert refused.status_code == 409
    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.DRAFT
    assert public(client, verified) == before


# Changing what the claim shows from elsewhere: sources and articles


def test_renaming_a_cited_source_through_the_api_opens_a_correction(
    client, verified, editor, other_editor, trump
):
    before = public(client, verified)

    response = client_for(editor).patch(
        f"/api/v1/sources/{trump.pk}/", {"name": "Vladimir Putin"}, format="json"
    )

    assert response.status_code == 200
    annotation = Annotation.objects.get(pk=verified.pk)
    assert (annotation.review_state, annotation.edited_by, annotation.version) == (
        ReviewState.IN_REVIEW, editor, 4,
    )
    assert reasons(verified)[-1] == (
        f"cited source #{trump.pk} changed: name from 'Donald Trump' to 'Vladimir Putin'; "
        "back in review"
    )
    history = client_for(editor).get(f"/api/v1/annotations/{verified.pk}/history/").json()
    assert (history[-1]["user"], history[-1]["comment"]) == ("eddie", reasons(verified)[-1])
    assert public(client, verified) == before
    assert "Vladimir Putin" not in client.get(f"/claims/{verified.pk}/").content.decode()
    # Four eyes: whoever renamed the source may not verify the correction.
    with pytest.raises(PermissionDenied):
        services.review_verify(annotation=annotation, user=editor)
    services.review_verify(annotation=annotation, user=other_editor)
    after = public(client, verified)
    assert [a["source"]["name"] for a in after["attributions"]] == [
        "Financial Times", "Vladimir Putin",
    ]
    assert "attributions changed from Financial Times (reported); Donald Trump (denied) to " \
        "Financial Times (reported); Vladimir Putin (denied)" in after["corrections"][0]["note"]


def test_a_source_change_that_shows_nowhere_opens_no_correction(client, verified, editor, trump):
    client_for(editor).patch(
        f"/api/v1/sources/{trump.pk}/", {"description": "45th and 47th president"}, format="json"
    )

    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.VERIFIED


def test_merging_a_cited_source_opens_a_correction_and_keeps_the_published_name(
    client, verified, admin_user, trump
):
    before = public(client, verified)
    president = factories.SourceFactory(name="President Trump")
    trump_id = trump.pk

    services.source_merge(duplicate=trump, into=president, user=admin_user)

    annotation = Annotation.objects.get(pk=verified.pk)
    assert annotation.review_state == ReviewState.IN_REVIEW
    assert reasons(verified)[-1].startswith(
        f"cited source merged source 'Donald Trump' (#{trump_id}) into 'President Trump'"
    )
    assert public(client, verified) == before


def test_merging_sources_in_admin_opens_corrections(client, verified, admin_user, trump):
    president = factories.SourceFactory(name="President Trump")
    client.force_login(admin_user)

    client.post(reverse("admin:annotations_source_changelist"), {
        "action": "merge", "_selected_action": [trump.pk, president.pk], "apply": "1",
        "into": president.pk,
    })

    assert not type(trump).objects.filter(pk=trump.pk).exists()
    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.IN_REVIEW


def test_changing_the_article_title_opens_corrections_of_its_claims(client, verified, editor):
    before = public(client, verified)

    response = client_for(editor).patch(
        f"/api/v1/articles/{verified.article_id}/", {"title": "Putin denied"}, format="json"
    )

    assert response.status_code == 200
    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.IN_REVIEW
    assert reasons(verified)[-1] == (
        f"article title changed (article #{verified.article_id}); back in review"
    )
    assert public(client, verified) == before
    assert "Putin denied" not in client.get(f"/claims/{verified.pk}/").content.decode()


def test_changing_the_text_around_a_quote_opens_a_correction_of_that_claim_only(
    client, verified, editor, reviewer
):
    other = factories.verified_claim(article=verified.article, start=127, length=20)
    body = verified.article.body.replace("no plans for a meeting", "plans for a meeting soon")

    client_for(editor).patch(f"/api/v1/articles/{verified.article_id}/", {"body": body}, format="json")

    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.VERIFIED
    assert Annotation.objects.get(pk=other.pk).review_state == ReviewState.IN_REVIEW
    assert reasons(other)[-1] == (
        "article text around the quote changed in revision 2; back in review"
    )
    assert "soon" not in public(client, other)["context"]["text"]


def test_changing_an_article_in_admin_opens_corrections(client, verified, admin_user):
    from tests.admin_support import form_data

    client.force_login(admin_user)
    url = reverse("admin:annotations_article_change", args=[verified.article_id])

    client.post(url, {**form_data(client.get(url)), "title": "Putin denied"})

    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.IN_REVIEW


def test_open_corrections_ignores_drafts_and_first_reviews(draft, editor, other_reviewer, article):
    first_review = services.annotation_create(
        article=article, user=other_reviewer, quote="White House official", claim="c", rating="true",
    )
    services.review_submit(annotation=first_review, user=other_reviewer)

    written = publishing.open_corrections([draft, first_review], reason="test", user=editor)

    assert written == []
    assert Annotation.objects.get(pk=draft.pk).version == 1


# Who the public sees


def test_a_public_display_name_is_set_on_the_user_page_in_admin(client, admin_user, editor):
    from tests.admin_support import form_data

    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    data = form_data(client.get(url))

    response = client.post(url, {
        **data, "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
        "public_profile-TOTAL_FORMS": "1", "public_profile-0-display_name": "Edith Editor",
    })

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert PublicProfile.objects.get(user=editor).display_name == "Edith Editor"


def test_public_output_never_names_staff_logins(client, verified):
    for url in (
        "/api/v1/claims/", f"/api/v1/claims/{verified.pk}/", f"/claims/{verified.pk}/",
        "/api/v1/w3c/annotations/", f"/api/v1/claims/{verified.pk}/claimreview/",
        f"/articles/{verified.article_id}/", "/api/v1/annotations/",
    ):
        text = client.get(url).content.decode()
        assert "rita" not in text and "eddie" not in text, url
    for export_format in ("jsonl", "csv", "claimreview"):
        response = client.get("/api/v1/claims/export/", {"format": export_format})
        text = b"".join(response.streaming_content).decode()
        assert "rita" not in text and "eddie" not in text, export_format


def test_a_chosen_public_display_name_is_shown_with_the_organization(client, draft, reviewer, editor):
    PublicProfile.objects.create(user=editor, display_name="Edith Editor")
    services.review_submit(annotation=draft, user=reviewer)
    services.review_verify(annotation=draft, user=editor)

    claim = public(client, draft)

    assert (claim["organization"], claim["reviewed_by"], claim["created_by"]) == (
        "Factcheck", "Edith Editor", None,
    )
    assert "Verified by Factcheck (Edith Editor)" in client.get(f"/claims/{draft.pk}/").content.decode()


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/annotations/"])
def test_anonymous_users_cannot_filter_by_author(client, verified, reviewer, path):
    for value in ("rita", str(reviewer.pk)):
        response = client.get(path, {"created_by": value})
        assert response.status_code == 400
        assert response.json() == {"created_by": ["Filtering by author needs a staff login."]}

    staff = client_for(reviewer).get(path, {"created_by": str(reviewer.pk)})
    assert [c["id"] for c in staff.json()["results"]] == [verified.pk]


# The context a public page shows


def test_context_is_the_quotes_paragraph():
    body = "First paragraph.\n\nTrump said it. Then he left.\n\nLast one."
    start = body.index("said it")

    assert core.context_of(body, start, start + 7) == {
        "start": body.index("Trump"), "text": "Trump said it. Then he left.",
    }


def test_context_of_a_text_pasted_with_single_line_breaks_is_one_line():
    body = "Line one.\nTrump said it.\nLine three."
    start = body.index("said")

    assert core.context_of(body, start, start + 4)["text"] == "Trump said it."


def test_context_of_a_long_paragraph_is_a_few_sentences_around_the_quote():
    sentences = [f"Sentence number {n} says something about the summit." for n in range(40)]
    body = " ".join(sentences)
    start = body.index("Sentence number 20")
    end = start + len(sentences[20])

    context = core.context_of(body, start, end)

    assert context["text"] == " ".join(sentences[18:23])
    assert body[context["start"] : context["start"] + len(context["text"])] == context["text"]
    assert len(context["text"]) <= core.MAX_CONTEXT


def test_context_of_a_long_block_without_sentences_is_capped():
    body = "word " * 1000
    context = core.context_of(body, 2500, 2504)

    assert len(context["text"]) <= core.MAX_CONTEXT + 4
    assert context["text"].startswith("word") and "word" in context["text"][-5:]


def test_the_claim_page_shows_only_the_claims_paragraph(client, db):
    article = factories.ArticleFactory(
        body="Opening line about something else.\nTrump refuted the FT story.\nClosing line."
    )
    claim = factories.verified_claim(article=article, start=article.body.index("refuted"), length=7)

    html = client.get(f"/claims/{claim.pk}/").content.decode()

    assert "Trump <mark>refuted</mark> the FT story." in html
    assert "Opening line" not in html and "Closing line" not in html


def test_correction_note_wording():
    from datetime import date

    what = ["rating changed from Unproven to False"]
    assert core.correction_note(date(2026, 11, 30), what, "New data.") == (
        "Corrected on 30 November 2026: rating changed from Unproven to False; New data."
    )


def test_publish_all_publishes_verified_claims_that_have_none(db):
    claim = factories.verified_claim()
    PublishedClaim.objects.all().delete()

    assert publishing.publish_all() == 1
    assert PublishedClaim.objects.get().pk == claim.pk


def test_the_upgrade_publishes_claims_verified_before_snapshots_existed(client, verified):
    import importlib

    from django.apps import apps

    migration = next(
        importlib.import_module(f"annotations.migrations.{path.stem}")
        for path in sorted((Path(__file__).resolve().parents[1] / "annotations" / "migrations").glob("0*.py"))
        if "def publish_verified" in path.read_text()
    )
    expected = public(client, verified)
    PublishedClaim.objects.all().delete()

    migration.publish_verified(apps, None)
    languages = importlib.import_module("annotations.migrations.0023_article_and_claim_languages")
    languages.publish_languages(apps, None)

    assert public(client, verified) == expected


# Reasons in history are kept whole, whatever the length of the names they quote


LONG_NAME = ("Office of the Spokesperson of the Ministry of Foreign Affairs of the Russian "
             "Federation, Department of Information and Press, Moscow bureau for foreign media "
             "accreditation and briefings on the situation in Ukraine")[:200].ljust(200, "x")


def assert_reason_kept_whole(annotation, *names: str) -> None:
    """The last reason names every given name in full and fits its column (SQLite keeps any length)."""
    reason = reasons(annotation)[-1]
    assert all(name in reason for name in names)
    max_length = Annotation.history.model._meta.get_field("history_change_reason").max_length
    assert max_length is None or len(reason) <= max_length


def test_renaming_a_cited_source_to_a_long_name_through_the_api_keeps_the_whole_reason(
    client, verified, editor, trump
):
    assert len(LONG_NAME) == 200

    response = client_for(editor).patch(
        f"/api/v1/sources/{trump.pk}/", {"name": LONG_NAME}, format="json"
    )

    assert response.status_code == 200
    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.IN_REVIEW
    assert_reason_kept_whole(verified, "Donald Trump", LONG_NAME)
    history = client_for(editor).get(f"/api/v1/annotations/{verified.pk}/history/").json()
    assert history[-1]["comment"] == reasons(verified)[-1]


def test_renaming_a_cited_source_to_a_long_name_in_admin_keeps_the_whole_reason(
    client, verified, admin_user, trump
):
    from tests.admin_support import form_data

    client.force_login(admin_user)
    url = reverse("admin:annotations_source_change", args=[trump.pk])
    data = {**form_data(client.get(url)), "name": LONG_NAME}

    response = client.post(url, data)

    assert response.status_code == 302
    assert Annotation.objects.get(pk=verified.pk).review_state == ReviewState.IN_REVIEW
    assert_reason_kept_whole(verified, LONG_NAME)


def test_merging_sources_with_long_names_in_admin_keeps_the_whole_reason(
    client, verified, admin_user, trump
):
    services.source_update(source=trump, user=admin_user, name="D. Trump " + LONG_NAME[:191])
    duplicate_name = trump.name
    into = factories.SourceFactory(name=LONG_NAME)
    client.force_login(admin_user)

    response = client.post(reverse("admin:annotations_source_changelist"), {
        "action": "merge", "_selected_action": [trump.pk, into.pk], "apply": "1", "into": into.pk,
    })

    assert response.status_code == 302
    assert not type(trump).objects.filter(pk=trump.pk).exists()
    assert_reason_kept_whole(verified, duplicate_name, LONG_NAME)
    merged = type(trump).history.filter(id=trump.pk).order_by("history_date").last()
    assert duplicate_name in merged.history_change_reason

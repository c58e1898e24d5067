"""The audit trail: every transition and edit kept with user, time and comment; never editable."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from annotations import services
from annotations.models import Annotation, Article, Attribution, Evidence, ReviewState, Source
from tests.admin_support import QUEUE, change_url, form_data, review_action


def trail(annotation) -> list[tuple]:
    """Return the annotation's history, oldest first, as (user, comment, state, version)."""
    return [
        (record.history_user.username, record.history_change_reason, record.review_state,
         record.version)
        for record in annotation.history.order_by("history_date", "history_id")
    ]


def test_every_transition_and_edit_is_recorded_with_user_and_comment(
    reviewer, editor, other_editor, draft,
):
    started = timezone.now()
    services.review_submit(annotation=draft, user=reviewer)
    services.review_return(annotation=draft, user=editor, comment="Link the FT report.")
    services.annotation_update(annotation=draft, user=reviewer, version=3, rationale="FT link added.")
    services.review_submit(annotation=draft, user=reviewer)
    services.review_verify(annotation=draft, user=editor, comment="Sources check out.")
    services.annotation_update(annotation=draft, user=other_editor, version=6, rating="false")

    assert trail(draft) == [
        ("rita", "created", ReviewState.DRAFT, 1),
        ("rita", "submitted", ReviewState.IN_REVIEW, 2),
        ("eddie", "returned: Link the FT report.", ReviewState.DRAFT, 3),
        ("rita", "edited", ReviewState.DRAFT, 4),
        ("rita", "submitted", ReviewState.IN_REVIEW, 5),
        ("eddie", "verified: Sources check out.", ReviewState.VERIFIED, 6),
        ("erin", "edited; back in review", ReviewState.IN_REVIEW, 7),
    ]
    dates = [r.history_date for r in draft.history.order_by("history_date", "history_id")]
    assert dates == sorted(dates)
    assert started - dt.timedelta(seconds=1) <= dates[0] and dates[-1] <= timezone.now()


def test_admin_edits_and_decisions_are_recorded_like_service_writes(
    client, reviewer, editor, other_editor, draft,
):
    client.force_login(reviewer)
    data = form_data(client.get(change_url(draft)))
    client.post(change_url(draft), {**data, "rationale": "Two sources deny it."})
    review_action(client, "submit_for_review", [draft])
    client.force_login(editor)
    review_action(client, "return_for_changes", [draft], comment="Quote Trump directly.")
    client.force_login(reviewer)
    review_action(client, "submit_for_review", [draft])
    client.force_login(other_editor)
    client.post(reverse(QUEUE), {
        "annotation": draft.pk, "version": 5, "decision": "verify", "comment": "Agreed.",
    })

    assert trail(draft) == [
        ("rita", "created", ReviewState.DRAFT, 1),
        ("rita", "edited", ReviewState.DRAFT, 2),
        ("rita", "submitted", ReviewState.IN_REVIEW, 3),
        ("eddie", "returned: Quote Trump directly.", ReviewState.DRAFT, 4),
        ("rita", "submitted", ReviewState.IN_REVIEW, 5),
        ("erin", "verified: Agreed.", ReviewState.VERIFIED, 6),
    ]


def test_attribution_and_evidence_changes_are_recorded_with_their_user(editor, draft, ft_source):
    evidence = draft.evidence.get()
    services.annotation_update(
        annotation=draft, user=editor, version=1,
        attributions=[{"source": ft_source, "stance": "reported"}],
        evidence=[{"id": evidence.pk, "url": evidence.url, "title": "FT report, archived",
                   "relation": "context"}],
    )

    attribution_trail = [
        (r.source.name, r.stance, r.history_type, r.history_user.username)
        for r in Attribution.history.filter(annotation_id=draft.pk).order_by("history_id")
    ]
    assert attribution_trail == [
        ("Financial Times", "reported", "+", "rita"),
        ("Donald Trump", "denied", "+", "rita"),
        ("Financial Times", "reported", "+", "eddie"),
        ("Financial Times", "reported", "-", "eddie"),
        ("Donald Trump", "denied", "-", "eddie"),
    ]
    assert [
        (r.title, r.history_type, r.history_user.username, r.added_by.username)
        for r in Evidence.history.filter(annotation_id=draft.pk).order_by("history_id")
    ] == [
        ("FT report", "+", "rita", "rita"),
        ("FT report, archived", "~", "eddie", "rita"),
    ]


def test_history_page_shows_review_comments_and_child_changes(client, editor, other_editor, in_review):
    services.review_return(annotation=in_review, user=other_editor, comment="Which FT story?")
    client.force_login(editor)

    response = client.get(reverse("admin:annotations_annotation_history", args=[in_review.pk]))

    page = response.content.decode()
    assert response.context["title"] == f"View history: {in_review}"
    assert "returned: Which FT story?" in page
    assert [(label, record.history_type) for label, record in response.context["child_history"]] == [
        ("evidence", "+"), ("attribution", "+"), ("attribution", "+"),
    ]
    assert "Choose a date from the list below to revert" not in page


@pytest.mark.parametrize("user_fixture", ["editor", "admin_user"])
def test_history_cannot_be_reverted_through_admin(request, client, user_fixture, draft, editor):
    services.annotation_update(annotation=draft, user=editor, version=1, claim="Changed")
    first = draft.history.order_by("history_id").first()
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("admin:annotations_annotation_simple_history", args=[draft.pk, first.history_id])
    before = list(Annotation.history.values_list("history_id", flat=True))

    page = client.get(url)
    revert = client.post(url, {**form_data(page), "expected_version": "2"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert revert.status_code == 403
    draft.refresh_from_db()
    assert (draft.claim, draft.version) == ("Changed", 2)
    assert list(Annotation.history.values_list("history_id", flat=True)) == before


def test_no_admin_exposes_historical_records_for_editing():
    registered = admin.site._registry
    assert not [model for model in registered if issubclass(model, HistoricalChanges)]
    for model in (Annotation, Article, Source):
        model_admin = registered[model]
        assert isinstance(model_admin, SimpleHistoryAdmin)
        assert model_admin.revert_disabled(None) is True
        assert model_admin.has_change_history_permission(None) is False
    for name in ("historicalannotation", "historicalattribution", "historicalsource"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:annotations_{name}_changelist")


def test_roles_may_read_history_but_never_write_it(db):
    for group in Group.objects.filter(name__in=["Reviewer", "Editor"]):
        codenames = set(group.permissions.values_list("codename", flat=True))
        historical = {code for code in codenames if "historical" in code}
        assert historical and all(code.startswith("view_") for code in historical), group.name


def test_history_views_of_articles_and_sources_are_read_only(client, editor, article):
    client.force_login(editor)
    for model_name, pk in (("article", article.pk), ("source", article.publisher_id)):
        response = client.get(reverse(f"admin:annotations_{model_name}_history", args=[pk]))
        assert response.status_code == 200
        assert response.context["revert_disabled"] is True

"""Django admin as the back office: lists, filters, edits through the services, actions, queue."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.contrib import admin as django_admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from annotations import services
from annotations.apikeys import core as apikeys
from annotations.apikeys.models import ApiKey
from annotations.apikeys.services import api_key_issue
from annotations.models import Annotation, Article, Attribution, Evidence, ReviewState, Source
from tests import factories
from tests.admin_support import (
    CHANGELIST,
    QUEUE,
    action,
    change_url,
    changelist_ids,
    changelist_rows,
    empty_inlines,
    form_data,
    messages_of,
    review_action,
)

User = get_user_model()


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def in_review_by(user, *, article=None, claim="A claim in review", **kwargs) -> Annotation:
    return factories.AnnotationFactory(
        created_by=user, review_state=ReviewState.IN_REVIEW, claim=claim,
        **({"article": article} if article else {}), **kwargs,
    )


# The annotation list


def test_changelist_shows_each_annotation_in_short(as_user, editor, draft):
    response = as_user(editor).get(reverse(CHANGELIST))

    assert changelist_rows(response) == [[
        str(draft.pk),
        "refuted a story by the Financial Times that he had pressed Zelenskyy …",
        draft.article.title,
        "Trump pressed Zelenskyy to give up the whole Donbas region",
        "Unproven",
        "Draft",
        "Financial Times reported · Donald Trump denied",
        "rita",
        "-",
        timezone.localtime(draft.updated_at).strftime("%Y-%m-%d %H:%M"),
    ]]


def _annotations(count: int, article, author, source) -> None:
    for index in range(count):
        annotation = factories.AnnotationFactory(
            article=article, created_by=author, start=index % 50, claim=f"Claim {index}",
        )
        factories.AttributionFactory(annotation=annotation, source=source, stance="reported")
        factories.AttributionFactory(annotation=annotation, stance="denied")


@pytest.mark.parametrize("count", [3, 30])
def test_changelist_runs_the_same_queries_for_3_or_30_annotations(
    count, as_user, editor, reviewer, article, ft_source, django_assert_num_queries,
):
    _annotations(count, article, reviewer, ft_source)
    client = as_user(editor)
    url = reverse(CHANGELIST)

    with django_assert_num_queries(10):
        response = client.get(url)

    assert len(response.context["cl"].result_list) == count


def test_changelist_query_count_does_not_grow_with_filters_applied(
    as_user, editor, reviewer, article, ft_source,
):
    client = as_user(editor)
    url = reverse(CHANGELIST) + "?stance=reported&source_kind=news_outlet&q=Claim"
    counts = []
    for count in (3, 27):
        _annotations(count, article, reviewer, ft_source)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
    assert len(response.context["cl"].result_list) == 30
    assert counts[0] == counts[1]


@pytest.fixture
def catalogue(db, article, reviewer, other_reviewer, editor, ft_source, trump):
    """Four annotations that differ in every filterable way."""
    wire = factories.SourceFactory(name="White House official", kind=Source.Kind.ANONYMOUS)
    second = factories.ArticleFactory(title="Kremlin says no dates were set")
    a = factories.AnnotationFactory(
        article=article, created_by=reviewer, rating="unproven", claim="FT Donbas report",
        rationale="The FT's sources were not named.",
    )
    factories.AttributionFactory(annotation=a, source=ft_source, stance="reported")
    factories.AttributionFactory(annotation=a, source=trump, stance="denied")
    b = factories.AnnotationFactory(
        article=second, created_by=other_reviewer, rating="true", claim="No summit planned",
        review_state=ReviewState.VERIFIED, reviewed_by=editor, reviewed_at=timezone.now(),
    )
    factories.AttributionFactory(annotation=b, source=wire, stance="asserted")
    c = in_review_by(reviewer, article=second, rating="false", claim="Meeting within weeks")
    factories.AttributionFactory(annotation=c, source=trump, stance="asserted")
    d = factories.AnnotationFactory(article=article, created_by=editor, claim="Unrated draft", rating="")
    Annotation.objects.filter(pk=d.pk).update(updated_at=timezone.now() - dt.timedelta(days=40))
    return {"a": a, "b": b, "c": c, "d": d}


@pytest.mark.parametrize(("query", "expected"), [
    ("review_state__exact=in_review", {"c"}),
    ("rating__exact=unproven", {"a"}),
    ("stance=denied", {"a"}),
    ("stance=asserted", {"b", "c"}),
    ("source_kind=anonymous", {"b"}),
    ("source_kind=person", {"a", "c"}),
    ("created_by__id__exact={reviewer}", {"a", "c"}),
    ("reviewed_by__id__exact={editor}", {"b"}),
    ("updated_at__gte={month_ago}", {"a", "b", "c"}),
    ("q=refuted+a+stor", {"a", "b", "c", "d"}),
    ("q=Donbas", {"a"}),
    ("q=summit", {"b"}),
    ("q=were+not+named", {"a"}),
    ("q=Kremlin+says", {"b", "c"}),
    ("q=White+House+official", {"b"}),
    ("q=Donald+Trump", {"a", "c"}),
])
def test_changelist_filters_and_search(query, expected, as_user, editor, reviewer, catalogue):
    month_ago = quote((timezone.now() - dt.timedelta(days=30)).isoformat())
    url = reverse(CHANGELIST) + "?" + query.format(
        reviewer=reviewer.pk, editor=editor.pk, month_ago=month_ago
    )

    response = as_user(editor).get(url)

    assert sorted(changelist_ids(response)) == sorted(catalogue[key].pk for key in expected)


def test_changelist_offers_the_filters_the_newsroom_needs(as_user, editor, catalogue):
    response = as_user(editor).get(reverse(CHANGELIST))

    titles = [spec.title for spec in response.context["cl"].filter_specs]  # sidebar order
    assert titles == [
        "review state", "rating", "stance", "source kind", "author", "reviewer", "updated",
    ]


# The change page


def test_change_page_shows_span_read_only_with_a_link_to_the_annotation_view(
    as_user, editor, draft,
):
    response = as_user(editor).get(change_url(draft))

    form = response.context["adminform"].form
    assert sorted(form.fields) == ["claim", "expected_version", "rating", "rationale"]
    assert form["expected_version"].value() == draft.version
    page = response.content.decode()
    assert f'href="/articles/{draft.article_id}/#annotation-{draft.pk}"' in page
    assert '<mark>refuted a story by the Financial Times' in page
    assert 'name="start"' not in page and 'name="quote"' not in page
    assert [inline.formset.prefix for inline in response.context["inline_admin_formsets"]] == [
        "attributions", "evidence",
    ]


def test_change_page_lists_recent_history_with_comments(as_user, editor, other_editor, in_review):
    services.review_return(annotation=in_review, user=other_editor, comment="Cite the FT piece.")

    page = as_user(editor).get(change_url(in_review)).content.decode()

    assert "returned: Cite the FT piece." in page
    assert "submitted" in page and "created" in page


def test_editing_in_admin_goes_through_the_service(as_user, editor, draft):
    client = as_user(editor)
    data = form_data(client.get(change_url(draft)))

    response = client.post(change_url(draft), {**data, "claim": "Trump urged Zelenskyy to cede Donbas"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.claim, draft.version, draft.review_state) == (
        "Trump urged Zelenskyy to cede Donbas", 2, ReviewState.DRAFT,
    )
    record = draft.history.first()
    assert (record.history_user, record.history_change_reason, record.version) == (
        editor, "edited", 2,
    )


def test_saving_an_unchanged_form_writes_nothing(as_user, editor, verified):
    client = as_user(editor)
    data = form_data(client.get(change_url(verified)))
    before = verified.history.count()

    client.post(change_url(verified), data)

    verified.refresh_from_db()
    assert (verified.version, verified.review_state, verified.history.count()) == (
        3, ReviewState.VERIFIED, before,
    )


def test_editing_a_verified_annotation_in_admin_sends_it_back_to_review(
    as_user, other_editor, verified,
):
    client = as_user(other_editor)
    data = form_data(client.get(change_url(verified)))

    response = client.post(change_url(verified), {**data, "rating": "false"}, follow=True)

    verified.refresh_from_db()
    assert (verified.rating, verified.review_state, verified.reviewed_by) == (
        "false", ReviewState.IN_REVIEW, None,
    )
    assert ("warning", "It was verified; the edit sent it back to review.") in messages_of(response)
    assert verified.history.first().history_change_reason == (
        "edited; back in review"
    )


def test_stale_edit_in_admin_is_refused_with_a_form_error(as_user, editor, other_editor, draft):
    client = as_user(editor)
    data = form_data(client.get(change_url(draft)))
    services.annotation_update(annotation=draft, user=other_editor, version=1, claim="Theirs")

    response = client.post(change_url(draft), {**data, "claim": "Mine"})

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("This annotation was changed by erin at ")
    assert "(you edited version 1, it is now at version 2). Nothing was saved" in errors[0]
    draft.refresh_from_db()
    assert (draft.claim, draft.version) == ("Theirs", 2)


def test_write_that_turns_stale_after_validation_is_refused_and_rolled_back(
    as_user, editor, other_editor, draft, monkeypatch,
):
    """Another write lands between the form check and the save: the service's lock catches it."""
    client = as_user(editor)
    data = form_data(client.get(change_url(draft)))
    real_update = services.annotation_update

    def update_after_a_rival(**kwargs):
        real_update(annotation=draft, user=other_editor, version=1, claim="Theirs")
        return real_update(**kwargs)

    monkeypatch.setattr(services, "annotation_update", update_after_a_rival)

    response = client.post(change_url(draft), {**data, "claim": "Mine"})

    assert response.status_code == 200
    assert "it is now at version 2" in response.context["adminform"].form.non_field_errors()[0]
    assert response.context["adminform"].form["claim"].value() == "Mine"
    # The rival wrote inside this request's transaction, so it rolled back with the refusal;
    # what matters is that the refused edit left nothing behind.
    draft.refresh_from_db()
    assert (draft.claim, draft.version) == (
        "Trump pressed Zelenskyy to give up the whole Donbas region", 1,
    )
    assert draft.history.count() == 1


def test_inline_changes_are_saved_by_the_service_and_unchanged_rows_are_left_alone(
    as_user, editor, draft, ft_source,
):
    client = as_user(editor)
    data = form_data(client.get(change_url(draft)))
    kremlin = factories.SourceFactory(name="Dmitry Peskov", kind=Source.Kind.GOVERNMENT)
    evidence = draft.evidence.get()
    trump_row = draft.attributions.get(stance="denied")
    data.update({
        "attributions-1-DELETE": "on",
        "attributions-TOTAL_FORMS": "3",
        "attributions-2-source": str(kremlin.pk), "attributions-2-stance": "no_response",
        "attributions-2-url": "", "attributions-2-date": "2025-10-22", "attributions-2-note": "",
        "attributions-2-id": "", "attributions-2-annotation": str(draft.pk),
    })

    response = client.post(change_url(draft), data)

    assert response.status_code == 302
    rows = [(a.source.name, a.stance, a.date) for a in draft.attributions.order_by("id")]
    assert rows == [
        ("Financial Times", "reported", None),
        ("Dmitry Peskov", "no_response", dt.date(2025, 10, 22)),
    ]
    assert not Attribution.objects.filter(pk=trump_row.pk).exists()
    assert evidence.history.count() == 1  # untouched evidence was not re-saved
    assert Attribution.history.filter(history_type="-", id=trump_row.pk).get().history_user == editor
    draft.refresh_from_db()
    assert draft.version == 2


def test_adding_an_annotation_in_admin_anchors_the_quote_through_the_service(
    as_user, reviewer, article, ft_source,
):
    client = as_user(reviewer)
    quote = "A White House official said there were no plans for a meeting."

    response = client.post(reverse("admin:annotations_annotation_add"), {
        "article": article.pk, "start": "", "end": "", "quote": quote,
        "claim": "No meeting is planned", "rating": "true", "rationale": "",
        **empty_inlines(),
        "attributions-TOTAL_FORMS": "1", "attributions-0-source": str(ft_source.pk),
        "attributions-0-stance": "reported", "attributions-0-url": "",
        "attributions-0-date": "", "attributions-0-note": "",
    })

    created = Annotation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:annotations_annotation_changelist")
    start = article.body.index(quote)
    assert (created.start, created.end, created.quote, created.created_by, created.version) == (
        start, start + len(quote), quote, reviewer, 1,
    )
    assert [(a.source, a.stance) for a in created.attributions.all()] == [(ft_source, "reported")]
    assert created.history.get().history_change_reason == "created"


def test_adding_a_quote_that_is_not_in_the_body_shows_the_services_error(
    as_user, reviewer, article,
):
    client = as_user(reviewer)

    response = client.post(reverse("admin:annotations_annotation_add"), {
        "article": article.pk, "start": "", "end": "", "quote": "Putin agreed to everything",
        "claim": "", "rating": "", "rationale": "", **empty_inlines(),
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "quote": ["quote 'Putin agreed to everything' is not in the article body."],
    }
    assert not Annotation.objects.exists()


def test_a_reviewer_sees_an_editors_annotation_read_only(as_user, reviewer, editor, article):
    theirs = factories.AnnotationFactory(article=article, created_by=editor)

    response = as_user(reviewer).get(change_url(theirs))

    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["title"] == "View annotation"
    assert 'name="claim"' not in page and 'name="expected_version"' not in page
    assert 'name="_save"' not in page


def test_bulk_delete_is_not_offered(as_user, admin_user, draft):
    response = as_user(admin_user).get(reverse(CHANGELIST))

    choices = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert choices == ["", "submit_for_review", "verify", "return_for_changes"]


def test_deleting_a_draft_in_admin_goes_through_the_service(as_user, reviewer, draft):
    client = as_user(reviewer)

    response = client.post(reverse("admin:annotations_annotation_delete", args=[draft.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Annotation.objects.filter(pk=draft.pk).exists()
    assert Annotation.history.filter(id=draft.pk, history_type="-").get().history_change_reason == (
        "deleted"
    )


# Review actions


def test_submit_action_reports_each_row(as_user, reviewer, draft, article):
    unrated = factories.AnnotationFactory(article=article, created_by=reviewer, rating="")

    response = review_action(as_user(reviewer), "submit_for_review", [draft, unrated])

    assert messages_of(response) == [
        ("error", f"#{unrated.pk} “Trump pressed Zelenskyy to give up the whole Donbas region” "
                  "was not submitted: rating: Fill this in before submitting for review."),
        ("success", f"Submitted for review: #{draft.pk} “Trump pressed Zelenskyy to give up the "
                    "whole Donbas region”."),
    ]
    draft.refresh_from_db()
    unrated.refresh_from_db()
    assert (draft.review_state, unrated.review_state) == (ReviewState.IN_REVIEW, ReviewState.DRAFT)


def test_verify_action_refuses_the_editors_own_work(as_user, editor, in_review, article):
    own = in_review_by(editor, article=article, claim="My own claim")

    response = review_action(as_user(editor), "verify", [in_review, own])

    assert messages_of(response) == [
        ("error", f"#{own.pk} “My own claim” was not verified: You cannot verify your own "
                  "annotation; another editor must."),
        ("success", f"Verified: #{in_review.pk} “Trump pressed Zelenskyy to give up the whole "
                    "Donbas region”."),
    ]
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.reviewed_by) == (ReviewState.VERIFIED, editor)
    assert LogEntry.objects.get(object_id=str(in_review.pk)).change_message == "Verified"


@pytest.mark.parametrize("name", ["submit_for_review", "verify", "return_for_changes"])
def test_review_actions_show_the_versions_first_and_apply_to_those(
    as_user, editor, request, name
):
    target = request.getfixturevalue("draft" if name == "submit_for_review" else "in_review")
    client = as_user(editor)

    page = client.post(reverse(CHANGELIST), {"action": name, "_selected_action": [target.pk]})

    html = page.content.decode()
    assert f'name="version-{target.pk}" value="{target.version}"' in html
    assert f"version {target.version}" in html
    assert Annotation.objects.get(pk=target.pk).version == target.version  # nothing done yet


@pytest.mark.parametrize("name", ["submit_for_review", "verify", "return_for_changes"])
def test_review_actions_refuse_a_version_the_editor_did_not_see(
    as_user, editor, request, name
):
    target = request.getfixturevalue("draft" if name == "submit_for_review" else "in_review")
    state = Annotation.objects.get(pk=target.pk).review_state

    stale = review_action(
        as_user(editor), name, [target], versions={target.pk: target.version - 1}, comment="why",
    )
    missing = action(as_user(editor), name, [target], apply="1", comment="why")

    for response in (stale, missing):
        [(level, text)] = messages_of(response)
        assert level == "error" and "changed meanwhile" in text
    assert Annotation.objects.get(pk=target.pk).review_state == state


def test_verify_action_is_not_offered_to_reviewers(as_user, reviewer, other_reviewer, article):
    theirs = in_review_by(other_reviewer, article=article)

    response = review_action(as_user(reviewer), "verify", [theirs])

    assert messages_of(response) == [("warning", "No action selected.")]
    theirs.refresh_from_db()
    assert theirs.review_state == ReviewState.IN_REVIEW


def test_return_action_asks_for_a_comment_first(as_user, editor, in_review):
    client = as_user(editor)

    page = client.post(reverse(CHANGELIST), {
        "action": "return_for_changes", "_selected_action": [in_review.pk],
    })
    empty = client.post(reverse(CHANGELIST), {
        "action": "return_for_changes", "_selected_action": [in_review.pk], "apply": "1",
        "comment": "  ",
    })

    assert page.status_code == empty.status_code == 200
    assert page.templates[0].name == (
        "admin/annotations/annotation/confirm_review_action.html"
    )
    assert list(page.context["annotations"]) == [in_review]
    assert empty.context["form"].errors == {"comment": ["This field is required."]}
    in_review.refresh_from_db()
    assert in_review.review_state == ReviewState.IN_REVIEW


def test_return_action_sends_annotations_back_with_the_comment(as_user, editor, in_review):
    response = review_action(
        as_user(editor), "return_for_changes", [in_review], comment="Name the FT's sources.",
    )

    assert messages_of(response) == [
        ("success", f"Returned to the author: #{in_review.pk} “Trump pressed Zelenskyy to give up "
                    "the whole Donbas region”."),
    ]
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.review_comment) == (
        ReviewState.DRAFT, "Name the FT's sources.",
    )
    assert in_review.history.first().history_change_reason == "returned: Name the FT's sources."


# The review queue


def test_review_queue_lists_others_work_in_review_oldest_first(
    as_user, editor, reviewer, other_reviewer, article, draft,
):
    newer = in_review_by(reviewer, article=article, claim="Newer")
    older = in_review_by(other_reviewer, article=article, claim="Older")
    Annotation.objects.filter(pk=older.pk).update(updated_at=timezone.now() - dt.timedelta(hours=3))
    in_review_by(editor, article=article, claim="The editor's own")
    edited = in_review_by(other_reviewer, article=article, claim="Edited by the editor")
    services.annotation_update(annotation=edited, user=editor, version=edited.version, rationale="x")
    factories.AnnotationFactory(
        article=article, created_by=reviewer, review_state=ReviewState.VERIFIED, claim="Done",
    )

    response = as_user(editor).get(reverse(QUEUE))

    assert response.status_code == 200
    assert [a.claim for a in response.context["page"].object_list] == ["Older", "Newer"]
    page = response.content.decode()
    assert f'name="version" value="{newer.version}"' in page
    assert 'name="decision" value="verify"' in page and 'name="decision" value="return"' in page


def test_review_queue_runs_the_same_queries_for_3_or_30_annotations(
    as_user, editor, reviewer, article, ft_source,
):
    client = as_user(editor)
    counts = []
    for count in (3, 27):
        for _ in range(count):
            annotation = in_review_by(reviewer, article=article)
            factories.AttributionFactory(annotation=annotation, source=ft_source)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(QUEUE))
        counts.append(len(queries))
    assert len(response.context["page"].object_list) == 25
    assert counts[0] == counts[1]


def test_review_queue_is_for_editors(client, as_user, reviewer):
    assert as_user(reviewer).get(reverse(QUEUE)).status_code == 403
    client.logout()
    anonymous = client.get(reverse(QUEUE))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))


def test_admin_index_links_the_review_queue_for_editors_only(as_user, editor, reviewer):
    link = f'href="{reverse(QUEUE)}"'

    assert link in as_user(editor).get(reverse("admin:index")).content.decode()
    assert link not in as_user(reviewer).get(reverse("admin:index")).content.decode()


def test_review_queue_verifies_through_the_service(as_user, editor, in_review):
    response = as_user(editor).post(reverse(QUEUE), {
        "annotation": in_review.pk, "version": in_review.version, "decision": "verify",
        "comment": "Checked against the FT archive.",
    }, follow=True)

    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.reviewed_by) == (ReviewState.VERIFIED, editor)
    assert in_review.history.first().history_change_reason == (
        "verified: Checked against the FT archive."
    )
    assert messages_of(response)[-1][0] == "success"


def test_review_queue_return_needs_a_comment(as_user, editor, in_review):
    response = as_user(editor).post(reverse(QUEUE), {
        "annotation": in_review.pk, "version": in_review.version, "decision": "return",
        "comment": "",
    }, follow=True)

    assert messages_of(response) == [
        ("error", "Nothing was done: Say why the annotation is returned."),
    ]
    in_review.refresh_from_db()
    assert in_review.review_state == ReviewState.IN_REVIEW


def test_review_queue_refuses_a_decision_on_a_changed_annotation(
    as_user, editor, other_editor, in_review,
):
    seen = in_review.version
    services.annotation_update(
        annotation=in_review, user=other_editor, version=seen, rating="false"
    )

    response = as_user(editor).post(reverse(QUEUE), {
        "annotation": in_review.pk, "version": seen, "decision": "verify", "comment": "",
    }, follow=True)

    assert messages_of(response) == [
        ("error", f"#{in_review.pk} “Trump pressed Zelenskyy to give up the whole Donbas region” "
                  f"was not verified: it changed meanwhile (now version {seen + 1}); reload and "
                  "try again"),
    ]
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.version) == (ReviewState.IN_REVIEW, seen + 1)


# Articles and sources


def test_article_list_shows_counts_by_state_and_a_link_to_the_annotation_view(
    as_user, editor, catalogue, article,
):
    response = as_user(editor).get(reverse("admin:annotations_article_changelist"))

    rows = changelist_rows(response)
    assert rows == [
        ["Kremlin says no dates were set", "Demo Wire", "-", "0", "1", "1", "Open"],
        [article.title, "Demo Wire", "-", "2", "0", "0", "Open"],
    ]
    assert f'href="/articles/{article.pk}/"' in response.content.decode()


def test_article_list_filters_by_publisher_and_searches_publishers(as_user, editor, catalogue):
    other = factories.ArticleFactory(
        title="Elsewhere", publisher=factories.SourceFactory(name="Other Wire", kind="news_outlet"),
    )
    client = as_user(editor)
    by_publisher = client.get(
        reverse("admin:annotations_article_changelist") + f"?publisher__id__exact={other.publisher_id}"
    )
    searched = client.get(reverse("admin:annotations_article_changelist") + "?q=Other+Wire")

    assert [a.pk for a in by_publisher.context["cl"].result_list] == [other.pk]
    assert [a.pk for a in searched.context["cl"].result_list] == [other.pk]


def test_editing_an_article_goes_through_the_service(as_user, editor, article):
    client = as_user(editor)
    url = reverse("admin:annotations_article_change", args=[article.pk])
    data = form_data(client.get(url))

    response = client.post(url, {**data, "title": "Trump–Putin summit on hold", "url": "HTTPS://News.Example/a/"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.url) == ("Trump–Putin summit on hold", "https://news.example/a")
    assert article.history.first().history_user == editor


def test_article_body_change_on_the_form_reanchors_and_orphans(as_user, admin_user, draft):
    client = as_user(admin_user)
    url = reverse("admin:annotations_article_change", args=[draft.article_id])
    data = form_data(client.get(url))

    response = client.post(url, {**data, "body": "A different story altogether."})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.article.body, draft.anchor_state) == ("A different story altogether.", "orphaned")
    assert draft.history.first().history_change_reason == "re-anchored in revision 2"
    page = client.get(url).content.decode()
    assert "article revisions" in page.lower()
    assert list(draft.article.revisions.values_list("number", "origin")) == [(1, "manual"), (2, "manual")]


def test_article_with_reviewed_claims_cannot_be_deleted(as_user, admin_user, verified):
    """Deleting the article would delete annotations that no one may delete."""
    url = reverse("admin:annotations_article_delete", args=[verified.article_id])

    client = as_user(admin_user)

    confirmation = client.get(url)
    response = client.post(url, {"post": "yes"})

    assert confirmation.context["perms_lacking"] == {"annotation"}
    assert response.status_code == 403
    assert Article.objects.filter(pk=verified.article_id).exists()


def test_article_with_only_drafts_is_deleted_through_the_service(as_user, admin_user, draft):
    url = reverse("admin:annotations_article_delete", args=[draft.article_id])

    response = as_user(admin_user).post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=draft.article_id).exists()
    assert Article.history.filter(id=draft.article_id, history_type="-").get().history_user == (
        admin_user
    )


def test_source_list_shows_usage_counts_and_filters_by_kind(as_user, editor, draft, ft_source):
    response = as_user(editor).get(
        reverse("admin:annotations_source_changelist") + "?kind__exact=news_outlet"
    )

    assert changelist_rows(response) == [
        ["Demo Wire", "News outlet", "0", "1", "-"],
        ["Financial Times", "News outlet", "1", "0", "-"],
    ]


def test_merging_sources_asks_which_one_survives(as_user, admin_user, ft_source):
    duplicate = factories.SourceFactory(name="FT", kind="news_outlet")

    response = action(
        as_user(admin_user), "merge", [duplicate, ft_source],
        url_name="admin:annotations_source_changelist",
    )

    assert response.templates[0].name == "admin/annotations/source/merge.html"
    assert [s.name for s in response.context["sources"]] == ["FT", "Financial Times"]


def test_merging_sources_needs_the_delete_permission(as_user, editor, ft_source):
    """A merge deletes the duplicates, so editors, who may change but not delete sources, cannot."""
    duplicate = factories.SourceFactory(name="FT", kind="news_outlet")
    client = as_user(editor)

    listing = client.get(reverse("admin:annotations_source_changelist"))
    response = action(
        client, "merge", [duplicate, ft_source], url_name="admin:annotations_source_changelist",
        apply="1", into=str(ft_source.pk),
    )

    source_admin = django_admin.site.get_model_admin(Source)
    assert source_admin.has_delete_permission(listing.wsgi_request) is False
    assert "merge" not in source_admin.get_actions(listing.wsgi_request)
    assert (response.status_code, messages_of(response)) == (200, [])
    assert Source.objects.filter(pk=duplicate.pk).exists()


def test_merging_sources_repoints_attributions_and_publishers_with_history(
    as_user, admin_user, draft, ft_source,
):
    duplicate = factories.SourceFactory(name="FT", kind="news_outlet")
    attribution = factories.AttributionFactory(annotation=draft, source=duplicate, stance="confirmed")
    article = factories.ArticleFactory(publisher=duplicate)

    response = action(
        as_user(admin_user), "merge", [duplicate, ft_source],
        url_name="admin:annotations_source_changelist", apply="1", into=str(ft_source.pk),
    )

    assert messages_of(response) == [("success", "Merged FT into Financial Times.")]
    assert not Source.objects.filter(pk=duplicate.pk).exists()
    attribution.refresh_from_db()
    article.refresh_from_db()
    assert (attribution.source, article.publisher) == (ft_source, ft_source)
    reason = f"merged source 'FT' (#{duplicate.pk}) into 'Financial Times' (#{ft_source.pk})"
    assert [(r.history_user, r.history_change_reason) for r in (
        attribution.history.first(), article.history.first(),
        Source.history.filter(id=duplicate.pk).first(),
    )] == [(admin_user, reason)] * 3
    assert LogEntry.objects.get(object_id=str(ft_source.pk)).change_message == (
        "Merged FT into Financial Times"
    )


@pytest.mark.parametrize("model_name", ["annotation", "article", "source"])
@pytest.mark.parametrize("object_id", ["abc", "1.5", "99999999999999999999", "-99999999999999999999"])
def test_history_of_an_id_that_names_nothing_is_not_found(as_user, admin_user, model_name, object_id):
    client = as_user(admin_user)

    history = client.get(reverse(f"admin:annotations_{model_name}_history", args=[object_id]))
    version = client.get(
        reverse(f"admin:annotations_{model_name}_simple_history", args=[object_id, "1"])
    )

    assert (history.status_code, version.status_code) == (404, 404)


@pytest.mark.parametrize("version_id", ["abc", "99999999999999999999"])
def test_history_version_that_names_nothing_is_not_found(as_user, admin_user, draft, version_id):
    url = reverse("admin:annotations_annotation_simple_history", args=[draft.pk, version_id])

    assert as_user(admin_user).get(url).status_code == 404


def test_cited_source_cannot_be_deleted(as_user, admin_user, draft, ft_source):
    response = as_user(admin_user).post(
        reverse("admin:annotations_source_delete", args=[ft_source.pk]), {"post": "yes"}
    )

    assert response.status_code == 200  # Django shows what protects it
    assert Source.objects.filter(pk=ft_source.pk).exists()


# Users


def test_user_page_shows_annotation_counts_by_state(
    as_user, admin_user, reviewer, editor, verified, article,
):
    factories.AnnotationFactory(article=article, created_by=reviewer)
    client = as_user(admin_user)

    author = client.get(reverse("admin:auth_user_change", args=[reviewer.pk]))
    verifier = client.get(reverse("admin:auth_user_change", args=[editor.pk]))

    assert _readonly(author, "annotation_counts") == (
        "Draft: 1 · In review: 0 · Verified: 1 · reviewed by them: 0"
    )
    assert _readonly(verifier, "annotation_counts") == (
        "Draft: 0 · In review: 0 · Verified: 0 · reviewed by them: 1"
    )
    changelist = reverse(CHANGELIST)
    assert (
        f'href="{changelist}?created_by__id__exact={reviewer.pk}&amp;review_state__exact=draft"'
        in author.content.decode()
    )


def _readonly(response, name: str) -> str:
    """Return the text of a read-only field on an admin change page."""
    for fieldset in response.context["adminform"]:
        for line in fieldset:
            for field in line:
                if field.is_readonly and field.field["name"] == name:
                    return " ".join(strip_tags(field.contents()).split())
    raise AssertionError(f"no read-only field {name}")


def test_creating_a_reviewer_assigns_the_group(as_user, admin_user):
    reviewers = Group.objects.get(name="Reviewer")

    response = as_user(admin_user).post(reverse("admin:auth_user_add"), {
        "username": "nadia", "email": "nadia@factcheck.example", "usable_password": "true",
        "password1": "a long passphrase for nadia", "password2": "a long passphrase for nadia",
        "is_staff": "on", "groups": [reviewers.pk],
    })

    assert response.status_code == 302
    nadia = User.objects.get(username="nadia")
    assert (list(nadia.groups.all()), nadia.is_staff, nadia.has_perm("annotations.add_annotation")) == (
        [reviewers], True, True,
    )


def test_issuing_a_token_from_the_user_page_shows_it_once(as_user, admin_user, reviewer):
    client = as_user(admin_user)
    url = reverse("admin:auth_user_api_token", args=[reviewer.pk])
    old, _ = api_key_issue(user=reviewer)

    issued = client.post(url, {"issue": "1"})
    shown = client.get(url)
    reloaded = client.get(url)

    token = ApiKey.objects.get(user=reviewer)
    key = shown.context["new_key"]
    assert (issued.status_code, issued["Location"]) == (302, url)
    assert token.digest not in (old.digest, key) and token.digest == apikeys.key_digest(key)
    assert f'<code id="new-api-token">{key}</code>' in shown.content.decode()
    assert reloaded.context["new_key"] is None and key not in reloaded.content.decode()
    assert ApiKey.objects.get(user=reviewer).digest == token.digest  # reloading issued nothing


def test_revoking_a_token_from_the_user_page(as_user, admin_user, reviewer):
    api_key_issue(user=reviewer)

    response = as_user(admin_user).post(
        reverse("admin:auth_user_api_token", args=[reviewer.pk]), {"revoke": "1"}, follow=True,
    )

    assert not ApiKey.objects.filter(user=reviewer).exists()
    assert messages_of(response) == [("success", "rita's API token is revoked.")]


def test_token_page_is_for_user_managers_only(as_user, editor, reviewer):
    response = as_user(editor).post(
        reverse("admin:auth_user_api_token", args=[reviewer.pk]), {"issue": "1"}
    )

    assert response.status_code == 403
    assert not ApiKey.objects.filter(user=reviewer).exists()


def test_deactivating_users_revokes_their_tokens_but_not_yourself(as_user, admin_user, reviewer):
    api_key_issue(user=reviewer)

    response = action(
        as_user(admin_user), "deactivate", [reviewer, admin_user], url_name="admin:auth_user_changelist"
    )

    reviewer.refresh_from_db()
    admin_user.refresh_from_db()
    assert (reviewer.is_active, admin_user.is_active) == (False, True)
    assert not ApiKey.objects.filter(user=reviewer).exists()
    assert messages_of(response) == [
        ("error", "You cannot deactivate yourself."), ("success", "Deactivated rita."),
    ]


def test_issue_tokens_action_lists_the_new_keys_once(as_user, admin_user, reviewer, editor):
    client = as_user(admin_user)
    shown = action(client, "issue_api_tokens", [reviewer, editor], url_name="admin:auth_user_changelist")
    reloaded = client.get(shown.redirect_chain[-1][0])

    issued = {holder.username: apikeys.key_digest(key) for holder, key in shown.context["issued"]}
    assert issued == {
        "rita": ApiKey.objects.get(user=reviewer).digest, "eddie": ApiKey.objects.get(user=editor).digest,
    }
    assert reloaded.context["issued"] == []
    assert "No new tokens to show" in reloaded.content.decode()


def test_user_list_shows_roles_and_tokens(as_user, admin_user, reviewer):
    api_key_issue(user=reviewer)

    response = as_user(admin_user).get(reverse("admin:auth_user_changelist") + "?q=rita")

    row = changelist_rows(response)[0]
    assert row[:5] == ["rita", "rita@factcheck.example", "Reviewer", "True", "True"]
    assert row[5] == "True"


def test_evidence_inline_keeps_who_added_each_document(as_user, editor, reviewer, draft):
    client = as_user(editor)
    data = form_data(client.get(change_url(draft)))
    data["evidence-0-title"] = "FT report (archived)"

    client.post(change_url(draft), data)

    assert Evidence.objects.get(annotation=draft).added_by == reviewer

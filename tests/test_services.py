import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations import services
from annotations.models import Annotation, Article, Attribution, Evidence, Source
from tests.factories import ArticleFactory


def test_create_by_quote_anchors_and_records_context(draft, article, donbas_quote):
    start = article.body.index(donbas_quote)
    assert (draft.start, draft.end, draft.quote) == (start, start + len(donbas_quote), donbas_quote)
    assert draft.prefix == article.body[max(0, start - 32) : start]
    assert draft.suffix == article.body[draft.end : draft.end + 32]
    assert draft.version == 1
    assert draft.review_state == "draft"
    assert [(a.source.name, a.stance) for a in draft.attributions.all()] == [
        ("Financial Times", "reported"),
        ("Donald Trump", "denied"),
    ]


def test_create_by_offsets_checks_the_quote(article, reviewer):
    with pytest.raises(ValidationError) as error:
        services.annotation_create(article=article, user=reviewer, start=0, end=5, quote="Putin")
    assert "does not match" in error.value.message_dict["quote"][0]
    assert not Annotation.objects.exists()


def test_create_with_unicode_offsets(reviewer, db):
    body = "👍🏽 Le café\u0301 — «Trump a nié» — قال ترامب\n\nSecond 🇺🇦 paragraph."
    article = services.article_create(user=reviewer, title="Unicode", body=body)
    for quote in ["Trump a nié", "قال ترامب", "🇺🇦 paragraph", "»\u2014"[0:1]]:
        annotation = services.annotation_create(article=article, user=reviewer, quote=quote)
        assert article.body[annotation.start : annotation.end] == quote


def test_create_refuses_ambiguous_quote_without_context(reviewer, db):
    article = ArticleFactory(body="He denied it. She denied it.")
    with pytest.raises(ValidationError) as error:
        services.annotation_create(article=article, user=reviewer, quote="denied it")
    assert "occurs 2 times" in error.value.message_dict["quote"][0]
    annotation = services.annotation_create(
        article=article, user=reviewer, quote="denied it", prefix="She "
    )
    assert annotation.start == 18


def test_one_invalid_attribution_rolls_back_the_whole_create(article, reviewer, ft_source):
    with pytest.raises(ValidationError):
        services.annotation_create(
            article=article, user=reviewer, start=0, end=5,
            attributions=[
                {"source": ft_source, "stance": "reported"},
                {"source": ft_source, "stance": "whispered"},
            ],
        )
    assert not Annotation.objects.exists()
    assert not Attribution.objects.exists()


def test_attribution_can_name_a_new_source(article, reviewer):
    annotation = services.annotation_create(
        article=article, user=reviewer, start=0, end=5,
        attributions=[{"source": {"name": "Kremlin", "kind": "government"}, "stance": "disputed"}],
    )
    assert annotation.attributions.get().source == Source.objects.get(name="Kremlin")
    again = services.source_resolve({"name": "KREMLIN", "kind": "person"}, user=reviewer)
    assert again == Source.objects.get(name="Kremlin")


def test_update_bumps_version_and_syncs_children(draft, reviewer, trump):
    ft = draft.attributions.get(stance="reported")
    updated = services.annotation_update(
        annotation=draft, user=reviewer, version=1, rating="false",
        attributions=[{"id": ft.pk, "source": ft.source, "stance": "reported", "note": "paywalled"},
                      {"source": trump, "stance": "disputed"}],
        evidence=[],
    )
    assert updated.version == 2
    assert updated.rating == "false"
    assert [(a.pk == ft.pk, a.stance, a.note) for a in updated.attributions.all()] == [
        (True, "reported", "paywalled"),
        (False, "disputed", ""),
    ]
    assert not Evidence.objects.exists()


def test_stale_update_is_refused_and_changes_nothing(draft, reviewer):
    services.annotation_update(annotation=draft, user=reviewer, version=1, claim="new")
    with pytest.raises(services.StaleVersion) as error:
        services.annotation_update(annotation=draft, user=reviewer, version=1, claim="stale")
    assert error.value.current.version == 2
    assert Annotation.objects.get().claim == "new"


def test_update_refuses_unknown_fields(draft, reviewer):
    with pytest.raises(ValidationError) as error:
        services.annotation_update(annotation=draft, user=reviewer, version=1, review_state="verified")
    assert "review_state" in error.value.message_dict


def test_submit_needs_claim_and_rating(article, reviewer):
    annotation = services.annotation_create(article=article, user=reviewer, start=0, end=5)
    with pytest.raises(ValidationError) as error:
        services.review_submit(annotation=annotation, user=reviewer)
    assert set(error.value.message_dict) == {"claim", "rating"}


def test_verify_refuses_own_annotation(article, db):
    from tests.factories import editor

    author = editor(username="author-editor")
    annotation = services.annotation_create(
        article=article, user=author, start=0, end=5, claim="c", rating="true"
    )
    services.review_submit(annotation=annotation, user=author)
    with pytest.raises(PermissionDenied, match="own annotation"):
        services.review_verify(annotation=annotation, user=author)
    assert Annotation.objects.get().review_state == "in_review"


def test_reviewer_cannot_verify(in_review, other_reviewer):
    with pytest.raises(PermissionDenied):
        services.review_verify(annotation=in_review, user=other_reviewer)


def test_verify_by_second_editor(in_review, editor):
    verified = services.review_verify(annotation=in_review, user=editor)
    assert (verified.review_state, verified.reviewed_by, verified.version) == ("verified", editor, 3)
    assert verified.reviewed_at is not None


def test_return_needs_a_comment_and_goes_back_to_draft(in_review, editor):
    with pytest.raises(ValidationError):
        services.review_return(annotation=in_review, user=editor, comment="  ")
    returned = services.review_return(annotation=in_review, user=editor, comment="Cite the FT piece")
    assert (returned.review_state, returned.review_comment) == ("draft", "Cite the FT piece")
    assert returned.history.first().history_change_reason == "returned: Cite the FT piece"


def test_editing_verified_annotation_sends_it_back_to_review(verified, other_editor):
    edited = services.annotation_update(
        annotation=verified, user=other_editor, version=verified.version, rationale="More context"
    )
    assert (edited.review_state, edited.reviewed_by) == ("in_review", None)


def test_reviewer_cannot_edit_someone_elses_draft(draft, other_reviewer):
    with pytest.raises(PermissionDenied):
        services.annotation_update(annotation=draft, user=other_reviewer, version=1, claim="x")


def test_inactive_user_can_do_nothing(draft, reviewer):
    reviewer.is_active = False
    reviewer.save()
    with pytest.raises(PermissionDenied):
        services.annotation_update(annotation=draft, user=reviewer, version=1, claim="x")


def test_verified_annotations_cannot_be_deleted(verified, editor):
    with pytest.raises(PermissionDenied):
        services.annotation_delete(annotation=verified, user=editor, version=None)


def test_article_with_verified_claims_cannot_be_deleted(verified, admin_user):
    with pytest.raises(services.Conflict):
        services.article_delete(article=verified.article, user=admin_user)
    assert Article.objects.exists()


def test_new_article_body_reanchors_annotations(draft, editor, donbas_quote):
    article = services.article_update(
        article=draft.article, user=editor, body="UPDATE: " + draft.article.body
    )
    moved = Annotation.objects.get()
    assert article.body[moved.start : moved.end] == donbas_quote
    assert (moved.start, moved.version) == (draft.start + 8, 2)


def test_new_article_body_that_loses_a_quote_orphans_the_annotation(draft, editor):
    services.article_update(article=draft.article, user=editor, body="Something else.")

    orphan = Annotation.objects.get()
    assert Article.objects.get().body == "Something else."
    assert (orphan.anchor_state, orphan.revision, orphan.quote) == ("orphaned", 1, draft.quote)
    assert (orphan.start, orphan.end, orphan.claim) == (draft.start, draft.end, draft.claim)


def test_every_write_is_in_history_with_user_and_reason(verified, reviewer, editor):
    history = list(verified.history.order_by("history_date"))
    assert [(h.history_user, h.history_change_reason, h.version) for h in history] == [
        (reviewer, "created", 1),
        (reviewer, "submitted", 2),
        (editor, "verified", 3),
    ]


def test_source_merge_repoints_attributions_and_publishers(draft, reviewer, ft_source, admin_user):
    duplicate = services.source_create(user=admin_user, name="FT", kind="news_outlet")
    services.annotation_update(
        annotation=draft, user=reviewer, version=1,
        attributions=[{"source": duplicate, "stance": "reported"}],
    )
    article = ArticleFactory(publisher=duplicate)
    services.source_merge(duplicate=duplicate, into=ft_source, user=admin_user)
    assert Attribution.objects.get().source == ft_source
    article.refresh_from_db()
    assert article.publisher == ft_source
    assert not Source.objects.filter(name="FT").exists()
    assert Source.history.filter(name="FT", history_type="-").get().history_change_reason.startswith(
        "merged source 'FT'"
    )


def test_an_editor_who_edited_a_claim_cannot_verify_it(verified, other_editor, editor):
    edited = services.annotation_update(
        annotation=verified, user=other_editor, version=verified.version, rationale="Reworded"
    )
    with pytest.raises(PermissionDenied, match="last edited"):
        services.review_verify(annotation=edited, user=other_editor)
    with pytest.raises(PermissionDenied):
        services.review_return(annotation=edited, user=other_editor, comment="self-review")
    assert services.review_verify(annotation=edited, user=editor).review_state == "verified"


def test_a_write_that_changes_nothing_keeps_version_and_state(verified, editor, other_editor):
    attributions = [
        {"id": a.pk, "source": a.source, "stance": a.stance} for a in verified.attributions.all()
    ]
    same = services.annotation_update(
        annotation=verified, user=other_editor, version=verified.version,
        claim=verified.claim, attributions=attributions,
    )
    assert (same.version, same.review_state) == (verified.version, "verified")
    assert verified.history.count() == 3


def test_returning_does_not_record_a_review(in_review, editor):
    returned = services.review_return(annotation=in_review, user=editor, comment="Add a source")
    assert (returned.reviewed_by, returned.reviewed_at) == (None, None)


def test_a_decomposed_quote_finds_the_composed_body(reviewer, db):
    article = services.article_create(user=reviewer, title="t", body="Un café noir, un cafe\u0301 noir.")
    annotation = services.annotation_create(
        article=article, user=reviewer, quote="cafe\u0301 noir", suffix=".",
    )
    assert (annotation.start, annotation.quote) == (17, "café noir")


def test_an_invalid_child_writes_nothing_on_update(draft, reviewer, ft_source):
    with pytest.raises(ValidationError):
        services.annotation_update(
            annotation=draft, user=reviewer, version=1, claim="new",
            attributions=[{"source": ft_source, "stance": "whispered"}],
        )
    draft.refresh_from_db()
    assert (draft.claim, draft.version, draft.attributions.count()) == (
        "Trump pressed Zelenskyy to give up the whole Donbas region", 1, 2,
    )

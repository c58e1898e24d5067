from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation
from tests.browser.helpers import highlight_texts, select_text


def in_page_language(page, message: str, **values) -> str:
    """The message as the page's scripts write it (translated when the page has a catalog)."""
    return page.evaluate(
        """([message, values]) => {
          const d = window.django;
          return d ? d.interpolate(d.gettext(message), values, true)
                   : message.replace(/%\\((\\w+)\\)s/g, (_, name) => values[name]);
        }""",
        [message, values],
    )


def open_in_panel(page, annotation):
    page.click(f"#annotation-list [data-annotation='{annotation.pk}']")
    heading = in_page_language(page, "Annotation %(id)s", id=annotation.pk)
    expect(page.locator("#panel-heading")).to_have_text(heading)
    # The panel has loaded the annotation from the API once it shows the version.
    version = in_page_language(page, "Version %(version)s", version=annotation.version)
    expect(page.locator("#panel-status")).to_contain_text(version)


def test_submit_shows_missing_fields_next_to_them_then_sends_the_draft_to_review(
    page, login, open_article, reviewer, article
):
    annotation = services.annotation_create(
        article=article, user=reviewer, quote="A White House official", claim="An official spoke"
    )
    login(reviewer)
    open_article(article)
    open_in_panel(page, annotation)

    page.click("[data-action=submit-review]")
    expect(page.locator("#f-rating-error")).to_have_text("Fill this in before submitting for review.")
    expect(page.locator("#f-rating")).to_be_focused()

    page.select_option("#f-rating", "true")
    page.click("[data-action=save]")
    expect(page.locator("#panel-status")).to_contain_text("Version 2")
    page.click("[data-action=submit-review]")

    expect(page.locator("#panel-status")).to_contain_text("In review")
    annotation.refresh_from_db()
    assert (annotation.review_state, annotation.version) == ("in_review", 3)
    # The author may neither edit nor review it now.
    expect(page.locator("#f-claim")).to_be_disabled()
    expect(page.locator("[data-action=verify]")).to_be_hidden()
    expect(page.locator("[data-action=submit-review]")).to_be_hidden()
    assert highlight_texts(page, "state-in_review") == ["A White House official"]
    expect(page.locator("#history-items > li")).to_have_count(3)
    expect(page.locator("#history-items > li").first).to_contain_text("rita submitted (v3)")


def test_an_editor_verifies_another_reviewers_annotation(
    page, login, open_article, editor, in_review
):
    login(editor)
    open_article(in_review.article)
    open_in_panel(page, in_review)
    expect(page.locator("[data-action=show-delete]")).to_be_hidden()

    page.click("[data-action=verify]")
    expect(page.locator("#verify-question")).to_have_text(
        f"Publish the claim “{in_review.claim}” rated Unproven?"
    )
    expect(page.locator("#verify-detail")).to_contain_text("It becomes public on the claim page")
    page.click("[data-action=verify-confirmed]")
    page.click("[data-action=verify-now]")

    expect(page.locator("#panel-status")).to_contain_text("Verified")
    expect(page.locator("#panel-status")).to_contain_text("reviewed by eddie")
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.reviewed_by.username) == ("verified", "eddie")
    assert highlight_texts(page, "state-verified") == [in_review.quote]
    assert highlight_texts(page, "state-in_review") == []
    link = page.locator("#panel-public-link")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", f"/claims/{in_review.pk}/")
    history = page.locator("#history-items > li")
    expect(history.first).to_contain_text("eddie verified (v3)")
    expect(history.first).to_contain_text("review state: In review → Verified")
    expect(history.nth(1)).to_contain_text("rita submitted (v2)")
    expect(history.last).to_contain_text("rita created the annotation (v1)")


def test_an_editor_returns_an_annotation_with_a_comment_the_author_then_sees(
    page, login, open_article, editor, reviewer, in_review
):
    login(editor)
    open_article(in_review.article)
    open_in_panel(page, in_review)
    work_count = page.locator(".site-nav__work .nav-count")
    expect(work_count).to_have_text("1 item")

    page.click("[data-action=show-return]")
    expect(page.locator("#f-return-comment")).to_be_focused()
    page.click("[data-action=return]")
    expect(page.locator("#f-return-comment-error")).to_have_text("Say why the annotation is returned.")
    page.fill("#f-return-comment", "Add the FT link as evidence.")
    page.click("[data-action=return]")

    expect(page.locator("#panel-status")).to_contain_text("Draft")
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.review_comment) == ("draft", "Add the FT link as evidence.")
    # The reviewer reads what happened, whose work it is now, and acts on it no more.
    expect(page.locator("#panel-confirm-workflow")).to_have_text("Returned to rita with your comment.")
    expect(page.locator("#panel-returned")).to_contain_text("Returned by eddie on ")
    expect(page.locator("#panel-returned")).to_contain_text(": Add the FT link as evidence.")
    expect(page.locator("[data-action=submit-review]")).to_be_hidden()
    expect(page.locator("[data-action=show-delete]")).to_be_hidden()
    # The header's My-work count follows: nothing waits for eddie's review any more.
    expect(work_count).to_have_count(0)
    page.screenshot(path="/tmp/desk-shots/returned_reviewer.png")

    login(reviewer)
    open_article(in_review.article)
    open_in_panel(page, in_review)
    expect(page.locator("#panel-returned")).to_contain_text("Returned by eddie on ")
    expect(page.locator("#f-claim")).to_be_enabled()
    expect(page.locator("[data-action=submit-review]")).to_have_text("Submit for review")
    expect(page.locator("[data-action=show-delete]")).to_be_visible()
    expect(work_count).to_have_text("1 item")
    page.fill("#f-rationale", "The FT link is added.")
    page.click("[data-action=save]")
    expect(page.locator("#panel-confirm-save")).to_have_text("Saved as a draft (returned to you by eddie).")
    page.screenshot(path="/tmp/desk-shots/returned_author_saved.png")
    page.click("[data-action=submit-review]")
    expect(page.locator("#panel-confirm-workflow")).to_have_text("Submitted for review.")
    expect(work_count).to_have_count(0)


def test_an_editor_acting_on_someone_elses_draft_is_told_whose_it_is(
    page, login, open_article, editor, draft
):
    login(editor)
    open_article(draft.article)
    open_in_panel(page, draft)

    expect(page.locator("[data-action=submit-review]")).to_have_text("Submit rita’s draft for review")
    expect(page.locator("[data-action=show-delete]")).to_have_text("Delete rita’s draft…")
    page.fill("#f-rationale", "Checked.")
    page.click("[data-action=save]")
    expect(page.locator("#panel-confirm-save")).to_have_text("Saved as rita’s draft.")


def test_a_reviewer_cannot_verify_their_own_annotation(page, login, open_article, reviewer, in_review):
    login(reviewer)
    open_article(in_review.article)
    open_in_panel(page, in_review)

    expect(page.locator("[data-action=verify]")).to_be_hidden()
    expect(page.locator("[data-action=show-return]")).to_be_hidden()
    expect(page.locator(".panel__save")).to_be_hidden()


def test_an_editor_who_last_edited_anothers_annotation_is_not_offered_verify(
    page, login, open_article, editor, other_editor, in_review
):
    edited = services.annotation_update(
        annotation=in_review, user=editor, version=in_review.version, rationale="Transcript checked."
    )
    login(editor)
    open_article(edited.article)
    open_in_panel(page, edited)

    expect(page.locator("#panel-status")).to_contain_text("by rita · last edited by eddie")
    expect(page.locator("#panel-workflow")).to_be_visible()
    expect(page.locator("[data-action=verify]")).to_be_hidden()
    expect(page.locator("[data-action=show-return]")).to_be_hidden()
    # Editors may still edit it; only the review needs other eyes.
    expect(page.locator(".panel__save")).to_be_visible()

    login(other_editor)
    open_article(edited.article)
    open_in_panel(page, edited)

    expect(page.locator("[data-action=verify]")).to_be_visible()
    expect(page.locator("[data-action=show-return]")).to_be_visible()


def test_a_stale_save_shows_their_version_and_reapplies_mine(
    page, login, open_article, reviewer, editor, draft
):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)
    page.fill("#f-claim", "My wording of the claim")
    services.annotation_update(
        annotation=draft, user=editor, version=1, claim="The editor's wording", rating="false"
    )

    page.click("[data-action=save]")

    conflict = page.locator("#panel-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Someone else saved this annotation first")
    expect(conflict).to_contain_text("now at version 2")
    expect(conflict.locator("dd").nth(0)).to_have_text("The editor's wording")
    expect(conflict.locator("dd").nth(1)).to_have_text("False")
    expect(conflict.locator("dt").nth(0)).to_contain_text("differs from yours")
    expect(page.locator("#f-claim")).to_have_value("My wording of the claim")
    # The highlight already shows what is stored.
    assert highlight_texts(page, "rating-false") == [draft.quote]
    expect(page.locator("[data-action=conflict-reapply]")).to_be_focused()

    page.click("[data-action=conflict-reapply]")

    expect(conflict).to_be_hidden()
    expect(page.locator("#panel-status")).to_contain_text("Version 3")
    draft.refresh_from_db()
    assert (draft.claim, draft.rating, draft.version) == ("My wording of the claim", "unproven", 3)
    assert highlight_texts(page, "rating-unproven") == [draft.quote]


def test_a_stale_save_can_be_dropped_for_their_version(
    page, login, open_article, reviewer, editor, draft
):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)
    page.fill("#f-claim", "My wording of the claim")
    services.annotation_update(annotation=draft, user=editor, version=1, claim="The editor's wording")

    page.click("[data-action=save]")
    page.click("[data-action=conflict-reload]")

    expect(page.locator("#panel-conflict")).to_be_hidden()
    expect(page.locator("#f-claim")).to_have_value("The editor's wording")
    expect(page.locator("#panel-status")).to_contain_text("Version 2")
    assert Annotation.objects.get(pk=draft.pk).version == 2


def test_a_stale_delete_is_refused_until_confirmed_again(
    page, login, open_article, reviewer, editor, draft
):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)
    services.annotation_update(annotation=draft, user=editor, version=1, claim="Changed meanwhile")

    page.click("[data-action=show-delete]")
    page.click("[data-action=delete]")

    expect(page.locator("#panel-conflict")).to_be_visible()
    expect(page.locator("[data-action=conflict-reapply]")).to_have_text("Delete anyway")
    assert Annotation.objects.filter(pk=draft.pk).exists()
    page.click("[data-action=conflict-reapply]")
    expect(page.locator("#annotation-panel")).to_be_hidden()
    assert not Annotation.objects.filter(pk=draft.pk).exists()


def test_anonymous_visitors_read_verified_claims_without_editing(
    page, open_article, verified, reviewer, browser_errors, settings
):
    settings.FACTCHECK_PUBLIC_ARTICLES = True
    services.annotation_create(article=verified.article, user=reviewer, quote="A White House official")
    open_article(verified.article)
    assert highlight_texts(page, "state-verified") == [verified.quote]
    assert highlight_texts(page, "state-draft") == []

    select_text(page, "White House official")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#annotation-panel")).to_be_hidden()
    page.click(f"#annotation-list [data-annotation='{verified.pk}']")

    expect(page.locator("#f-claim")).to_have_value(verified.claim)
    expect(page.locator("#f-claim")).to_be_disabled()
    expect(page.locator(".panel__save")).to_be_hidden()
    expect(page.locator("#panel-public-link")).to_be_visible()
    expect(page.locator("#panel-history")).to_be_hidden()
    assert browser_errors.console_errors == []

"""Work typed into the annotation panel is never lost quietly."""

from playwright.sync_api import expect

from annotations.models import Annotation
from tests.browser.helpers import select_text
from tests.browser.test_review import open_in_panel


def type_into(page, selector, text):
    """Type as a person does (real key events, so the page counts as used)."""
    page.click(selector)
    page.keyboard.press("End")
    page.keyboard.type(text)


def test_submit_with_unsaved_changes_saves_them_first(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)

    type_into(page, "#f-rationale", "The FT stands by its report.")
    page.click("[data-action=submit-review]")

    expect(page.locator("#panel-status")).to_contain_text("In review")
    draft.refresh_from_db()
    assert (draft.review_state, draft.rationale, draft.version) == (
        "in_review", "The FT stands by its report.", 3,
    )
    expect(page.locator("#f-rationale")).to_have_value("The FT stands by its report.")
    confirmation = page.locator("#panel-confirm-workflow")
    expect(confirmation).to_have_text("Submitted for review.")
    expect(confirmation).to_have_attribute("role", "status")
    expect(confirmation).to_be_in_viewport()


def test_unsaved_changes_that_cannot_be_saved_stop_the_submission(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)

    page.locator("#evidence-rows [name=url]").first.fill("ftp://evidence.example/ft")
    page.click("[data-action=submit-review]")

    expect(page.locator("#evidence-rows .row__error").first).to_contain_text("http://")
    expect(page.locator("#panel-confirm-workflow")).to_contain_text("Not submitted for review")
    draft.refresh_from_db()
    assert (draft.review_state, draft.version) == ("draft", 1)


def test_an_editor_who_edits_before_verifying_keeps_the_edit_and_is_told_why_it_is_not_verified(
    page, login, open_article, editor, in_review
):
    login(editor)
    open_article(in_review.article)
    open_in_panel(page, in_review)

    type_into(page, "#f-rationale", "Checked with the FT.")
    page.click("[data-action=verify]")

    expect(page.locator("#panel-confirm-workflow")).to_contain_text(
        "Your changes are saved, but the annotation was not verified"
    )
    in_review.refresh_from_db()
    assert (in_review.review_state, in_review.rationale) == ("in_review", "Checked with the FT.")


def test_leaving_the_page_with_unsaved_changes_warns(page, login, open_article, reviewer, draft):
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.type))
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)
    type_into(page, "#f-rationale", "Half-written")

    page.click(".site-nav a[href='/']")

    expect(page.locator("#f-rationale")).to_have_value("Half-written")
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(f"/articles/{draft.article.pk}/")

    page.click("[data-action=save]")
    saved = page.locator("#panel-confirm-save")
    expect(saved).to_have_text("Saved as a draft.")
    expect(saved).to_be_in_viewport()
    page.click(".site-nav a[href='/']")
    page.wait_for_url("**/")
    assert dialogs == ["beforeunload"]


def test_enter_in_the_source_box_does_not_save_the_annotation(page, login, open_article, reviewer, article):
    login(reviewer)
    open_article(article)
    select_text(page, "White House official")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#f-claim")).to_be_focused()
    page.keyboard.type("An official spoke")

    source = page.locator("#attribution-rows [name=source]").first
    source.click()
    page.keyboard.type("Financial Ti")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)

    assert not Annotation.objects.exists()
    expect(page.locator("#panel-heading")).to_have_text("New annotation")
    expect(source).to_have_value("Financial Ti")
    # Ctrl+Enter is still the way to save from the keyboard.
    page.keyboard.press("Control+Enter")
    expect(page.locator("#panel-heading")).not_to_have_text("New annotation")
    assert Annotation.objects.get().attributions.get().source.name == "Financial Ti"


def test_the_form_records_an_attributions_date_and_link(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)

    first = page.locator("#attribution-rows > li").first
    first.locator("[name=date]").fill("2025-10-21")
    first.locator("[name=url]").fill("https://www.ft.com/content/donbas")
    page.click("[data-action=save]")
    expect(page.locator("#panel-status")).to_contain_text("Version 2")

    attribution = draft.attributions.order_by("id").first()
    assert (attribution.date.isoformat(), attribution.url) == ("2025-10-21", "https://www.ft.com/content/donbas")
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    open_in_panel(page, Annotation.objects.get(pk=draft.pk))
    expect(page.locator("#attribution-rows > li").first.locator("[name=url]")).to_have_value(
        "https://www.ft.com/content/donbas"
    )


def test_an_attribution_link_must_be_http(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)

    page.locator("#attribution-rows > li").first.locator("[name=url]").fill("javascript:alert(1)")
    page.click("[data-action=save]")

    expect(page.locator("#attribution-rows .row__error").first).to_contain_text("http://")
    draft.refresh_from_db()
    assert draft.version == 1


def test_closing_the_panel_with_unsaved_changes_asks_first(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)
    open_in_panel(page, draft)
    type_into(page, "#f-rationale", "Half-written")

    page.keyboard.press("Escape")

    expect(page.locator("#annotation-panel")).to_be_visible()
    expect(page.locator("#panel-confirm-save")).to_contain_text("You have unsaved changes")
    page.locator(".panel__save [data-action=close-panel]").click()
    expect(page.locator("#annotation-panel")).to_be_hidden()
    draft.refresh_from_db()
    assert draft.version == 1

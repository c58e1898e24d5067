"""The public article page, the article form's dates, and the My work page in the browser."""

from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation, Article


def test_anonymous_readers_get_the_claim_excerpts_not_the_article(page, verified):
    page.goto(f"/articles/{verified.article.pk}/")

    expect(page.locator("h1")).to_have_text(verified.article.title)
    expect(page.locator("#article-body")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("A White House official said there were no plans")
    expect(page.locator(".excerpt mark")).to_have_text(verified.quote)
    page.click(f".excerpt a[href='/claims/{verified.pk}/']")
    expect(page.locator("#claim-title")).to_have_text(verified.claim)


def test_a_publication_date_typed_without_a_time_is_kept(page, login, reviewer):
    login(reviewer)
    page.goto("/articles/new/")
    page.get_by_role("tab", name="Paste text").click()

    page.fill("#id_title", "Summit postponed")
    page.locator("#id_published_date").fill("2025-10-22")
    page.fill("#id_body", "Trump said the summit is off.")
    page.get_by_role("button", name="Add article").click()

    page.wait_for_selector("html[data-ready=true]")
    article = Article.objects.get()
    assert article.published_at.isoformat() == "2025-10-22T00:00:00+00:00"
    expect(page.locator(".article__meta time")).to_have_text("22 October 2025")


def test_my_work_counts_and_submits_the_selected_drafts(page, login, reviewer, editor, draft):
    ready = services.annotation_create(
        article=draft.article, user=reviewer, quote="A White House official", claim="An official spoke",
        rating="true",
    )
    unrated = services.annotation_create(article=draft.article, user=reviewer, quote="no plans")
    login(reviewer)
    page.goto("/")

    expect(page.locator(".site-nav__work")).to_have_text("My work 3 items")
    page.click(".site-nav__work")
    expect(page.locator("h1")).to_have_text("My work")
    drafts = page.locator("section[aria-labelledby=drafts-title] .work-item")
    expect(drafts).to_have_count(3)
    expect(drafts.first).to_contain_text(draft.claim)  # oldest first
    expect(drafts.first).to_contain_text("FT report")

    page.get_by_role("checkbox", name=f"Select {draft.claim}").check()
    page.get_by_role("checkbox", name=f"Select {ready.claim}").check()
    page.click("text=Submit selected for review")

    expect(page.locator(".work-messages")).to_have_text("2 drafts submitted for review.")
    expect(drafts).to_have_count(1)
    expect(page.locator(".site-nav__work")).to_have_text("My work 1 item")
    assert dict(Annotation.objects.values_list("pk", "review_state")) == {
        draft.pk: "in_review", ready.pk: "in_review", unrated.pk: "draft",
    }

    login(editor)
    page.clock.install()
    page.goto("/work/")
    waiting = page.locator("section[aria-labelledby=review-title] .work-item")
    expect(waiting).to_have_count(2)
    first = waiting.first
    first.get_by_text(f"Verify or return annotation {draft.pk}…").click()
    expect(first.locator(".work-item__decide")).to_contain_text(
        f"Verifying publishes the claim “{draft.claim}” rated Unproven on the public claim page"
    )
    first.get_by_label("Comment (kept in the history; required to return it)").fill("Checked the FT.")
    verify = first.get_by_role("button", name=f"Verify and publish annotation {draft.pk}")
    verify.click()
    pending = first.locator(".work-item__pending")
    expect(pending).to_contain_text(f"Publishing “{draft.claim}” in 10 s")
    expect(first.get_by_role("button", name="Undo")).to_be_focused()
    page.screenshot(path="/tmp/desk-shots/my_work_countdown.png")
    first.get_by_role("button", name="Undo").click()
    expect(pending).to_have_text("Not published: the verification was undone; nothing was sent.")
    page.clock.run_for(11000)
    assert Annotation.objects.get(pk=draft.pk).review_state == "in_review"

    verify.click()
    page.clock.run_for(10000)
    message = page.locator(".work-messages")
    expect(message).to_contain_text(f"Annotation {draft.pk} verified and published: “{draft.claim}”.")
    expect(message.get_by_role("link", name="Open the public claim page")).to_have_attribute(
        "href", f"/claims/{draft.pk}/"
    )
    assert Annotation.objects.get(pk=draft.pk).review_state == "verified"
    page.screenshot(path="/tmp/desk-shots/my_work_verified.png")
    expect(waiting).to_have_count(1)
    waiting.first.get_by_role("link", name="Open to edit").click()
    page.wait_for_selector("html[data-ready=true]")
    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {ready.pk}")
    expect(page.locator("[data-action=verify]")).to_be_visible()

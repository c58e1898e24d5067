"""Accepting several suggestions at once: ticked from the keyboard, shown before they are
created, created together or not at all, then painted and listed without a reload."""

from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation, Source
from tests import factories
from tests.browser.accessibility import serious_violations
from tests.browser.helpers import highlight_texts
from tests.browser.test_suggestions import DEMO, PESKOV, TOGGLE, item_with, shoot

ACCEPT = "[data-action=accept-selected]"
CONFIRM = "#suggestion-confirm"
ENTRIES = "#suggestion-confirm-items > li"
NO_PLANS = '"There are no plans for President Trump to meet President Putin in the immediate future,"'
NEVER = '"We never discussed it,"'
COMMITTED = "allies remained committed to supporting Ukraine"


def tick(page, text):
    """Tick a suggestion's box from the keyboard."""
    item_with(page, text).get_by_role("checkbox").focus()
    page.keyboard.press("Space")


def test_accepting_several_shows_what_will_be_created_then_creates_one_draft_each(
    page, login, open_article, reviewer
):
    trump = factories.SourceFactory(name="Donald Trump", kind="person")
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    # The speaker of one of them is corrected first: a name typed, a new source.
    officials = item_with(page, "There are no plans")
    officials.get_by_role("button", name="Change source").click()
    page.keyboard.type("Karoline Leavitt")
    officials.locator("[name=kind]").select_option("person")
    officials.get_by_role("button", name="Apply").click()
    expect(officials.locator(".suggestion__who")).to_have_text("Karoline Leavitt · Person corrected")

    tick(page, "There are no plans")
    tick(page, "We never discussed it")
    tick(page, PESKOV)
    expect(page.locator(ACCEPT)).to_have_text("Accept selected (3)")
    expect(page.locator("#suggestion-pick-all")).to_have_js_property("indeterminate", True)
    page.focus(ACCEPT)
    page.keyboard.press("Enter")

    expect(page.locator("#suggestion-confirm-title")).to_have_text("Create 3 draft annotations?")
    expect(page.locator("#suggestion-confirm-title")).to_be_focused()
    expect(page.locator(CONFIRM)).to_contain_text("not rated")
    entries = page.locator(ENTRIES)
    expect(entries.nth(0).locator(".draft-entry__who")).to_have_text(
        "Karoline Leavitt — asserted · new source (Person)")
    expect(entries.nth(1).locator(".draft-entry__who")).to_have_text("Donald Trump — asserted")
    expect(entries.nth(2).locator(".draft-entry__who")).to_have_text(
        "Dmitry Peskov — asserted · new source (Person)")
    # The claims are the suggestions' words, without quotation marks and "that", to confirm.
    expect(entries.nth(0).get_by_label("Claim 1")).to_have_value(
        "There are no plans for President Trump to meet President Putin in the immediate future")
    expect(entries.nth(1).get_by_label("Claim 2")).to_have_value("We never discussed it")
    expect(entries.nth(2).get_by_label("Claim 3")).to_have_value(
        "A summit needed careful preparation and that no precise dates had ever been set")
    assert Annotation.objects.count() == 0  # nothing is created before it is confirmed
    assert serious_violations(page) == []
    page.locator(CONFIRM).scroll_into_view_if_needed()
    shoot(page, "suggestions-accept-several-confirm.png")

    entries.nth(2).get_by_label("Claim 3").fill("")
    page.click("[data-action=create-drafts]")
    expect(entries.nth(2).locator(".field__error")).to_have_text(
        "Write the claim, or cancel and untick this suggestion.")
    expect(entries.nth(2).get_by_label("Claim 3")).to_be_focused()
    assert Annotation.objects.count() == 0
    page.keyboard.type("No date for a Trump–Putin summit was ever set")
    page.click("[data-action=create-drafts]")

    status = page.locator("#suggestion-bulk-status")
    expect(status).to_have_text(
        "Created 3 draft annotations; rate them and submit them for review from the annotation list.")
    expect(status).to_be_focused()
    stored = [
        (a.quote, a.claim, a.review_state, a.rating, a.created_by,
         [(t.source.name, t.source.kind, t.stance) for t in a.attributions.all()])
        for a in Annotation.objects.order_by("start")
    ]
    assert stored == [
        (NO_PLANS, "There are no plans for President Trump to meet President Putin in the immediate future",
         "draft", "", reviewer, [("Karoline Leavitt", "person", "asserted")]),
        (NEVER, "We never discussed it", "draft", "", reviewer, [("Donald Trump", "person", "asserted")]),
        (PESKOV, "No date for a Trump–Putin summit was ever set", "draft", "", reviewer,
         [("Dmitry Peskov", "person", "asserted")]),
    ]
    assert Annotation.objects.get(quote=NEVER).attributions.get().source == trump
    # Painted and listed without a reload; the accepted suggestions show as done.
    assert highlight_texts(page, "state-draft") == sorted([NO_PLANS, NEVER, PESKOV])
    expect(page.locator("#annotation-count")).to_have_text("(3)")
    expect(page.locator("#suggestion-status")).to_have_text("11 suggested attributions, 8 not yet annotated.")
    peskov = Annotation.objects.get(quote=PESKOV)
    done = item_with(page, PESKOV)
    expect(done.locator(".suggestion__done")).to_contain_text(f"Accepted as draft annotation {peskov.pk}.")
    expect(done.get_by_role("checkbox")).to_have_count(0)
    expect(done.get_by_role("button", name="Use")).to_have_count(0)
    expect(page.locator(ACCEPT)).to_have_text("Accept selected (0)")
    expect(page.locator(CONFIRM)).to_be_hidden()
    shoot(page, "suggestions-several-accepted.png")

    done.get_by_role("button", name=f"Open annotation {peskov.pk}").click()
    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {peskov.pk}")
    expect(page.locator("#f-claim")).to_have_value("No date for a Trump–Putin summit was ever set")


def test_accepting_several_creates_nothing_when_one_is_refused_and_says_which(
    page, login, open_article, reviewer, editor
):
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    tick(page, PESKOV)
    tick(page, COMMITTED)
    page.click(ACCEPT)
    expect(page.locator("#suggestion-confirm-title")).to_have_text("Create 2 draft annotations?")

    # Meanwhile another desk rewords the paragraph before NATO's: its passage moves.
    services.article_update(article=article, user=editor, body=DEMO.replace(
        "Russian Foreign Minister Sergei Lavrov said:", "Russia's foreign minister, Sergei Lavrov, said:"))
    page.click("[data-action=create-drafts]")

    error = page.locator("#suggestion-confirm-error")
    expect(error).to_have_text(
        "Nothing was created: 1 of 2 drafts were refused (marked below). "
        "Reload the page to work on the article as it is now.")
    expect(error).to_be_focused()
    entries = page.locator(ENTRIES)
    expect(entries.nth(0).locator(".field__error")).to_have_text("")
    expect(entries.nth(1).locator(".field__error")).to_have_text(
        "The article changed here since the suggestions were loaded: the passage no longer matches.")
    assert Annotation.objects.count() == 0
    assert not Source.objects.filter(name__in=["Dmitry Peskov", "NATO"]).exists()
    page.locator(CONFIRM).scroll_into_view_if_needed()
    shoot(page, "suggestions-accept-refused.png")

    page.click("[data-action=cancel-drafts]")
    expect(page.locator(CONFIRM)).to_be_hidden()
    expect(page.locator(ACCEPT)).to_be_focused()
    expect(page.locator(ACCEPT)).to_have_text("Accept selected (2)")
    # On the article as it is now, the same two are accepted.
    open_article(article)
    page.click(TOGGLE)
    tick(page, PESKOV)
    tick(page, COMMITTED)
    page.click(ACCEPT)
    page.click("[data-action=create-drafts]")
    expect(page.locator("#annotation-count")).to_have_text("(2)")
    assert sorted(Annotation.objects.values_list("quote", flat=True)) == [COMMITTED, PESKOV]


def test_accepting_asks_first_about_a_new_source_close_to_a_stored_one(page, login, open_article, reviewer):
    lavrov = factories.SourceFactory(name="Sergey Lavrov", kind="person")
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    tick(page, "Russia's position has not changed")
    page.click(ACCEPT)

    item = item_with(page, "Russia's position has not changed")
    expect(page.locator(CONFIRM)).to_be_hidden()
    expect(page.locator("#suggestion-bulk-status")).to_have_text(
        "1 suggestion needs a source answered first (opened below); apply it, then accept again.")
    expect(item.locator(".suggestion__edit-reason")).to_have_text(
        "“Sergei Lavrov” would be a new source, and similar ones are stored: choose one or create it.")
    expect(item.locator("[name=source]")).to_be_focused()
    item.get_by_role("button", name="Use the stored source Sergey Lavrov (Person)").click()
    item.get_by_role("button", name="Apply").click()
    page.click(ACCEPT)

    expect(page.locator(ENTRIES).nth(0).locator(".draft-entry__who")).to_have_text("Sergey Lavrov — asserted")
    page.click("[data-action=create-drafts]")
    expect(page.locator("#annotation-count")).to_have_text("(1)")
    annotation = Annotation.objects.get()
    assert annotation.claim == (
        "Russia's position has not changed since the understandings reached in Anchorage.")
    assert annotation.attributions.get().source == lavrov
    assert not Source.objects.filter(name="Sergei Lavrov").exists()

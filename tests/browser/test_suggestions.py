from pathlib import Path

from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation, SuggestionDismissal
from tests import factories
from tests.browser.helpers import highlight_texts

REPO = Path(__file__).resolve().parents[2]
DEMO = (REPO / "annotations" / "fixtures" / "demo_article.txt").read_text()
SCREENSHOTS = REPO / "screenshots"
TOGGLE = "[data-action=toggle-suggestions]"
ITEMS = "#suggestion-list > li"
PESKOV = "that a summit needed careful preparation and that no precise dates had ever been set"


def shoot(page, name, scroll_to=None):
    SCREENSHOTS.mkdir(exist_ok=True)
    if scroll_to:
        page.locator(scroll_to).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / name))


def item_with(page, text):
    return page.locator(ITEMS).filter(has_text=text)


def test_accept_a_suggestion_into_an_annotation_and_dismiss_another(
    page, login, open_article, reviewer, other_reviewer
):
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)

    page.focus(TOGGLE)
    page.keyboard.press("Enter")

    expect(page.locator(TOGGLE)).to_have_attribute("aria-pressed", "true")
    expect(item_with(page, "Dmitry Peskov")).to_have_count(1)
    expect(item_with(page, "Financial Times").filter(has=page.locator(".stance--reported"))).to_have_count(1)
    expect(item_with(page, "Donald Trump").filter(has=page.locator(".stance--denied"))).to_have_count(1)
    painted = highlight_texts(page, "suggestion")
    assert '"We never discussed it,"' in painted
    assert PESKOV in painted
    assert highlight_texts(page, "rating-none") == []  # nothing looks like an annotation
    shoot(page, "suggestions-on.png", scroll_to="#suggestion-list > li:nth-child(3)")

    item_with(page, "Dmitry Peskov").get_by_role("button", name="Use").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#panel-heading")).to_have_text("New annotation")
    expect(page.locator("#panel-quote")).to_have_text(PESKOV)
    row = page.locator("#attribution-rows > li").nth(0)
    expect(row.locator("[name=source]")).to_have_value("Dmitry Peskov")
    expect(row.locator("[name=stance]")).to_have_value("asserted")
    expect(page.locator("#f-rationale")).to_have_attribute(
        "placeholder",
        "Attributed in: “Kremlin spokesperson Dmitry Peskov told reporters in Moscow that a summit "
        "needed careful preparation and that no precise dates had ever been set.”",
    )
    assert highlight_texts(page, "pending") == [PESKOV]
    shoot(page, "suggestion-accepted-panel.png")
    page.fill("#f-claim", "No date for a Trump–Putin summit was ever set")
    page.click("[data-action=save]")

    expect(item_with(page, "Dmitry Peskov")).to_contain_text("already annotated")
    annotation = Annotation.objects.get()
    assert (annotation.quote, annotation.claim) == (PESKOV, "No date for a Trump–Putin summit was ever set")
    assert [(a.source.name, a.source.kind, a.stance) for a in annotation.attributions.all()] == [
        ("Dmitry Peskov", "person", "asserted"),
    ]

    nato = item_with(page, "NATO").filter(has_text="allies remained committed")
    nato.get_by_role("button", name="Dismiss").click()

    expect(item_with(page, "allies remained committed")).to_have_count(0)
    assert SuggestionDismissal.objects.get().dismissed_by == reviewer
    shoot(page, "suggestion-dismissed.png", scroll_to="#suggestion-list > li:last-child")

    login(other_reviewer)
    open_article(article)
    page.click(TOGGLE)
    expect(item_with(page, "Dmitry Peskov")).to_have_count(1)
    expect(item_with(page, "allies remained committed")).to_have_count(0)
    assert "allies remained committed to supporting Ukraine" not in highlight_texts(page, "suggestion")

    page.click(TOGGLE)
    expect(page.locator("#suggestion-list")).to_be_hidden()
    assert highlight_texts(page, "suggestion") == []


def test_a_dismissed_suggestion_stays_dismissed_after_an_edit_elsewhere_in_the_article(
    page, login, open_article, reviewer, editor
):
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    nato = item_with(page, "NATO").filter(has_text="allies remained committed")
    nato.get_by_role("button", name="Dismiss").click()
    expect(item_with(page, "allies remained committed")).to_have_count(0)

    # Another desk fixes the first paragraph: every offset after it moves.
    services.article_update(article=article, user=editor,
                            body="Correction appended at the top.\n\n" + DEMO)
    page.reload()
    page.click(TOGGLE)

    expect(item_with(page, "Dmitry Peskov")).to_have_count(1)
    expect(item_with(page, "allies remained committed")).to_have_count(0)
    assert "allies remained committed to supporting Ukraine" not in highlight_texts(page, "suggestion")
    shoot(page, "suggestion-dismissed-after-edit.png", scroll_to="#suggestion-list > li:last-child")

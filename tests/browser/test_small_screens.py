"""Phone, 200% zoom and keyboard: the selection's action is at hand and the passage stays in view."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations.models import Annotation
from tests import factories
from tests.browser.helpers import CHARACTER_BOXES, select_text
from tests.browser.test_keyboard_and_offsets import focus_article_body_with_tab

PHONE = {"width": 390, "height": 844}
# A 1280×900 window at 200% zoom lays the page out in 640×450 CSS pixels.
SHOTS = Path("/tmp/desk-shots")
ZOOMED = {"width": 640, "height": 450}
SENTENCES = "The summit is off. Officials gave no date. Moscow blamed Kyiv for the delay."


@pytest.fixture
def long_article(db):
    filler = " ".join(["Diplomats met in Budapest and talked for hours about the next steps."] * 4)
    paragraphs = [f"Paragraph {number}. {filler}" for number in range(12)]
    paragraphs[6] = "The Kremlin spokesperson said the meeting was never fixed. " + filler
    return factories.ArticleFactory(title="A long story", body="\n\n".join(paragraphs))


def box_of(page, text):
    """Return the bounding box (top, bottom, left, right) of text in the article, in the viewport."""
    first, last = page.evaluate(CHARACTER_BOXES, text)
    return first["top"], last["bottom"], first["left"], last["right"]


def test_on_a_phone_the_annotate_action_appears_next_to_the_selection(
    page, login, open_article, reviewer, article
):
    page.set_viewport_size(PHONE)
    login(reviewer)
    open_article(article)

    select_text(page, "White House official")

    action = page.locator("#selection-action")
    expect(action).to_be_visible()
    expect(action).to_be_in_viewport()
    _, selection_bottom, _, _ = box_of(page, "White House official")
    button = action.bounding_box()
    assert selection_bottom <= button["y"] <= selection_bottom + 40
    assert button["x"] >= 0 and button["x"] + button["width"] <= PHONE["width"]
    assert button["height"] >= 44  # a finger-sized target
    # The compact header scrolls away with the page: the brand row and the links, wrapped
    # (two short rows of links for a staff member) so that every one of them is reachable.
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    expect(page.locator(".site-header")).to_have_css("position", "static")

    action.click()

    expect(page.locator("#panel-quote")).to_have_text("White House official")
    expect(action).to_be_hidden()
    # As with the mouse and the keyboard: an empty claim to write, and no save without one.
    expect(page.locator("#f-claim")).to_have_value("")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#f-claim-error")).to_have_text("Write the claim in your own words before saving.")
    assert not Annotation.objects.exists()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone_new_annotation.png"))


def test_the_selection_action_stays_away_on_a_wide_window(page, login, open_article, reviewer, article):
    login(reviewer)
    open_article(article)

    select_text(page, "White House official")
    page.wait_for_timeout(100)

    expect(page.locator("#selection-action")).to_be_hidden()


def test_at_200_percent_zoom_the_panel_does_not_cover_the_selected_passage(
    page, login, open_article, reviewer, long_article
):
    page.set_viewport_size(ZOOMED)
    login(reviewer)
    open_article(long_article)
    passage = "The Kremlin spokesperson said the meeting was never fixed."
    # Bring the passage to the bottom of the window, where the docked panel will appear.
    page.evaluate(
        "(top) => window.scrollBy(0, top - window.innerHeight + 40)", box_of(page, passage)[0]
    )
    select_text(page, passage)
    page.keyboard.press("Control+Enter")

    panel = page.locator("#annotation-panel")
    expect(panel).to_be_visible()
    top, bottom, _, _ = box_of(page, passage)
    assert top >= 0
    assert bottom <= panel.bounding_box()["y"]
    expect(page.locator("#f-claim")).to_be_focused()


def test_keyboard_users_select_by_sentence(page, login, open_article, reviewer, db):
    article = factories.ArticleFactory(body=f"{SENTENCES}\n\nA second paragraph.")
    login(reviewer)
    open_article(article)
    focus_article_body_with_tab(page)
    selected = lambda: page.evaluate("getSelection().toString()").strip()  # noqa: E731

    page.keyboard.press("Control+Shift+ArrowDown")
    assert selected() == "The summit is off."
    page.keyboard.press("Control+Shift+ArrowDown")
    assert selected() == "The summit is off. Officials gave no date."
    page.keyboard.press("Control+Shift+ArrowUp")
    assert selected() == "The summit is off."

    # Escape leaves the caret after the selection; Shift then takes the next sentence.
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+ArrowDown")
    assert selected() == "Officials gave no date."
    page.keyboard.press("a")
    expect(page.locator("#panel-quote")).to_contain_text("Officials gave no date.")


# A 1366×768-class laptop window (1366×900) at 200% zoom: 683×450 CSS pixels.
ZOOMED_LAPTOP = {"width": 683, "height": 450}
SHOTS = __import__("pathlib").Path(__file__).resolve().parents[2] / "screenshots"

NAV_LINKS_REACHABLE = """
() => [...document.querySelectorAll('.site-nav a, .account button, .account a')].map((link) => {
  const box = link.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: link.firstChild.textContent.trim(),
    left: box.left, right: box.right, top: box.top, bottom: box.bottom,
    hit: Boolean(hit && (hit === link || link.contains(hit))),
  };
})
"""


def reachable(page, width, height):
    """Return the names of the header's links and buttons that are wholly in view and on top."""
    return [
        link["name"] for link in page.evaluate(NAV_LINKS_REACHABLE)
        if link["hit"] and link["left"] >= 0 and link["right"] <= width and link["top"] >= 0
        and link["bottom"] <= height
    ]


def test_on_a_phone_the_article_list_fits_and_every_header_link_is_reachable(page, login, admin_user):
    publisher = factories.SourceFactory(name="Agence France-Presse International Service", kind="news_outlet")
    for number in range(3):
        factories.ArticleFactory(
            title=f"Trump says the summit with Putin is on hold, officials say ({number})",
            publisher=publisher,
        )
    page.set_viewport_size(PHONE)
    login(admin_user)
    page.goto("/")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".article-table").bounding_box()["width"] <= PHONE["width"]
    assert reachable(page, **PHONE) == [
        "Articles", "My work", "Verified claims", "Add article", "Admin", "Change language",
        admin_user.username, "Log out",
    ]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "phone-article-list.png", full_page=True)


def test_at_200_percent_zoom_log_out_shows_and_the_submit_bar_covers_little(page, login, admin_user, article):
    for number in range(8):
        factories.AnnotationFactory(
            article=article, created_by=admin_user, review_state="draft", claim=f"Claim number {number}",
        )
    page.set_viewport_size(ZOOMED_LAPTOP)
    login(admin_user)
    page.goto("/work/")

    assert reachable(page, **ZOOMED_LAPTOP) == [
        "Articles", "My work", "Verified claims", "Add article", "Admin", "Change language",
        admin_user.username, "Log out",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= ZOOMED_LAPTOP["width"]
    bar = page.locator(".work-bulk").bounding_box()
    covered = max(0, min(bar["y"] + bar["height"], ZOOMED_LAPTOP["height"]) - max(bar["y"], 0))
    assert covered <= 0.15 * ZOOMED_LAPTOP["height"]
    page.screenshot(path=SHOTS / "zoom-200-my-work.png")
    page.goto(f"/articles/{article.pk}/")
    assert "Log out" in reachable(page, **ZOOMED_LAPTOP)
    page.screenshot(path=SHOTS / "zoom-200-article.png")

"""Where the suggestion list sits: beside the text and above the fold on a laptop, whole on a
phone and at 200% zoom."""

import pytest
from playwright.sync_api import expect

from annotations import services
from tests import factories
from tests.browser.accessibility import serious_violations
from tests.browser.test_suggestions import DEMO, ITEMS, PESKOV, TOGGLE, item_with, shoot

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# A 1366×900 window at 200% zoom lays the page out in 683×450 CSS pixels.
ZOOMED = {"width": 683, "height": 450}
PASSAGES = [
    "A planned meeting in Budapest", "the two leaders agreed by phone", "discuss the president's schedule",
    "would say more about the summit", "Donbas region to Russia", "careful preparation",
    "the understandings reached in Anchorage", "a just and lasting peace",
]


@pytest.fixture
def annotated_article(reviewer):
    """The demo story with eight annotations, so that the annotation list is long."""
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    for passage in PASSAGES:
        services.annotation_create(article=article, user=reviewer, quote=passage, claim=f"About: {passage}")
    return article


def assert_inside(box, size):
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 0.5, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 0.5, box


def test_at_1366_by_900_the_suggestion_list_is_above_the_fold(
    page, login, open_article, reviewer, annotated_article
):
    page.set_viewport_size(LAPTOP)
    login(reviewer)
    open_article(annotated_article)
    expect(page.locator("#annotation-count")).to_have_text("(8)")

    page.click(TOGGLE)
    # Finding the suggestions of a whole article can take seconds on a busy machine.
    expect(page.locator(ITEMS).first).to_be_visible(timeout=20_000)

    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.querySelector('.sidebar').scrollTop") == 0
    for selector in ["#suggestions-title", TOGGLE, "#suggestion-status", "#suggestion-pick-all",
                     "[data-action=accept-selected]", "#suggestion-list", f"{ITEMS} >> nth=0"]:
        assert_inside(page.locator(selector).bounding_box(), LAPTOP)
    shoot(page, "suggestions-above-the-fold-1366x900.png")


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["phone", "zoom-200"])
def test_on_a_phone_and_at_200_percent_zoom_nothing_of_the_suggestions_is_clipped(
    page, login, open_article, reviewer, size
):
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    page.set_viewport_size(size)
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    # Finding the suggestions of a whole article can take seconds on a busy machine.
    expect(page.locator(ITEMS).first).to_be_visible(timeout=20_000)
    item = item_with(page, PESKOV)
    item.get_by_role("button", name="Change source").click()
    item.get_by_role("checkbox").check()
    page.click("[data-action=accept-selected]")
    expect(page.locator("#suggestion-confirm")).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    parts = ["#suggestions", "#suggestion-bulk", "#suggestion-confirm", "#suggestion-confirm-items textarea",
             "[data-action=create-drafts]", ITEMS]
    for selector in parts:
        for box in [element.bounding_box() for element in page.locator(selector).all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 0.5, (selector, box)
    for control in item.locator("button:visible, input:visible, select:visible").all():
        control.scroll_into_view_if_needed()
        assert_inside(control.bounding_box(), size)
    assert serious_violations(page) == []
    name = "phone" if size is PHONE else "zoom-200"
    item.locator(".suggestion__edit").scroll_into_view_if_needed()
    shoot(page, f"suggestions-{name}-correcting.png")
    page.locator("#suggestion-confirm").scroll_into_view_if_needed()
    shoot(page, f"suggestions-{name}-confirm.png")

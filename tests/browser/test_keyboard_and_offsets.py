import re

import pytest
from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation
from tests import factories
from tests.browser.helpers import highlight_texts, select_text

UNICODE_BODY = (
    "Leaders met 👍🏽 today; the flag 🇺🇦 flew and 😀 smiles spread.\n\n"
    "Spın̈al Tap and Zoë̈ wrote: café ñ q̣̇ is not cafe.\n\n"
    "The minister said: مرحبا بالعالم و سلام and left.\n\n\n"
    "Math 𝒳 and 𝔜 close the piece."
)


@pytest.fixture
def unicode_article(db):
    return factories.ArticleFactory(title="Unicode", body=UNICODE_BODY)


def focus_article_body_with_tab(page):
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "article-body":
            return
    raise AssertionError("Tab never reached the article body")


def test_keyboard_only_creation(page, login, open_article, reviewer, article):
    login(reviewer)
    open_article(article)

    focus_article_body_with_tab(page)
    assert highlight_texts(page, "caret") == ["T"]
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    assert highlight_texts(page, "caret") == ["r"]
    for _ in range(7):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator("[data-action=annotate-selection]")).to_be_enabled()
    page.keyboard.press("a")

    expect(page.locator("#panel-quote")).to_have_text("refuted")
    expect(page.locator("#f-claim")).to_be_focused()
    # The claim field is empty: the pressed A neither landed in it nor replaced a pre-filled claim.
    expect(page.locator("#f-claim")).to_have_value("")
    page.keyboard.type("Trump refuted the FT story")
    page.keyboard.press("Tab")
    expect(page.locator("#f-rating")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(page.locator("#attribution-rows [name=source]")).to_be_focused()
    page.keyboard.type("Donald Trump")
    page.keyboard.press("Control+Enter")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    annotation = Annotation.objects.get()
    assert (annotation.start, annotation.end, annotation.quote) == (6, 13, "refuted")
    assert (annotation.claim, annotation.rating) == ("Trump refuted the FT story", "mostly_true")
    assert [(a.source.name, a.stance) for a in annotation.attributions.all()] == [
        ("Donald Trump", "asserted"),
    ]
    assert highlight_texts(page, "state-draft") == ["refuted"]

    page.keyboard.press("Escape")
    expect(page.locator("#annotation-panel")).to_be_hidden()
    expect(page.locator("#article-body")).to_be_focused()
    # Enter on a highlighted character opens its annotation.
    page.keyboard.press("Home")
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {annotation.pk}")


@pytest.mark.parametrize(
    ("start_text", "end_text", "expected"),
    [
        ("👍🏽", "today", "👍🏽 today"),
        ("smiles", "spread", "smiles spread"),
        ("n̈al", "Tap", "n̈al Tap"),
        ("Zoë̈", "café", "Zoë̈ wrote: café"),
        ("بالعالم", "سلام", "بالعالم و سلام"),
        ("spread.", "Spın̈al", "spread.\n\nSpın̈al"),
        ("left.", "𝒳", "left.\n\n\nMath 𝒳"),
    ],
    ids=["emoji", "after-emoji", "combining", "combining-stack", "rtl", "paragraphs", "three-newlines"],
)
def test_a_selection_is_stored_as_exactly_the_selected_code_points(
    page, login, open_article, reviewer, unicode_article, start_text, end_text, expected
):
    login(reviewer)
    open_article(unicode_article)

    select_text(page, start_text, end_text)
    page.keyboard.press("Control+Enter")
    expect(page.locator("#panel-quote")).to_have_text(expected)
    page.fill("#f-claim", "A claim")
    page.click("[data-action=save]")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    annotation = Annotation.objects.get()
    body = unicode_article.body
    assert body[annotation.start : annotation.end] == expected
    assert (annotation.start, annotation.end) == (body.index(expected), body.index(expected) + len(expected))
    # The painted range covers the same characters (a DOM range joins paragraphs without breaks).
    assert highlight_texts(page, "state-draft") == [re.sub(r"\n+", "", expected)]


def test_stored_code_point_offsets_paint_the_right_characters(
    page, login, open_article, reviewer, unicode_article
):
    body = unicode_article.body
    quotes = ["😀 smiles", "q̣̇ is", "و سلام", "𝔜 close", "today; the flag 🇺🇦 flew"]
    for quote in quotes:
        start = body.index(quote)
        services.annotation_create(
            article=unicode_article, user=reviewer, start=start, end=start + len(quote), quote=quote
        )
    login(reviewer)
    open_article(unicode_article)

    assert highlight_texts(page, "state-draft") == sorted(quotes)
    assert page.locator("#annotation-list .annotation-item__quote").all_text_contents() == [
        "“today; the flag 🇺🇦 flew”", "“😀 smiles”", "“q̣̇ is”", "“و سلام”", "“𝔜 close”",
    ]

"""Correcting a suggestion's speaker in the list, with the annotation form's source
autocomplete and its "Did you mean" offer, before the suggestion is used."""

import re

from playwright.sync_api import expect

from annotations.models import Annotation, Source
from tests import factories
from tests.browser.accessibility import serious_violations
from tests.browser.test_suggestions import DEMO, TOGGLE, item_with, shoot

LAVROV_QUOTE = "\"Russia's position has not changed since the understandings reached in Anchorage.\""


def test_correct_a_speaker_to_a_close_stored_source_then_use_the_suggestion(
    page, login, open_article, reviewer
):
    lavrov = factories.SourceFactory(name="Sergey Lavrov", kind="person")
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    item = item_with(page, "Russia's position has not changed")
    expect(item.locator(".suggestion__who")).to_have_text(
        "Sergei Lavrov (“Russian Foreign Minister Sergei Lavrov”) · Person")

    item.get_by_role("button", name="Change source").focus()
    page.keyboard.press("Enter")

    source = item.locator("[name=source]")
    expect(source).to_be_focused()
    expect(source).to_have_value("Sergei Lavrov")
    expect(item.get_by_role("button", name="Change source")).to_have_attribute("aria-expanded", "true")
    offer = item.get_by_role("button", name="Use the stored source Sergey Lavrov (Person)")
    expect(offer).to_have_text("Sergey Lavrov?")
    expect(item.get_by_role("button", name="Create new source “Sergei Lavrov”")).to_be_visible()
    assert serious_violations(page) == []
    item.scroll_into_view_if_needed()
    shoot(page, "suggestion-correcting-speaker.png")
    offer.focus()
    page.keyboard.press("Enter")
    expect(source).to_have_value("Sergey Lavrov")
    expect(item.locator(".row__known")).to_have_text("Known source · Person")
    item.locator("[name=stance]").select_option("asserted")
    page.keyboard.press("Control+Enter")

    expect(item.locator(".suggestion__edit")).to_have_count(0)
    expect(item.locator(".suggestion__who")).to_have_text("Sergey Lavrov · Person corrected")
    expect(item.locator(".suggestion__was")).to_have_text("Suggested: Sergei Lavrov, asserted")
    use = item.get_by_role("button", name="Use")
    expect(use).to_be_focused()
    shoot(page, "suggestion-speaker-corrected.png")

    page.keyboard.press("Enter")

    # The passage is the span, the corrected speaker the attribution; the claim is left to write.
    expect(page.locator("#panel-quote")).to_have_text(LAVROV_QUOTE)
    row = page.locator("#attribution-rows > li").nth(0)
    expect(row.locator("[name=source]")).to_have_value("Sergey Lavrov")
    expect(row.locator(".row__known")).to_have_text("Known source · Person")
    expect(row.locator(".row__origin")).to_have_text(
        "Corrected from the suggestion; cue in the text: “said:”")
    claim = page.locator("#f-claim")
    expect(claim).to_be_focused()
    expect(claim).to_have_value("")
    expect(page.locator("#claim-wording")).to_contain_text(
        "Suggested wording: Russia's position has not changed since the understandings reached in Anchorage.")
    page.get_by_role("button", name="Use this wording").click()
    expect(claim).to_have_value(
        "Russia's position has not changed since the understandings reached in Anchorage.")
    expect(claim).to_be_focused()
    expect(page.locator("#claim-wording")).to_be_hidden()
    page.keyboard.press("Control+Enter")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    annotation = Annotation.objects.get()
    assert annotation.quote == LAVROV_QUOTE
    assert [(a.source, a.stance) for a in annotation.attributions.all()] == [(lavrov, "asserted")]
    assert not Source.objects.filter(name="Sergei Lavrov").exists()


def test_a_suggestion_used_as_it_stands_names_its_speaker_and_cue_and_leaves_the_claim_empty(
    page, login, open_article, reviewer
):
    article = factories.ArticleFactory(body=DEMO, title="Trump–Putin summit on hold")
    login(reviewer)
    open_article(article)
    page.click(TOGGLE)
    item = item_with(page, "There are no plans")
    item.get_by_role("button", name="Change source").click()
    page.keyboard.press("Escape")  # a correction abandoned changes nothing
    expect(item.locator(".suggestion__edit")).to_have_count(0)
    expect(item.get_by_role("button", name="Change source")).to_be_focused()
    expect(page.locator("#annotation-panel")).to_be_hidden()

    item.get_by_role("button", name="Use").click()

    row = page.locator("#attribution-rows > li").nth(0)
    expect(row.locator("[name=source]")).to_have_value("White House official")
    expect(row.locator("[name=kind]")).to_have_value("anonymous")
    expect(row.locator("[name=stance]")).to_have_value("asserted")
    expect(row.locator(".row__origin")).to_have_text("In the text: “the official” · cue “said”")
    expect(page.locator("#f-claim")).to_have_value("")
    expect(page.locator("#f-claim")).to_have_attribute("placeholder", "Restate the claim in your own words")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#f-claim-error")).to_have_text(
        "Write the claim in your own words, or press “Use this wording”, before saving.")
    assert Annotation.objects.count() == 0
    shoot(page, "suggestion-use-panel.png")

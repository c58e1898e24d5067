"""The "Known claims like this one" box in the annotation panel and the public /claims/ index, in Chromium."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from annotations.matching.services import claimreviews_import
from annotations.models import Annotation
from tests import factories
from tests.browser.helpers import drag_over
from tests.matching_corpus import corpus

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
REPEAT = "Trump pressed Zelenskyy to hand over the whole Donbas region to Russia"


def test_a_span_that_repeats_a_verified_claim_is_seen_before_and_linked(
    page, login, open_article, verified, reviewer
):
    claimreviews_import(records=corpus(), user=None)
    other = factories.ArticleFactory(
        title="Second report on the summit",
        body=f"Leaders met on Friday.\n\nA newspaper wrote that {REPEAT}, which he denied.\n\nTalks go on.",
    )
    login(reviewer)
    open_article(other)

    drag_over(page, REPEAT)

    box = page.locator("#seen-before")
    expect(box).to_be_visible()
    items = box.locator(".seen-before__item")
    first = items.first
    expect(first).to_contain_text("Trump pressed Zelenskyy to give up the whole Donbas region")
    expect(first.locator(".badge")).to_have_text("Unproven")
    expect(first).to_contain_text("Factcheck (ours)")
    expect(items.nth(1)).to_contain_text("Zelenskyy agreed to hand the Donbas region to Russia")
    expect(items.nth(1)).to_contain_text("Civic Facts")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "seen_before.png")

    first.get_by_role("button", name="Same claim").click()
    expect(first.get_by_role("button", name="Linked as same claim")).to_have_attribute("aria-pressed", "true")
    first.get_by_role("button", name="Use rating “Unproven”").click()
    expect(page.locator("#f-rating")).to_have_value("unproven")
    page.fill("#f-claim", "Trump pressed Zelenskyy to give up the Donbas")
    page.click("[data-action=save]")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    created = Annotation.objects.exclude(pk=verified.pk).get()
    assert created.rating == "unproven"
    assert created.same_as == [
        {"kind": "verified", "id": verified.pk, "url": f"{settings.FACTCHECK_SITE_URL}/claims/{verified.pk}/"}
    ]


def test_same_claim_copies_the_attributions_of_a_verified_claim(
    page, login, open_article, verified, reviewer
):
    other = factories.ArticleFactory(
        title="Fourth report on the summit",
        body=f"Leaders met on Friday.\n\nA newspaper wrote that {REPEAT}, which he denied.\n\nTalks go on.",
    )
    login(reviewer)
    open_article(other)
    drag_over(page, REPEAT)
    first = page.locator("#seen-before .seen-before__item").first
    expect(first).to_contain_text("Factcheck (ours)")
    rows = page.locator("#attribution-rows > li")
    expect(rows).to_have_count(1)
    rows.first.locator("[name=source]").fill("Financial Times")

    first.get_by_role("button", name="Use attributions (2)").click()

    # The row already naming the Financial Times is kept; Donald Trump gets a row of his own.
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("[name=source]")).to_have_value("Donald Trump")
    expect(rows.nth(1).locator("[name=stance]")).to_have_value("denied")
    expect(rows.nth(1).locator(".row__known")).to_have_text("Known source · Person")
    rows.first.locator("[name=stance]").select_option("reported")
    first.get_by_role("button", name="Same claim").click()
    first.get_by_role("button", name="Use rating “Unproven”").click()
    SCREENSHOTS.mkdir(exist_ok=True)
    rows.nth(1).scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "seen_before_attributions.png")
    page.fill("#f-claim", "Trump pressed Zelenskyy to give up the Donbas")
    page.click("[data-action=save]")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    created = Annotation.objects.exclude(pk=verified.pk).get()
    assert created.rating == "unproven"
    assert sorted((a.source.name, a.source.kind, a.stance) for a in created.attributions.all()) == [
        ("Donald Trump", "person", "denied"),
        ("Financial Times", "news_outlet", "reported"),
    ]
    assert [link["id"] for link in created.same_as] == [verified.pk]


def test_editing_the_claim_asks_again(page, login, open_article, verified, reviewer):
    claimreviews_import(records=corpus(), user=None)
    other = factories.ArticleFactory(body="Some opening words about the weather today.\n\nMore words.")
    login(reviewer)
    open_article(other)
    drag_over(page, "Some opening words about the weather today")
    expect(page.locator("#seen-before")).to_be_hidden()
    page.fill("#f-claim", "Wind turbines kill more birds than cars and buildings")
    first = page.locator("#seen-before .seen-before__item").first
    expect(first).to_contain_text("Wind turbines cause more bird")


def test_the_public_claims_page_searches_by_meaning_and_words(page, verified, db):
    factories.verified_claim(claim="The mayor doubled the bus fares in March", rating="false")
    page.goto("/claims/")
    items = page.locator(".claims-index__item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("The mayor doubled the bus fares")
    page.fill("#id_q", "Did Trump push Zelensky to give Donbas away?")
    page.click(".claims-index__search button[type=submit]")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Trump pressed Zelenskyy to give up the whole Donbas region")
    expect(items.first.locator(".badge")).to_have_text("Unproven")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "claims_index.png", full_page=True)


def test_known_claims_in_the_article_open_a_prefilled_annotation(
    page, login, open_article, verified, reviewer
):
    sentence = "Reports said Trump pressed Zelenskyy to give up the whole Donbas region to Russia."
    other = factories.ArticleFactory(
        title="A third report",
        body=f"The summit was postponed on Monday.\n\n{sentence}\n\nMore talks follow.",
    )
    login(reviewer)
    open_article(other)
    known = page.locator("#known-claims")
    expect(known).to_be_visible()
    item = known.locator(".known-claims__item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(sentence)
    expect(item).to_contain_text("Trump pressed Zelenskyy to give up the whole Donbas region")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "known_claims.png", full_page=True)
    item.get_by_role("button", name="Annotate this sentence").click()
    expect(page.locator("#panel-quote")).to_have_text(sentence)
    expect(page.locator("#seen-before .seen-before__item").first).to_contain_text("Factcheck (ours)")


def test_a_spanish_article_lists_our_english_claim_with_its_language(
    page, login, open_article, verified, reviewer
):
    sentence = "Según el diario, Trump presionó a Zelenski para que cediera toda la región del Donbás."
    other = factories.ArticleFactory(
        title="Otra crónica de la cumbre", language="es",
        body=f"La cumbre se aplazó el lunes.\n\n{sentence}\n\nLas conversaciones siguen.",
    )
    login(reviewer)
    open_article(other)
    item = page.locator("#known-claims .known-claims__item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(sentence)
    claim = item.get_by_role("link", name="Trump pressed Zelenskyy to give up the whole Donbas region")
    expect(claim).to_have_attribute("lang", "en")
    expect(item.locator(".seen-before__meta")).to_contain_text("English")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "known_claims_across_languages.png", full_page=True)

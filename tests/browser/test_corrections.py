"""A correction in the browser: the published fact-check stays online until a second editor verifies it."""

import json
from pathlib import Path

from playwright.sync_api import expect

from annotations.models import Annotation
from tests.browser.test_review import open_in_panel

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def exported(page) -> list[dict]:
    response = page.request.get("/api/v1/claims/export/?format=jsonl")
    assert response.ok
    return [json.loads(line) for line in response.text().splitlines()]


def test_a_corrected_claim_stays_published_until_another_editor_verifies_the_correction(
    page, login, open_article, editor, other_editor, verified
):
    claim_page = f"/claims/{verified.pk}/"
    login(editor)
    open_article(verified.article)
    open_in_panel(page, verified)

    page.select_option("#f-rating", "false")
    page.click("[data-action=save]")
    expect(page.locator("#panel-status")).to_contain_text("In review")
    assert Annotation.objects.get(pk=verified.pk).review_state == "in_review"
    # Whoever made the correction may not verify it.
    expect(page.locator("[data-action=verify]")).to_be_hidden()
    # The published version stays online meanwhile, and the panel links to it.
    expect(page.locator("#panel-public-link")).to_have_attribute("href", claim_page)
    expect(page.locator("#panel-public-link")).to_have_text(
        "Public claim page (the version published before this correction)"
    )
    page.click("[data-action=close-panel]")
    open_in_panel(page, Annotation.objects.get(pk=verified.pk))
    expect(page.locator("#panel-public-link")).to_be_visible()
    open_article(verified.article)
    open_in_panel(page, Annotation.objects.get(pk=verified.pk))
    expect(page.locator("#panel-public-link")).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "panel-under-correction.png")

    page.goto(claim_page)
    expect(page.locator(".verdict .badge")).to_have_text("Unproven")
    expect(page.locator(".corrections")).to_have_count(0)
    assert [claim["rating"] for claim in exported(page)] == ["unproven"]

    login(other_editor)
    open_article(verified.article)
    in_correction = Annotation.objects.get(pk=verified.pk)
    open_in_panel(page, in_correction)
    with page.expect_request(lambda request: request.url.endswith("/verify/")) as verify:
        page.click("[data-action=verify]")
    # The decision names the version the editor saw.
    assert verify.value.headers["if-match"] == f'"{in_correction.version}"'
    expect(page.locator("#panel-status")).to_contain_text("Verified")
    expect(page.locator("#panel-public-link")).to_have_text("Public claim page")

    page.goto(claim_page)
    expect(page.locator(".verdict .badge")).to_have_text("False")
    note = page.locator(".correction-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Corrected on ")
    expect(note).to_contain_text("rating changed from Unproven to False.")
    [claim] = exported(page)
    assert claim["rating"] == "false"
    assert claim["corrections"][0]["note"] in note.inner_text()
    page.screenshot(path=SCREENSHOTS / "claim-page-corrected.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SCREENSHOTS / "claim-page-corrected-phone.png", full_page=True)

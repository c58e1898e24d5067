"""A correction in the browser: the published fact-check stays online until a second editor verifies it."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import expect

from annotations.models import Annotation
from tests.browser.accessibility import serious_violations
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
    Path("/tmp/desk-shots").mkdir(exist_ok=True)
    page.clock.install(time=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    open_article(verified.article)
    in_correction = Annotation.objects.get(pk=verified.pk)
    open_in_panel(page, in_correction)
    # The second editor sees that this is a correction, and what it changes.
    expect(page.locator("#panel-status .badge--correction")).to_have_text("Correction")
    compare = page.locator("#panel-compare")
    expect(compare).to_be_visible()
    rating = compare.locator("tr", has=page.locator("th", has_text="Rating"))
    expect(rating.locator("th")).to_have_text("RatingChanged")
    expect(rating.locator("td del")).to_have_text("Unproven")
    expect(rating.locator("td ins")).to_have_text("False")
    claim_row = compare.locator("tr", has=page.locator("th", has_text="Claim"))
    expect(claim_row.locator(".compare__changed")).to_have_count(0)
    page.screenshot(path="/tmp/desk-shots/correction_compare.png")
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    compare.scroll_into_view_if_needed()
    page.screenshot(path="/tmp/desk-shots/correction_compare_phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Verify asks first, naming what becomes public and what it replaces.
    page.click("[data-action=verify]")
    expect(page.locator("#verify-question")).to_have_text(
        f"Publish the claim “{in_correction.claim}” rated False?"
    )
    expect(page.locator("#verify-detail")).to_contain_text(
        f"It replaces the published version (“{in_correction.claim}”, rated Unproven)"
    )
    page.fill("#f-verify-comment", "A second source contradicts it.")
    page.screenshot(path="/tmp/desk-shots/verify_confirm.png")
    assert serious_violations(page) == []
    requests = []
    page.on("request", lambda request: requests.append(request.url) if "/verify/" in request.url else None)
    # The page's clock stands still from here on; the test moves it.
    page.clock.pause_at(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    page.click("[data-action=verify-confirmed]")
    # Then an Undo window, during which nothing is sent.
    expect(page.locator("#verify-countdown")).to_contain_text("in 10 s")
    expect(page.locator("[data-action=undo-verify]")).to_be_focused()
    page.screenshot(path="/tmp/desk-shots/verify_countdown.png")
    page.clock.run_for(4000)
    expect(page.locator("#verify-countdown")).to_contain_text("in 6 s")
    page.click("[data-action=undo-verify]")
    expect(page.locator("#panel-confirm-workflow")).to_have_text(
        "Not published: the verification was undone; nothing was sent."
    )
    page.clock.run_for(10000)
    assert requests == []
    assert Annotation.objects.get(pk=verified.pk).review_state == "in_review"

    page.click("[data-action=verify]")
    page.fill("#f-verify-comment", "A second source contradicts it.")
    page.click("[data-action=verify-confirmed]")
    with page.expect_request(lambda request: request.url.endswith("/verify/")) as verify:
        page.clock.run_for(10000)
    # The decision names the version the editor saw.
    assert verify.value.headers["if-match"] == f'"{in_correction.version}"'
    expect(page.locator("#panel-status")).to_contain_text("Verified")
    expect(page.locator("#panel-public-link")).to_have_text("Public claim page")
    message = page.locator("#panel-confirm-workflow")
    expect(message).to_contain_text("Verified and published.")
    public_link = message.get_by_role("link", name="Open the public claim page")
    expect(public_link).to_have_attribute("href", re.compile(f"^http://[^/]+{claim_page}$"))
    page.screenshot(path="/tmp/desk-shots/verified_message.png")
    page.clock.resume()

    page.goto(claim_page)
    expect(page.locator(".verdict .badge")).to_have_text("False")
    note = page.locator(".correction-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Corrected on ")
    expect(note).to_contain_text("rating changed from Unproven to False; A second source contradicts it.")
    [claim] = exported(page)
    assert claim["rating"] == "false"
    assert claim["corrections"][0]["note"] in note.inner_text()
    page.screenshot(path=SCREENSHOTS / "claim-page-corrected.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SCREENSHOTS / "claim-page-corrected-phone.png", full_page=True)

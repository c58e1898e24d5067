"""The Export menu on the claims index and the article page carries the page's filters."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests import factories

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def _query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_the_claims_index_exports_what_its_filters_list(page, db):
    true_claim = factories.verified_claim(rating="true", claim="The bridge reopened")
    factories.verified_claim(rating="false", claim="The bridge collapsed")
    page.goto("/claims/?rating=true&source=Financial")

    page.get_by_text("Export", exact=True).click()
    menu = page.locator(".export-menu__items")
    expect(menu.get_by_role("link")).to_have_text(
        ["CSV (spreadsheets)", "JSON Lines", "ClaimReview (JSON-LD)"]
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "export-menu-claims-index.png")

    hrefs = [link.get_attribute("href") for link in menu.get_by_role("link").all()]
    assert [_query(href) for href in hrefs] == [
        {"format": [name], "rating": ["true"], "source_name": ["Financial"]}
        for name in ("csv", "jsonl", "claimreview")
    ]
    response = page.request.get(hrefs[0])
    assert response.status == 200
    text = response.text()
    assert "The bridge reopened" in text and "The bridge collapsed" not in text
    assert f"/claims/{true_claim.pk}/" in text


def test_the_article_page_exports_that_articles_claims(page, login, reviewer, db):
    mine = factories.verified_claim(claim="The summit is off")
    factories.verified_claim(claim="Another article's claim")
    login(reviewer)
    page.goto(f"/articles/{mine.article_id}/")

    page.locator(".article__header").get_by_text("Export", exact=True).click()
    link = page.get_by_role("link", name="JSON Lines")
    expect(link).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "export-menu-article.png")

    assert _query(link.get_attribute("href")) == {"format": ["jsonl"], "article": [str(mine.article_id)]}
    lines = page.request.get(link.get_attribute("href")).text().splitlines()
    assert len(lines) == 1 and '"The summit is off"' in lines[0]

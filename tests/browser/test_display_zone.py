"""A reader picks the zone pages show times in; the article page and its revisions name it."""

from datetime import datetime
from pathlib import Path

from playwright.sync_api import expect

from tests import factories

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def test_a_reader_picks_a_display_zone_from_the_header_and_times_follow(page, login, reviewer, settings):
    settings.TIME_ZONE = "UTC"
    article = factories.ArticleFactory(
        title="Summit on hold", published_at=datetime.fromisoformat("2025-10-22T18:42:00-04:00"),
    )
    login(reviewer)
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator(".article__meta time")).to_have_text("22 October 2025, 22:42 UTC")

    page.get_by_role("link", name=reviewer.username).click()
    page.get_by_label("Show times in").select_option("America/New_York")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#current-zone")).to_have_text("America/New_York")

    page.goto(f"/articles/{article.pk}/")
    expect(page.locator(".article__meta time")).to_have_text("22 October 2025, 18:42 EDT")
    # Times that scripts write (history, revisions) use the same zone.
    shown = page.evaluate(
        "import('/static/annotations/js/dom.js').then((dom) => dom.formatDate('2025-10-22T22:42:00Z'))"
    )
    assert "6:42" in shown and "EDT" in shown
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "display-zone-article.png")

"""Markup typed by users is shown as text everywhere: nothing runs, nothing becomes a link."""

import pytest
from playwright.sync_api import expect

from annotations import services
from tests import factories

SCRIPT = "<script>window.__xss = 'script'; alert('script')</script>"
IMAGE = "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">"
SVG = "<svg onload=\"window.__xss = 'svg'\"></svg>"
JAVASCRIPT_URL = "javascript:window.__xss='href';alert('href')"


@pytest.fixture
def hostile_claim(db, reviewer, editor):
    publisher = factories.SourceFactory(name=f"Wire {SVG}", kind="news_outlet")
    article = factories.ArticleFactory(
        title=f"Title {SCRIPT}",
        url=JAVASCRIPT_URL,
        publisher=publisher,
        byline=IMAGE,
        body=f"Intro {SCRIPT} text.\n\nSecond {IMAGE} paragraph with a claim.\n\n{SVG} end.",
    )
    annotation = services.annotation_create(
        article=article, user=reviewer, quote=f"Second {IMAGE} paragraph",
        claim=f"Claim {IMAGE}", rating="false", rationale=f"Because {SCRIPT}",
        attributions=[{"source": {"name": f"Source {SCRIPT}", "kind": "person"}, "stance": "asserted",
                       "note": f"Note {IMAGE}"}],
        evidence=[{"url": "https://evidence.example/ok", "title": f"Evidence {SVG}"}],
    )
    # Bypass validation, as a direct database write would, to prove the page still refuses it.
    factories.EvidenceFactory(annotation=annotation, url=JAVASCRIPT_URL, title="Bad link")
    annotation = services.review_submit(annotation=annotation, user=reviewer)
    return services.review_verify(annotation=annotation, user=editor)


def assert_inert(page, browser_errors):
    assert page.evaluate("window.__xss") is None
    assert browser_errors.dialogs == []
    assert page.locator("img[src=x], svg[onload], script:not([src]):not([type])").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0


def test_markup_in_article_annotation_and_sources_is_inert_on_the_annotation_view(
    page, login, open_article, reviewer, hostile_claim, browser_errors
):
    login(reviewer)
    response = page.goto(f"/articles/{hostile_claim.article.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("html[data-ready=true]")

    expect(page.locator("#article-title")).to_have_text(f"Title {SCRIPT}")
    expect(page.locator("#article-body p").nth(1)).to_have_text(
        f"Second {IMAGE} paragraph with a claim."
    )
    item = page.locator("#annotation-list li").first
    expect(item).to_contain_text(f"Source {SCRIPT} asserted")
    item.locator("button").click()
    expect(page.locator("#panel-quote")).to_have_text(f"Second {IMAGE} paragraph")
    expect(page.locator("#f-claim")).to_have_value(f"Claim {IMAGE}")
    expect(page.locator("#f-rationale")).to_have_value(f"Because {SCRIPT}")
    expect(page.locator("#attribution-rows [name=source]")).to_have_value(f"Source {SCRIPT}")
    expect(page.locator("#history-items")).to_contain_text(f"Evidence {SVG}")
    expect(page.locator(".article__meta a")).to_have_count(0)

    assert_inert(page, browser_errors)


def test_markup_is_inert_on_the_list_and_the_public_claim_page(
    page, hostile_claim, browser_errors
):
    page.goto(f"/?q={hostile_claim.article.title[:5]}")
    expect(page.locator(".article-table tbody th")).to_have_text(f"Title {SCRIPT}")
    assert_inert(page, browser_errors)

    page.goto(f"/claims/{hostile_claim.pk}/")

    expect(page.locator("h1")).to_have_text(f"Claim {IMAGE}")
    expect(page.locator(".in-context mark")).to_have_text(f"Second {IMAGE} paragraph")
    expect(page.locator(".attributions")).to_contain_text(f"Source {SCRIPT}")
    expect(page.locator(".evidence a")).to_have_count(1)
    expect(page.locator(".evidence a")).to_have_attribute("href", "https://evidence.example/ok")
    expect(page.locator(".evidence .unsafe-link")).to_contain_text("Bad link")
    claimreview = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert claimreview["claimReviewed"] == f"Claim {IMAGE}"
    assert claimreview["itemReviewed"]["author"]["name"] == f"Source {SCRIPT}"
    assert_inert(page, browser_errors)

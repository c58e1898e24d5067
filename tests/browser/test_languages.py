"""The interface in Spanish and in Arabic (right to left): the annotation flow works, every page
passes axe-core, and each page is photographed for a reader to look at (screenshots/i18n/)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from annotations.models import Annotation
from tests.browser.accessibility import serious_violations
from tests.browser.helpers import drag_over
from tests.browser.test_review import open_in_panel

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "i18n"
LANGUAGES = {"es": "ltr", "ar": "rtl"}


@pytest.fixture(params=list(LANGUAGES))
def language(request, context, live_server):
    """Return a function that, after any login, sets the switcher's cookie for the language."""

    def choose():
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param, "url": live_server.url}]
        )

    choose.code = request.param
    choose()
    return choose


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_annotation_flow_select_attribute_rate_submit(
    page, login, language, open_article, reviewer, article
):
    login(reviewer)
    language()
    open_article(article)
    expect(page.locator("html")).to_have_attribute("dir", LANGUAGES[language.code])
    expect(page.locator("html")).to_have_attribute("lang", language.code)

    drag_over(page, "a story by the Financial Times")

    expect(page.locator("#annotation-panel")).to_be_visible()
    expect(page.locator("#panel-quote")).to_have_text("a story by the Financial Times")
    page.fill("#f-claim", "The Financial Times published a story")
    page.select_option("#f-rating", "unproven")
    row = page.locator("#attribution-rows > li").nth(0)
    row.locator("[name=source]").fill("Financial Times")
    row.locator("[name=stance]").select_option("reported")
    shoot(page, f"{language.code}-article-panel-open")
    page.click("[data-action=save]")
    expect(page.locator("[data-action=submit-review]")).to_be_visible()
    page.click("[data-action=submit-review]")
    expect(page.locator("[data-action=submit-review]")).to_be_hidden()

    annotation = Annotation.objects.get()
    assert (annotation.quote, annotation.rating, annotation.review_state) == (
        "a story by the Financial Times", "unproven", "in_review",
    )
    attributions = [(a.source.name, a.stance) for a in annotation.attributions.all()]
    assert attributions == [("Financial Times", "reported")]
    shoot(page, f"{language.code}-article-after-submit")


def test_every_page_reads_in_the_language_and_passes_axe(
    page, login, language, editor, in_review, admin_user
):
    pages = {"login": "/accounts/login/", "claims": "/claims/"}
    for name, path in pages.items():
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("dir", LANGUAGES[language.code])
        assert serious_violations(page) == [], path
        shoot(page, f"{language.code}-{name}")

    login(editor)
    language()
    working = {
        "article-list": "/", "inbox": "/work/", "import": "/articles/new/", "settings": "/accounts/settings/",
    }
    for name, path in working.items():
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language.code)
        assert serious_violations(page) == [], path
        shoot(page, f"{language.code}-{name}")
    page.goto(f"/articles/{in_review.article.pk}/")
    page.wait_for_selector("html[data-ready=true]")
    open_in_panel(page, in_review)
    assert serious_violations(page) == []
    shoot(page, f"{language.code}-article-review")

    login(admin_user)
    language()
    admin_pages = {"admin": "/admin/", "review-queue": "/admin/annotations/annotation/review-queue/"}
    for name, path in admin_pages.items():
        response = page.goto(path)
        if response.status == 404:
            continue
        shoot(page, f"{language.code}-{name}")


def test_the_switcher_changes_the_language_and_keeps_it(page, login, reviewer, article):
    login(reviewer)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.select_option("#language-switcher", "ar")
    page.get_by_role("button", name="Change language").click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("link", name=re.compile("المقالات"))).to_be_visible()
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")


def test_an_english_article_reads_left_to_right_on_an_arabic_page(
    page, login, open_article, reviewer, article, context, live_server
):
    login(reviewer)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    open_article(article)

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    direction = page.locator("#article-body p").first.evaluate("p => getComputedStyle(p).direction")
    assert direction == "ltr"  # its punctuation stays where the English text puts it
    title = page.locator("#article-title").evaluate("h => getComputedStyle(h).direction")
    assert title == "ltr"

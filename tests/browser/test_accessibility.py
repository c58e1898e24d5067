"""Each kind of page passes axe-core with no serious or critical violation, on every screen.

Every other browser test also scans the page it leaves (see conftest.py); this module makes
sure each page is scanned at desktop, phone and 200% zoom sizes, with the panel open.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations
from tests.browser.test_review import open_in_panel

SIZES = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
    "zoom-200": {"width": 640, "height": 450},
}


@pytest.fixture(params=SIZES, ids=list(SIZES))
def sized_page(request, page):
    page.set_viewport_size(SIZES[request.param])
    return page


def test_public_pages(sized_page, verified):
    page = sized_page
    for path in ["/", f"/articles/{verified.article.pk}/", f"/claims/{verified.pk}/", "/accounts/login/"]:
        page.goto(path)
        assert serious_violations(page) == [], path
    page.goto("/claims/")
    page.locator(".export-menu summary").click()  # the Export menu open
    assert serious_violations(page) == [], "/claims/"


def test_working_pages(sized_page, login, editor, in_review, reviewer, draft):
    page = sized_page
    login(editor)
    for path in ["/", "/articles/new/", "/work/", "/?q=Donbas", "/accounts/settings/"]:
        page.goto(path)
        assert serious_violations(page) == [], path
    page.goto(f"/articles/{in_review.article.pk}/")
    page.wait_for_selector("html[data-ready=true]")
    assert serious_violations(page) == []
    open_in_panel(page, in_review)
    expect(page.locator("#panel-history li").first).not_to_have_text("Loading history…")
    assert serious_violations(page) == []

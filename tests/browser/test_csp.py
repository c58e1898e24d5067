"""Chromium enforces our style policy: no style attributes or <style>, CSSOM changes allowed."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def watched_page(context, page):
    context.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page):
    return page.evaluate("window.__cspViolations")


def test_our_pages_cause_no_policy_violation(watched_page, login, open_article, reviewer, verified):
    page = watched_page
    login(reviewer)
    SCREENSHOTS.mkdir(exist_ok=True)

    page.goto("/")
    assert violations(page) == []
    open_article(verified.article)
    page.click(f"#annotation-list [data-annotation='{verified.pk}']")
    page.wait_for_selector("#annotation-panel:not([hidden])")
    expect(page.locator("#annotation-panel")).not_to_contain_text("Loading")
    page.screenshot(path=str(SCREENSHOTS / "csp-article-panel.png"))
    assert violations(page) == []
    page.goto(f"/claims/{verified.pk}/")
    assert violations(page) == []
    page.goto("/accounts/login/")
    assert violations(page) == []


def test_the_policy_blocks_style_attributes_and_elements_but_not_the_cssom(watched_page, reviewer, login):
    page = watched_page
    login(reviewer)
    page.goto("/")

    colours = page.evaluate(
        """() => {
          const probe = (setup) => { const el = document.createElement('span');
            document.body.append(el); setup(el); return getComputedStyle(el).color; };
          return {
            cssom: probe((el) => { el.style.color = 'rgb(255, 0, 0)'; }),
            attribute: probe((el) => { el.setAttribute('style', 'color: rgb(0, 0, 255)'); }),
            element: probe((el) => { el.className = 'csp-probe';
              const s = document.createElement('style');
              s.textContent = '.csp-probe { color: rgb(0, 128, 0) }'; document.head.append(s); }),
          };
        }"""
    )
    for _ in range(40):  # violation events arrive asynchronously
        if len(violations(page)) >= 2:
            break
        page.wait_for_timeout(50)

    assert colours["cssom"] == "rgb(255, 0, 0)"
    assert colours["attribute"] != "rgb(0, 0, 255)"
    assert colours["element"] != "rgb(0, 128, 0)"
    assert all(v.startswith("style-src") for v in violations(page))


def test_the_lockout_page_renders_under_the_policy(watched_page, reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    page = watched_page

    for _ in range(2):
        page.goto("/accounts/login/")
        page.fill("#id_username", reviewer.username)
        page.fill("#id_password", "not the password")
        page.click(".stacked-form button[type=submit]")

    expect(page.locator("h1")).to_have_text("Too many failed logins")
    page.screenshot(path=str(SCREENSHOTS / "login-locked-out.png"))
    assert violations(page) == []

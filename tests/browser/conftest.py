"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against live_server.

Playwright's sync API runs an asyncio loop in the test thread, so Django's guard against
database access from async code is lifted for these tests.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.accessibility import serious_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def live_roles(roles):
    """Every browser test runs against a live server, after which the groups are flushed."""


@pytest.fixture(autouse=True)
def no_live_sockets(settings):
    """The in-process live server speaks HTTP only: its pages open no live socket. The live desk's
    tests run their own ASGI servers (tests/live_servers.py)."""
    settings.FACTCHECK_LIVE = False


# Module scope: Playwright's loop must not outlive these modules, or other tests that start
# their own sync Playwright would find it running.
@pytest.fixture(scope="module")
def browser():
    """Launch Chromium for a module's tests; without it, skip locally but fail in CI."""
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{message} The browser tests must run in CI.", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserErrors:
    """What the page did that it must not: script errors, dialogs, CSP violations."""

    def __init__(self):
        self.page_errors = []
        self.dialogs = []
        self.console_errors = []


@pytest.fixture
def browser_errors():
    return BrowserErrors()


@pytest.fixture
def context(browser, live_server, browser_errors):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(5000)
    yield context
    context.close()


@pytest.fixture
def page(context, browser_errors):
    """A page that records script errors and dialogs; a test fails if any script error occurs."""
    page = context.new_page()
    page.on("pageerror", lambda error: browser_errors.page_errors.append(str(error)))

    def on_dialog(dialog):
        browser_errors.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda message: browser_errors.console_errors.append(message.text)
        if message.type == "error" else None,
    )
    yield page
    assert browser_errors.page_errors == []
    # Every page a test leaves, in the state it leaves it, passes axe-core.
    if not page.is_closed() and page.url.startswith("http"):
        assert serious_violations(page) == [], page.url


@pytest.fixture
def login(context, live_server):
    """Return a function that signs a user in for the browser context."""

    def sign_in(user):
        client = Client()
        client.force_login(user)
        context.clear_cookies()
        context.add_cookies([{
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }])

    return sign_in


@pytest.fixture
def open_article(page):
    """Return a function that opens an article's annotation view and waits until it is ready."""

    def open_(article):
        page.goto(f"/articles/{article.pk}/")
        page.wait_for_selector("html[data-ready=true]")
        return page

    return open_

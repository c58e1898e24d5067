"""The live desk in browsers: a reviewer, an editor and an anonymous reader on one article, each in a
browser context of their own, against a real ASGI server (daphne) serving the pages and the sockets."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation
from tests import factories
from tests.browser.accessibility import serious_violations
from tests.browser.helpers import highlight_texts, select_text
from tests.live_servers import AsgiServer, PrivateRedis, server_environment

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
FIRST = "a story by the Financial Times"
SECOND = "no plans for a meeting"
# Reconnecting waits 0.5 s, then 1, 2, 4, 8, 10, 10... (jittered): enough for a restart or for Redis.
COMEBACK_MS = 30000
CLAIM = "The FT reported it"


@pytest.fixture(scope="module")
def desk_server(django_db_setup, django_db_blocker):
    """One server for the module, without Redis (the memory of its one process), public articles on."""
    server = AsgiServer(server_environment(FACTCHECK_PUBLIC_ARTICLES="1")).start()
    yield server
    server.stop()
    assert server.tracebacks() == []


@pytest.fixture
def people(roles):
    return {
        "rita": factories.reviewer(username="rita"),
        "eddie": factories.editor(username="eddie"),
        "article": factories.ArticleFactory(),
    }


@pytest.fixture
def browsers(browser):
    """Return a function that opens a browser context as a user (None: anonymous) on a server."""
    opened = []

    def open_as(server, user=None):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.url)
        context.set_default_timeout(6000)
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server.url}])
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        opened.append((context, page))
        return page

    yield open_as
    for context, page in opened:
        if not page.is_closed():
            assert page.errors == [], page.errors
            assert serious_violations(page) == [], page.url
        context.close()


def open_live(page, article):
    page.goto(f"/articles/{article.pk}/")
    page.wait_for_selector("html[data-ready=true]")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    return page


def list_items(page):
    return page.locator("#annotation-list > li")


def create_in_panel(page, text: str, claim: str) -> None:
    select_text(page, text)
    page.click("[data-action=annotate-selection]")
    page.fill("#f-claim", claim)
    page.select_option("#f-rating", "false")
    page.click("[data-action=save]")
    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))


def draft_by_rita(people, quote: str):
    return services.annotation_create(article=people["article"], user=people["rita"], quote=quote,
                                      claim=CLAIM, rating="false")


def api(page, method: str, path: str, body=None, version=None):
    """Send an API request from the page, as a script of that user would (CSRF from the cookie)."""
    return page.evaluate("""async ([method, path, body, version]) => {
      const csrf = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
      const headers = {"Content-Type": "application/json", "X-CSRFToken": csrf};
      if (version !== null) headers["If-Match"] = `"${version}"`;
      const response = await fetch(`/api/v1/${path}`, {method, headers, credentials: "same-origin",
        body: body === null ? undefined : JSON.stringify(body)});
      return {status: response.status, data: response.status === 204 ? null : await response.json()};
    }""", [method, path, body, version])


def test_creates_edits_verifications_and_deletions_reach_the_other_pages_as_each_may_read_them(
    browsers, desk_server, people
):
    article = people["article"]
    rita = open_live(browsers(desk_server, people["rita"]), article)
    eddie = open_live(browsers(desk_server, people["eddie"]), article)
    reader = open_live(browsers(desk_server), article)

    create_in_panel(rita, FIRST, "The FT reported that Trump pressed Zelenskyy")

    expect(list_items(eddie)).to_have_count(1)
    expect(list_items(eddie).first).to_contain_text(FIRST)
    expect(list_items(eddie).first).to_contain_text("Draft")
    assert highlight_texts(eddie, "state-draft") == [FIRST]
    expect(eddie.locator("#announcer")).to_have_text(re.compile(r"^rita created annotation \d+\.$"))
    annotation = Annotation.objects.get()

    rita.click("[data-action=submit-review]")
    expect(list_items(eddie).first).to_contain_text("In review")

    eddie.click(f"#annotation-list button[data-annotation='{annotation.pk}']")
    eddie.click("[data-action=verify]")
    eddie.click("[data-action=verify-confirmed]")
    eddie.click("[data-action=verify-now]")

    expect(list_items(reader)).to_have_count(1)
    expect(list_items(reader).first).to_contain_text("Verified")
    assert highlight_texts(reader, "state-verified") == [FIRST]
    expect(list_items(rita).first).to_contain_text("Verified")

    second = api(rita, "POST", "annotations/", {"article": article.pk, "quote": SECOND, "claim": CLAIM})
    assert second["status"] == 201
    expect(list_items(eddie)).to_have_count(2)
    expect(list_items(rita)).to_have_count(2)  # made by a script of hers: not this tab's own change
    deleted = api(eddie, "DELETE", f"annotations/{second['data']['id']}/", version=second["data"]["version"])
    assert deleted["status"] == 204
    expect(list_items(rita)).to_have_count(1)
    expect(list_items(reader)).to_have_count(1)
    assert SECOND not in reader.locator("#annotation-list").text_content()  # a draft: never public


def test_own_changes_are_not_echoed_and_the_work_count_follows_others(browsers, desk_server, people):
    article = people["article"]
    rita = open_live(browsers(desk_server, people["rita"]), article)
    eddie = open_live(browsers(desk_server, people["eddie"]), article)

    create_in_panel(rita, FIRST, "The FT reported it")

    expect(list_items(eddie)).to_have_count(1)
    rita.wait_for_timeout(300)
    assert "rita created" not in rita.locator("#announcer").text_content()
    rita.click("[data-action=submit-review]")
    expect(eddie.locator(".site-nav__work .nav-count")).to_have_text(re.compile(r"^1"))


def test_presence_names_the_team_to_the_team_and_only_counts_for_the_public(browsers, desk_server, people):
    article = people["article"]
    eddie = open_live(browsers(desk_server, people["eddie"]), article)
    open_live(browsers(desk_server, people["rita"]), article)
    reader = open_live(browsers(desk_server), article)

    expect(eddie.locator("#live-presence")).to_contain_text("rita")
    expect(eddie.locator("#live-presence")).to_contain_text("1 reader without a role")
    expect(reader.locator("#live-presence")).to_have_text("3 people are reading this article now.")
    assert "rita" not in reader.content() and "eddie" not in reader.content()
    SCREENSHOTS.mkdir(exist_ok=True)
    eddie.screenshot(path=SCREENSHOTS / "live-presence.png")


def test_a_claim_being_edited_is_held_for_others_until_they_take_over(browsers, desk_server, people):
    article = people["article"]
    draft = draft_by_rita(people, FIRST)
    rita = open_live(browsers(desk_server, people["rita"]), article)
    eddie = open_live(browsers(desk_server, people["eddie"]), article)

    rita.click(f"#annotation-list button[data-annotation='{draft.pk}']")
    expect(rita.locator("#f-claim")).to_be_editable()
    rita.fill("#f-rationale", "Only one outlet reported it")
    expect(eddie.locator("#live-presence")).to_contain_text(f"rita editing annotation {draft.pk}")
    eddie.click(f"#annotation-list button[data-annotation='{draft.pk}']")

    expect(eddie.locator("#panel-live")).to_contain_text("rita is editing this claim")
    expect(eddie.locator("#f-claim")).to_be_disabled()
    SCREENSHOTS.mkdir(exist_ok=True)
    eddie.screenshot(path=SCREENSHOTS / "live-soft-lock.png")
    eddie.click("[data-live=takeOver]")
    expect(eddie.locator("#f-claim")).to_be_editable()
    expect(rita.locator("#panel-live")).to_contain_text("eddie took over editing this claim")
    expect(rita.locator("#f-rationale")).to_have_value("Only one outlet reported it")

    eddie.fill("#f-claim", "The Financial Times reported it")
    eddie.click("[data-action=save]")
    expect(rita.locator("#live-presence")).not_to_contain_text("editing annotation")
    rita.close()
    expect(eddie.locator("#live-presence")).not_to_contain_text("rita")


def test_a_change_to_the_annotation_someone_types_in_is_announced_not_applied(browsers, desk_server, people):
    article = people["article"]
    draft = draft_by_rita(people, FIRST)
    rita = open_live(browsers(desk_server, people["rita"]), article)
    eddie = open_live(browsers(desk_server, people["eddie"]), article)
    rita.click(f"#annotation-list button[data-annotation='{draft.pk}']")
    expect(rita.locator("#f-claim")).to_have_value(CLAIM)
    rita.fill("#f-rationale", "Only one outlet reported it")

    edited = api(eddie, "PATCH", f"annotations/{draft.pk}/", {"claim": "The FT reported a story"},
                 version=draft.version)
    assert edited["status"] == 200

    expect(rita.locator("#panel-live")).to_contain_text("Updated by eddie — review changes")
    expect(rita.locator("#f-claim")).to_have_value(CLAIM)
    expect(rita.locator("#f-rationale")).to_have_value("Only one outlet reported it")
    SCREENSHOTS.mkdir(exist_ok=True)
    rita.screenshot(path=SCREENSHOTS / "live-updated-by.png")
    rita.click("[data-live=reviewChanges]")
    expect(rita.locator("#panel-conflict")).to_be_visible()
    expect(rita.locator("#conflict-values")).to_contain_text("The FT reported a story")
    rita.click("[data-action=conflict-reapply]")
    expect(rita.locator("#panel-status")).to_contain_text("Version 3")
    saved = Annotation.objects.get()
    assert (saved.claim, saved.rationale, saved.version) == (CLAIM, "Only one outlet reported it", 3)


@pytest.fixture
def redis_server(transactional_db, settings):
    """A private Redis, and a server using it; the test process announces its own writes there too."""
    redis = PrivateRedis().start()
    redis.settings(settings)
    server = AsgiServer(server_environment(FACTCHECK_PUBLIC_ARTICLES="1", **redis.env()))
    try:
        yield redis, server.start()
    finally:
        server.stop()
        redis.stop()
    assert server.tracebacks() == []


def test_a_page_reconnects_after_the_server_restarts_and_misses_nothing(browsers, redis_server, people):
    _, server = redis_server
    article = people["article"]
    eddie = open_live(browsers(server, people["eddie"]), article)

    server.stop()
    expect(eddie.locator("#live-status")).to_contain_text("Live updates are paused")
    first = draft_by_rita(people, FIRST)
    draft_by_rita(people, SECOND)
    services.review_submit(annotation=first, user=people["rita"])
    server.start()

    expect(eddie.locator("#live-status")).to_have_attribute("data-state", "live", timeout=COMEBACK_MS)
    expect(list_items(eddie)).to_have_count(2)
    expect(eddie.locator(f"#annotation-list li[data-id='{first.pk}']")).to_contain_text("In review")
    # Caught up from the log, event by event (not by reading the whole state again).
    expect(eddie.locator("#announcer")).to_have_text(f"rita submitted for review annotation {first.pk}.")


def test_without_redis_pages_keep_working_say_so_and_come_back_by_themselves(browsers, redis_server, people):
    redis, server = redis_server
    article = people["article"]
    draft = draft_by_rita(people, FIRST)
    eddie = open_live(browsers(server, people["eddie"]), article)
    rita = open_live(browsers(server, people["rita"]), article)

    redis.stop()

    expect(eddie.locator("#live-status")).to_contain_text("Live updates are paused; this page still works")
    edited = api(rita, "PATCH", f"annotations/{draft.pk}/", {"claim": "Changed while Redis was down"},
                 version=draft.version)
    assert edited["status"] == 200
    eddie.click(f"#annotation-list button[data-annotation='{draft.pk}']")
    expect(eddie.locator("#f-claim")).to_have_value("Changed while Redis was down")

    redis.start()

    expect(eddie.locator("#live-status")).to_have_attribute("data-state", "live", timeout=COMEBACK_MS)
    expect(rita.locator("#live-status")).to_have_attribute("data-state", "live", timeout=COMEBACK_MS)
    created = api(rita, "POST", "annotations/", {"article": article.pk, "quote": SECOND, "claim": CLAIM})
    assert created["status"] == 201
    expect(list_items(eddie)).to_have_count(2)


def test_my_work_lists_changes_made_elsewhere_and_its_count_follows(browsers, desk_server, people):
    draft = draft_by_rita(people, FIRST)
    eddie = browsers(desk_server, people["eddie"])
    eddie.goto("/work/")
    expect(eddie.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(eddie.locator(".site-nav__work .nav-count")).to_have_count(0)
    rita = open_live(browsers(desk_server, people["rita"]), people["article"])

    submitted = api(rita, "POST", f"annotations/{draft.pk}/submit/", {}, version=draft.version)
    assert submitted["status"] == 200

    expect(eddie.locator("#live-desk")).to_contain_text("1 change since this page was loaded")
    expect(eddie.locator("#live-desk")).to_contain_text(f"rita submitted for review annotation {draft.pk}")
    expect(eddie.locator(".site-nav__work .nav-count")).to_have_text(re.compile(r"^1"))
    eddie.click("#live-desk a")
    expect(eddie.locator(f"#work-{draft.pk}")).to_be_visible()

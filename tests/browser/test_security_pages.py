"""The API token page shows a new key once, copies it, and never issues one on reload;
invisible characters kept in article text are shown as markers."""

from pathlib import Path

from playwright.sync_api import expect

from annotations import services
from annotations.apikeys import core
from annotations.apikeys.models import ApiKey
from tests import factories

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
RLO, PDF = "\u202e", "\u202c"


def csp_violations(browser_errors) -> list[str]:
    # Admin pages link no favicon, so the browser's own /favicon.ico request logs a 404.
    return [message for message in browser_errors.console_errors if "Content Security Policy" in message]


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_token_page_shows_a_new_key_once_and_reload_issues_nothing(
    page, context, login, live_server, admin_user, reviewer, browser_errors
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    login(admin_user)
    page.goto(f"/admin/auth/user/{reviewer.pk}/api-token/")
    expect(page.locator("#api-token-status")).to_contain_text("rita has no API token.")

    page.click("input[name=issue]")

    key = page.locator("#new-api-token").inner_text()
    stored = ApiKey.objects.get(user=reviewer)
    assert stored.digest == core.key_digest(key)
    assert page.url == f"{live_server.url}/admin/auth/user/{reviewer.pk}/api-token/"  # redirected: a GET
    page.click("button[data-copy-target=new-api-token]")
    expect(page.locator("#new-api-token-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == key
    shoot(page, "token-issued")

    page.reload()

    expect(page.locator("#new-api-token")).to_have_count(0)
    expect(page.locator("#api-token-status")).to_contain_text(f"starts {key[:8]}…")
    expect(page.locator("#api-token-status")).to_contain_text("Tokens are shown only when issued")
    assert key not in page.content()
    assert ApiKey.objects.get(user=reviewer).digest == stored.digest  # the copied key still works
    shoot(page, "token-reloaded")
    assert csp_violations(browser_errors) == []


def test_bulk_issued_keys_are_shown_once(page, login, admin_user, reviewer, editor, browser_errors):
    login(admin_user)
    page.goto("/admin/auth/user/")
    page.check(f"input[name=_selected_action][value='{reviewer.pk}']")
    page.check(f"input[name=_selected_action][value='{editor.pk}']")
    page.select_option("select[name=action]", "issue_api_tokens")
    page.click("button[name=index]")

    expect(page.locator("code[id^=api-token-]")).to_have_count(2)
    rita_key = page.locator(f"#api-token-{reviewer.pk}").inner_text()
    assert ApiKey.objects.get(user=reviewer).digest == core.key_digest(rita_key)
    shoot(page, "tokens-issued-bulk")

    page.reload()

    expect(page.locator("code[id^=api-token-]")).to_have_count(0)
    expect(page.locator("#content-main")).to_contain_text("No new tokens to show")
    assert ApiKey.objects.get(user=reviewer).digest == core.key_digest(rita_key)
    assert csp_violations(browser_errors) == []


def test_direction_overrides_in_article_text_are_shown_as_markers(
    page, login, open_article, reviewer, editor, other_editor, browser_errors
):
    article = factories.ArticleFactory(
        title="Ministry statement",
        body=f"The ministry wrote {RLO}lanigiro eht{PDF} in its statement.\n\nNothing else was said.",
    )
    annotation = services.annotation_create(
        article=article, user=reviewer, quote=f"{RLO}lanigiro eht{PDF}", claim="The ministry wrote it",
        rating="unproven",
    )
    services.review_submit(annotation=annotation, user=reviewer)
    login(reviewer)
    open_article(article)

    notice = page.locator("#invisible-notice")
    expect(notice).to_contain_text("2 invisible or direction-changing characters")
    notice.locator("summary").click()
    expect(notice.locator(".invisible-char").first).to_have_text("⟨RLO⟩")
    expect(notice.locator(".invisible-char").first).to_be_visible()
    shoot(page, "invisible-article")

    login(editor)
    page.goto("/admin/annotations/annotation/review-queue/")
    quote = page.locator(f"#queue-{annotation.pk} blockquote")
    expect(quote).to_have_text("⟨RLO⟩lanigiro eht⟨PDF⟩")
    shoot(page, "invisible-review-queue")

    services.review_verify(annotation=annotation, user=other_editor)
    page.goto(f"/claims/{annotation.pk}/")
    expect(page.locator(".in-context mark")).to_have_text("⟨RLO⟩lanigiro eht⟨PDF⟩")
    shoot(page, "invisible-claim-page")
    assert csp_violations(browser_errors) == []

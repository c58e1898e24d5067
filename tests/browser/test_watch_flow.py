"""The desk keeps watch, in the browser: a verified claim, its publisher edits the page, the watch
finds it, My work shows the changed article before and after, an editor verifies it again and the
public note says the publisher updated the article."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from annotations import services
from annotations.ingest.extract import extract
from annotations.ingest.services import article_import
from annotations.models import Annotation
from tests import factories
from tests.ingest_support import NEWS_PAGE

SHOTS = Path("/tmp/desk-shots")
QUOTE = "refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish the whole"
EDITED = NEWS_PAGE.replace("Zelenskyy to\nrelinquish", "Zelenskyy to\ngive up")


def test_a_publishers_edit_is_watched_shown_in_my_work_and_reviewed_again(page, login, server, settings):
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0
    reviewer, editor = factories.reviewer(username="rita"), factories.editor(username="eddie")
    other_editor = factories.editor(username="erin")
    extracted = extract(NEWS_PAGE, server.url("/story"))
    extracted.url = server.url("/story")
    article, _ = article_import(user=editor, page=extracted)
    claim = services.annotation_create(article=article, user=reviewer, quote=QUOTE, rating="false",
                                       claim="Trump pressed Zelenskyy to give up the whole Donbas region")
    services.review_submit(annotation=claim, user=reviewer)
    services.review_verify(annotation=claim, user=editor)

    server.html("/story", EDITED)  # the publisher edits the page
    call_command("watch", "--once", stdout=StringIO())

    login(other_editor)
    page.clock.install()
    page.goto("/work/")
    changed = page.locator("section[aria-labelledby=changed-title] .changed-article")
    expect(changed).to_have_count(1)
    passage = changed.locator(".passage-change")
    expect(passage.locator(".passage-change__head")).to_contain_text(
        f"Quote edited: re-attached to the closest text — annotation {claim.pk}"
    )
    expect(passage.locator(".passage-change__side").first).to_contain_text("to relinquish the whole Donbas")
    expect(passage.locator(".passage-change__side").last).to_contain_text("to give up the whole Donbas")
    passage.get_by_text("Changes, word by word").click()
    expect(passage.locator("del")).to_have_text("relinquish")
    expect(passage.locator("ins")).to_have_text("give up")
    expect(passage.get_by_role("link", name=f"Open annotation {claim.pk}")).to_have_attribute(
        "href", f"/articles/{article.pk}/#annotation-{claim.pk}"
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "my_work_changed_article.png", full_page=True)

    waiting = page.locator("section[aria-labelledby=review-title] .work-item")
    expect(waiting).to_have_count(1)
    expect(waiting.locator(".back-in-review")).to_have_text(
        "Back in review: the publisher edited the article (revision 2)."
    )
    waiting.get_by_text(f"Verify or return annotation {claim.pk}…").click()
    waiting.get_by_role("button", name=f"Verify and publish annotation {claim.pk}").click()
    page.clock.run_for(10000)
    expect(page.locator(".work-messages")).to_contain_text(f"Annotation {claim.pk} verified and published")
    assert Annotation.objects.get(pk=claim.pk).review_state == "verified"

    changed.get_by_role("button", name="Mark").click()
    expect(page.locator("section[aria-labelledby=changed-title]")).to_have_count(0)

    page.goto(f"/claims/{claim.pk}/")
    today = timezone.localdate()
    when = f"{today.day} {today:%B %Y}"
    expect(page.locator(".corrections h2")).to_have_text("Updates")
    expect(page.locator(".correction-note")).to_have_text(
        f"The article was updated by its publisher on {when}; this fact-check was reviewed again on {when}."
    )
    expect(page.locator(".in-context mark")).to_contain_text("to give up the whole")
    page.screenshot(path=SHOTS / "claim_page_publisher_update.png", full_page=True)


def test_the_refresh_button_shows_progress_and_the_edited_quote_beside_the_old(
    page, login, open_article, server, settings,
):
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0
    reviewer, editor = factories.reviewer(username="rita"), factories.editor(username="eddie")
    extracted = extract(NEWS_PAGE, server.url("/story"))
    extracted.url = server.url("/story")
    article, _ = article_import(user=editor, page=extracted)
    claim = services.annotation_create(article=article, user=reviewer, quote=QUOTE, rating="false",
                                       claim="Trump pressed Zelenskyy to give up the whole Donbas region")
    login(editor)
    open_article(article)
    status = page.locator("#watch-status")

    page.get_by_role("button", name="Refresh from the publisher’s page").click()
    expect(status).to_have_text("Checked: the publisher's page has not changed.")

    server.html("/story", EDITED)
    page.get_by_role("button", name="Refresh from the publisher’s page").click()
    page.wait_for_load_state("load")
    page.wait_for_selector("html[data-ready=true]")
    fuzzy = page.locator(".watch__fuzzy li")
    expect(fuzzy).to_have_count(1)
    expect(fuzzy.locator("del")).to_have_text(QUOTE)
    expect(fuzzy.locator("ins")).to_contain_text("to give up the whole")
    expect(fuzzy.get_by_role("link", name=f"Annotation {claim.pk}")).to_have_attribute(
        "href", f"#annotation-{claim.pk}"
    )
    expect(page.locator(".watch .field__help")).to_contain_text("(changed)")
    SHOTS.mkdir(exist_ok=True)
    page.locator("#watch").screenshot(path=SHOTS / "article_watch_refresh.png")
    page.screenshot(path=SHOTS / "article_page_watch.png")

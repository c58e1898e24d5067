"""Import from a URL with a preview; revisions with a diff and the orphan list, in Chromium."""

from pathlib import Path

from playwright.sync_api import expect

from annotations import services
from annotations.ingest.extract import extract
from annotations.ingest.services import article_import, article_refresh
from annotations.models import Annotation, Article
from tests.browser.helpers import select_text
from tests.ingest_support import NEWS_PAGE
from tests.test_ingest_revisions import EDITED_PAGE, ORPHANED

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_import_from_a_url_previews_the_page_and_saves_what_was_corrected(
    page, login, editor, server
):
    login(editor)
    page.goto("/articles/new/")
    expect(page.get_by_role("tab", name="From a URL")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#article-form")).to_be_hidden()

    page.fill("#import-url", server.url("/story"))
    page.get_by_role("button", name="Extract").first.click()

    expect(page.locator("#preview-title")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Trump says summit with Putin is on hold")
    expect(page.locator("#id_byline")).to_have_value("Jane Reporter, Ivan Writer")
    expect(page.locator("#id_published_date")).to_have_value("2025-10-22")
    expect(page.locator("#id_published_time")).to_have_value("07:30")
    expect(page.locator("#id_publisher")).to_have_value("Demo Wire")
    # The page's canonical names another site than the one it came from: the fetched URL stays.
    expect(page.locator("#id_url")).to_have_value(server.url("/story"))
    assert page.locator("#id_body").input_value().startswith("Donald Trump speaks to reporters")
    shot(page, "import-preview.png")
    page.fill("#id_byline", "Jane Reporter")  # the reviewer corrects the byline
    page.get_by_role("button", name="Add article").click()

    expect(page.locator("#article-title")).to_have_text("Trump says summit with Putin is on hold")
    meta = page.locator(".article__meta")
    expect(meta).to_contain_text("Jane Reporter")
    expect(meta).to_contain_text("22 October 2025, 07:30")
    expect(meta).to_contain_text("Demo Wire")
    article = Article.objects.get()
    assert (article.byline, article.revisions.get().origin) == ("Jane Reporter", "import")


def test_pasted_text_becomes_one_paragraph_per_line(page, login, editor):
    login(editor)
    page.goto("/articles/new/")
    page.get_by_role("tab", name="Paste text").click()
    page.fill("#id_title", "Pasted")
    page.fill("#id_body", "First line.\nSecond line.\nThird line.")
    page.get_by_role("button", name="Add article").click()

    expect(page.locator("#article-body > p")).to_have_count(3)
    assert Article.objects.get().body == "First line.\n\nSecond line.\n\nThird line."


def test_a_refreshed_article_shows_its_diff_and_reattaches_an_orphan(
    page, login, open_article, editor, reviewer, server
):
    record = extract(NEWS_PAGE, server.url("/story"))
    record.url = server.url("/story")
    article, _ = article_import(user=editor, page=record)
    orphan = services.annotation_create(
        article=article, user=reviewer, quote=ORPHANED, claim="Preparations take time",
        rating="unproven",
    )
    services.review_submit(annotation=orphan, user=reviewer)
    services.review_verify(annotation=orphan, user=editor)
    server.html("/story", EDITED_PAGE)
    article_refresh(article=article, user=editor)
    login(editor)

    open_article(article)

    expect(page.get_by_role("heading", name="Revised once")).to_be_visible()
    orphans = page.locator(".orphans__item")
    expect(orphans).to_have_count(1)
    expect(orphans.first.locator(".orphans__quote")).to_have_text(ORPHANED)
    page.get_by_role("button", name="Revision 2").click()
    expect(page.locator("#revision-diff del").first).to_be_visible()
    expect(page.locator("#revision-diff ins", has_text="give up")).to_be_visible()
    expect(page.locator("#revision-diff del", has_text="relinquish")).to_be_visible()
    shot(page, "article-diff-orphans.png")
    page.locator("#revision-diff").scroll_into_view_if_needed()
    page.locator("#revision-diff").screenshot(path=str(SHOTS / "article-diff.png"))

    select_text(page, "The Kremlin did not comment")
    orphans.first.get_by_role("button", name="Re-attach to selection").click()

    expect(page.locator(".orphans__item")).to_have_count(0)
    reattached = Annotation.objects.get(pk=orphan.pk)
    assert (reattached.anchor_state, reattached.quote) == ("anchored", "The Kremlin did not comment")


def test_an_uploaded_page_is_previewed_like_a_fetched_one(page, login, editor, tmp_path):
    saved = tmp_path / "story.html"
    saved.write_bytes(NEWS_PAGE.encode())
    login(editor)
    page.goto("/articles/new/")
    page.get_by_role("tab", name="Upload a page").click()

    page.set_input_files("#import-file", str(saved))
    page.locator("[data-import=upload] button").click()

    expect(page.locator("#id_title")).to_have_value("Trump says summit with Putin is on hold")
    expect(page.locator("#id_origin")).to_have_value("import")
    page.get_by_role("button", name="Add article").click()
    expect(page.locator("#article-title")).to_have_text("Trump says summit with Putin is on hold")


def test_extracting_a_stored_url_links_to_the_article_and_offers_a_refresh(page, login, editor, server):
    stored = Article.objects.create(
        title="Summit on hold (stored)", body="An older text of the story.", url=server.url("/story"),
    )
    login(editor)
    page.goto("/articles/new/")

    page.fill("#import-url", server.url("/story") + "#comments")  # the same page, normalized
    page.get_by_role("button", name="Extract").first.click()

    box = page.locator("#import-duplicate")
    expect(box).to_be_visible()
    link = box.get_by_role("link", name="Summit on hold (stored)")
    expect(link).to_have_attribute("href", f"/articles/{stored.pk}/")
    expect(page.locator("#article-form")).to_be_hidden()
    shot(page, "import-duplicate.png")

    page.get_by_role("button", name="Refresh it").click()
    expect(page.locator("#import-status")).to_contain_text("Refreshed: the text changed")
    stored.refresh_from_db()
    assert stored.body.startswith("Donald Trump speaks to reporters")
    assert Article.objects.count() == 1


def test_who_may_not_edit_articles_is_not_offered_the_refresh(page, login, reviewer, server):
    Article.objects.create(title="Summit on hold (stored)", body="Older text.", url=server.url("/story"))
    login(reviewer)
    page.goto("/articles/new/")

    page.fill("#import-url", server.url("/story"))
    page.get_by_role("button", name="Extract").first.click()

    expect(page.locator("#import-duplicate")).to_contain_text("Already imported: Summit on hold (stored)")
    expect(page.get_by_role("button", name="Refresh it")).to_be_hidden()

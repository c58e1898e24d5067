import re
from pathlib import Path

from playwright.sync_api import expect

from annotations import services
from annotations.models import Annotation, Source
from tests.browser.helpers import click_text, drag_over, highlight_texts, select_text, stable_dict

PANEL = "#annotation-panel"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def test_dragging_over_text_opens_the_panel_and_save_paints_the_highlight(
    page, login, open_article, reviewer, article, ft_source
):
    login(reviewer)
    open_article(article)

    drag_over(page, "a story by the Financial Times")

    expect(page.locator(PANEL)).to_be_visible()
    expect(page.locator("#panel-heading")).to_have_text("New annotation")
    expect(page.locator("#panel-quote")).to_have_text("a story by the Financial Times")
    expect(page.locator("#f-claim")).to_have_value("")
    assert highlight_texts(page, "pending") == ["a story by the Financial Times"]
    page.fill("#f-claim", "The Financial Times published a story")
    page.select_option("#f-rating", "unproven")
    page.fill("#f-rationale", "Only one outlet reported it.")
    first = page.locator("#attribution-rows > li").nth(0)
    first.locator("[name=source]").fill("financial times")
    expect(first.locator(".row__known")).to_have_text("Known source · News outlet")
    expect(first.locator(".row__kind")).to_be_hidden()
    first.locator("[name=stance]").select_option("reported")
    page.click("[data-action=add-attribution]")
    second = page.locator("#attribution-rows > li").nth(1)
    second.locator("[name=source]").fill("Jane Roe")
    expect(second.locator(".row__kind")).to_be_visible()
    second.locator("[name=kind]").select_option("person")
    second.locator("[name=stance]").select_option("denied")
    page.click("[data-action=add-evidence]")
    evidence = page.locator("#evidence-rows > li").nth(0)
    evidence.locator("[name=url]").fill("https://evidence.example/ft-story")
    evidence.locator("[name=title]").fill("The FT story")
    evidence.locator("[name=relation]").select_option("supports")
    page.click("[data-action=save]")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    annotation = Annotation.objects.get()
    assert stable_dict(annotation) == {
        "article": article.pk,
        "start": 14, "end": 44,
        "quote": "a story by the Financial Times",
        "prefix": "Trump refuted ",
        "suffix": " that he had pressed Zelenskyy t",
        "claim": "The Financial Times published a story",
        "language": "en",
        "rating": "unproven",
        "rationale": "Only one outlet reported it.",
        "review_state": "draft",
        "review_comment": "",
        "same_as": [],
        "attributions": [
            {"source": {"name": "Financial Times", "kind": "news_outlet"}, "stance": "reported",
             "url": "", "date": None, "note": ""},
            {"source": {"name": "Jane Roe", "kind": "person"}, "stance": "denied",
             "url": "", "date": None, "note": ""},
        ],
        "evidence": [
            {"url": "https://evidence.example/ft-story", "title": "The FT story", "publisher": "",
             "published": None, "excerpt": "", "relation": "supports"},
        ],
        "created_by": "rita",
        "edited_by": "rita",
        "reviewed_by": None,
        "version": 1,
        "anchor_state": "anchored",
        "revision": 1,
        "previous_quote": "",
    }
    assert annotation.attributions.get(stance="reported").source == ft_source
    assert highlight_texts(page, "rating-unproven") == ["a story by the Financial Times"]
    assert highlight_texts(page, "state-draft") == ["a story by the Financial Times"]
    assert highlight_texts(page, "pending") == []
    item = page.locator(f"#annotation-list [data-annotation='{annotation.pk}']")
    expect(item).to_contain_text("Unproven")
    expect(item).to_contain_text("Draft")
    expect(item).to_contain_text("“a story by the Financial Times”")
    expect(item).to_contain_text("Financial Times reported · Jane Roe denied")
    expect(page.locator("#history-items")).to_contain_text("rita created the annotation")


def test_after_a_mouse_selection_a_and_ctrl_enter_neither_damage_the_claim_nor_save_a_junk_draft(
    page, login, open_article, reviewer, article
):
    login(reviewer)
    open_article(article)
    hint = page.locator("#body-hint")
    # The hint says what each way of selecting does: the mouse opens the panel at once.
    expect(hint).to_contain_text("with the mouse the panel opens at once")
    expect(hint).to_contain_text("tap Annotate below the selection")
    expect(hint).to_contain_text("press A or Enter")

    drag_over(page, "pressed Zelenskyy")
    expect(page.locator("#f-claim")).to_be_focused()
    expect(page.locator("#f-claim")).to_have_value("")
    expect(page.locator("#f-claim")).to_have_attribute("placeholder", "Restate the claim in your own words")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#f-claim-error")).to_have_text("Write the claim in your own words before saving.")
    page.click("[data-action=save]")
    expect(page.locator("#f-claim-error")).to_have_text("Write the claim in your own words before saving.")
    assert not Annotation.objects.exists()
    expect(page.locator("#panel-quote")).to_have_text("pressed Zelenskyy")
    Path("/tmp/desk-shots").mkdir(exist_ok=True)
    page.screenshot(path="/tmp/desk-shots/desktop_claim_refused.png")

    page.keyboard.type("Trump pressed Zelenskyy to give up the Donbas")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    annotation = Annotation.objects.get()
    assert (annotation.quote, annotation.claim) == (
        "pressed Zelenskyy", "Trump pressed Zelenskyy to give up the Donbas"
    )
    page.screenshot(path="/tmp/desk-shots/desktop_saved_new.png")


def test_clicking_a_highlight_opens_it_and_an_edit_repaints_it(
    page, login, open_article, reviewer, draft
):
    login(reviewer)
    open_article(draft.article)
    assert highlight_texts(page, "rating-unproven") == [draft.quote]

    click_text(page, "Zelenskyy")

    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {draft.pk}")
    expect(page.locator("#f-claim")).to_have_value(draft.claim)
    assert highlight_texts(page, "active") == [draft.quote]
    page.select_option("#f-rating", "false")
    page.fill("#f-claim", "Trump urged Zelenskyy to cede the Donbas")
    page.locator("#attribution-rows > li").nth(1).locator("[data-action=remove-row]").click()
    page.click("[data-action=save]")

    expect(page.locator("#panel-status")).to_contain_text("Version 2")
    draft.refresh_from_db()
    assert (draft.claim, draft.rating, draft.version) == (
        "Trump urged Zelenskyy to cede the Donbas", "false", 2,
    )
    assert [(a.source.name, a.stance) for a in draft.attributions.all()] == [
        ("Financial Times", "reported"),
    ]
    assert highlight_texts(page, "rating-false") == [draft.quote]
    assert highlight_texts(page, "rating-unproven") == []
    expect(page.locator(f"#annotation-list [data-annotation='{draft.pk}']")).to_contain_text("False")


def test_clicking_plain_text_opens_nothing(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)

    click_text(page, "White House official")

    expect(page.locator(PANEL)).to_be_hidden()


def test_delete_asks_for_confirmation_then_removes_the_highlight(
    page, login, open_article, reviewer, draft
):
    login(reviewer)
    open_article(draft.article)
    page.click(f"#annotation-list [data-annotation='{draft.pk}']")

    page.click("[data-action=show-delete]")
    expect(page.locator("#delete-confirm")).to_be_visible()
    expect(page.locator("[data-action=delete]")).to_be_focused()
    page.click("[data-action=hide-delete]")
    assert Annotation.objects.filter(pk=draft.pk).exists()
    page.click("[data-action=show-delete]")
    page.click("[data-action=delete]")

    expect(page.locator(PANEL)).to_be_hidden()
    expect(page.locator("#annotation-list > li")).to_have_count(0)
    assert not Annotation.objects.filter(pk=draft.pk).exists()
    assert highlight_texts(page, "state-draft") == []


def test_overlapping_annotations_are_marked_and_a_click_opens_the_innermost(
    page, login, open_article, reviewer, draft
):
    services.annotation_create(
        article=draft.article, user=reviewer, quote="Trump refuted a story", claim="Trump refuted it"
    )
    login(reviewer)
    open_article(draft.article)
    assert highlight_texts(page, "overlap") == ["refuted a story"]

    drag_over(page, "pressed Zelenskyy")
    page.fill("#f-claim", "He pressed Zelenskyy")
    page.click("[data-action=save]")
    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))

    newest = Annotation.objects.get(quote="pressed Zelenskyy")
    assert highlight_texts(page, "overlap") == ["pressed Zelenskyy", "refuted a story"]
    assert highlight_texts(page, "state-draft") == sorted(
        [draft.quote, "Trump refuted a story", "pressed Zelenskyy"]
    )
    page.click("[data-action=close-panel]")
    click_text(page, "Zelenskyy")
    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {newest.pk}")
    click_text(page, "relinquish")
    expect(page.locator("#panel-heading")).to_have_text(f"Annotation {draft.pk}")
    expect(page.locator("#annotation-list > li")).to_have_count(3)
    assert page.locator("#annotation-list .annotation-item__quote").all_text_contents() == [
        "“Trump refuted a story”",
        "“refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish the…”",
        "“pressed Zelenskyy”",
    ]


def test_api_errors_are_shown_next_to_their_field(page, login, open_article, reviewer, article):
    login(reviewer)
    open_article(article)
    select_text(page, "Donbas region")
    page.keyboard.press("Control+Enter")
    page.fill("#f-claim", "Trump pressed for the Donbas region")
    page.locator("#attribution-rows [data-action=remove-row]").click()
    page.click("[data-action=add-evidence]")
    row = page.locator("#evidence-rows > li").nth(0)
    row.locator("[name=url]").fill("javascript:alert(1)")
    page.click("[data-action=save]")
    expect(row.locator(".row__error")).to_have_text("Enter a link that starts with http:// or https://.")
    assert not Annotation.objects.exists()

    row.locator("[name=url]").fill("https://evidence.example/donbas")
    row.locator("[name=title]").fill("x" * 501)
    page.click("[data-action=save]")

    expect(row.locator(".row__error")).to_contain_text("no more than 500 characters")
    expect(page.locator(PANEL)).to_be_visible()
    assert not Annotation.objects.exists()
    assert highlight_texts(page, "state-draft") == []


def test_a_new_source_close_to_a_stored_one_asks_did_you_mean_before_it_is_created(
    page, login, open_article, reviewer, article
):
    peskov = Source.objects.create(name="Dmitry Peskov, Kremlin spokesperson", aliases=["Peskov"])
    login(reviewer)
    open_article(article)
    drag_over(page, "a story by the Financial Times")
    page.fill("#f-claim", "The Kremlin commented on the story")
    row = page.locator("#attribution-rows > li").nth(0)
    row.locator("[name=source]").fill("Dmitry Peskov")

    similar = row.locator(".row__similar")
    use_stored = similar.get_by_role(
        "button", name="Use the stored source Dmitry Peskov, Kremlin spokesperson (Person)")
    expect(similar).to_contain_text("Did you mean:")
    expect(use_stored).to_be_visible()
    expect(similar.get_by_role("button", name="Create new source “Dmitry Peskov”")).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "source-did-you-mean.png"))
    page.click("[data-action=save]")
    expect(row.locator(".row__error")).to_have_text(
        "A similar source is stored: choose it, or create a new source.")
    assert not Annotation.objects.exists()

    use_stored.click()
    expect(row.locator("[name=source]")).to_have_value("Dmitry Peskov, Kremlin spokesperson")
    expect(row.locator(".row__known")).to_have_text("Known source · Person")
    expect(similar).to_be_hidden()
    page.click("[data-action=add-attribution]")
    other = page.locator("#attribution-rows > li").nth(1)
    other.locator("[name=source]").fill("Dmitri Peskov Jr.")
    other.get_by_role("button", name="Create new source “Dmitri Peskov Jr.”").click()
    expect(other.locator(".row__similar")).to_be_hidden()
    page.click("[data-action=save]")

    expect(page.locator("#panel-heading")).to_have_text(re.compile(r"^Annotation \d+$"))
    names = [a.source.name for a in Annotation.objects.get().attributions.order_by("id")]
    assert names == ["Dmitry Peskov, Kremlin spokesperson", "Dmitri Peskov Jr."]
    assert Source.objects.filter(name__icontains="peskov").count() == 2
    assert peskov.attributions.count() == 1

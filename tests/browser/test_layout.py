from playwright.sync_api import expect


def test_on_a_tablet_the_text_fits_and_the_panel_is_a_sheet_over_the_lower_part(
    page, login, open_article, reviewer, draft
):
    page.set_viewport_size({"width": 768, "height": 1024})
    login(reviewer)
    open_article(draft.article)

    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    page.click(f"#annotation-list [data-annotation='{draft.pk}']")

    panel = page.locator("#annotation-panel")
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box["x"] == 0 and box["width"] == 768
    assert box["y"] + box["height"] == 1024
    assert box["height"] <= 0.62 * 1024 + 1
    # The opened annotation is scrolled into the part of the window above the sheet.
    quote = page.evaluate(
        "(() => { const r = [...CSS.highlights.get('fc-active')][0]; const range = document.createRange();"
        " range.setStart(r.startContainer, r.startOffset); range.setEnd(r.endContainer, r.endOffset);"
        " return range.getBoundingClientRect().toJSON(); })()"
    )
    assert quote["top"] >= 56 and quote["bottom"] <= box["y"]


def test_keyboard_focus_is_visible(page, login, open_article, reviewer, draft):
    login(reviewer)
    open_article(draft.article)

    page.locator(f"#annotation-list [data-annotation='{draft.pk}']").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")

    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline == ["solid", "3px"]
    page.keyboard.press("Enter")
    expect(page.locator("#panel-heading")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(f"#annotation-list [data-annotation='{draft.pk}']")).to_be_focused()

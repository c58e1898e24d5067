"""Drive selections in the annotation view and read back what it paints.

Selections are made from the DOM text itself (UTF-16 indexOf in the paragraphs' text
nodes), never through the page's own offset code, so the tests check that code.
"""

from annotations import presenters

FIND_TEXT = """
(text) => {
  for (const p of document.querySelectorAll('#article-body > p')) {
    const index = p.firstChild.data.indexOf(text);
    if (index >= 0) return [p, index];
  }
  throw new Error('not in the article: ' + text);
}
"""

SELECT = f"""
([startText, endText]) => {{
  const find = {FIND_TEXT};
  const [startP, startIndex] = find(startText);
  const [endP, endIndex] = find(endText);
  const range = document.createRange();
  range.setStart(startP.firstChild, startIndex);
  range.setEnd(endP.firstChild, endIndex + endText.length);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}}
"""

CHARACTER_BOXES = f"""
(text) => {{
  const [p, index] = ({FIND_TEXT})(text);
  const box = (from, to) => {{
    const range = document.createRange();
    range.setStart(p.firstChild, from);
    range.setEnd(p.firstChild, to);
    const rects = range.getClientRects();
    return rects[rects.length - 1].toJSON();
  }};
  return [box(index, index + 1), box(index + text.length - 1, index + text.length)];
}}
"""

HIGHLIGHT_TEXTS = """
(name) => [...(CSS.highlights.get(name) || [])].map((r) => {
  const range = document.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range.toString();
}).sort()
"""


def select_text(page, start_text: str, end_text: str | None = None) -> str:
    """Select from the start of start_text to the end of end_text (default: start_text)."""
    return page.evaluate(SELECT, [start_text, end_text or start_text])


def drag_over(page, text: str) -> None:
    """Select text with the mouse: press on its first character, release on its last."""
    first, last = page.evaluate(CHARACTER_BOXES, text)
    page.mouse.move(first["left"] + 1, first["top"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["right"] - 1, last["top"] + last["height"] / 2, steps=6)
    page.mouse.up()


def click_text(page, text: str) -> None:
    """Click the middle of text's first character."""
    first, _ = page.evaluate(CHARACTER_BOXES, text)
    page.mouse.click(first["left"] + first["width"] / 2, first["top"] + first["height"] / 2)


def highlight_texts(page, name: str) -> list[str]:
    """Return the text under each range of highlight fc-<name>, sorted."""
    return page.evaluate(HIGHLIGHT_TEXTS, f"fc-{name}")


def stable_dict(annotation) -> dict:
    """Return annotation_dict without the values a test cannot know (ids, times)."""
    data = presenters.annotation_dict(annotation)
    for field in ("id", "created_at", "updated_at", "reviewed_at"):
        data.pop(field)
    for item in data["attributions"] + data["evidence"]:
        item.pop("id")
    for attribution in data["attributions"]:
        attribution["source"].pop("id")
    return data

// Select text without a mouse: the article body takes focus, shows a block caret, and the
// arrow keys move it (with Shift they extend the selection; with Ctrl by word, or by
// sentence up and down).

const MOVES = {
  ArrowLeft: ["left", "character"],
  ArrowRight: ["right", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};

export class KeyboardSelection {
  constructor(body, map, layer, { annotate, openAt, selectionChanged }) {
    this.body = body;
    this.map = map;
    this.layer = layer;
    this.actions = { annotate, openAt, selectionChanged };
    this.keyboardMode = false;
    body.addEventListener("focus", () => this.onFocus());
    body.addEventListener("blur", () => {
      this.keyboardMode = false;
      layer.setCaret(null);
    });
    body.addEventListener("mousedown", () => {
      this.keyboardMode = false;
      layer.setCaret(null);
    });
    body.addEventListener("keydown", (event) => this.onKey(event));
  }

  onFocus() {
    if (!this.body.matches(":focus-visible")) return;
    this.keyboardMode = true;
    const selection = window.getSelection();
    if (selection.rangeCount === 0 || !this.body.contains(selection.focusNode)) {
      const visible = this.map.paragraphs.find((p) => p.element.getBoundingClientRect().bottom > 0);
      const first = visible || this.map.paragraphs[0];
      if (first) selection.collapse(first.node, 0);
    }
    this.showCaret();
  }

  focusOffset() {
    const selection = window.getSelection();
    if (selection.rangeCount === 0) return null;
    return this.map.offsetOf(selection.focusNode, selection.focusOffset);
  }

  showCaret() {
    const offset = this.focusOffset();
    this.layer.setCaret(this.keyboardMode ? offset : null);
    if (offset === null || !this.keyboardMode) return;
    const rect = this.map.range(Math.max(0, Math.min(offset, this.map.length - 1)), Math.min(offset + 1, this.map.length))
      .getBoundingClientRect();
    if (rect.bottom > window.innerHeight - 24) window.scrollBy({ top: rect.bottom - window.innerHeight / 2 });
    else if (rect.top < 24) window.scrollBy({ top: rect.top - window.innerHeight / 2 });
  }

  onKey(event) {
    if (event.target !== this.body) return;
    const selection = window.getSelection();
    const move = MOVES[event.key];
    if (move && !event.altKey && !event.metaKey) {
      event.preventDefault();
      this.keyboardMode = true;
      if (selection.rangeCount === 0 || !this.body.contains(selection.focusNode)) this.onFocus();
      const [direction, unit] = move;
      // Ctrl moves by word across and by sentence up and down (47 presses become one).
      const granularity = event.ctrlKey ? ({ character: "word", line: "sentence" }[unit] || unit) : unit;
      selection.modify(event.shiftKey ? "extend" : "move", direction, granularity);
      this.showCaret();
      this.actions.selectionChanged();
      return;
    }
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if ((event.key === "a" || event.key === "A") && plain) {
      if (!selection.isCollapsed) {
        event.preventDefault();
        this.actions.annotate();
      }
    } else if (event.key === "Enter" && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      if (!selection.isCollapsed) this.actions.annotate();
      else if (!event.ctrlKey) {
        const offset = this.focusOffset();
        if (offset !== null) this.actions.openAt(offset);
      }
    } else if (event.key === "Escape" && !selection.isCollapsed) {
      event.preventDefault();
      selection.collapseToEnd();
      this.showCaret();
      this.actions.selectionChanged();
    }
  }
}

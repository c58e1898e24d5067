// Paint annotations with the CSS Custom Highlight API: no element wraps any text.
//
// Each annotation's range joins one highlight for its rating (background colour) and one
// for its review state (underline style), so colour is never the only signal. Spans covered
// by more than one annotation join "fc-overlap" (a line above the text). Styles are the
// ::highlight() rules in article.css.

const PREFIX = "fc-";

export function supported() {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
}

export class HighlightLayer {
  constructor(textMap, { ratings, states }) {
    this.map = textMap;
    this.entries = new Map();
    this.highlights = new Map();
    const names = [
      ...ratings.map((rating) => `rating-${rating}`), "rating-none",
      ...states.map((state) => `state-${state}`), "overlap", "active", "pending", "caret",
    ];
    const priorities = { overlap: 2, active: 3, pending: 4, caret: 5 };
    for (const name of names) {
      const highlight = new Highlight();
      highlight.priority = priorities[name] ?? (name.startsWith("state-") ? 1 : 0);
      this.highlights.set(name, highlight);
      if (supported()) CSS.highlights.set(PREFIX + name, highlight);
    }
  }

  /** Replace every painted annotation with these. */
  setAll(annotations) {
    for (const [name, highlight] of this.highlights) {
      if (name.startsWith("rating-") || name.startsWith("state-")) highlight.clear();
    }
    this.entries.clear();
    for (const annotation of annotations) this.put(annotation, { overlaps: false });
    this.updateOverlaps();
  }

  /** Paint an annotation, or repaint it after a change. */
  put(annotation, { overlaps = true } = {}) {
    this.remove(annotation.id, { overlaps: false });
    const range = this.map.staticRange(annotation.start, annotation.end);
    const entry = {
      id: annotation.id, start: annotation.start, end: annotation.end, range,
      rating: `rating-${annotation.rating || "none"}`, state: `state-${annotation.review_state}`,
    };
    this.highlights.get(entry.rating)?.add(range);
    this.highlights.get(entry.state)?.add(range);
    this.entries.set(annotation.id, entry);
    if (this.activeId === annotation.id) this.setActive(annotation.id);
    if (overlaps) this.updateOverlaps();
  }

  remove(id, { overlaps = true } = {}) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.highlights.get(entry.rating)?.delete(entry.range);
    this.highlights.get(entry.state)?.delete(entry.range);
    this.entries.delete(id);
    if (this.activeId === id) this.highlights.get("active").clear();
    if (overlaps) this.updateOverlaps();
  }

  /** Return whether an annotation is painted. */
  has(id) {
    const entry = this.entries.get(id);
    return Boolean(entry && this.highlights.get(entry.rating).has(entry.range));
  }

  /** Mark the spans where two or more annotations overlap. */
  updateOverlaps() {
    const events = [];
    for (const { start, end } of this.entries.values()) {
      events.push([start, 1], [end, -1]);
    }
    // Ends before starts at the same offset: touching spans do not overlap.
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const overlap = this.highlights.get("overlap");
    overlap.clear();
    let depth = 0;
    let from = null;
    for (const [offset, step] of events) {
      depth += step;
      if (depth >= 2 && from === null) from = offset;
      else if (depth < 2 && from !== null) {
        if (offset > from) overlap.add(this.map.staticRange(from, offset));
        from = null;
      }
    }
  }

  setActive(id) {
    const active = this.highlights.get("active");
    active.clear();
    this.activeId = id;
    const entry = this.entries.get(id);
    if (entry) active.add(entry.range);
  }

  setPending(span) {
    const pending = this.highlights.get("pending");
    pending.clear();
    if (span) pending.add(this.map.staticRange(span.start, span.end));
  }

  /** Show a block caret on the character after code point `offset` (keyboard selection). */
  setCaret(offset) {
    const caret = this.highlights.get("caret");
    caret.clear();
    if (offset === null || offset === undefined || !this.map.length) return;
    const start = Math.min(offset, this.map.length - 1);
    caret.add(this.map.staticRange(start, start + 1));
  }

  /** Return the ids of annotations covering code point `offset`, shortest span first. */
  at(offset) {
    const hits = [];
    for (const entry of this.entries.values()) {
      if (entry.start <= offset && offset < entry.end) hits.push(entry);
    }
    hits.sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
    return hits.map((entry) => entry.id);
  }

  /** Return the code point offset of the character drawn under viewport point (x, y), or null. */
  offsetAtPoint(x, y) {
    let node;
    let offset;
    if (document.caretPositionFromPoint) {
      const position = document.caretPositionFromPoint(x, y);
      if (!position) return null;
      ({ offsetNode: node, offset } = position);
    } else {
      const range = document.caretRangeFromPoint(x, y);
      if (!range) return null;
      ({ startContainer: node, startOffset: offset } = range);
    }
    const caret = this.map.offsetOf(node, offset);
    if (caret === null || !this.map.container.contains(node)) return null;
    // The caret sits between two characters; keep the one whose box holds the point.
    for (const candidate of [caret, caret - 1]) {
      if (candidate < 0 || candidate >= this.map.length) continue;
      for (const rect of this.map.range(candidate, candidate + 1).getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return candidate;
      }
    }
    return null;
  }
}

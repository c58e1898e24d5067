// Attribution suggestions: who said what, found by the server, painted on demand in a style
// of their own (a wavy violet underline, never a background), listed with their source and
// stance. "Use" opens the new-annotation panel pre-filled; "Dismiss" hides a suggestion for
// every reviewer until its own sentence changes (edits elsewhere keep it dismissed).

import { ApiError } from "./api.js";
import { supported } from "./highlights.js";
import { el, excerpt, replaceChildren } from "./dom.js";

const PAINT = "fc-suggestion";
const FOCUS = "fc-suggestion-active";
const SENTENCE_END = /[.!?]["”’']?\s/g;

function key(suggestion) {
  return `${suggestion.start}:${suggestion.end}:${suggestion.stance}:${suggestion.source?.name || ""}`;
}

export class Suggestions {
  /**
   * root: the partial's <section>; api: the Api client; map: the body's TextMap;
   * openNew(span, prefill): opens the new-annotation panel; labels: vocabularies.
   */
  constructor(root, { api, map, articleId, labels, canCreate, openNew, announce }) {
    this.root = root;
    this.api = api;
    this.map = map;
    this.path = `articles/${articleId}/suggestions/`;
    this.labels = labels;
    this.canCreate = canCreate;
    this.openNew = openNew;
    this.announce = announce;
    this.toggle = root.querySelector("[data-action=toggle-suggestions]");
    this.list = root.querySelector("#suggestion-list");
    this.status = root.querySelector("#suggestion-status");
    this.items = new Map();
    this.paint = new Highlight();
    this.focus = new Highlight();
    this.focus.priority = 6;
    if (supported()) {
      CSS.highlights.set(PAINT, this.paint);
      CSS.highlights.set(FOCUS, this.focus);
    }
    this.toggle.addEventListener("click", () => this.setOn(this.toggle.getAttribute("aria-pressed") !== "true"));
    this.list.addEventListener("click", (event) => this.onClick(event));
    this.list.addEventListener("focusin", (event) => this.highlightItem(event.target.closest("li")));
    this.list.addEventListener("focusout", () => this.focus.clear());
    root.hidden = false;
  }

  async setOn(on) {
    this.toggle.setAttribute("aria-pressed", String(on));
    this.list.hidden = !on;
    if (!on) {
      this.paint.clear();
      this.focus.clear();
      this.status.textContent = "";
      return;
    }
    await this.refresh();
  }

  get isOn() {
    return this.toggle.getAttribute("aria-pressed") === "true";
  }

  /** Load the suggestions again (after a save or a dismissal) and repaint them. */
  async refresh() {
    if (!this.isOn) return;
    this.status.textContent = "Finding attributions…";
    let data;
    try {
      data = await this.api.request("GET", this.path);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status.textContent = error.fieldErrors.non_field_errors?.[0] || "The suggestions could not be loaded.";
      return;
    }
    if (!this.isOn) return;
    this.render(data.results);
  }

  render(results) {
    this.items.clear();
    this.paint.clear();
    const open = results.filter((suggestion) => !suggestion.annotated);
    this.status.textContent = results.length
      ? `${results.length} suggested attributions, ${open.length} not yet annotated.`
      : "No attributions found.";
    replaceChildren(this.list, results.map((suggestion) => this.item(suggestion)));
    for (const suggestion of results) {
      this.paint.add(this.map.staticRange(suggestion.start, suggestion.end));
    }
    this.root.dataset.loaded = String(results.length);
  }

  item(suggestion) {
    const id = key(suggestion);
    this.items.set(id, suggestion);
    const { stances, kinds } = this.labels;
    const source = suggestion.source;
    const who = source
      ? [el("strong", {}, source.name), source.text !== source.name ? ` (“${source.text}”)` : "",
        ` · ${kinds[source.kind] || source.kind}`]
      : [el("strong", {}, "No source named")];
    const headingId = `suggestion-${suggestion.start}-${suggestion.end}-${suggestion.stance}`;
    return el("li", { class: "suggestion", "data-key": id, "aria-labelledby": headingId },
      el("p", { class: "suggestion__who", id: headingId }, who),
      el("p", { class: "suggestion__meta" },
        el("span", { class: `badge stance--${suggestion.stance}` }, stances[suggestion.stance] || suggestion.stance),
        suggestion.direct ? " · direct quote" : " · reported speech",
        ` · cue “${suggestion.cue.text}”`,
        suggestion.annotated ? " · already annotated" : ""),
      el("blockquote", { class: "suggestion__quote" }, excerpt(suggestion.quote, 160)),
      el("div", { class: "button-row" },
        this.canCreate
          ? el("button", { type: "button", class: "button button--small", "data-action": "use-suggestion" }, "Use")
          : null,
        this.canCreate
          ? el("button", { type: "button", class: "button button--quiet button--small", "data-action": "dismiss-suggestion" }, "Dismiss")
          : null,
        el("button", { type: "button", class: "button button--quiet button--small", "data-action": "show-suggestion" }, "Show in text")));
  }

  highlightItem(item) {
    this.focus.clear();
    const suggestion = item && this.items.get(item.dataset.key);
    if (suggestion) this.focus.add(this.map.staticRange(suggestion.start, suggestion.end));
  }

  onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const item = button.closest("li");
    const suggestion = this.items.get(item.dataset.key);
    if (!suggestion) return;
    const action = button.dataset.action;
    if (action === "use-suggestion") this.use(suggestion, button);
    else if (action === "dismiss-suggestion") this.dismiss(suggestion, item);
    else if (action === "show-suggestion") this.show(suggestion);
  }

  show(suggestion) {
    const rect = this.map.range(suggestion.start, suggestion.end).getBoundingClientRect();
    window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "instant" });
  }

  /** Open the new-annotation panel with the suggestion's quote, source and stance. */
  use(suggestion, button) {
    const span = { start: suggestion.start, end: suggestion.end, quote: this.map.text(suggestion.start, suggestion.end) };
    this.openNew(span, {
      returnFocus: button,
      attribution: {
        name: suggestion.source?.name || "",
        kind: suggestion.source?.kind || "person",
        stance: suggestion.stance,
      },
      rationaleHint: `Attributed in: “${this.sentenceOf(suggestion)}”`,
    });
  }

  /** Return the sentence around the suggestion's cue. */
  sentenceOf(suggestion) {
    const length = this.map.length;
    const from = Math.max(0, suggestion.cue.start - 400);
    const to = Math.min(length, suggestion.cue.end + 400);
    const before = this.map.text(from, suggestion.cue.start);
    const after = this.map.text(suggestion.cue.start, to);
    let start = 0;
    for (const match of before.matchAll(SENTENCE_END)) start = match.index + match[0].length;
    const lineStart = before.lastIndexOf("\n");
    if (lineStart + 1 > start) start = lineStart + 1;
    SENTENCE_END.lastIndex = 0;
    const endMatch = SENTENCE_END.exec(after);
    let end = endMatch ? endMatch.index + endMatch[0].trimEnd().length : after.length;
    const lineEnd = after.indexOf("\n");
    if (lineEnd >= 0 && lineEnd < end) end = lineEnd;
    return (before.slice(start) + after.slice(0, end)).trim();
  }

  async dismiss(suggestion, item) {
    const body = {
      start: suggestion.start, end: suggestion.end, stance: suggestion.stance,
      source_name: suggestion.source?.name || "",
    };
    try {
      await this.api.request("POST", `${this.path}dismiss/`, { body });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status.textContent = error.fieldErrors.non_field_errors?.[0] || "The suggestion could not be dismissed.";
      return;
    }
    const next = item.nextElementSibling || item.previousElementSibling;
    this.announce("Suggestion dismissed for every reviewer.");
    await this.refresh();
    const focusTarget = next && this.list.querySelector(`li[data-key="${CSS.escape(next.dataset.key)}"] button`);
    (focusTarget || this.toggle).focus();
  }
}

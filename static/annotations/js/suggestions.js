// Attribution suggestions: who said what, found by the server, painted on demand in a style
// of their own (a wavy violet underline, never a background), listed with their source and
// stance. "Change source" corrects the speaker in place; "Use" opens the new-annotation panel
// with the passage, the speaker and its stance (the claim is the person's to write or to
// confirm); ticked suggestions are accepted together as drafts (suggestion_accept.js);
// "Dismiss" hides one for every reviewer until its own sentence changes.

import { ApiError } from "./api.js";
import { supported } from "./highlights.js";
import { el, excerpt, replaceChildren } from "./dom.js";
import { formatNumber, gettext, interpolate, ngettext, pgettext, quoted } from "./i18n.js";
import { AcceptSeveral } from "./suggestion_accept.js";
import { SpeakerEditor } from "./suggestion_speaker.js";
import { proposedClaim, speakerOf, suggestionKey } from "./suggestion_values.js";

const PAINT = "fc-suggestion";
const FOCUS = "fc-suggestion-active";
const SENTENCE_END = /[.!?]["”’']?\s/g;

export class Suggestions {
  /**
   * root: the partial's <section>; api: the Api client; map: the body's TextMap; sources:
   * the page's SourceDirectory; openNew(span, prefill): opens the new-annotation panel;
   * openAnnotation(id, button): opens a stored one; created(annotations): new drafts to show.
   */
  constructor(root, {
    api, map, articleId, labels, canCreate, sources, openNew, openAnnotation, created, announce,
  }) {
    this.root = root;
    this.api = api;
    this.map = map;
    this.path = `articles/${articleId}/suggestions/`;
    this.labels = labels;
    this.canCreate = canCreate;
    this.sources = sources;
    this.openNew = openNew;
    this.openAnnotation = openAnnotation;
    this.announce = announce;
    this.toggle = root.querySelector("[data-action=toggle-suggestions]");
    this.list = root.querySelector("#suggestion-list");
    this.status = root.querySelector("#suggestion-status");
    this.items = new Map();
    // What the person did on this page, kept across reloads of the list.
    this.corrections = new Map();
    this.editors = new Map();
    this.accepted = new Map();
    this.paint = new Highlight();
    this.focus = new Highlight();
    this.focus.priority = 6;
    if (supported()) {
      CSS.highlights.set(PAINT, this.paint);
      CSS.highlights.set(FOCUS, this.focus);
    }
    this.several = canCreate ? new AcceptSeveral(root, {
      api, articleId, labels, sources, announce, list: this,
      created: async (keys, ids, annotations) => {
        keys.forEach((key, index) => this.accepted.set(key, ids[index]));
        created(annotations);
        await this.refresh();
      },
    }) : null;
    this.toggle.addEventListener("click", () => this.setOn(this.toggle.getAttribute("aria-pressed") !== "true"));
    this.list.addEventListener("click", (event) => this.onClick(event));
    this.list.addEventListener("change", (event) => {
      const box = event.target.closest("input[data-action=pick]");
      if (box) this.several.pick(box.closest("li").dataset.key, box.checked);
    });
    this.list.addEventListener("focusin", (event) => this.highlightItem(event.target.closest("li.suggestion")));
    this.list.addEventListener("focusout", () => this.focus.clear());
    root.hidden = false;
  }

  async setOn(on) {
    this.toggle.setAttribute("aria-pressed", String(on));
    this.list.hidden = !on;
    this.several?.show(on);
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
    this.status.textContent = gettext("Finding attributions…");
    let data;
    try {
      data = await this.api.request("GET", this.path);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status.textContent = error.fieldErrors.non_field_errors?.[0] || gettext("The suggestions could not be loaded.");
      return;
    }
    if (!this.isOn) return;
    this.render(data.results);
  }

  render(results) {
    this.items.clear();
    this.paint.clear();
    const notAnnotated = results.filter((suggestion) => !suggestion.annotated);
    // Two counts, each with its own plural: "12 suggested attributions, 1 not yet annotated."
    this.status.textContent = results.length
      ? interpolate(gettext("%(suggested)s, %(open)s."), {
        suggested: interpolate(ngettext("%(count)s suggested attribution", "%(count)s suggested attributions",
          results.length), { count: formatNumber(results.length) }),
        open: interpolate(ngettext("%(count)s not yet annotated", "%(count)s not yet annotated", notAnnotated.length),
          { count: formatNumber(notAnnotated.length) }),
      })
      : gettext("No attributions found.");
    for (const suggestion of results) {
      // Sources the finder matched to stored ones count as known in the forms.
      const source = suggestion.source;
      if (source?.source_id) this.sources.remember({ id: source.source_id, name: source.name, kind: source.kind });
    }
    replaceChildren(this.list, results.map((suggestion) => this.item(suggestion)));
    for (const suggestion of results) {
      this.paint.add(this.map.staticRange(suggestion.start, suggestion.end));
    }
    const open = new Set(this.openKeys());
    for (const key of this.editors.keys()) {
      if (!open.has(key)) this.editors.delete(key);
    }
    this.several?.sync();
    this.root.dataset.loaded = String(results.length);
  }

  /** Keys of the listed suggestions that may still be accepted, in text order. */
  openKeys() {
    return [...this.items].filter(([key, suggestion]) => !suggestion.annotated && !this.accepted.has(key))
      .map(([key]) => key);
  }

  suggestion(key) {
    return this.items.get(key);
  }

  speaker(key) {
    return speakerOf(this.items.get(key), this.corrections.get(key));
  }

  syncChecks() {
    for (const box of this.list.querySelectorAll("input[data-action=pick]")) {
      box.checked = this.several.isPicked(box.closest("li").dataset.key);
    }
  }

  item(suggestion) {
    const key = suggestionKey(suggestion);
    this.items.set(key, suggestion);
    const { stances, kinds } = this.labels;
    const speaker = this.speaker(key);
    const source = suggestion.source;
    const index = [...this.items.keys()].indexOf(key) + 1;
    const headingId = `suggestion-${index}`;
    const quoteId = `suggestion-quote-${index}`;
    const acceptedId = this.accepted.get(key);
    const open = !suggestion.annotated && acceptedId === undefined;
    const who = speaker.name
      ? [el("strong", {}, speaker.name),
        !speaker.corrected && source.text !== source.name ? ` (${quoted(source.text)})` : "",
        ` · ${kinds[speaker.kind] || speaker.kind}`,
        speaker.corrected ? [" ", el("span", { class: "badge badge--corrected" }, gettext("corrected"))] : ""]
      : [el("strong", {}, gettext("No source named"))];
    const button = (action, text, props = {}) => el("button", {
      type: "button", class: `button button--small${action === "use-suggestion" ? "" : " button--quiet"}`,
      "data-action": action, ...props,
    }, text);
    const editor = this.editors.get(key);
    const item = el("li", {
      class: `suggestion${open ? "" : " suggestion--done"}`, "data-key": key, "aria-labelledby": headingId,
    },
    el("div", { class: "suggestion__head" },
      this.canCreate && open
        ? el("label", { class: "suggestion__pick" },
          el("input", {
            type: "checkbox", "data-action": "pick", "aria-labelledby": `${headingId}-pick ${headingId}`,
            "aria-describedby": quoteId,
          }),
          el("span", { class: "visually-hidden", id: `${headingId}-pick` }, gettext("Select")))
        : null,
      el("p", { class: "suggestion__who", id: headingId }, who)),
    el("p", { class: "suggestion__meta" },
      el("span", { class: `badge stance--${speaker.stance}` }, stances[speaker.stance] || speaker.stance),
      ` · ${suggestion.direct ? gettext("direct quote") : gettext("reported speech")}`,
      ` · ${interpolate(gettext("cue “%(cue)s”"), { cue: suggestion.cue.text })}`,
      suggestion.annotated && acceptedId === undefined ? ` · ${gettext("already annotated")}` : ""),
    speaker.corrected
      ? el("p", { class: "suggestion__was" },
        interpolate(gettext("Suggested: %(source)s, %(stance)s"), {
          source: source ? source.name : gettext("no source"), stance: stances[suggestion.stance] || suggestion.stance,
        }))
      : null,
    el("blockquote", { class: "suggestion__quote", id: quoteId }, excerpt(suggestion.quote, 160)),
    acceptedId !== undefined
      ? el("p", { class: "suggestion__done" },
        `${interpolate(gettext("Accepted as draft annotation %(id)s."), { id: acceptedId })} `,
        button("open-accepted", interpolate(gettext("Open annotation %(id)s"), { id: acceptedId }), { "data-id": acceptedId }))
      : null,
    el("div", { class: "button-row" },
      this.canCreate && acceptedId === undefined ? button("use-suggestion", pgettext("suggestion", "Use")) : null,
      this.canCreate && open
        ? button("correct-speaker", gettext("Change source"), { "aria-expanded": editor ? "true" : "false" })
        : null,
      this.canCreate ? button("dismiss-suggestion", gettext("Dismiss")) : null,
      button("show-suggestion", gettext("Show in text"))),
    editor && open ? editor.element : null);
    if (this.canCreate && open) item.querySelector("input[data-action=pick]").checked = this.several.isPicked(key);
    return item;
  }

  highlightItem(item) {
    this.focus.clear();
    const suggestion = item && this.items.get(item.dataset.key);
    if (suggestion) this.focus.add(this.map.staticRange(suggestion.start, suggestion.end));
  }

  onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const item = button.closest("li.suggestion");
    const suggestion = item && this.items.get(item.dataset.key);
    if (!suggestion) return;
    const action = button.dataset.action;
    if (action === "use-suggestion") this.use(suggestion, button);
    else if (action === "correct-speaker") this.correct([{ key: item.dataset.key, reason: "" }]);
    else if (action === "dismiss-suggestion") this.dismiss(suggestion, item);
    else if (action === "show-suggestion") this.show(suggestion);
    else if (action === "open-accepted") this.openAnnotation(Number(button.dataset.id), button);
  }

  /** Open the speaker editors of these suggestions ([{key, reason}]) and focus the first. */
  correct(requests) {
    let first = null;
    for (const { key, reason } of requests) {
      let editor = this.editors.get(key);
      if (!editor) {
        editor = new SpeakerEditor(this.speaker(key), {
          sources: this.sources, kindLabels: this.labels.kinds,
          apply: (correction) => this.applyCorrection(key, correction),
          closed: (applied) => this.editorClosed(key, applied),
        });
        this.editors.set(key, editor);
        const item = this.itemElement(key);
        item.append(editor.element);
        item.querySelector("[data-action=correct-speaker]").setAttribute("aria-expanded", "true");
      }
      editor.setReason(reason);
      first ||= editor;
    }
    first?.focus();
    first?.element.scrollIntoView({ block: "nearest" });
  }

  /** Ask for the sources that must be answered before several are accepted. */
  askSpeakers(questions) {
    this.correct(questions);
  }

  itemElement(key) {
    return this.list.querySelector(`li[data-key="${CSS.escape(key)}"]`);
  }

  applyCorrection(key, correction) {
    const suggestion = this.items.get(key);
    const source = suggestion.source;
    const same = source && correction.name === source.name && correction.kind === source.kind
      && correction.stance === suggestion.stance;
    if (same) this.corrections.delete(key);
    else this.corrections.set(key, correction);
    this.announce(same ? gettext("The suggested source is kept.")
      : interpolate(gettext("Source corrected to %(name)s."), { name: correction.name }));
  }

  editorClosed(key, applied) {
    this.editors.delete(key);
    const old = this.itemElement(key);
    if (!old) return;
    const fresh = this.item(this.items.get(key));
    old.replaceWith(fresh);
    fresh.querySelector(applied ? "[data-action=use-suggestion]" : "[data-action=correct-speaker]")?.focus();
  }

  show(suggestion) {
    const rect = this.map.range(suggestion.start, suggestion.end).getBoundingClientRect();
    window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "instant" });
  }

  /** Open the new-annotation panel with the suggestion's passage, speaker and stance. */
  use(suggestion, button) {
    const key = suggestionKey(suggestion);
    const speaker = this.speaker(key);
    const span = { start: suggestion.start, end: suggestion.end, quote: this.map.text(suggestion.start, suggestion.end) };
    const origin = speaker.corrected
      ? interpolate(gettext("Corrected from the suggestion; cue in the text: “%(cue)s”"), { cue: suggestion.cue.text })
      : `${suggestion.source
        ? interpolate(gettext("In the text: “%(source)s”"), { source: suggestion.source.text })
        : gettext("In the text: no source named")} · ${interpolate(gettext("cue “%(cue)s”"), { cue: suggestion.cue.text })}`;
    this.openNew(span, {
      returnFocus: button,
      attribution: speaker.name ? { ...speaker, origin } : null,
      rationaleHint: interpolate(gettext("Attributed in: “%(sentence)s”"), { sentence: this.sentenceOf(suggestion) }),
      claimWording: proposedClaim(suggestion),
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
      this.status.textContent = error.fieldErrors.non_field_errors?.[0] || gettext("The suggestion could not be dismissed.");
      return;
    }
    const next = item.nextElementSibling || item.previousElementSibling;
    this.announce(gettext("Suggestion dismissed for every reviewer."));
    await this.refresh();
    const focusTarget = next && this.list.querySelector(`li[data-key="${CSS.escape(next.dataset.key)}"] button`);
    (focusTarget || this.toggle).focus();
  }
}

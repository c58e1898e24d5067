// "Known claims like this one": known claims like the one being annotated (ours verified, other checkers'
// ClaimReviews), asked of /api/v1/claims/similar/ when a span is selected and, debounced,
// while the claim is edited. "Same claim" records the link in the form's same_as field; the
// rating and, for our verified claims, the attributions (source name, kind, stance) can be
// copied into the form as a starting point.

import { el, replaceChildren } from "./dom.js";
import { formatNumber, gettext, interpolate, languageName } from "./i18n.js";

const DEBOUNCE_MS = 400;
const MIN_CHARS = 12;

export class SeenBefore {
  constructor(root, { api, form, quote, currentId }) {
    this.root = root;
    this.api = api;
    this.form = form;
    this.quote = quote;
    this.currentId = currentId;
    this.items = root.querySelector("#seen-before-items");
    this.input = form.elements.same_as;
    this.threshold = Number(root.dataset.threshold || "0.2");
    this.results = [];
    this.sequence = 0;
    this.timer = null;
    this.asked = null;
    // The panel writes the quote whenever it opens a span or an annotation.
    new MutationObserver(() => this.refresh()).observe(quote, { childList: true, characterData: true, subtree: true });
    form.elements.claim.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
    });
    root.addEventListener("click", (event) => this.onClick(event));
  }

  links() {
    try {
      const links = JSON.parse(this.input.value || "[]");
      return Array.isArray(links) ? links : [];
    } catch {
      return [];
    }
  }

  isLinked(result) {
    return this.links().some((link) => link.kind === result.kind && link.id === result.id);
  }

  async refresh() {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    const text = (this.form.elements.claim.value.trim() || this.quote.textContent.trim()).slice(0, 5000);
    // Reopening the same text (after a save, say) keeps the answer already shown.
    if (text === this.asked && !this.root.hidden) {
      this.show(this.results);
      return;
    }
    this.asked = text;
    if (text.length < MIN_CHARS) {
      this.show([]);
      return;
    }
    let data;
    try {
      data = await this.api.request("POST", "claims/similar/", { body: { text, limit: 5 } });
    } catch {
      if (sequence === this.sequence) this.show([]);
      return;
    }
    if (sequence !== this.sequence) return;
    const own = this.currentId();
    this.show(data.results.filter((r) => r.score >= this.threshold && !(r.kind === "verified" && r.id === own)));
  }

  show(results) {
    this.results = results;
    this.root.hidden = results.length === 0;
    replaceChildren(this.items, results.map((result, index) => this.item(result, index)));
  }

  item(result, index) {
    const linked = this.isLinked(result);
    const editable = !this.form.classList.contains("is-readonly");
    const rating = result.rating || "none";
    const who = result.kind === "verified"
      ? interpolate(gettext("%(reviewer)s (ours)"), { reviewer: result.reviewed_by })
      : result.reviewed_by || gettext("Another fact-checker");
    return el("li", { class: "seen-before__item", "data-kind": result.kind },
      el("p", { class: "seen-before__claim" },
        el("span", { class: `badge rating--${rating}` }, result.rating_label || gettext("Not rated")), " ",
        el("a", {
          href: result.url, target: "_blank", rel: "noopener noreferrer", lang: result.language || null, dir: "auto",
        }, result.claim)),
      el("p", { class: "seen-before__meta" },
        [who, languageName(result.language), result.date, interpolate(gettext("match %(percent)s"),
          { percent: formatNumber(Math.round(result.score * 100) / 100, { style: "percent" }) })].filter(Boolean).join(" · ")),
      editable ? el("div", { class: "button-row" },
        el("button", {
          type: "button", class: "button button--small", "data-action": "same-claim",
          "data-index": index, "aria-pressed": linked ? "true" : "false",
        }, linked ? gettext("Linked as same claim") : gettext("Same claim")),
        result.rating ? el("button", {
          type: "button", class: "button button--small button--quiet", "data-action": "copy-rating",
          "data-index": index,
        }, interpolate(gettext("Use rating “%(rating)s”"), { rating: result.rating_label })) : null,
        result.attributions?.length ? el("button", {
          type: "button", class: "button button--small button--quiet", "data-action": "copy-attributions",
          "data-index": index,
        }, interpolate(gettext("Use attributions (%(count)s)"), { count: formatNumber(result.attributions.length) })) : null) : null);
  }

  /** Add the known claim's attributions as new rows, skipping sources the form already names. */
  copyAttributions(attributions) {
    const list = this.form.querySelector("#attribution-rows");
    const named = () => [...list.querySelectorAll("[name=source]")].map((input) => input.value.trim().toLowerCase());
    for (const attribution of attributions) {
      const name = attribution.source.name;
      if (named().includes(name.toLowerCase())) continue;
      // An empty row (a new annotation opens with one) is filled first; otherwise the
      // panel's own "Add attribution" makes the row, so the form owns every row it sends.
      let row = [...list.children].find((item) => !item.querySelector("[name=source]").value.trim());
      if (!row) {
        this.form.querySelector("[data-action=add-attribution]").click();
        row = list.lastElementChild;
      }
      row.querySelector("[name=kind]").value = attribution.source.kind;
      row.querySelector("[name=stance]").value = attribution.stance;
      const source = row.querySelector("[name=source]");
      source.value = name;
      source.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const result = this.results[Number(button.dataset.index)];
    if (!result) return;
    event.preventDefault();
    if (button.dataset.action === "same-claim") {
      const others = this.links().filter((link) => !(link.kind === result.kind && link.id === result.id));
      const links = this.isLinked(result) ? others : [...others, { kind: result.kind, id: result.id, url: result.url }];
      this.input.value = JSON.stringify(links);
    } else if (button.dataset.action === "copy-rating") {
      this.form.elements.rating.value = result.rating;
    } else if (button.dataset.action === "copy-attributions") {
      this.copyAttributions(result.attributions);
    }
    const focused = button.dataset.action;
    this.show(this.results);
    this.items.querySelector(`[data-index="${button.dataset.index}"][data-action="${focused}"]`)?.focus();
  }
}

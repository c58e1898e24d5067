// "Known claims in this article": sentences of the body that repeat a verified claim or another
// fact-checker's review, each one click away from a pre-filled annotation.

import { el, replaceChildren } from "./dom.js";
import { gettext, interpolate, languageName, quoted } from "./i18n.js";

export class KnownClaims {
  constructor(root, { api, articleId, canAnnotate, annotate }) {
    this.root = root;
    this.api = api;
    this.articleId = articleId;
    this.canAnnotate = canAnnotate;
    this.annotate = annotate;
    this.items = root.querySelector("#known-claims-items");
    this.results = [];
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action=annotate-known]");
      const found = button && this.results[Number(button.dataset.index)];
      if (found) {
        event.preventDefault();
        this.annotate(found.start, found.end);
      }
    });
  }

  async load() {
    let data;
    try {
      data = await this.api.request("GET", `articles/${this.articleId}/known-claims/`);
    } catch {
      return;
    }
    this.results = data.results;
    this.root.hidden = this.results.length === 0;
    replaceChildren(this.items, this.results.map((found, index) => this.item(found, index)));
  }

  item(found, index) {
    const match = found.match;
    const who = match.kind === "verified"
      ? interpolate(gettext("%(reviewer)s (ours)"), { reviewer: match.reviewed_by })
      : match.reviewed_by || gettext("Another fact-checker");
    return el("li", { class: "known-claims__item" },
      el("p", { class: "known-claims__sentence", dir: "auto" }, quoted(found.sentence)),
      el("p", { class: "seen-before__claim" },
        el("span", { class: `badge rating--${match.rating || "none"}` }, match.rating_label || gettext("Not rated")), " ",
        el("a", {
          href: match.url, target: "_blank", rel: "noopener noreferrer", lang: match.language || null, dir: "auto",
        }, match.claim)),
      el("p", { class: "seen-before__meta" }, [who, languageName(match.language), match.date].filter(Boolean).join(" · ")),
      this.canAnnotate ? el("button", {
        type: "button", class: "button button--small", "data-action": "annotate-known", "data-index": index,
      }, gettext("Annotate this sentence")) : null);
  }
}

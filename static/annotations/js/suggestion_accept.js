// Accepting several suggestions at once: tick them, read what will be created (one draft
// each, with the claim the person confirms or rewrites), then one all-or-nothing bulk
// request; refused items are marked with the server's reasons and nothing is stored.

import { ApiError } from "./api.js";
import { el, excerpt, replaceChildren } from "./dom.js";
import { describe } from "./errors.js";
import { formatNumber, gettext, interpolate, ngettext } from "./i18n.js";
import { attributionOf, proposedClaim } from "./suggestion_values.js";

// Fields that place the passage: refused when the article changed since the list was loaded.
const SPAN = ["quote", "start", "end", "prefix", "suffix"];
const moved = () => gettext("The article changed here since the suggestions were loaded: the passage no longer matches.");

/** Return a text chosen by ngettext for count, its "%(count)s" written in the page's digits. */
function counted(text, count) {
  return interpolate(text, { count: formatNumber(count) });
}

/** Return an item's errors in words: a moved passage said plainly, others as the server says. */
function explain(errors) {
  if (!errors || typeof errors !== "object" || Array.isArray(errors)) return describe(errors);
  const placeMoved = SPAN.some((field) => field in errors);
  const { attributions, ...rest } = Object.fromEntries(
    Object.entries(errors).filter(([field]) => !SPAN.includes(field)));
  return [placeMoved ? moved() : "", attributions ? describe(attributions) : "", describe(rest)]
    .filter(Boolean).join(" ");
}

export class AcceptSeveral {
  /**
   * root: the suggestions section; list: provides suggestion(key), speaker(key),
   * openKeys() (in text order, not yet annotated) and askSpeakers([{key, reason}]);
   * created(keys, annotations) runs after a successful create.
   */
  constructor(root, { api, articleId, labels, sources, list, created, announce }) {
    this.api = api;
    this.articleId = articleId;
    this.labels = labels;
    this.sources = sources;
    this.suggestions = list;
    this.created = created;
    this.announce = announce;
    this.picked = new Set();
    this.claims = new Map();
    this.shown = [];
    this.bar = root.querySelector("#suggestion-bulk");
    this.all = root.querySelector("#suggestion-pick-all");
    this.button = root.querySelector("[data-action=accept-selected]");
    this.status = root.querySelector("#suggestion-bulk-status");
    this.box = root.querySelector("#suggestion-confirm");
    this.title = root.querySelector("#suggestion-confirm-title");
    this.entries = root.querySelector("#suggestion-confirm-items");
    this.error = root.querySelector("#suggestion-confirm-error");
    this.createButton = root.querySelector("[data-action=create-drafts]");
    this.button.addEventListener("click", () => this.prepare());
    this.all.addEventListener("change", () => this.pickAll(this.all.checked));
    this.createButton.addEventListener("click", () => this.create());
    root.querySelector("[data-action=cancel-drafts]").addEventListener("click", () => this.cancel());
    this.entries.addEventListener("input", (event) => {
      const entry = event.target.closest("li[data-key]");
      if (entry && event.target.name === "claim") this.claims.set(entry.dataset.key, event.target.value);
    });
    this.box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.cancel();
      }
    });
  }

  show(on) {
    this.bar.hidden = !on;
    if (on) return;
    this.cancel({ focus: false });
    this.picked.clear();
    this.say("");
  }

  isPicked(key) {
    return this.picked.has(key);
  }

  pick(key, on) {
    if (on) this.picked.add(key);
    else this.picked.delete(key);
    this.update();
  }

  pickAll(on) {
    this.picked = new Set(on ? this.suggestions.openKeys() : []);
    this.suggestions.syncChecks();
    this.update();
  }

  /** Keep only picks that are still open suggestions (after a refresh). */
  sync() {
    const open = new Set(this.suggestions.openKeys());
    this.picked = new Set([...this.picked].filter((key) => open.has(key)));
    if (!this.box.hidden && this.shown.some((key) => !open.has(key))) {
      this.cancel({ focus: false });
      this.say(gettext("The suggestions changed meanwhile; check the ticked ones and accept again."));
    }
    this.update();
  }

  update() {
    const count = this.picked.size;
    const open = this.suggestions.openKeys().length;
    this.button.disabled = count === 0;
    this.button.textContent = interpolate(gettext("Accept selected (%(count)s)"), { count: formatNumber(count) });
    this.all.checked = count > 0 && count === open;
    this.all.indeterminate = count > 0 && count < open;
    this.all.disabled = open === 0;
  }

  say(text) {
    this.status.textContent = text;
  }

  ordered() {
    return this.suggestions.openKeys().filter((key) => this.picked.has(key));
  }

  /** The speaker to store for a pick, with a stored source found by its name as that source. */
  speaker(key) {
    const speaker = this.suggestions.speaker(key);
    const known = !speaker.sourceId && speaker.name ? this.sources.find(speaker.name) : null;
    return known ? { ...speaker, name: known.name, kind: known.kind, sourceId: known.id } : speaker;
  }

  /** Ask about sources first (none named, or close to stored ones); else say what will be created. */
  async prepare() {
    const keys = this.ordered();
    if (!keys.length) return;
    this.say("");
    const questions = [];
    for (const key of keys) {
      const speaker = this.speaker(key);
      if (!speaker.name) {
        questions.push({ key, reason: gettext("No source is named: name one before accepting.") });
      } else if (!speaker.sourceId && !speaker.confirmedNew) {
        const similar = await this.sources.similar(speaker.name);
        if (similar.length) {
          questions.push({
            key,
            reason: interpolate(gettext("“%(name)s” would be a new source, and similar ones are stored: choose one or create it."),
              { name: speaker.name }),
          });
        }
      }
    }
    if (questions.length) {
      this.say(counted(ngettext(
        "%(count)s suggestion needs a source answered first (opened below); apply it, then accept again.",
        "%(count)s suggestions need a source answered first (opened below); apply it, then accept again.",
        questions.length,
      ), questions.length));
      this.suggestions.askSpeakers(questions);
      return;
    }
    this.confirm(keys);
  }

  confirm(keys) {
    const { stances, kinds } = this.labels;
    this.shown = keys;
    this.title.textContent = counted(
      ngettext("Create %(count)s draft annotation?", "Create %(count)s draft annotations?", keys.length), keys.length);
    replaceChildren(this.entries, keys.map((key, index) => {
      const suggestion = this.suggestions.suggestion(key);
      const speaker = this.speaker(key);
      const claimId = `suggestion-claim-${index}`;
      const errorId = `suggestion-claim-error-${index}`;
      return el("li", { class: "draft-entry", "data-key": key },
        el("p", { class: "draft-entry__who" },
          el("strong", {}, speaker.name), ` — ${stances[speaker.stance] || speaker.stance}`,
          speaker.sourceId ? "" : ` · ${interpolate(gettext("new source (%(kind)s)"), { kind: kinds[speaker.kind] || speaker.kind })}`),
        el("blockquote", { class: "draft-entry__quote" }, excerpt(suggestion.quote, 140)),
        el("label", { for: claimId }, interpolate(gettext("Claim %(number)s"), { number: formatNumber(index + 1) })),
        el("textarea", { id: claimId, name: "claim", rows: "3", maxlength: "1000", "aria-describedby": errorId }),
        el("p", { class: "field__error", id: errorId }));
    }));
    // Text assigned, not parsed: the claim is the suggestion's words, shown to be confirmed.
    keys.forEach((key, index) => {
      this.entries.querySelector(`#suggestion-claim-${index}`).value =
        this.claims.get(key) ?? proposedClaim(this.suggestions.suggestion(key));
    });
    this.createButton.textContent = counted(ngettext("Create %(count)s draft", "Create %(count)s drafts", keys.length), keys.length);
    this.error.hidden = true;
    this.box.hidden = false;
    this.title.focus();
  }

  cancel({ focus = true } = {}) {
    if (this.box.hidden) return;
    this.box.hidden = true;
    this.shown = [];
    if (focus) this.button.focus();
  }

  entryErrors() {
    return [...this.entries.querySelectorAll(".field__error")];
  }

  async create() {
    if (this.busy) return;
    const keys = this.shown;
    this.error.hidden = true;
    this.entryErrors().forEach((element) => { element.textContent = ""; });
    const claims = [...this.entries.querySelectorAll("textarea[name=claim]")];
    claims.forEach((claim) => claim.setAttribute("aria-invalid", "false"));
    const empty = claims.filter((claim) => !claim.value.trim());
    if (empty.length) {
      for (const claim of empty) {
        claim.setAttribute("aria-invalid", "true");
        claim.closest("li").querySelector(".field__error").textContent =
          gettext("Write the claim, or cancel and untick this suggestion.");
      }
      empty[0].focus();
      return;
    }
    const items = keys.map((key, index) => {
      const suggestion = this.suggestions.suggestion(key);
      return {
        article: this.articleId, start: suggestion.start, end: suggestion.end, quote: suggestion.quote,
        claim: claims[index].value.trim(), attributions: [attributionOf(this.speaker(key))],
      };
    });
    this.busy = true;
    this.createButton.disabled = true;
    let ids;
    try {
      ({ ids } = await this.api.request("POST", "annotations/bulk/", { body: items }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.refused(error, keys.length);
      return;
    } finally {
      this.busy = false;
      this.createButton.disabled = false;
    }
    const annotations = await Promise.all(ids.map((id) => this.api.getAnnotation(id).catch(() => null)));
    keys.forEach((key) => {
      this.claims.delete(key);
      this.picked.delete(key);
    });
    this.cancel({ focus: false });
    this.say(counted(ngettext(
      "Created %(count)s draft annotation; rate it and submit it for review from the annotation list.",
      "Created %(count)s draft annotations; rate them and submit them for review from the annotation list.",
      ids.length,
    ), ids.length));
    this.announce(this.status.textContent);
    await this.created(keys, ids, annotations.filter(Boolean));
    this.status.focus();
  }

  /** Show why the bulk create was refused: per item where the server says which. */
  refused(error, count) {
    const items = Array.isArray(error.data) ? error.data : null;
    if (error.status === 400 && items) {
      const entries = [...this.entries.children];
      for (const { index, errors } of items) {
        const entry = entries[index];
        if (entry) entry.querySelector(".field__error").textContent = explain(errors);
      }
      const placeMoved = items.some(({ errors }) => errors && SPAN.some((field) => field in errors));
      this.error.textContent = `${interpolate(ngettext(
        "Nothing was created: %(refused)s of %(count)s draft was refused (marked below).",
        "Nothing was created: %(refused)s of %(count)s drafts were refused (marked below).", count,
      ), { refused: formatNumber(items.length), count: formatNumber(count) })} ${placeMoved
        ? gettext("Reload the page to work on the article as it is now.")
        : gettext("Correct them, or cancel and untick them.")}`;
    } else {
      this.error.textContent = interpolate(gettext("Nothing was created: %(reason)s"),
        { reason: error.fieldErrors.non_field_errors?.[0] || describe(error.fieldErrors) });
    }
    this.error.hidden = false;
    this.error.focus();
  }
}

// The repeatable rows of the annotation form: attributions (with source autocomplete) and
// evidence links. Rows are cloned from <template> elements rendered by the server.

import { safeHref } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

const originals = new WeakMap();

function clone(templateId) {
  return document.getElementById(templateId).content.firstElementChild.cloneNode(true);
}

/** Remember sources seen in search results, by lower-case name (names are unique that way). */
export class SourceDirectory {
  constructor(api, datalist, kindLabels) {
    this.api = api;
    this.datalist = datalist;
    this.kindLabels = kindLabels;
    this.byName = new Map();
    this.timer = null;
  }

  remember(source) {
    if (source && source.name) this.byName.set(source.name.toLowerCase(), source);
  }

  find(name) {
    return this.byName.get(name.trim().toLowerCase()) || null;
  }

  /** Stored sources close to a name about to be created (a lookup per distinct name). */
  similar(name) {
    const key = name.trim().toLowerCase();
    if (!this.similarByName) this.similarByName = new Map();
    if (!this.similarByName.has(key)) {
      const found = this.api.similarSources(name.trim()).then((sources) => {
        sources.forEach((source) => this.remember(source));
        return sources;
      }, () => {
        this.similarByName.delete(key);  // asked again at the next save
        return [];
      });
      this.similarByName.set(key, found);
    }
    return this.similarByName.get(key);
  }

  /** Fill the shared <datalist> with the sources matching what is typed (debounced). */
  suggest(term, then) {
    clearTimeout(this.timer);
    const search = term.trim();
    if (!search) return;
    this.timer = setTimeout(async () => {
      let sources;
      try {
        sources = await this.api.searchSources(search);
      } catch {
        return;
      }
      sources.forEach((source) => this.remember(source));
      this.datalist.replaceChildren(...sources.map((source) => {
        const option = document.createElement("option");
        option.value = source.name;
        option.textContent = this.kindLabels[source.kind] || source.kind;
        return option;
      }));
      then();
    }, 150);
  }
}

export class AttributionRows {
  constructor(list, { sources, kindLabels }) {
    this.list = list;
    this.sources = sources;
    this.kindLabels = kindLabels;
    list.addEventListener("input", (event) => {
      const input = event.target.closest("input[name=source]");
      if (!input) return;
      const row = input.closest("li");
      this.updateKnown(row);
      this.sources.suggest(input.value, () => this.updateKnown(row));
      clearTimeout(row.similarTimer);
      row.similarTimer = setTimeout(() => this.lookSimilar(row), 300);
    });
    // Before a second source is made for someone already stored, the row asks.
    list.addEventListener("click", (event) => {
      const button = event.target.closest("[data-similar]");
      if (!button) return;
      const row = button.closest("li");
      const input = row.querySelector("[name=source]");
      if (button.dataset.similar === "use") {
        input.value = button.dataset.name;
      } else {
        row.dataset.confirmedNew = input.value.trim();
      }
      row.querySelector(".row__error").textContent = "";
      this.updateKnown(row);
      input.focus();
    });
  }

  /** The typed name when it would create a new source (not stored, not the row's own). */
  newName(row) {
    const name = row.querySelector("[name=source]").value.trim();
    return name && !this.sources.find(name) ? name : "";
  }

  /** Look up stored sources close to a new name; show them unless the new one is confirmed. */
  async lookSimilar(row) {
    const name = this.newName(row);
    if (!name) return;
    const found = await this.sources.similar(name);
    if (row.querySelector("[name=source]").value.trim() !== name) return;
    row.similar = { name: name.toLowerCase(), sources: found };
    this.updateKnown(row);
  }

  /** Wait for the close-name lookups of every row that would create a source. */
  async settle() {
    clearTimeout(this.sources.timer);
    await Promise.all(this.rows().map((row) => {
      clearTimeout(row.similarTimer);
      return this.lookSimilar(row);
    }));
  }

  /** The stored sources the row's new name may duplicate, while not answered. */
  pendingSimilar(row) {
    const name = this.newName(row);
    if (!name || row.dataset.confirmedNew === name) return [];
    const similar = row.similar;
    return similar && similar.name === name.toLowerCase() ? similar.sources : [];
  }

  renderSimilar(row) {
    const box = row.querySelector(".row__similar");
    const sources = this.pendingSimilar(row);
    box.hidden = sources.length === 0;
    if (box.hidden) {
      box.replaceChildren();
      return;
    }
    const name = this.newName(row);
    const intro = document.createElement("p");
    intro.textContent = gettext("Did you mean:");
    const buttons = sources.map((source) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small";
      button.dataset.similar = "use";
      button.dataset.name = source.name;
      button.textContent = interpolate(gettext("%(name)s?"), { name: source.name });
      button.setAttribute("aria-label", interpolate(gettext("Use the stored source %(name)s (%(kind)s)"),
        { name: source.name, kind: this.kindLabels[source.kind] || source.kind }));
      return button;
    });
    const create = document.createElement("button");
    create.type = "button";
    create.className = "button button--quiet button--small";
    create.dataset.similar = "create";
    create.textContent = interpolate(gettext("Create new source “%(name)s”"), { name });
    box.replaceChildren(intro, ...buttons, create);
  }

  reset(attributions) {
    this.list.replaceChildren();
    attributions.forEach((attribution) => this.add(attribution));
  }

  add(attribution = null) {
    const row = clone("attribution-row");
    if (attribution) {
      originals.set(row, attribution);
      this.sources.remember(attribution.source);
      row.querySelector("[name=source]").value = attribution.source.name;
      row.querySelector("[name=kind]").value = attribution.source.kind;
      row.querySelector("[name=stance]").value = attribution.stance;
      row.querySelector("[name=date]").value = attribution.date || "";
      row.querySelector("[name=url]").value = attribution.url || "";
    }
    this.list.append(row);
    this.updateKnown(row);
    return row;
  }

  /**
   * Add a row for a speaker found in the text ({name, kind, stance, confirmedNew}); origin
   * says where ("In the text: “he” · cue “said”").
   */
  addSpeaker(speaker, origin = "") {
    const row = this.add();
    row.querySelector("[name=source]").value = speaker.name;
    row.querySelector("[name=kind]").value = speaker.kind;
    row.querySelector("[name=stance]").value = speaker.stance;
    if (speaker.confirmedNew) row.dataset.confirmedNew = speaker.name;
    const note = row.querySelector(".row__origin");
    note.textContent = origin;
    note.hidden = !origin;
    // As if typed: the autocomplete and the close-name lookup run for it.
    row.querySelector("[name=source]").dispatchEvent(new Event("input", { bubbles: true }));
    return row;
  }

  /** Show whether the typed name is a known source; ask for a kind only for a new one. */
  updateKnown(row) {
    const name = row.querySelector("[name=source]").value;
    const known = this.sources.find(name);
    const note = row.querySelector(".row__known");
    row.querySelector(".row__kind").hidden = Boolean(known) || !name.trim();
    note.hidden = !known;
    note.textContent = known
      ? interpolate(gettext("Known source · %(kind)s"), { kind: this.kindLabels[known.kind] || known.kind }) : "";
    this.renderSimilar(row);
  }

  rows() {
    return [...this.list.children];
  }

  /** Return the rows as API attributions (blank new rows left out), or null if one is invalid. */
  values() {
    let valid = true;
    const rows = this.rows().filter((row) => originals.has(row) || row.querySelector("[name=source]").value.trim());
    this.sent = rows;
    const values = rows.map((row) => {
      const original = originals.get(row);
      const name = row.querySelector("[name=source]").value.trim();
      const error = row.querySelector(".row__error");
      const link = row.querySelector("[name=url]");
      const url = link.value.trim();
      const linkOk = !url || safeHref(url) !== null;
      link.setAttribute("aria-invalid", linkOk ? "false" : "true");
      error.textContent = !name ? gettext("Name a source, or remove this attribution.")
        : linkOk ? "" : gettext("Enter a link that starts with http:// or https://, or leave it empty.");
      const asking = this.pendingSimilar(row).length > 0;
      if (asking) error.textContent = gettext("A similar source is stored: choose it, or create a new source.");
      if (!name || !linkOk || asking) valid = false;
      const known = this.sources.find(name);
      const value = {
        source: known ? known.id : { name, kind: row.querySelector("[name=kind]").value },
        stance: row.querySelector("[name=stance]").value,
        url,
        date: row.querySelector("[name=date]").value || null,
      };
      if (original) {
        value.id = original.id;
        // The note is not shown in this form: it is sent back as it was.
        if (original.note) value.note = original.note;
      }
      return value;
    });
    return valid ? values : null;
  }
}

export class EvidenceRows {
  constructor(list) {
    this.list = list;
  }

  reset(evidence) {
    this.list.replaceChildren();
    evidence.forEach((item) => this.add(item));
  }

  add(item = null) {
    const row = clone("evidence-row");
    if (item) {
      originals.set(row, item);
      row.querySelector("[name=url]").value = item.url;
      row.querySelector("[name=title]").value = item.title;
      row.querySelector("[name=relation]").value = item.relation;
    }
    this.list.append(row);
    return row;
  }

  rows() {
    return [...this.list.children];
  }

  /** Return the rows as API evidence (blank new rows left out), or null if a link is not http(s). */
  values() {
    let valid = true;
    const blank = (row) => !originals.has(row)
      && [...row.querySelectorAll("input")].every((input) => !input.value.trim());
    this.sent = this.rows().filter((row) => !blank(row));
    const values = this.sent.map((row) => {
      const original = originals.get(row);
      const url = row.querySelector("[name=url]").value.trim();
      const error = row.querySelector(".row__error");
      const ok = safeHref(url) !== null;
      error.textContent = ok ? "" : gettext("Enter a link that starts with http:// or https://.");
      row.querySelector("[name=url]").setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) valid = false;
      const value = {
        url, title: row.querySelector("[name=title]").value.trim(),
        relation: row.querySelector("[name=relation]").value,
      };
      if (original) {
        value.id = original.id;
        for (const field of ["publisher", "published", "excerpt"]) {
          if (original[field]) value[field] = original[field];
        }
      }
      return value;
    });
    return valid ? values : null;
  }
}

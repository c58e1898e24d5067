// The repeatable rows of the annotation form: attributions (with source autocomplete) and
// evidence links. Rows are cloned from <template> elements rendered by the server.

import { safeHref } from "./dom.js";

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
    });
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

  /** Show whether the typed name is a known source; ask for a kind only for a new one. */
  updateKnown(row) {
    const name = row.querySelector("[name=source]").value;
    const known = this.sources.find(name);
    const note = row.querySelector(".row__known");
    row.querySelector(".row__kind").hidden = Boolean(known) || !name.trim();
    note.hidden = !known;
    note.textContent = known ? `Known source · ${this.kindLabels[known.kind] || known.kind}` : "";
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
      error.textContent = !name ? "Name a source, or remove this attribution."
        : linkOk ? "" : "Enter a link that starts with http:// or https://, or leave it empty.";
      if (!name || !linkOk) valid = false;
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
      error.textContent = ok ? "" : "Enter a link that starts with http:// or https://.";
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

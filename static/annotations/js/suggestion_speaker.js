// Correcting the speaker of one suggestion before it is used or accepted: the annotation
// form's own attribution row (source autocomplete, "Did you mean" for close stored names,
// kind of a new source, stance), opened inside the suggestion's item.

import { el } from "./dom.js";
import { gettext } from "./i18n.js";
import { AttributionRows } from "./rows.js";

let editors = 0;

export class SpeakerEditor {
  /**
   * sources: the page's SourceDirectory; apply(correction) receives {name, kind, stance,
   * sourceId, confirmedNew}; closed(applied) runs when the editor goes away.
   */
  constructor(speaker, { sources, kindLabels, reason = "", apply, closed }) {
    this.sources = sources;
    this.applyTo = apply;
    this.closed = closed;
    editors += 1;
    const titleId = `speaker-editor-${editors}`;
    this.list = el("ol", { class: "rows__list" });
    this.rows = new AttributionRows(this.list, { sources, kindLabels });
    this.reason = el("p", { class: "suggestion__edit-reason", role: "alert" }, reason);
    this.element = el("div", { class: "suggestion__edit", role: "group", "aria-labelledby": titleId },
      el("p", { class: "suggestion__edit-title", id: titleId }, gettext("Correct the source")),
      this.reason,
      el("p", { class: "field__help" },
        gettext("Type to choose a stored source, or name a new one; the stance can change too.")),
      this.list,
      el("div", { class: "button-row" },
        el("button", { type: "button", class: "button button--small button--primary", "data-action": "apply-speaker" },
          gettext("Apply")),
        el("button", { type: "button", class: "button button--small button--quiet", "data-action": "cancel-speaker" },
          gettext("Cancel"))));
    this.row = this.rows.addSpeaker(speaker);
    this.element.addEventListener("click", (event) => {
      const action = event.target.closest("button[data-action]")?.dataset.action;
      if (action === "apply-speaker") this.apply();
      else if (action === "cancel-speaker") this.close(false);
    });
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        this.close(false);
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.apply();
      }
    });
  }

  get input() {
    return this.row.querySelector("[name=source]");
  }

  /** Say why the editor was opened for the person ("a similar source is stored"). */
  setReason(text) {
    this.reason.textContent = text;
  }

  focus() {
    this.input.focus();
    this.input.select();
  }

  /** Take the row as the suggestion's speaker once its close names are answered. */
  async apply() {
    await this.rows.settle();
    if (!this.rows.values()) {
      this.input.focus();
      return;
    }
    const name = this.input.value.trim();
    const known = this.sources.find(name);
    this.applyTo({
      name: known ? known.name : name,
      kind: known ? known.kind : this.row.querySelector("[name=kind]").value,
      stance: this.row.querySelector("[name=stance]").value,
      sourceId: known ? known.id : null,
      // Its close names were asked about (and answered) before this point.
      confirmedNew: !known,
    });
    this.close(true);
  }

  close(applied) {
    this.element.remove();
    this.closed(applied);
  }
}

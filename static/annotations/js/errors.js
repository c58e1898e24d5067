// API errors shown next to the form fields they name: {field: [messages]}, with nested
// lists for attributions and evidence ({attributions: [{source: [...]}, ...]}).

import { gettext } from "./i18n.js";

export class FormErrors {
  constructor(root, { sentRows, workflowOpen, announce }) {
    this.root = root;
    this.sentRows = sentRows;
    this.workflowOpen = workflowOpen;
    this.announce = announce;
  }

  clear() {
    for (const element of this.root.querySelectorAll("[data-error-for], .row__error")) {
      element.textContent = "";
      if (element.classList.contains("form-errors")) element.hidden = true;
    }
    for (const control of this.root.querySelectorAll("[aria-invalid=true]")) {
      control.setAttribute("aria-invalid", "false");
    }
  }

  /** Show API errors next to the fields they name; others go to the top of the form. */
  show(errors) {
    const general = [];
    for (const [field, messages] of Object.entries(errors)) {
      if (field === "attributions" || field === "evidence") {
        this.showRows(field, messages, general);
        continue;
      }
      const target = this.element(field);
      const text = flatten(messages).join(" ");
      if (target) {
        target.textContent = text;
        const control = target.closest(".field")?.querySelector("input, select, textarea");
        control?.setAttribute("aria-invalid", "true");
      } else {
        general.push(field === "non_field_errors" || field === "detail" ? text : `${field}: ${text}`);
      }
    }
    if (general.length) {
      const where = this.workflowOpen() ? "workflow" : "non_field_errors";
      const box = this.root.querySelector(`[data-error-for=${where}]`);
      box.textContent = general.join(" ");
      box.hidden = false;
    }
    this.announce(gettext("That did not work; the panel says why."));
    const first = [...this.root.querySelectorAll("[data-error-for], .row__error")].find((e) => e.textContent);
    const control = first?.closest(".field, li, .confirm")?.querySelector("input, select, textarea");
    if (control && !control.disabled) control.focus();
  }

  element(field) {
    const aliases = { start: "quote", end: "quote", prefix: "quote", suffix: "quote" };
    const name = aliases[field] || field;
    if (name === "review_state") return null;
    return this.root.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
  }

  showRows(field, messages, general) {
    const rows = this.sentRows(field);
    const fieldset = this.root.querySelector(`[data-error-for=${field}]`);
    if (Array.isArray(messages) && messages.every((m) => typeof m === "string")) {
      fieldset.textContent = messages.join(" ");
      return;
    }
    const entries = Array.isArray(messages) ? messages.entries() : Object.entries(messages);
    for (const [index, detail] of entries) {
      const text = describe(detail);
      if (!text) continue;
      const row = rows[Number(index)];
      if (row) row.querySelector(".row__error").textContent = text;
      else if (fieldset) fieldset.textContent = text;
      else general.push(text);
    }
  }
}

function flatten(messages) {
  if (Array.isArray(messages)) return messages.flatMap(flatten);
  if (messages && typeof messages === "object") return Object.values(messages).flatMap(flatten);
  return [String(messages)];
}

/** Return "source: This field is required." for {source: ["This field is required."]}. */
export function describe(detail) {
  if (!detail) return "";
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) return detail.map(describe).filter(Boolean).join(" ");
  return Object.entries(detail)
    .map(([name, value]) => (name === "non_field_errors" ? describe(value) : `${name}: ${describe(value)}`))
    .filter((text) => !text.endsWith(": "))
    .join(" ");
}

// Unsaved changes in the annotation panel are never lost quietly: leaving the page warns,
// Enter in a one-line field does not save the half-done form, Submit and Verify save the
// changes first, and each outcome is shown beside the button that was pressed (and spoken).

import { el } from "./dom.js";
import { gettext } from "./i18n.js";

const WORKFLOW_BUTTONS = { submit: "submit-review", verify: "verify", return: "show-return" };
// One-line inputs, where Enter would submit the form; textareas keep Enter for new lines.
const ONE_LINE = new Set(["text", "url", "date", "search", "email", "number", "tel", "time"]);

export class UnsavedChanges {
  constructor(panel) {
    this.panel = panel;
    this.form = panel.form;
    this.clean = null;
    this.spots = {
      workflow: panel.root.querySelector("#panel-confirm-workflow"),
      save: panel.root.querySelector("#panel-confirm-save"),
    };
    window.addEventListener("beforeunload", (event) => {
      if (!this.dirty()) return;
      event.preventDefault();
      event.returnValue = "";
    });
    this.form.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (target instanceof HTMLInputElement && ONE_LINE.has(target.type)) event.preventDefault();
    });
  }

  snapshot() {
    return JSON.stringify(
      [...this.form.querySelectorAll("input, select, textarea")].map((control) => [control.name, control.value]),
    );
  }

  /** Take what the form shows now as the stored state (after opening, loading or saving). */
  markClean() {
    this.clean = this.snapshot();
    this.warned = false;
    for (const spot of Object.values(this.spots)) spot.textContent = "";
  }

  dirty() {
    return this.panel.isOpen && !this.form.classList.contains("is-readonly")
      && this.clean !== null && this.snapshot() !== this.clean;
  }

  /** Close freely when nothing is unsaved; otherwise say so once, and close on the second try. */
  mayClose() {
    if (!this.dirty() || this.warned) return true;
    this.warned = true;
    this.confirm(gettext("You have unsaved changes: press Save to keep them, or close again to discard them."),
      { problem: true, spot: "save" });
    return false;
  }

  /**
   * Save unsaved changes before a review action; return whether the action may go ahead.
   *
   * Saving can take the action away (an editor who edits may no longer verify): then the
   * changes stay saved and the panel says why the action did not run.
   */
  async saveFirst(action) {
    if (!this.dirty()) return true;
    const saved = await this.panel.save();
    if (!saved) {
      const notDone = {
        submit: gettext("Not submitted for review: your changes could not be saved. Fix what is marked and try again."),
        verify: gettext("Not verified: your changes could not be saved. Fix what is marked and try again."),
        return: gettext("Not returned: your changes could not be saved. Fix what is marked and try again."),
      };
      this.confirm(notDone[action], { problem: true, spot: "workflow" });
      return false;
    }
    const button = this.panel.root.querySelector(`[data-action=${WORKFLOW_BUTTONS[action]}]`);
    if (!button || button.hidden) {
      const notDone = {
        submit: gettext("Your changes are saved, but the annotation was not submitted for review: it can no longer be submitted."),
        verify: gettext("Your changes are saved, but the annotation was not verified: as its last editor, another editor must review it."),
        return: gettext("Your changes are saved, but the annotation was not returned: as its last editor, another editor must review it."),
      };
      this.confirm(notDone[action], { problem: true, spot: "workflow" });
      return false;
    }
    return true;
  }

  /** Say what happened where the user is looking, and through a live region. */
  confirm(text, { problem = false, spot = null, link = null } = {}) {
    queueMicrotask(() => {
      const where = spot || this.spotNearFocus();
      for (const [name, element] of Object.entries(this.spots)) {
        element.textContent = name === where ? text : "";
        if (name === where && link) element.append(" ", el("a", { href: link.href }, link.text));
        element.classList.toggle("panel__confirm--problem", name === where && problem);
      }
      this.spots[where].scrollIntoView({ block: "nearest" });
    });
  }

  spotNearFocus() {
    const saveRow = this.spots.save.closest(".panel__save");
    const focus = document.activeElement;
    if (saveRow && !saveRow.hidden && saveRow.contains(focus)) return "save";
    if (!this.spots.workflow.closest("#panel-workflow").hidden) return "workflow";
    return "save";
  }
}

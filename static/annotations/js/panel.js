// The annotation panel: the form for a new or existing annotation, API errors next to their
// fields, the review workflow, the history, and what to do when someone else saved first.

import { ApiError } from "./api.js";
import { el, formatDate, replaceChildren } from "./dom.js";
import { FormErrors } from "./errors.js";
import { fillSentence, formatNumber, gettext, interpolate, pageLanguage } from "./i18n.js";
import { renderHistory } from "./history.js";
import { compareRows, compareTable } from "./compare.js";
import { AttributionRows, EvidenceRows, SourceDirectory } from "./rows.js";
import { stancesText, summarize } from "./list.js";
import { UnsavedChanges } from "./unsaved.js";

/**
 * Return what the current user may do with an annotation (mirrors annotations/rules.py).
 *
 * Takes the annotation as the API returns it: the page's summaries lack `may_review`.
 */
export function permissions(user, annotation) {
  const own = annotation.created_by === user.username;
  const draft = annotation.review_state === "draft";
  const canEdit = user.is_editor || (user.can_create && own && draft);
  // A draft returned to its author is the author's to submit again or give up: the panel
  // offers nobody else Submit or Delete on it (the API still lets an editor do either).
  const returnedToSomeoneElse = draft && Boolean(annotation.review_comment) && !own;
  return {
    edit: canEdit,
    submit: draft && canEdit && !returnedToSomeoneElse,
    // Four eyes (nobody who changed it since its last verification): the server decides.
    review: Boolean(annotation.may_review),
    remove: draft && (user.is_editor || (user.can_create && own)) && !returnedToSomeoneElse,
  };
}

/** Return the last time the annotation was returned, {user, at}, from its history entries. */
export function lastReturn(entries) {
  const returns = entries.filter((entry) => entry.object === "annotation" && entry.comment.startsWith("returned:"));
  return returns.length ? returns[returns.length - 1] : null;
}

// Seconds between confirming a verification and sending it: the window for Undo.
export const VERIFY_DELAY = 10;

export class Panel {
  constructor(root, { api, user, labels, claimUrl, callbacks }) {
    this.root = root;
    this.api = api;
    this.user = user;
    this.labels = labels;
    this.claimUrl = claimUrl;
    this.callbacks = callbacks;
    this.form = root.querySelector("#annotation-form");
    this.guard = new UnsavedChanges(this);
    this.annotation = null;
    this.published = false;
    this.span = null;
    this.busy = false;
    this.pendingVerify = null;
    // Leaving the page while a verification waits would drop it: ask first.
    window.addEventListener("beforeunload", (event) => {
      if (!this.pendingVerify) return;
      event.preventDefault();
      event.returnValue = "";
    });
    // Shared with the suggestion list, which corrects speakers with the same autocomplete.
    this.sources = new SourceDirectory(api, document.getElementById("source-options"), labels.kinds);
    this.attributions = new AttributionRows(root.querySelector("#attribution-rows"), {
      sources: this.sources, kindLabels: labels.kinds,
    });
    this.evidence = new EvidenceRows(root.querySelector("#evidence-rows"));
    this.errors = new FormErrors(root, {
      // Error indexes count the rows that were sent (blank new rows are left out).
      sentRows: (field) => (field === "attributions" ? this.attributions : this.evidence).sent || [],
      workflowOpen: () => Boolean(this.annotation) && !root.querySelector("#panel-workflow").hidden,
      announce: (text) => callbacks.announce(text),
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && this.form.contains(event.target)) {
        event.preventDefault();
        this.save();
      }
    });
  }

  get isOpen() {
    return !this.root.hidden;
  }

  onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button || !this.root.contains(button)) return;
    const actions = {
      "close-panel": () => this.close(),
      "add-attribution": () => this.attributions.add().querySelector("input").focus(),
      "add-evidence": () => this.evidence.add().querySelector("input").focus(),
      "remove-row": () => this.removeRow(button.closest("li")),
      "submit-review": () => this.transition("submit"),
      verify: () => this.askVerify(),
      "verify-confirmed": () => this.startVerify(),
      "hide-verify": () => this.toggle("#verify-confirm", false, "[data-action=verify]"),
      "undo-verify": () => this.undoVerify(),
      "verify-now": () => this.finishVerify(),
      "show-return": () => this.toggle("#return-form", true, "#f-return-comment"),
      "hide-return": () => this.toggle("#return-form", false, "[data-action=show-return]"),
      return: () => this.returnToAuthor(),
      "show-delete": () => this.toggle("#delete-confirm", true, "[data-action=delete]"),
      "hide-delete": () => this.toggle("#delete-confirm", false, "[data-action=show-delete]"),
      delete: () => this.remove(),
      "conflict-reload": () => this.loadTheirs(),
      "conflict-reapply": () => this.reapply(),
      "use-claim-wording": () => this.useClaimWording(),
    };
    const action = actions[button.dataset.action];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  toggle(selector, show, focusSelector) {
    this.root.querySelector(selector).hidden = !show;
    this.root.querySelector(focusSelector)?.focus();
  }

  removeRow(row) {
    const list = row.parentNode;
    const fieldset = row.closest("fieldset");
    row.remove();
    (list.lastElementChild?.querySelector("input") || fieldset.querySelector("button")).focus();
  }

  /**
   * Open the form for a new annotation on span {start, end, quote}; a suggestion pre-fills
   * the first attribution ({name, kind, stance, confirmedNew, origin}), a hint for the
   * rationale, and offers a wording of the claim that only a press of its button puts in.
   */
  openNew(span, { returnFocus, attribution, rationaleHint = "", claimWording = "" } = {}) {
    this.finishVerify({ detached: true });
    this.annotation = null;
    this.openId = null;
    this.published = false;
    this.span = span;
    this.returnFocus = returnFocus || null;
    this.show({
      // The claim starts empty: a pre-filled, pre-selected claim was replaced by the next
      // keystroke, and a save kept the raw quote as the claim nobody wrote.
      heading: gettext("New annotation"), quote: span.quote, claim: "", rating: "", rationale: "",
      attributions: [], evidence: [],
    });
    if (attribution) this.attributions.addSpeaker(attribution, attribution.origin);
    else this.attributions.add();
    this.form.elements.rationale.placeholder = rationaleHint;
    this.showClaimWording(claimWording);
    this.setStatus([]);
    this.setEditable(true);
    this.root.querySelector("#panel-workflow").hidden = true;
    this.root.querySelector("#panel-history").hidden = true;
    this.reveal();
    const claim = this.form.querySelector("#f-claim");
    claim.placeholder = gettext("Restate the claim in your own words");
    claim.focus();
    this.guard.markClean();
  }

  /** Offer a wording for the claim (a suggestion's words); empty: offer none. */
  showClaimWording(wording) {
    const box = this.root.querySelector("#claim-wording");
    box.hidden = !wording;
    box.querySelector("q").textContent = wording;
  }

  /** Put the offered wording into the claim, to be confirmed by saving or rewritten first. */
  useClaimWording() {
    const claim = this.form.elements.claim;
    claim.value = this.root.querySelector("#claim-wording q").textContent;
    claim.focus();
    claim.setSelectionRange(claim.value.length, claim.value.length);
    claim.dispatchEvent(new Event("input", { bubbles: true }));
    this.showClaimWording("");
  }

  /** Open an existing annotation from its summary, then load it from the API to edit it. */
  async open(summary, { quote, returnFocus } = {}) {
    this.finishVerify({ detached: true });
    const id = summary.id;
    this.annotation = null;
    this.openId = id;
    // A claim under correction keeps its published version: the link stays.
    this.published = Boolean(summary.published);
    this.span = null;
    this.returnFocus = returnFocus || null;
    this.show({
      heading: interpolate(gettext("Annotation %(id)s"), { id }), quote, claim: "", rating: summary.rating, rationale: "",
      attributions: [], evidence: [],
    });
    this.setStatus([gettext("Loading…")]);
    this.setEditable(false);
    this.root.querySelector("#panel-workflow").hidden = true;
    this.root.querySelector("#panel-history").hidden = true;
    this.root.querySelector("#panel-returned").hidden = true;
    this.reveal(id);
    this.root.querySelector("#panel-heading").focus();
    let annotation;
    try {
      annotation = await this.api.getAnnotation(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (this.openId !== id) return;
      this.setStatus([]);
      this.errors.show(error.fieldErrors);
      if (error.status === 404) this.callbacks.onRemoved(id);
      return;
    }
    if (this.openId !== id || !this.isOpen) return;
    this.annotation = annotation;
    this.callbacks.onSaved(annotation);
    this.fill(annotation);
    this.loadHistory(id);
  }

  fill(annotation) {
    const may = permissions(this.user, annotation);
    this.show({ heading: interpolate(gettext("Annotation %(id)s"), { id: annotation.id }), ...annotation });
    const { ratings, states } = this.labels;
    if (annotation.review_state === "verified") this.published = true;
    // A published claim that is not verified now is being corrected.
    const correction = this.published && annotation.review_state !== "verified";
    this.setStatus([
      correction ? el("span", { class: "badge badge--correction" }, gettext("Correction")) : null,
      el("span", { class: `badge badge--state state--${annotation.review_state}` }, states[annotation.review_state]),
      el("span", { class: `badge rating--${annotation.rating || "none"}` }, ratings[annotation.rating] || gettext("Not rated")),
      ` ${interpolate(gettext("Version %(version)s"), { version: annotation.version })}`,
      annotation.created_by ? ` · ${interpolate(gettext("by %(user)s"), { user: annotation.created_by })}` : "",
      // Says why its last editor is offered no Verify or Return.
      annotation.edited_by && annotation.edited_by !== annotation.created_by
        ? ` · ${interpolate(gettext("last edited by %(user)s"), { user: annotation.edited_by })}` : "",
      annotation.reviewed_by ? ` · ${interpolate(gettext("reviewed by %(user)s"), { user: annotation.reviewed_by })}` : "",
    ]);
    this.showReturned(annotation);
    this.setEditable(may.edit);
    const workflow = this.root.querySelector("#panel-workflow");
    const show = (action, visible) => {
      workflow.querySelector(`[data-action=${action}]`).hidden = !visible;
    };
    show("submit-review", may.submit);
    show("verify", may.review);
    show("show-return", may.review);
    show("show-delete", may.remove);
    // On someone else's draft the buttons say whose work they act on.
    const owner = annotation.created_by && annotation.created_by !== this.user.username ? annotation.created_by : null;
    workflow.querySelector("[data-action=submit-review]").textContent =
      owner ? interpolate(gettext("Submit %(owner)s’s draft for review"), { owner }) : gettext("Submit for review");
    workflow.querySelector("[data-action=show-delete]").textContent = owner
      ? interpolate(gettext("Delete %(owner)s’s draft…"), { owner }) : gettext("Delete…");
    const publicLink = workflow.querySelector("#panel-public-link");
    const verified = annotation.review_state === "verified";
    publicLink.hidden = !(verified || this.published);
    // During a correction the public still sees the version verified before it.
    publicLink.textContent = verified
      ? gettext("Public claim page") : gettext("Public claim page (the version published before this correction)");
    publicLink.setAttribute("href", this.claimUrl.replace("{id}", String(annotation.id)));
    workflow.hidden = false;
    this.guard.markClean();
    if (correction) this.loadPublished(annotation);
    this.callbacks.onFilled?.(annotation);
  }

  /** Show the published version beside the proposed one (the stored annotation). */
  async loadPublished(annotation) {
    const id = annotation.id;
    let published;
    try {
      published = await this.api.published(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return;
    }
    if (!this.annotation || this.annotation.id !== id || this.annotation.version !== annotation.version) return;
    this.publishedVersion = { id, data: published };
    replaceChildren(this.root.querySelector("#compare-rows"),
      compareTable(compareRows(published, annotation, this.labels)));
    this.root.querySelector("#panel-compare").hidden = false;
  }

  /** Ask before verifying, naming what becomes public and what it replaces. */
  async askVerify() {
    if (!(await this.guard.saveFirst("verify"))) return;
    const annotation = this.annotation;
    const { ratings } = this.labels;
    const rating = (value) => ratings[value] || gettext("not rated");
    const before = this.publishedVersion && this.publishedVersion.id === annotation.id
      && annotation.review_state !== "verified" && this.published ? this.publishedVersion.data : null;
    this.root.querySelector("#verify-question").textContent = interpolate(
      gettext("Publish the claim “%(claim)s” rated %(rating)s?"), { claim: annotation.claim, rating: rating(annotation.rating) });
    this.root.querySelector("#verify-detail").textContent = `${before
      ? interpolate(gettext("It replaces the published version (“%(claim)s”, rated %(rating)s) on the public "
        + "claim page, in the exports and the API, with a correction note."), { claim: before.claim, rating: rating(before.rating) })
      : gettext("It becomes public on the claim page, in the exports and the API.")} ${interpolate(
      gettext("After you press Publish you have %(seconds)s seconds to undo; nothing is sent before then."),
      { seconds: formatNumber(VERIFY_DELAY) })}`;
    this.root.querySelector("#f-verify-comment-label").textContent = before
      ? gettext("Reason for the correction (optional; public, in the correction note)")
      : gettext("Comment (optional; kept in the history)");
    this.root.querySelector("#f-verify-comment-help").textContent = before
      ? gettext("Readers see it after “Corrected on …”.") : gettext("Only fact-checkers see it.");
    this.toggle("#verify-confirm", true, "#f-verify-comment");
  }

  /** Start the Undo window; the verification is sent when it ends (or on "Publish now"). */
  startVerify() {
    const annotation = this.annotation;
    if (!annotation || this.pendingVerify) return;
    const comment = this.root.querySelector("#f-verify-comment").value.trim();
    this.root.querySelector("#verify-confirm").hidden = true;
    const workflow = this.root.querySelector("#panel-workflow");
    for (const action of ["verify", "show-return"]) workflow.querySelector(`[data-action=${action}]`).hidden = true;
    const pending = { id: annotation.id, version: annotation.version, comment, left: VERIFY_DELAY };
    this.pendingVerify = pending;
    const countdown = this.root.querySelector("#verify-countdown");
    const tell = () => {
      countdown.textContent = interpolate(gettext("Publishing “%(claim)s” in %(seconds)s s. Nothing is sent before then."),
        { claim: annotation.claim, seconds: formatNumber(pending.left) });
    };
    tell();
    pending.timer = setInterval(() => {
      pending.left -= 1;
      if (pending.left <= 0) this.finishVerify();
      else tell();
    }, 1000);
    this.root.querySelector("#verify-pending").hidden = false;
    this.root.querySelector("[data-action=undo-verify]").focus();
    this.callbacks.announce(interpolate(gettext("Publishing in %(seconds)s seconds. Press Undo to stop it."),
      { seconds: formatNumber(VERIFY_DELAY) }));
  }

  undoVerify() {
    const pending = this.pendingVerify;
    if (!pending) return;
    clearInterval(pending.timer);
    this.pendingVerify = null;
    this.root.querySelector("#verify-pending").hidden = true;
    if (this.annotation && this.annotation.id === pending.id) {
      const may = permissions(this.user, this.annotation);
      const workflow = this.root.querySelector("#panel-workflow");
      workflow.querySelector("[data-action=verify]").hidden = !may.review;
      workflow.querySelector("[data-action=show-return]").hidden = !may.review;
      workflow.querySelector("[data-action=verify]").focus();
    }
    this.guard.confirm(gettext("Not published: the verification was undone; nothing was sent."), { spot: "workflow" });
  }

  /** Send the pending verification; detached: the panel is moving on to something else. */
  async finishVerify({ detached = false } = {}) {
    const pending = this.pendingVerify;
    if (!pending) return;
    clearInterval(pending.timer);
    this.pendingVerify = null;
    this.root.querySelector("#verify-pending").hidden = true;
    if (!detached && this.annotation && this.annotation.id === pending.id) {
      await this.transition("verify", { comment: pending.comment }, { version: pending.version });
      return;
    }
    try {
      const annotation = await this.api.transition(pending.id, "verify", pending.version, { comment: pending.comment });
      this.callbacks.onSaved(annotation);
      this.callbacks.workChanged?.();
      this.callbacks.announce(interpolate(gettext("Annotation %(id)s verified and published."), { id: pending.id }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.callbacks.announce(interpolate(gettext("Annotation %(id)s was not verified: %(reason)s."), {
        id: pending.id, reason: error.fieldErrors.non_field_errors?.[0] || gettext("it changed meanwhile"),
      }));
    }
  }

  /** Say who returned a draft, when and why (who and when once the history has loaded). */
  showReturned(annotation) {
    const returned = this.root.querySelector("#panel-returned");
    returned.hidden = !(annotation.review_comment && annotation.review_state === "draft");
    if (returned.hidden) {
      returned.textContent = "";
      return;
    }
    const last = this.returnedBy && this.returnedBy.id === annotation.id ? this.returnedBy : null;
    replaceChildren(returned, last
      ? fillSentence(gettext("Returned by %(user)s on %(date)s: %(comment)s"), {
        user: el("strong", {}, last.user || gettext("an editor")),
        date: el("time", { datetime: last.at }, formatDate(last.at)),
        comment: annotation.review_comment,
      })
      : interpolate(gettext("Returned for changes: %(comment)s"), { comment: annotation.review_comment }));
  }

  /** Say what a write did, as a person would. */
  describe(annotation, action) {
    const own = !annotation.created_by || annotation.created_by === this.user.username;
    const owner = annotation.created_by;
    if (action === "submit") return gettext("Submitted for review.");
    if (action === "return") {
      return owner ? interpolate(gettext("Returned to %(owner)s with your comment."), { owner })
        : gettext("Returned to its author with your comment.");
    }
    if (action === "verify") return gettext("Verified and published.");
    if (annotation.review_state !== "draft") {
      return interpolate(gettext("Saved; it is %(state)s."), {
        state: this.labels.states[annotation.review_state].toLocaleLowerCase(pageLanguage()),
      });
    }
    const last = this.returnedBy && this.returnedBy.id === annotation.id ? this.returnedBy : null;
    const by = last && last.user ? last.user : "";
    if (!annotation.review_comment) {
      return own ? gettext("Saved as a draft.") : interpolate(gettext("Saved as %(owner)s’s draft."), { owner });
    }
    // Returned work: whose draft it is, to whom it was returned and by whom.
    if (own) {
      return by ? interpolate(gettext("Saved as a draft (returned to you by %(editor)s)."), { editor: by })
        : gettext("Saved as a draft (returned to you).");
    }
    return by ? interpolate(gettext("Saved as %(owner)s’s draft (returned to %(owner)s by %(editor)s)."), { owner, editor: by })
      : interpolate(gettext("Saved as %(owner)s’s draft (returned to %(owner)s)."), { owner });
  }

  show(values) {
    this.errors.clear();
    this.root.querySelector("#panel-conflict").hidden = true;
    this.root.querySelector("#return-form").hidden = true;
    this.root.querySelector("#delete-confirm").hidden = true;
    this.root.querySelector("#verify-confirm").hidden = true;
    this.root.querySelector("#verify-pending").hidden = true;
    this.root.querySelector("#panel-compare").hidden = true;
    this.root.querySelector("#claim-wording").hidden = true;
    this.root.querySelector("#f-verify-comment").value = "";
    this.root.querySelector("#f-return-comment").value = "";
    this.root.querySelector("#panel-heading").textContent = values.heading;
    this.root.querySelector("#panel-quote").textContent = values.quote;
    this.form.elements.claim.value = values.claim;
    this.form.elements.rating.value = values.rating;
    this.form.elements.rationale.value = values.rationale;
    this.form.elements.same_as.value = JSON.stringify(values.same_as || []);
    this.attributions.reset(values.attributions);
    this.evidence.reset(values.evidence);
    this.conflict = null;
  }

  setStatus(parts) {
    replaceChildren(this.root.querySelector("#panel-status"), parts);
  }

  setEditable(editable) {
    for (const control of this.form.querySelectorAll("input, select, textarea, button")) {
      if (control.dataset.action === "close-panel") continue;
      control.disabled = !editable;
    }
    this.form.querySelector(".panel__save").hidden = !editable;
    this.form.classList.toggle("is-readonly", !editable);
  }

  reveal(id = null) {
    this.root.hidden = false;
    document.body.classList.add("panel-open");
    this.callbacks.onOpen(id);
  }

  close() {
    if (!this.isOpen || !this.guard.mayClose()) return;
    // A confirmed verification is not dropped by closing the panel: it is sent now.
    this.finishVerify({ detached: true });
    this.root.hidden = true;
    document.body.classList.remove("panel-open");
    this.annotation = null;
    this.openId = null;
    this.span = null;
    this.callbacks.onClose();
    const target = this.returnFocus && this.returnFocus.isConnected ? this.returnFocus : null;
    (target || document.getElementById("article-body")).focus({ preventScroll: Boolean(!target) });
  }

  collect() {
    const attributions = this.attributions.values();
    const evidence = this.evidence.values();
    if (!attributions || !evidence) return null;
    return {
      claim: this.form.elements.claim.value.trim(),
      rating: this.form.elements.rating.value,
      rationale: this.form.elements.rationale.value.trim(),
      same_as: JSON.parse(this.form.elements.same_as.value || "[]"),
      attributions,
      evidence,
    };
  }

  async save({ version } = {}) {
    if (this.busy || this.settling) return;
    this.errors.clear();
    this.settling = true;  // a second Save while close names are looked up does nothing
    try {
      await this.attributions.settle();  // a new source's close names are asked about first
    } finally {
      this.settling = false;
    }
    const values = this.collect();
    if (!values) {
      this.form.querySelector(".row__error:not(:empty)")?.closest("li").querySelector("input")?.focus();
      return;
    }
    if (!this.annotation && !values.claim) {
      // A new annotation needs the claim its author wrote (Save or Ctrl+Enter alike).
      const offered = !this.root.querySelector("#claim-wording").hidden;
      this.errors.show({ claim: [offered
        ? gettext("Write the claim in your own words, or press “Use this wording”, before saving.")
        : gettext("Write the claim in your own words before saving.")] });
      this.form.elements.claim.focus();
      return;
    }
    if (this.annotation) {
      const current = this.annotation;
      return this.run(
        () => this.api.updateAnnotation(current.id, version ?? current.version, values),
        { again: (newer) => this.save({ version: newer.version }), label: gettext("Re-apply my changes") },
      );
    } else {
      const span = this.span;
      const body = { article: this.callbacks.articleId, start: span.start, end: span.end, quote: span.quote, ...values };
      performance.mark("save-start");
      this.callbacks.onProvisional({ ...body, id: "provisional", review_state: "draft" });
      try {
        return await this.run(() => this.api.createAnnotation(body), {});
      } finally {
        this.callbacks.onProvisional(null);
      }
    }
  }

  /**
   * Run one API write and show its outcome: the stored annotation, errors by field, or, when
   * someone else saved first (412), their version with a way to re-apply this write.
   */
  async run(request, { again, label, action = "save" }) {
    this.busy = true;
    this.root.setAttribute("aria-busy", "true");
    try {
      const annotation = await request();
      if (annotation) {
        this.annotation = annotation;
        this.openId = annotation.id;
        this.span = null;
        this.callbacks.onSaved(annotation);
        this.fill(annotation);
        this.loadHistory(annotation.id);
        this.guard.confirm(this.describe(annotation, action), action === "verify" ? {
          link: {
            href: new URL(this.claimUrl.replace("{id}", String(annotation.id)), window.location.origin).href,
            text: gettext("Open the public claim page"),
          },
        } : {});
        // The focused control may have been rebuilt; keep the focus in the panel.
        if (!this.root.contains(document.activeElement)) this.root.querySelector("#panel-heading").focus();
      }
      this.callbacks.workChanged?.();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 412 && error.data && again) {
        this.showConflict(error.data, again, label);
      } else if (error.status === 404 && this.annotation) {
        this.errors.show({ non_field_errors: [gettext("This annotation was deleted by someone else.")] });
        this.callbacks.onRemoved(this.annotation.id);
      } else {
        this.errors.show(error.fieldErrors);
      }
      return false;
    } finally {
      this.busy = false;
      this.root.removeAttribute("aria-busy");
    }
  }

  async transition(action, body = {}, { version } = {}) {
    if (version === undefined && !(await this.guard.saveFirst(action))) return false;
    const current = this.annotation;
    const labels = { submit: gettext("Submit anyway"), verify: gettext("Verify anyway"), return: gettext("Return anyway") };
    return this.run(
      () => this.api.transition(current.id, action, version ?? current.version, body),
      { again: (newer) => this.transition(action, body, { version: newer.version }), label: labels[action], action },
    );
  }

  returnToAuthor() {
    const comment = this.root.querySelector("#f-return-comment").value.trim();
    if (!comment) {
      this.errors.show({ comment: [gettext("Say why the annotation is returned.")] });
      return null;
    }
    return this.transition("return", { comment });
  }

  async remove({ version } = {}) {
    const current = this.annotation;
    const id = current.id;
    const deleted = await this.run(
      async () => {
        await this.api.deleteAnnotation(id, version ?? current.version);
        return null;
      },
      { again: (newer) => this.remove({ version: newer.version }), label: gettext("Delete anyway") },
    );
    if (deleted) {
      this.callbacks.onRemoved(id);
      this.callbacks.announce(interpolate(gettext("Annotation %(id)s deleted."), { id }));
      this.guard.markClean();
      this.close();
    }
  }

  showConflict(theirs, again, label) {
    this.conflict = { theirs, again };
    this.annotation = theirs;
    this.callbacks.onSaved(theirs);
    const mine = this.collect() || {};
    const { ratings, states, stances } = this.labels;
    const rows = [
      [gettext("Claim"), theirs.claim, mine.claim !== undefined && mine.claim !== theirs.claim],
      [gettext("Rating"), ratings[theirs.rating] || gettext("Not rated"), mine.rating !== undefined && mine.rating !== theirs.rating],
      [gettext("Rationale"), theirs.rationale || "—", mine.rationale !== undefined && mine.rationale !== theirs.rationale],
      [gettext("Attributions"), stancesText(summarize(theirs).stances, stances) || "—", false],
      [gettext("Evidence"), theirs.evidence.map((item) => item.title || item.url).join(" · ") || "—", false],
      [gettext("Review state"), states[theirs.review_state], false],
    ];
    replaceChildren(this.root.querySelector("#conflict-values"), rows.map(([term, value, differs]) => [
      el("dt", {}, term, differs ? el("span", { class: "badge badge--differs" }, gettext("differs from yours")) : null),
      el("dd", {}, value),
    ]));
    this.root.querySelector("#conflict-summary").textContent =
      interpolate(gettext("The stored annotation is now at version %(version)s, saved %(date)s."),
        { version: theirs.version, date: formatDate(theirs.updated_at) });
    this.root.querySelector("[data-action=conflict-reapply]").textContent = label;
    const box = this.root.querySelector("#panel-conflict");
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
    this.root.querySelector("[data-action=conflict-reapply]").focus();
  }

  loadTheirs() {
    const theirs = this.conflict && this.conflict.theirs;
    if (!theirs) return;
    this.fill(theirs);
    this.loadHistory(theirs.id);
    this.root.querySelector("#panel-heading").focus();
  }

  reapply() {
    const conflict = this.conflict;
    if (!conflict) return;
    this.root.querySelector("#panel-conflict").hidden = true;
    this.conflict = null;
    conflict.again(conflict.theirs);
  }

  async loadHistory(id) {
    const section = this.root.querySelector("#panel-history");
    const list = this.root.querySelector("#history-items");
    // The history names reviewers; only signed-in users may read it.
    section.hidden = !this.user.username;
    if (section.hidden) return;
    list.replaceChildren(el("li", { class: "history__loading" }, gettext("Loading history…")));
    try {
      const data = await this.api.history(id);
      if (!this.annotation || this.annotation.id !== id) return;
      renderHistory(list, data, this.labels);
      const last = lastReturn(data);
      this.returnedBy = last ? { id, user: last.user, at: last.at } : null;
      this.showReturned(this.annotation);
    } catch {
      list.replaceChildren(el("li", {}, gettext("The history could not be loaded.")));
    }
  }
}

// The annotation view, live: others' creates, edits, review decisions, deletions and dismissals
// appear without reloading, in the order of the article's event numbers (missed ones are asked
// for after a reconnect, or the whole state is read again); who is on the article; "Ana is
// editing this claim" (soft locks, with take-over); and, while someone types in the panel,
// a change to that annotation is announced ("Updated by Ana — review changes") instead of
// replacing their fields. If-Match still guards every save.

import { el, replaceChildren } from "./dom.js";
import { fillSentence, formatNumber, gettext, interpolate, ngettext, pgettext } from "./i18n.js";
import { LiveSocket, showStatus } from "./live_socket.js";
import { annotationChange } from "./live_words.js";
import { permissions } from "./panel.js";
import { refreshWorkCount } from "./work_count.js";

// How long an event that arrived ahead of a missing one waits before the missing ones are asked for.
const GAP_WAIT = 1000;
const RELOAD_RETRY = 5000;

function debounce(callback, wait) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(callback, wait);
  };
}

export class LiveArticle {
  constructor(view) {
    this.view = view;
    this.panel = view.panel;
    this.config = view.config.live;
    this.team = this.config.audience === "team";
    this.username = view.config.user.username;
    this.epoch = this.config.epoch;
    this.seq = this.config.seq;
    this.pending = new Map();
    this.locks = new Map();
    this.editing = null;
    this.heldBack = null;
    this.status = document.getElementById("live-status");
    this.presence = document.getElementById("live-presence");
    this.notice = document.getElementById("panel-live");
    this.workChanged = debounce(() => refreshWorkCount(view.config.work_count_url), 500);
    this.suggestionsChanged = debounce(() => view.suggestions.refresh(), 500);
    this.socket = new LiveSocket(this.config.socket, {
      onOpen: () => this.connected(),
      onMessage: (message) => this.received(message),
      onStatus: (state, detail) => showStatus(this.status, state, detail),
    });
    this.panel.form.addEventListener("input", () => this.typing());
    this.notice.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-live]");
      if (button) this[button.dataset.live]();
    });
  }

  start() {
    this.socket.start();
  }

  connected() {
    this.socket.send({ type: "since", epoch: this.epoch, seq: this.seq });
    if (this.editing !== null) this.socket.send({ type: "editing", annotation: this.editing });
  }

  received(message) {
    if ("seq" in message) {
      this.ordered(message);
    } else if (message.type === "catchup") {
      this.caughtUp(message);
    } else if (message.type === "resync") {
      this.reload();
    } else if (message.type === "presence") {
      this.showPresence(message);
    } else if (message.type === "locks") {
      this.showLocks(message.locks);
    } else if (message.type === "taken_over") {
      this.takenOver(message);
    }
  }

  // Events in order

  ordered(event) {
    if (event.epoch !== this.epoch) {
      this.reload();
      return;
    }
    if (event.seq <= this.seq) return;
    this.pending.set(event.seq, event);
    this.drain();
    if (this.pending.size && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.pending.size) this.socket.send({ type: "since", epoch: this.epoch, seq: this.seq });
      }, GAP_WAIT);
    }
  }

  caughtUp({ events, position }) {
    if (position.epoch !== this.epoch) {
      this.reload();
      return;
    }
    for (const event of events) if (event.seq > this.seq) this.pending.set(event.seq, event);
    this.drain();
  }

  drain() {
    if (this.reloading) return;
    while (this.pending.has(this.seq + 1)) {
      const event = this.pending.get(this.seq + 1);
      this.pending.delete(this.seq + 1);
      this.seq += 1;
      this.apply(event);
    }
  }

  apply(event) {
    if (event.type === "annotation") this.put(event.annotation, event);
    else if (event.type === "removed") this.remove(event.id, event);
    else if (event.type === "suggestions") this.suggestionsChanged();
    else if (event.type === "article") this.articleChanged(event);
    else if (event.type === "resync") this.reload();
    if (this.team && (event.type === "annotation" || event.type === "removed")) this.workChanged();
  }

  put(summary, event) {
    const stored = this.view.store.get(summary.id);
    // Older than what the page shows, or the same (a change caught up on twice): nothing to do.
    if (stored && (stored.version > summary.version || JSON.stringify(stored) === JSON.stringify(summary))) return;
    this.view.store.set(summary.id, summary);
    this.view.layer.put(summary);
    this.view.list.put(summary);
    if (event.kind === "created") this.suggestionsChanged();
    this.view.announce(annotationChange(event.kind, event.actor, summary.id));
    this.panelHears(summary.id, event);
  }

  remove(id, event) {
    if (!this.view.store.has(id)) return;
    this.view.removed(id);
    this.suggestionsChanged();
    this.view.announce(this.team ? annotationChange("deleted", event.actor, id)
      : interpolate(gettext("Claim %(id)s is no longer published."), { id }));
    this.panelHears(id, event);
  }

  articleChanged(event) {
    const box = document.getElementById("live-article");
    box.hidden = false;
    replaceChildren(box.querySelector("p"), fillSentence(
      gettext("%(actor)s changed this article’s text or details. %(reload)s to read the new version."), {
        actor: event.actor || gettext("Someone"),
        reload: el("a", { href: window.location.href.split("#")[0] }, gettext("Reload the page")),
      }));
  }

  /** Read the page's state again (too many events missed, or another epoch), then go on from it. */
  async reload() {
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = true;
    let data = null;
    try {
      const response = await fetch(this.config.state, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) data = await response.json();
    } catch {
      data = null;
    }
    this.reloading = false;
    if (!data) {
      setTimeout(() => this.reload(), RELOAD_RETRY);
      return;
    }
    this.replaceState(data);
    if (this.reloadAgain) {
      this.reloadAgain = false;
      this.reload();
    }
  }

  replaceState({ position, annotations }) {
    const { store, layer, list } = this.view;
    const fresh = new Map(annotations.map((annotation) => [annotation.id, annotation]));
    for (const id of [...store.keys()]) {
      if (!fresh.has(id)) {
        this.view.removed(id);
        this.panelHears(id, { type: "removed", actor: null });
      }
    }
    for (const annotation of fresh.values()) {
      const old = store.get(annotation.id);
      if (old && JSON.stringify(old) === JSON.stringify(annotation)) continue;
      store.set(annotation.id, annotation);
      layer.put(annotation, { overlaps: false });
      list.put(annotation);
      if (old && old.version !== annotation.version) this.panelHears(annotation.id, { type: "annotation", actor: null });
    }
    layer.updateOverlaps();
    this.epoch = position.epoch;
    this.seq = position.seq;
    for (const [seq, event] of this.pending) if (seq <= this.seq || event.epoch !== this.epoch) this.pending.delete(seq);
    this.drain();
    if (this.team) this.workChanged();
    this.suggestionsChanged();
  }

  // The panel: never move the text under someone who types

  openId() {
    return this.panel.isOpen ? this.panel.annotation?.id ?? this.panel.openId : null;
  }

  async panelHears(id, event) {
    if (this.openId() !== id) return;
    const who = event.actor || (this.team ? gettext("someone") : null);
    if (event.type === "removed") {
      this.say(who ? interpolate(gettext("Deleted by %(user)s."), { user: who }) : gettext("This claim is no longer published."), {});
      this.panel.setEditable(false);
      return;
    }
    if (this.panel.guard.dirty() || this.panel.busy || this.panel.pendingVerify) {
      this.say(interpolate(gettext("Updated by %(user)s — review changes before you save."), { user: who || gettext("someone") }),
        { review: true });
      return;
    }
    const fresh = await this.panel.api.getAnnotation(id).catch(() => null);
    if (!fresh || this.openId() !== id || this.panel.guard.dirty()) return;
    this.panel.annotation = fresh;
    this.panel.fill(fresh);
    this.panel.loadHistory(id);
    this.say(interpolate(gettext("Updated by %(user)s: the panel shows the new version."), { user: who || gettext("someone") }), {});
  }

  /** Show the stored version beside the person's own unsaved one, with "Re-apply my changes". */
  async reviewChanges() {
    const id = this.openId();
    const theirs = id === null ? null : await this.panel.api.getAnnotation(id).catch(() => null);
    if (!theirs || this.openId() !== id) return;
    this.hideNotice();
    this.panel.showConflict(theirs, (newer) => this.panel.save({ version: newer.version }), gettext("Re-apply my changes"));
  }

  say(text, { review = false, takeOver = false } = {}) {
    this.notice.hidden = false;
    this.notice.querySelector("p").textContent = text;
    this.notice.querySelector("[data-live=reviewChanges]").hidden = !review;
    this.notice.querySelector("[data-live=takeOver]").hidden = !takeOver;
  }

  hideNotice() {
    this.notice.hidden = true;
  }

  /** The panel opened an annotation (null: a new one) or was closed. */
  panelOpened(id) {
    this.hideNotice();
    if (this.editing !== null && this.editing !== id) this.release();
  }

  /** The panel shows a stored annotation: hold it read-only while another person edits it. */
  panelFilled(annotation) {
    const lock = this.locks.get(annotation.id);
    if (lock && !lock.mine && permissions(this.view.config.user, annotation).edit) this.heldBy(annotation.id, lock);
  }

  heldBy(id, lock) {
    this.heldBack = id;
    this.panel.setEditable(false);
    this.say(interpolate(gettext("%(user)s is editing this claim. Wait for them to save, or take over (they will be told)."),
      { user: lock.name }), { takeOver: true });
  }

  typing() {
    const id = this.panel.annotation?.id;
    if (!this.team || id === undefined || this.editing === id) return;
    if (this.editing !== null) this.release();
    this.editing = id;
    this.socket.send({ type: "editing", annotation: id });
  }

  takeOver() {
    const id = this.openId();
    if (id === null) return;
    this.editing = id;
    this.heldBack = null;
    this.socket.send({ type: "take_over", annotation: id });
    if (this.panel.annotation) this.panel.setEditable(permissions(this.view.config.user, this.panel.annotation).edit);
    const lock = this.locks.get(id);
    this.say(lock
      ? interpolate(gettext("You took over editing this claim from %(user)s; they were told. Their unsaved changes are theirs: your save is checked against the stored version."), { user: lock.name })
      : gettext("You took over editing this claim; they were told. Their unsaved changes are theirs: your save is checked against the stored version."), {});
  }

  /** Saved or closed: the soft lock goes. */
  release() {
    if (this.editing === null) return;
    this.editing = null;
    this.socket.send({ type: "editing", annotation: null });
  }

  wrote() {
    this.release();
  }

  showLocks(locks) {
    this.locks = new Map(locks.map((lock) => [lock.annotation, lock]));
    const id = this.openId();
    if (id === null) return;
    const lock = this.locks.get(id);
    if (lock && !lock.mine) {
      if (this.editing === id) {
        // Someone else got there first: keep what was typed, and say so.
        this.editing = null;
        this.say(interpolate(gettext("%(user)s is editing this claim too. Take over to go on (they will be told), or wait for their save."),
          { user: lock.name }), { takeOver: true });
      } else if (this.heldBack !== id && this.panel.annotation && !this.panel.guard.dirty()
        && permissions(this.view.config.user, this.panel.annotation).edit) {
        this.heldBy(id, lock);
      }
    } else if (!lock && this.heldBack === id) {
      this.heldBack = null;
      this.hideNotice();
      if (this.panel.annotation) this.panel.setEditable(permissions(this.view.config.user, this.panel.annotation).edit);
    }
  }

  takenOver({ annotation, by }) {
    if (this.editing === annotation) this.editing = null;
    if (this.openId() !== annotation) return;
    this.say(interpolate(gettext("%(user)s took over editing this claim. Your unsaved changes are still here; if you save them after %(user)s, you will be asked to review theirs first."), { user: by }), {});
  }

  // Who is here

  showPresence(message) {
    if (!this.presence) return;
    if (!this.team) {
      this.presence.hidden = message.count < 2;
      this.presence.textContent = interpolate(ngettext("%(count)s person is reading this article now.",
        "%(count)s people are reading this article now.", message.count), { count: formatNumber(message.count) });
      return;
    }
    const others = message.people.filter((person) => person.name !== this.username);
    const names = others.map((person) => el("li", { class: "live-person" }, person.name,
      person.editing.length ? el("span", { class: "live-person__editing" }, ` ${interpolate(ngettext(
        "editing annotation %(ids)s", "editing annotations %(ids)s", person.editing.length), { ids: person.editing.join(", ") })}`)
        : null));
    const visitors = message.others ? el("li", { class: "live-person live-person--others" },
      interpolate(ngettext("%(count)s reader without a role", "%(count)s readers without a role", message.others),
        { count: formatNumber(message.others) })) : null;
    this.presence.hidden = false;
    replaceChildren(this.presence, el("span", { class: "live-presence__label" }, gettext("Here now:")),
      el("ul", { class: "live-presence__people" }, el("li", { class: "live-person live-person--me" }, pgettext("presence", "you")),
        ...names, visitors));
  }
}

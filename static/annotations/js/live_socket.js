// A socket of the live desk that comes back by itself: it reconnects with a growing, jittered
// delay (0.5 s doubling to 10 s; Hypothesis' client backs off too), and says when live updates are
// paused, while the page itself goes on working over HTTP.

import { formatNumber, gettext, interpolate } from "./i18n.js";

/** This tab's id: the server does not echo the tab's own changes back to it (X-Live-Client). */
export const clientId = [...crypto.getRandomValues(new Uint8Array(12))]
  .map((byte) => byte.toString(16).padStart(2, "0")).join("");

// Close codes of annotations/live/consumers.py: paused (the layer is down), gone, refused.
const PAUSED = 4503;
const FINAL = new Set([4401, 4404]);
const FIRST_DELAY = 500;
const LONGEST_DELAY = 10000;

export class LiveSocket {
  /**
   * path: the socket's path (/ws/live/...); onOpen(): connected (again); onMessage(message);
   * onStatus(state, detail): "live", "paused" (detail.retryIn seconds) or "off".
   */
  constructor(path, { onOpen = () => {}, onMessage, onStatus = () => {} }) {
    this.path = path;
    this.onOpen = onOpen;
    this.onMessage = onMessage;
    this.onStatus = onStatus;
    this.attempts = 0;
    this.socket = null;
    this.stopped = false;
    window.addEventListener("pagehide", () => this.stop());
    window.addEventListener("online", () => this.retryNow());
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
  }

  connect() {
    clearTimeout(this.timer);
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${window.location.host}${this.path}?client=${clientId}`;
    let socket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.retry(null);
      return;
    }
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempts = 0;
      this.onStatus("live", {});
      this.onOpen();
    });
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.onMessage(message);
    });
    socket.addEventListener("close", (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (FINAL.has(event.code)) {
        this.onStatus("off", {});
        return;
      }
      this.retry(event.code);
    });
  }

  retry(code) {
    const delay = Math.min(LONGEST_DELAY, FIRST_DELAY * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts += 1;
    this.onStatus("paused", { retryIn: Math.ceil(delay / 1000), layerDown: code === PAUSED });
    this.timer = setTimeout(() => this.connect(), delay);
  }

  retryNow() {
    if (this.stopped || this.socket) return;
    this.attempts = 0;
    this.connect();
  }

  /** Send a message if connected; return whether it went. */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  get connected() {
    return Boolean(this.socket && this.socket.readyState === WebSocket.OPEN);
  }
}

/** Show the socket's state in a status element: nothing while live, a sentence while paused. */
export function showStatus(element, state, { retryIn }) {
  if (!element) return;
  element.dataset.state = state;
  if (state === "live") {
    element.hidden = true;
    element.textContent = "";
    return;
  }
  element.hidden = false;
  element.textContent = state === "off"
    ? gettext("Live updates are off for this page; reload it to see others’ changes.")
    : interpolate(gettext("Live updates are paused; this page still works, and others’ changes appear once they are back (next try in %(seconds)s s)."),
      { seconds: formatNumber(retryIn) });
}

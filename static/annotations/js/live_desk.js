// My work and the review queue, live: changes to the team's work made elsewhere are listed at
// the top with a link that reloads the page, and the header's My-work count follows them.

import { el, replaceChildren } from "./dom.js";
import { formatNumber, interpolate, ngettext } from "./i18n.js";
import { LiveSocket, showStatus } from "./live_socket.js";
import { annotationChange, otherChange } from "./live_words.js";
import { refreshWorkCount } from "./work_count.js";

const SHOWN = 5;

const root = document.getElementById("live-desk");
if (root) {
  const list = root.querySelector("ul");
  const status = document.getElementById("live-status");
  const changes = [];
  let timer = null;
  const socket = new LiveSocket("/ws/live/desk/", {
    onMessage: (event) => {
      if (event.type !== "work") return;
      changes.unshift(event);
      root.hidden = false;
      root.querySelector(".live-desk__count").textContent = interpolate(ngettext(
        "%(count)s change since this page was loaded", "%(count)s changes since this page was loaded", changes.length,
      ), { count: formatNumber(changes.length) });
      replaceChildren(list, changes.slice(0, SHOWN).map((change) => el("li", {},
        change.id ? annotationChange(change.kind, change.actor, change.id) : otherChange(change.kind, change.actor))));
      clearTimeout(timer);
      timer = setTimeout(() => refreshWorkCount(root.dataset.countUrl), 500);
    },
    onStatus: (state, detail) => showStatus(status, state, detail),
  });
  socket.start();
}

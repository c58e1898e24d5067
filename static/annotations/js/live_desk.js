// My work and the review queue, live: changes to the team's work made elsewhere are listed at
// the top with a link that reloads the page, and the header's My-work count follows them.

import { el, replaceChildren } from "./dom.js";
import { LiveSocket, showStatus } from "./live_socket.js";
import { refreshWorkCount } from "./work_count.js";

const DONE = {
  created: "created", edited: "edited", submitted: "submitted for review", verified: "verified",
  returned: "returned", deleted: "deleted", article: "changed the text of an article", resync: "changed several annotations",
};
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
      root.querySelector(".live-desk__count").textContent =
        `${changes.length} ${changes.length === 1 ? "change" : "changes"} since this page was loaded`;
      replaceChildren(list, changes.slice(0, SHOWN).map((change) => el("li", {},
        change.id ? `${change.actor || "Someone"} ${DONE[change.kind] || "changed"} annotation ${change.id}`
          : `${change.actor || "Someone"} ${DONE[change.kind] || "changed an article"}`)));
      clearTimeout(timer);
      timer = setTimeout(() => refreshWorkCount(root.dataset.countUrl), 500);
    },
    onStatus: (state, detail) => showStatus(status, state, detail),
  });
  socket.start();
}

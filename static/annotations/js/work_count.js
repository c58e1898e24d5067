// The header's My-work count: the server counts it when a page is drawn, so a page that
// saves, submits, verifies or returns work without reloading asks for it again.

import { el } from "./dom.js";
import { formatNumber, ngettext } from "./i18n.js";

export async function refreshWorkCount(url) {
  const link = document.querySelector(".site-nav__work");
  if (!link || !url) return;
  let count;
  try {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) return;
    ({ count } = await response.json());
  } catch {
    return;
  }
  link.querySelector(".nav-count")?.remove();
  if (count > 0) {
    link.append(" ", el("span", { class: "nav-count" }, formatNumber(count),
      el("span", { class: "visually-hidden" }, ` ${ngettext("item", "items", count)}`)));
  }
}

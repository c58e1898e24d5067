// Build DOM from data with createElement and textContent only: user text never becomes markup.

import { pageLanguage } from "./i18n.js";

/**
 * Return a new element; props sets attributes ("class", "data-*", "aria-*", ...), children are
 * nodes or strings (added as text). null, undefined and false children are skipped.
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "href") element.href = safeHref(value) ?? "";
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** Return url if it is an absolute http(s) URL, else null: nothing else becomes a link. */
export function safeHref(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Return a link for an http(s) URL, or a plain text span for anything else. */
export function link(url, text) {
  const href = safeHref(url);
  if (href === null) return el("span", { class: "unsafe-link" }, text || url);
  return el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, text || url);
}

/** Return "excerpt…" cut at a word boundary near limit characters. */
export function excerpt(text, limit = 90) {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  if (chars.length <= limit) return chars.join("");
  const cut = chars.slice(0, limit).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Return a date-time as "21 Oct 2025, 18:30 EDT" in the page's display zone (the
 * reader's choice, else the newsroom's: <html data-time-zone>), the zone named, written as
 * the page's language writes dates. */
export function formatDate(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options = {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    timeZoneName: "short",
  };
  const zone = document.documentElement.dataset.timeZone;
  const language = pageLanguage();
  for (const [locale, opts] of [[language, zone ? { ...options, timeZone: zone } : options], [language, options]]) {
    try {
      return date.toLocaleString(locale, opts);
    } catch {
      // a zone (or a language tag) this browser does not know: try without it
    }
  }
  return date.toLocaleString(undefined, options);
}

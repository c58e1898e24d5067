// Revisions of the article (a diff of each against the one before) and the orphaned
// annotations, which a reviewer re-attaches by selecting the text they moved to.
// Article text only ever goes into textContent.

import { gettext, interpolate } from "./i18n.js";
import { TextMap } from "./offsets.js";

const section = document.getElementById("revisions");
const CONTEXT = 60; // characters of unchanged text kept around each change

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function call(method, path, { body, version } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  if (version !== undefined) headers["If-Match"] = `"${version}"`;
  const response = await fetch(section.dataset.api + path, {
    method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    const detail = data && (data.detail || Object.values(data).flat().join(" "));
    throw new Error(detail || interpolate(gettext("The request failed (%(status)s)."), { status: response.status }));
  }
  return data;
}

function renderDiff(container, runs) {
  container.replaceChildren();
  runs.forEach((run, index) => {
    if (run.op === "equal") {
      let text = run.text;
      const first = index === 0;
      const last = index === runs.length - 1;
      if (text.length > CONTEXT * 2) {
        const head = first ? "" : text.slice(0, CONTEXT);
        const tail = last ? "" : text.slice(-CONTEXT);
        container.append(head);
        const gap = document.createElement("span");
        gap.className = "diff__gap";
        gap.textContent = " … ";
        container.append(gap, tail);
        return;
      }
      container.append(text);
      return;
    }
    const element = document.createElement(run.op === "insert" ? "ins" : "del");
    element.textContent = run.text;
    container.append(element);
  });
}

async function showRevision(button) {
  const container = document.getElementById("revision-diff");
  for (const other of section.querySelectorAll("[data-revision]")) {
    other.setAttribute("aria-pressed", String(other === button));
  }
  container.hidden = false;
  container.textContent = gettext("Loading…");
  try {
    const revision = await call("GET", `articles/${section.dataset.article}/revisions/${button.dataset.revision}/`);
    renderDiff(container, revision.diff);
  } catch (error) {
    container.textContent = error.message;
  }
}

async function reattach(item) {
  const error = item.querySelector(".orphans__error");
  const body = document.getElementById("article-body");
  const selection = window.getSelection();
  const range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
  const map = new TextMap(body);
  const span = range && !range.collapsed && body.contains(range.commonAncestorContainer.nodeType === 1
    ? range.commonAncestorContainer : range.commonAncestorContainer.parentNode) ? map.offsetsOf(range) : null;
  if (!span) {
    error.hidden = false;
    error.textContent = gettext("First select, in the article, the passage this annotation belongs to.");
    return;
  }
  try {
    await call("PATCH", `annotations/${item.dataset.annotation}/`, {
      body: { start: span.start, end: span.end, quote: map.text(span.start, span.end) },
      version: item.dataset.version,
    });
    window.location.reload();
  } catch (failure) {
    error.hidden = false;
    error.textContent = failure.message;
  }
}

if (section) {
  section.addEventListener("click", (event) => {
    const revision = event.target.closest("[data-revision]");
    if (revision) showRevision(revision);
    const button = event.target.closest("[data-action=reattach]");
    if (button) reattach(button.closest("[data-annotation]"));
  });
  // Keep the selection made in the article when the button is pressed.
  section.addEventListener("mousedown", (event) => {
    if (event.target.closest("[data-action=reattach]")) event.preventDefault();
  });
}

// "Add an article": from a URL or an uploaded page (extracted by the server, shown as a
// preview the user corrects before saving) or pasted text. Untrusted text only ever goes
// into form values and textContent.

import { gettext, interpolate } from "./i18n.js";

const root = document.getElementById("article-new");
const form = document.getElementById("article-form");
const status = document.getElementById("import-status");
const previewTitle = document.getElementById("preview-title");
const tabs = [...document.querySelectorAll("[data-tab]")];
const duplicateBox = document.getElementById("import-duplicate");
const duplicateLink = document.getElementById("import-duplicate-link");
const refreshButton = document.getElementById("import-refresh");
const refreshHint = document.getElementById("import-refresh-hint");
let duplicateId = null;

function csrfToken() {
  return form.querySelector("[name=csrfmiddlewaretoken]").value;
}

function show(tab, { keepForm = false } = {}) {
  for (const button of tabs) {
    const selected = button.dataset.tab === tab;
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
  }
  for (const panel of document.querySelectorAll("[data-panel]")) panel.hidden = panel.dataset.panel !== tab;
  if (tab === "paste") {
    form.hidden = false;
    previewTitle.hidden = true;
    form.elements.origin.value = "manual";
  } else if (!keepForm) {
    form.hidden = true;
  }
  status.textContent = "";
  duplicateBox.hidden = true;
}

/** The page is stored already: link to it and, for who may, offer to fetch it again instead. */
function showDuplicate(article) {
  duplicateId = article.id;
  duplicateLink.textContent = article.title || article.url;
  duplicateLink.href = `/articles/${encodeURIComponent(article.id)}/`;
  refreshButton.hidden = !article.may_refresh;
  refreshHint.hidden = !article.may_refresh;
  refreshButton.disabled = false;
  form.hidden = true;
  previewTitle.hidden = true;
  duplicateBox.hidden = false;
  status.textContent = gettext("This article is already stored.");
}

refreshButton.addEventListener("click", async () => {
  refreshButton.disabled = true;
  status.textContent = gettext("Fetching the article again…");
  let response;
  try {
    response = await fetch(`${root.dataset.api}articles/${encodeURIComponent(duplicateId)}/refresh/`, {
      method: "POST", credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
  } catch {
    status.textContent = gettext("The server could not be reached. Check your connection and try again.");
    refreshButton.disabled = false;
    return;
  }
  const data = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    status.textContent = message(data, response.status);
    refreshButton.disabled = false;
    return;
  }
  status.textContent = data.changed
    ? interpolate(gettext("Refreshed: the text changed; it is now revision %(revision)s."), { revision: data.revision })
    : gettext("Refreshed: the text has not changed.");
});

/** Split an ISO 8601 date or date-time into the form's date and time values, in UTC (the server's zone). */
function dateAndTime(iso) {
  if (!iso) return ["", ""];
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return [iso, ""];
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return ["", ""];
  const utc = date.toISOString();
  return [utc.slice(0, 10), utc.slice(11, 16)];
}

function fill(page) {
  const fields = form.elements;
  fields.title.value = page.title || "";
  fields.url.value = page.url || "";
  fields.publisher.value = page.publisher || "";
  fields.byline.value = page.byline || "";
  fields.language.value = page.language || "";
  [fields.published_date.value, fields.published_time.value] = dateAndTime(page.published_at);
  fields.body.value = page.body || "";
  fields.origin.value = "import";
  for (const error of form.querySelectorAll(".field__error, .form-errors")) error.remove();
  form.hidden = false;
  previewTitle.hidden = false;
  status.textContent = page.body
    ? gettext("Extracted. Check every field, correct what is wrong, then save.")
    : gettext("No article text was found on this page; paste it below.");
  fields.title.focus();
}

function message(data, code) {
  if (data && data.detail) return data.detail;
  if (data && typeof data === "object") {
    return Object.values(data).flat().join(" ");
  }
  return interpolate(gettext("The request failed (%(status)s)."), { status: code });
}

async function extract(body, isJson) {
  status.textContent = gettext("Extracting…");
  const headers = { Accept: "application/json", "X-CSRFToken": csrfToken() };
  if (isJson) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`${root.dataset.api}articles/import/preview/`, {
      method: "POST", credentials: "same-origin", headers, body,
    });
  } catch {
    status.textContent = gettext("The server could not be reached. Check your connection and try again.");
    return;
  }
  const data = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    status.textContent = message(data, response.status);
    return;
  }
  duplicateBox.hidden = true;
  if (data.duplicate) {
    showDuplicate(data.duplicate);
    return;
  }
  fill(data);
}

document.querySelector("[data-import=url]").addEventListener("submit", (event) => {
  event.preventDefault();
  const url = event.target.elements.url.value.trim();
  if (!url) {
    status.textContent = gettext("Give the address of the article.");
    return;
  }
  extract(JSON.stringify({ url }), true);
});

document.querySelector("[data-import=upload]").addEventListener("submit", (event) => {
  event.preventDefault();
  const [file] = event.target.elements.file.files;
  if (!file) {
    status.textContent = gettext("Choose a saved web page.");
    return;
  }
  const data = new FormData();
  data.append("file", file);
  const url = event.target.elements.url.value.trim();
  if (url) data.append("url", url);
  extract(data, false);
});

document.querySelector(".import-tabs").addEventListener("click", (event) => {
  const tab = event.target.closest("[data-tab]");
  if (tab) show(tab.dataset.tab);
});

document.querySelector(".import-tabs").addEventListener("keydown", (event) => {
  const index = tabs.indexOf(document.activeElement);
  if (index < 0 || !["ArrowLeft", "ArrowRight"].includes(event.key)) return;
  const next = tabs[(index + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
  next.focus();
  show(next.dataset.tab);
});

// A fresh page starts with the URL; a form sent back with errors stays as it was.
if (form.hasAttribute("data-initial")) {
  show("url");
} else {
  show(form.elements.origin.value === "import" ? "url" : "paste", { keepForm: true });
  previewTitle.hidden = form.elements.origin.value !== "import";
}

// The article's Refresh button: starts a refresh job, shows its progress, and reloads the page
// when the publisher's page brought a new revision (its annotations re-anchored).

import { gettext, interpolate } from "./i18n.js";

const section = document.getElementById("watch");
const button = section?.querySelector("[data-action=refresh-article]");
const POLL_MS = 700;

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function call(method, path) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  const response = await fetch(section.dataset.api + path, { method, headers, credentials: "same-origin" });
  const data = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    const detail = data && (data.detail || Object.values(data).flat().join(" "));
    throw new Error(detail || interpolate(gettext("The request failed (%(status)s)."), { status: response.status }));
  }
  return data;
}

const WORDS = {
  changed: (result) => interpolate(gettext("The page changed: it is now revision %(revision)s. Reloading…"),
    { revision: result.revision }),
  unchanged: () => gettext("Checked: the publisher's page has not changed."),
  not_modified: () => gettext("Checked: the publisher's page has not changed (not modified)."),
};

function show(job) {
  const progress = section.querySelector(".watch__progress");
  const status = section.querySelector(".watch__status");
  progress.hidden = job.state === "succeeded" || job.state === "failed";
  progress.max = Math.max(job.total, 1);
  progress.value = job.done;
  if (job.state === "succeeded") {
    const said = WORDS[job.result.status];
    status.textContent = said ? said(job.result) : gettext("Checked.");
  } else if (job.state === "failed") {
    status.textContent = interpolate(gettext("The refresh failed: %(error)s"), { error: job.error });
  } else if (job.state === "retrying") {
    status.textContent = interpolate(gettext("The publisher's page did not answer; trying again later (%(error)s)."),
      { error: job.error });
  } else {
    status.textContent = job.state === "queued" ? gettext("Waiting for a worker…") : gettext("Fetching the publisher's page…");
  }
}

async function follow(job) {
  show(job);
  while (job.state === "queued" || job.state === "running") {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await call("GET", `jobs/${job.id}/`);
    show(job);
  }
  if (job.state === "succeeded" && job.result.status === "changed") window.location.reload();
  button.disabled = false;
}

button?.addEventListener("click", async () => {
  button.disabled = true;
  try {
    await follow(await call("POST", `articles/${encodeURIComponent(section.dataset.article)}/refresh/job/`));
  } catch (error) {
    section.querySelector(".watch__status").textContent = error.message;
    button.disabled = false;
  }
});

// Render the annotation history from /api/v1/annotations/{id}/history/: who did what, when.

import { el, excerpt, formatDate, replaceChildren } from "./dom.js";

const FIELD_NAMES = {
  review_state: "review state", review_comment: "review comment", reviewed_by: "reviewed by",
  reviewed_at: "reviewed at", created_by: "created by", edited_by: "last edited by", added_by: "added by",
};

function valueText(field, value, labels) {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "rating") return labels.ratings[value] || value;
  if (field === "review_state") return labels.states[value] || value;
  if (field === "stance") return labels.stances[value] || value;
  if (typeof value === "object") return value.name ?? JSON.stringify(value);
  return excerpt(String(value), 60);
}

function childSummary(entry, labels) {
  const values = Object.fromEntries(entry.changes.map((c) => [c.field, c.new ?? c.old]));
  if (entry.object === "attribution") {
    const source = values.source && typeof values.source === "object" ? values.source.name : "a source";
    return values.stance ? `${source}, ${labels.stances[values.stance] || values.stance}` : source;
  }
  return values.title || values.url || "";
}

function describe(entry, labels) {
  if (entry.object === "correction") return `published a correction: ${entry.comment}`;
  if (entry.object === "annotation") {
    if (entry.type === "created") return "created the annotation";
    if (entry.type === "deleted") return "deleted the annotation";
    return entry.comment || "changed the annotation";
  }
  const noun = entry.object === "attribution" ? "attribution" : "evidence";
  const verb = { created: "added", deleted: "removed", changed: "changed" }[entry.type] || entry.type;
  const summary = childSummary(entry, labels);
  return `${verb} ${noun}${summary ? `: ${summary}` : ""}`;
}

/** Fill list with the entries, newest first. */
export function renderHistory(list, entries, labels) {
  if (!entries.length) {
    replaceChildren(list, el("li", {}, "No recorded changes."));
    return;
  }
  replaceChildren(list, [...entries].reverse().map((entry) => {
    const showChanges = entry.object === "annotation" && entry.type === "changed";
    const changes = showChanges
      ? entry.changes.filter((change) => !["reviewed_at", "review_comment"].includes(change.field))
      : [];
    return el("li", { class: "history__entry" },
      el("p", { class: "history__line" },
        el("time", { datetime: entry.at }, formatDate(entry.at)), " · ",
        el("strong", {}, entry.user || "someone"), " ",
        describe(entry, labels),
        entry.object === "annotation" && entry.version ? el("span", { class: "history__version" }, ` (v${entry.version})`) : null,
      ),
      changes.length ? el("ul", { class: "history__changes" }, changes.map((change) => el("li", {},
        `${FIELD_NAMES[change.field] || change.field}: `,
        el("del", {}, valueText(change.field, change.old, labels)), " → ",
        el("ins", {}, valueText(change.field, change.new, labels)),
      ))) : null,
    );
  }));
}

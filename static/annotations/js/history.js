// Render the annotation history from /api/v1/annotations/{id}/history/: who did what, when.

import { el, excerpt, formatDate, replaceChildren } from "./dom.js";
import { gettext, interpolate, pgettext } from "./i18n.js";

// Field names as the history lists them (other fields keep their own names).
const FIELD_NAMES = () => ({
  review_state: gettext("review state"), review_comment: gettext("review comment"),
  reviewed_by: gettext("reviewed by"), reviewed_at: gettext("reviewed at"), created_by: gettext("created by"),
  edited_by: gettext("last edited by"), added_by: gettext("added by"),
});

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
    const source = values.source && typeof values.source === "object" ? values.source.name : gettext("a source");
    return values.stance
      ? interpolate(gettext("%(source)s, %(stance)s"), { source, stance: labels.stances[values.stance] || values.stance })
      : source;
  }
  return values.title || values.url || "";
}

function describe(entry, labels) {
  if (entry.object === "correction") return interpolate(gettext("published a correction: %(comment)s"), { comment: entry.comment });
  if (entry.object === "annotation") {
    if (entry.type === "created") return gettext("created the annotation");
    if (entry.type === "deleted") return gettext("deleted the annotation");
    // A workflow step's comment ("submitted", "returned: ...") is stored as the server wrote it.
    return entry.comment || gettext("changed the annotation");
  }
  // Whole phrases, so that each language words them its own way.
  const phrases = entry.object === "attribution"
    ? { created: gettext("added attribution"), deleted: gettext("removed attribution"), changed: gettext("changed attribution") }
    : { created: gettext("added evidence"), deleted: gettext("removed evidence"), changed: gettext("changed evidence") };
  const phrase = phrases[entry.type] || `${entry.type} ${entry.object}`;
  const summary = childSummary(entry, labels);
  return summary ? interpolate(pgettext("history entry", "%(change)s: %(summary)s"), { change: phrase, summary }) : phrase;
}

/** Fill list with the entries, newest first. */
export function renderHistory(list, entries, labels) {
  if (!entries.length) {
    replaceChildren(list, el("li", {}, gettext("No recorded changes.")));
    return;
  }
  const fieldNames = FIELD_NAMES();
  replaceChildren(list, [...entries].reverse().map((entry) => {
    const showChanges = entry.object === "annotation" && entry.type === "changed";
    const changes = showChanges
      ? entry.changes.filter((change) => !["reviewed_at", "review_comment"].includes(change.field))
      : [];
    return el("li", { class: "history__entry" },
      el("p", { class: "history__line" },
        el("time", { datetime: entry.at }, formatDate(entry.at)), " · ",
        el("strong", {}, entry.user || gettext("someone")), " ",
        describe(entry, labels),
        entry.object === "annotation" && entry.version ? el("span", { class: "history__version" }, ` ${interpolate(gettext("(v%(version)s)"), { version: entry.version })}`) : null,
      ),
      changes.length ? el("ul", { class: "history__changes" }, changes.map((change) => el("li", {},
        `${fieldNames[change.field] || change.field}: `,
        el("del", {}, valueText(change.field, change.old, labels)), " → ",
        el("ins", {}, valueText(change.field, change.new, labels)),
      ))) : null,
    );
  }));
}

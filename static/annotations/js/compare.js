// A correction under review: the published version (its public JSON) beside the proposed one
// (the annotation as stored), field by field. Changes are said in words ("Changed") and marked
// with <del>/<ins>, never by colour alone.

import { el } from "./dom.js";
import { gettext } from "./i18n.js";

function attributionText(item, labels) {
  const name = item.source ? item.source.name : "";
  return `${name} (${labels.stances[item.stance] || item.stance})`;
}

function evidenceText(item) {
  return item.title ? `${item.title} <${item.url}>` : item.url;
}

/** Rows {field, published, proposed, changed}: values are strings or lists of strings. */
export function compareRows(published, proposed, labels) {
  const rating = (value) => labels.ratings[value] || gettext("Not rated");
  return [
    [gettext("Claim"), published.claim, proposed.claim],
    [gettext("Rating"), rating(published.rating), rating(proposed.rating)],
    [gettext("Quote"), published.quote, proposed.quote],
    [gettext("Rationale"), published.rationale, proposed.rationale],
    [gettext("Attributions"), published.attributions.map((a) => attributionText(a, labels)),
      proposed.attributions.map((a) => attributionText(a, labels))],
    [gettext("Evidence"), published.evidence.map(evidenceText), proposed.evidence.map(evidenceText)],
  ].map(([field, before, after]) => ({
    field, published: before, proposed: after, changed: JSON.stringify(before) !== JSON.stringify(after),
  }));
}

function cell(value, other, mark, label) {
  if (Array.isArray(value)) {
    if (!value.length) return el("td", { "data-label": label }, "—");
    return el("td", { "data-label": label }, el("ul", {}, value.map((item) => el("li", {},
      other.includes(item) ? item : el(mark, {}, item)))));
  }
  if (!value) return el("td", { "data-label": label }, "—");
  return el("td", { "data-label": label }, value === other ? value : el(mark, {}, value));
}

/** Return the table rows of the comparison. */
export function compareTable(rows) {
  const published = gettext("Published");
  const proposed = gettext("Proposed");
  return rows.map((row) => el("tr", { class: row.changed ? "is-changed" : null },
    el("th", { scope: "row" }, row.field,
      row.changed ? el("span", { class: "compare__changed" }, gettext("Changed")) : null),
    cell(row.published, row.proposed, "del", published),
    cell(row.proposed, row.published, "ins", proposed),
  ));
}

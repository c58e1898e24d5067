// What a suggestion becomes once a person acts on it: its speaker (as suggested or as
// corrected), the attribution the API stores for it, and a proposed wording of its claim.
// Pure functions of plain data; no DOM.

/** Return the key that names a suggestion on the page (stable while the body is the same). */
export function suggestionKey(suggestion) {
  return `${suggestion.start}:${suggestion.end}:${suggestion.stance}:${suggestion.source?.name || ""}`;
}

/**
 * Return the speaker a suggestion stands for: {name, kind, stance, sourceId, confirmedNew,
 * corrected}. A correction ({name, kind, stance, sourceId, confirmedNew}) replaces what the
 * finder suggested; sourceId is a stored source's id, null for a name not stored.
 */
export function speakerOf(suggestion, correction = null) {
  if (correction) return { ...correction, corrected: true };
  const source = suggestion.source;
  return {
    name: source?.name || "",
    kind: source?.kind || "person",
    stance: suggestion.stance,
    sourceId: source?.source_id ?? null,
    confirmedNew: false,
    corrected: false,
  };
}

/** Return the speaker as an API attribution: a stored source by id, a new one by name and kind. */
export function attributionOf(speaker) {
  return {
    source: speaker.sourceId ? speaker.sourceId : { name: speaker.name, kind: speaker.kind },
    stance: speaker.stance,
  };
}

const OPENING = "\"'“‘«„";
const CLOSING = "\"'”’»“";

/**
 * Return the suggestion's words as a claim to confirm or rewrite: without the quotation
 * marks around a direct quote, the "that" of reported speech, or the comma before "he said".
 */
export function proposedClaim(suggestion) {
  let text = suggestion.quote.replace(/\s+/g, " ").trim();
  text = text.replace(/[,;:]+$/, "").trim();
  if (text.length > 1 && OPENING.includes(text[0]) && CLOSING.includes(text[text.length - 1])) {
    text = text.slice(1, -1).trim().replace(/[,;:]+$/, "").trim();
  }
  if (!suggestion.direct) text = text.replace(/^that\s+/i, "");
  return text ? text[0].toLocaleUpperCase() + text.slice(1) : "";
}

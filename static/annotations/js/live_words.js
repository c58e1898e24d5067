// What a change to the team's work is called, as whole sentences ("rita verified annotation 7."),
// shared by the article page and the live desk, so each language words every one its own way.

import { gettext, interpolate } from "./i18n.js";

/** Return the sentence saying that actor (a name, or null: someone) did kind to annotation id. */
export function annotationChange(kind, actor, id) {
  const formats = {
    created: gettext("%(actor)s created annotation %(id)s."),
    edited: gettext("%(actor)s edited annotation %(id)s."),
    submitted: gettext("%(actor)s submitted for review annotation %(id)s."),
    verified: gettext("%(actor)s verified annotation %(id)s."),
    returned: gettext("%(actor)s returned annotation %(id)s."),
    deleted: gettext("%(actor)s deleted annotation %(id)s."),
  };
  const format = formats[kind] || gettext("%(actor)s changed annotation %(id)s.");
  return interpolate(format, { actor: actor || gettext("Someone"), id });
}

/** Return the sentence for a change that names no annotation (an article's text, a resync). */
export function otherChange(kind, actor) {
  const formats = {
    article: gettext("%(actor)s changed the text of an article."),
    resync: gettext("%(actor)s changed several annotations."),
  };
  const format = formats[kind] || gettext("%(actor)s changed an article.");
  return interpolate(format, { actor: actor || gettext("Someone") });
}

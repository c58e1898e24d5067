// Interface strings, dates and numbers in the page's language. Django's JavaScript catalog
// (/jsi18n/, a classic script base.html loads before the modules) translates the strings;
// without it (a page that does not load it) the English text stands. Translated text goes
// into textContent like any other text, never into markup.

function catalog() {
  return globalThis.django && typeof globalThis.django.gettext === "function" ? globalThis.django : null;
}

/** Return text in the page's language. */
export function gettext(text) {
  const django = catalog();
  return django ? django.gettext(text) : text;
}

/** Return the singular or the (language's) plural form for count. */
export function ngettext(singular, plural, count) {
  const django = catalog();
  if (django) return django.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

/** Return text in the page's language, told apart from the same English words by context. */
export function pgettext(context, text) {
  const django = catalog();
  return django ? django.pgettext(context, text) : text;
}

/**
 * Fill a format's placeholders: "%(name)s" from an object (named, the default), or "%s" in
 * order from an array, as Django's interpolate() does.
 */
export function interpolate(format, values, named = true) {
  if (named) {
    return format.replace(/%\(([A-Za-z_]\w*)\)s/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }
  const queue = [...values];
  return format.replace(/%s/g, () => String(queue.shift()));
}

/** The page's language (<html lang>), as Intl takes it; undefined leaves it to the browser. */
export function pageLanguage() {
  return document.documentElement.lang || undefined;
}

/** Return a number written as the page's language writes it ("1,234", "1.234", "١٬٢٣٤"). */
export function formatNumber(value, options = {}) {
  try {
    return new Intl.NumberFormat(pageLanguage(), options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value);  // a tag this browser does not know
  }
}

/** Return a language tag's name in the page's language ("Spanish", "espagnol"); the tag if unknown. */
export function languageName(tag) {
  if (!tag) return "";
  try {
    return new Intl.DisplayNames([pageLanguage() || "en"], { type: "language" }).of(tag) || tag;
  } catch {
    return tag;
  }
}

/**
 * Return a translated sentence as parts to append, its placeholders filled with nodes or
 * strings: fillSentence("Returned by %(user)s on %(date)s", {user: strongElement, date: "…"}).
 * Each language puts the nodes where its sentence needs them.
 */
export function fillSentence(format, values) {
  const parts = [];
  let last = 0;
  for (const match of format.matchAll(/%\(([A-Za-z_]\w*)\)s/g)) {
    if (!(match[1] in values)) continue;
    if (match.index > last) parts.push(format.slice(last, match.index));
    parts.push(values[match[1]]);
    last = match.index + match[0].length;
  }
  if (last < format.length) parts.push(format.slice(last));
  return parts;
}

/** Return text between the quotation marks of the page's language (“…”, «…», « … »). */
export function quoted(text) {
  return interpolate(pgettext("quotation marks around a quoted text", "“%(text)s”"), { text });
}

// The side list of annotations in text order: quote excerpt, rating, stances and state.

import { el, excerpt, replaceChildren } from "./dom.js";
import { formatNumber, gettext, quoted } from "./i18n.js";

export function byPosition(a, b) {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

/** Return "Financial Times reported · Donald Trump denied" for [[source name, stance], ...]. */
export function stancesText(stances, stanceLabels) {
  return stances.map(([source, stance]) => `${source} ${stanceLabels[stance] || stance}`).join(" · ");
}

/** Return what the view keeps of an annotation from the API: what it paints and lists. */
export function summarize(annotation) {
  const { id, start, end, rating, review_state, version, created_by } = annotation;
  const stances = annotation.attributions.map((attribution) => [attribution.source.name, attribution.stance]);
  return { id, start, end, rating, review_state, version, created_by, stances };
}

export class AnnotationList {
  constructor(element, { labels, quoteOf, onOpen, countElement, emptyElement }) {
    this.element = element;
    this.labels = labels;
    this.quoteOf = quoteOf;
    this.countElement = countElement;
    this.emptyElement = emptyElement;
    this.items = new Map();
    element.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-annotation]");
      if (button) onOpen(Number(button.dataset.annotation), button);
    });
  }

  render(annotations) {
    this.items.clear();
    const sorted = [...annotations].sort(byPosition);
    replaceChildren(this.element, sorted.map((annotation) => {
      const element = this.build(annotation);
      this.items.set(annotation.id, { element, annotation });
      return element;
    }));
    this.updateCount();
  }

  /** Insert or refresh one annotation's item, keeping text order and the focus. */
  put(annotation) {
    const old = this.items.get(annotation.id);
    const fresh = this.build(annotation);
    if (old && byPosition(old.annotation, annotation) === 0) {
      old.element.className = fresh.className;
      old.element.querySelector("button").replaceChildren(...fresh.querySelector("button").childNodes);
      old.annotation = annotation;
      return;
    }
    old?.element.remove();
    this.items.delete(annotation.id);
    let next = null;
    for (const other of this.items.values()) {
      if (byPosition(other.annotation, annotation) > 0 && (!next || byPosition(other.annotation, next.annotation) < 0)) {
        next = other;
      }
    }
    this.element.insertBefore(fresh, next ? next.element : null);
    this.items.set(annotation.id, { element: fresh, annotation });
    this.updateCount();
  }

  remove(id) {
    this.items.get(id)?.element.remove();
    this.items.delete(id);
    this.updateCount();
  }

  setActive(id) {
    for (const { element, annotation } of this.items.values()) {
      element.classList.toggle("is-active", annotation.id === id);
      element.querySelector("button").setAttribute("aria-current", annotation.id === id ? "true" : "false");
    }
  }

  updateCount() {
    this.countElement.textContent = `(${formatNumber(this.items.size)})`;
    this.emptyElement.hidden = this.items.size > 0;
  }

  build(annotation) {
    const { ratings, states, stances } = this.labels;
    const rating = annotation.rating || "none";
    const stanceLine = stancesText(annotation.stances, stances);
    const element = el("li", { class: `annotation-item state--${annotation.review_state}`, "data-id": annotation.id },
      el("button", { type: "button", class: "annotation-item__open", "data-annotation": annotation.id },
        el("span", { class: "annotation-item__badges" },
          el("span", { class: `badge rating--${rating}` }, ratings[annotation.rating] || gettext("Not rated")),
          el("span", { class: `badge badge--state state--${annotation.review_state}` }, states[annotation.review_state]),
        ),
        el("span", { class: "annotation-item__quote" }, quoted(excerpt(this.quoteOf(annotation)))),
        stanceLine ? el("span", { class: "annotation-item__stances" }, stanceLine) : null,
      ),
    );
    return element;
  }
}

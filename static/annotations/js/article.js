// The annotation view: paints the annotations, turns selections into new ones, and keeps
// the highlights, the side list and the panel in step with what the API stores.

import { Api } from "./api.js";
import { HighlightLayer, supported } from "./highlights.js";
import { AnnotationList, summarize } from "./list.js";
import { TextMap } from "./offsets.js";
import { Panel } from "./panel.js";
import { KeyboardSelection } from "./keyboard.js";
import { SelectionAction } from "./selection_action.js";
import { Suggestions } from "./suggestions.js";
import { SeenBefore } from "./seen_before.js";
import { KnownClaims } from "./known_claims.js";
import { refreshWorkCount } from "./work_count.js";
import { LiveArticle } from "./live.js";
import { gettext } from "./i18n.js";

performance.mark("highlights-start");

function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

/** Run callback after the next frame has been painted. */
function afterPaint(callback) {
  requestAnimationFrame(() => setTimeout(callback, 0));
}

function labelsFrom(vocabularies) {
  const toMap = (pairs) => Object.fromEntries(pairs);
  return {
    ratings: toMap(vocabularies.ratings),
    states: toMap(vocabularies.review_states),
    stances: toMap(vocabularies.stances),
    kinds: toMap(vocabularies.source_kinds),
    relations: toMap(vocabularies.relations),
  };
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : document.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
}

class ArticleView {
  constructor() {
    this.config = readJson("page-config");
    this.labels = labelsFrom(this.config.vocabularies);
    this.body = document.getElementById("article-body");
    this.map = new TextMap(this.body);
    this.store = new Map(readJson("annotations-data").map((annotation) => [annotation.id, annotation]));
    this.layer = new HighlightLayer(this.map, {
      ratings: this.config.vocabularies.ratings.map(([value]) => value),
      states: this.config.vocabularies.review_states.map(([value]) => value),
    });
    this.announcer = document.getElementById("announcer");
    this.annotateButton = document.querySelector("[data-action=annotate-selection]");
    document.getElementById("highlight-support").hidden = supported();
  }

  start() {
    this.layer.setAll(this.store.values());
    this.body.dataset.highlights = "painted";
    afterPaint(() => {
      performance.mark("highlights-painted");
      performance.measure("highlights", "highlights-start", "highlights-painted");
      this.startInteractions();
    });
  }

  startInteractions() {
    const api = new Api({ base: this.config.api, csrfToken: csrfToken() });
    this.list = new AnnotationList(document.getElementById("annotation-list"), {
      labels: this.labels,
      countElement: document.getElementById("annotation-count"),
      emptyElement: document.getElementById("annotation-list-empty"),
      quoteOf: (annotation) => this.map.text(annotation.start, annotation.end),
      onOpen: (id, button) => this.openAnnotation(id, { returnFocus: button, scroll: true }),
    });
    this.list.render(this.store.values());
    this.panel = new Panel(document.getElementById("annotation-panel"), {
      api, user: this.config.user, labels: this.labels, claimUrl: this.config.claim_url,
      callbacks: {
        articleId: this.config.article,
        onSaved: (annotation) => this.saved(annotation),
        onRemoved: (id) => this.removed(id),
        onProvisional: (annotation) => this.provisional(annotation),
        onOpen: (id) => {
          this.activate(id);
          this.live?.panelOpened(id);
        },
        onFilled: (annotation) => this.live?.panelFilled(annotation),
        onClose: () => {
          this.layer.setPending(null);
          this.activate(null);
          this.live?.panelOpened(null);
        },
        announce: (text) => this.announce(text),
        workChanged: () => {
          refreshWorkCount(this.config.work_count_url);
          this.live?.wrote();
        },
      },
    });
    if (this.config.user.can_create) {
      this.seenBefore = new SeenBefore(document.getElementById("seen-before"), {
        api, form: this.panel.form, quote: document.getElementById("panel-quote"),
        currentId: () => this.panel.annotation?.id ?? this.panel.openId,
      });
    }
    if (this.config.user.username) {
      new KnownClaims(document.getElementById("known-claims"), {
        api, articleId: this.config.article, canAnnotate: this.config.user.can_create,
        annotate: (start, end) => {
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(this.map.range(start, end));
          this.annotateSelection();
        },
      }).load();
    }
    this.keyboard = new KeyboardSelection(this.body, this.map, this.layer, {
      annotate: () => this.annotateSelection(),
      openAt: (offset) => this.openAt(offset),
      selectionChanged: () => this.updateAnnotateButton(),
    });
    this.suggestions = new Suggestions(document.getElementById("suggestions"), {
      api, map: this.map, articleId: this.config.article, labels: this.labels,
      canCreate: this.config.user.can_create, announce: (text) => this.announce(text),
      sources: this.panel.sources,
      openNew: (span, prefill) => {
        this.layer.setPending(span);
        this.panel.openNew(span, prefill);
        this.scrollTo(span);
      },
      openAnnotation: (id, button) => this.openAnnotation(id, { returnFocus: button, scroll: true }),
      created: (annotations) => this.created(annotations),
    });
    this.body.addEventListener("mouseup", (event) => this.onMouseUp(event));
    document.addEventListener("selectionchange", () => this.updateAnnotateButton());
    this.annotateButton?.addEventListener("click", () => this.annotateSelection());
    document.addEventListener("keydown", (event) => {
      // Ctrl+Enter annotates the current selection wherever the focus is (outside the form).
      if (event.defaultPrevented) return;
      if (event.key === "Escape" && this.panel.isOpen) {
        event.preventDefault();
        this.panel.close();
        return;
      }
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.target.closest("#annotation-panel")) {
        if (this.currentSpan()) {
          event.preventDefault();
          this.annotateSelection();
        }
      }
    });
    const action = document.getElementById("selection-action");
    if (action && this.config.user.can_create) {
      new SelectionAction(action, {
        currentSpan: () => this.currentSpan(), annotate: () => this.annotateSelection(), panelOpen: () => this.panel.isOpen,
      });
    }
    // Links from the work list open an annotation: /articles/1/#annotation-7.
    const linked = /^#annotation-(\d+)$/.exec(window.location.hash);
    if (linked) this.openAnnotation(Number(linked[1]), { returnFocus: this.body, scroll: true });
    if (this.config.live) {
      this.live = new LiveArticle(this);
      this.live.start();
    }
    document.documentElement.dataset.ready = "true";
  }

  announce(text) {
    this.announcer.textContent = text;
  }

  /** Return the selected span {start, end, quote} if the selection lies in the body. */
  currentSpan() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!this.body.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== this.body) {
      if (!range.intersectsNode(this.body)) return null;
    }
    const span = this.map.offsetsOf(range);
    if (!span) return null;
    return { ...span, quote: this.map.text(span.start, span.end) };
  }

  updateAnnotateButton() {
    if (this.annotateButton) this.annotateButton.disabled = !this.config.user.can_create || !this.currentSpan();
  }

  annotateSelection() {
    if (!this.config.user.can_create) return;
    const span = this.currentSpan();
    if (!span) {
      this.announce(gettext("Select some text in the article first."));
      return;
    }
    this.layer.setPending(span);
    this.panel.openNew(span, { returnFocus: this.body });
    // A panel docked at the bottom (narrow or zoomed windows) must not cover the passage.
    this.scrollTo(span);
  }

  onMouseUp(event) {
    if (event.button !== 0) return;
    // Let the selection settle before reading it.
    setTimeout(() => {
      if (this.currentSpan()) {
        if (this.config.user.can_create) this.annotateSelection();
        return;
      }
      const offset = this.layer.offsetAtPoint(event.clientX, event.clientY);
      if (offset !== null) this.openAt(offset);
    }, 0);
  }

  /** Open the innermost annotation covering code point offset, if any. */
  openAt(offset) {
    const [id] = this.layer.at(offset);
    if (id === undefined) return false;
    this.openAnnotation(id, { returnFocus: this.body, scroll: false });
    return true;
  }

  openAnnotation(id, { returnFocus, scroll }) {
    const annotation = this.store.get(id);
    if (!annotation) return;
    this.layer.setPending(null);
    this.panel.open(annotation, { quote: this.map.text(annotation.start, annotation.end), returnFocus });
    if (scroll) this.scrollTo(annotation);
  }

  /** Scroll an annotation into the part of the window the panel leaves free. */
  scrollTo(annotation) {
    const rect = this.map.range(annotation.start, annotation.end).getBoundingClientRect();
    const panel = document.getElementById("annotation-panel");
    // On narrow screens the panel is a sheet over the lower part of the window.
    const sheet = !panel.hidden && getComputedStyle(panel).position === "fixed";
    const visibleBottom = sheet ? panel.getBoundingClientRect().top : window.innerHeight;
    // The header scrolls away on small screens: only its visible part counts.
    const header = Math.max(0, document.querySelector(".site-header").getBoundingClientRect().bottom);
    if (rect.top < header + 16 || rect.bottom > visibleBottom - 16) {
      const target = sheet ? header + 24 : window.innerHeight / 3;
      window.scrollBy({ top: rect.top - target, behavior: "instant" });
    }
  }

  activate(id) {
    this.layer.setActive(id);
    this.list.setActive(id);
  }

  provisional(annotation) {
    if (annotation === null) {
      this.layer.remove("provisional");
      return;
    }
    this.layer.setPending(null);
    // Paint the new span first; the overlap marks follow once it is on screen.
    this.layer.put(annotation, { overlaps: false });
    this.measuringCreate = true;
    afterPaint(() => {
      performance.mark("save-highlight-shown");
      performance.measure("save-to-highlight", "save-start", "save-highlight-shown");
      this.layer.updateOverlaps();
    });
  }

  saved(full) {
    this.suggestions.refresh();
    const annotation = summarize(full);
    annotation.published = full.review_state === "verified" || Boolean(this.store.get(full.id)?.published);
    this.store.set(annotation.id, annotation);
    this.layer.put(annotation);
    this.list.put(annotation);
    this.activate(annotation.id);
    if (this.measuringCreate) {
      this.measuringCreate = false;
      window.getSelection()?.removeAllRanges();
      afterPaint(() => {
        performance.mark("save-confirmed");
        performance.measure("save-to-confirmed", "save-start", "save-confirmed");
      });
    }
  }

  /** Show annotations made elsewhere on the page (suggestions accepted together). */
  created(annotations) {
    for (const full of annotations) {
      const annotation = summarize(full);
      this.store.set(annotation.id, annotation);
      this.layer.put(annotation, { overlaps: false });
      this.list.put(annotation);
    }
    this.layer.updateOverlaps();
    refreshWorkCount(this.config.work_count_url);
  }

  removed(id) {
    this.store.delete(id);
    this.layer.remove(id);
    this.list.remove(id);
  }
}

new ArticleView().start();

// On touch screens and narrow windows the toolbar's "Annotate" button can be far above the
// text: an "Annotate" button appears right below the end of the selection instead.

const WHERE = "(max-width: 900px), (pointer: coarse)";
const GAP = 12;

export class SelectionAction {
  constructor(button, { currentSpan, annotate, panelOpen }) {
    this.button = button;
    this.currentSpan = currentSpan;
    this.panelOpen = panelOpen;
    this.frame = 0;
    // Pressing the button must not take the selection away before the click reads it.
    button.addEventListener("pointerdown", (event) => event.preventDefault());
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      this.hide();
      annotate();
    });
    const later = () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.update());
    };
    document.addEventListener("selectionchange", later);
    window.addEventListener("resize", later);
  }

  hide() {
    this.button.hidden = true;
  }

  update() {
    const selection = window.getSelection();
    if (!window.matchMedia(WHERE).matches || this.panelOpen() || !selection.rangeCount || !this.currentSpan()) {
      this.hide();
      return;
    }
    const rects = selection.getRangeAt(0).getClientRects();
    const last = rects[rects.length - 1];
    if (!last) {
      this.hide();
      return;
    }
    this.button.hidden = false;
    const width = this.button.offsetWidth;
    const left = Math.min(Math.max(last.right - width, 8), document.documentElement.clientWidth - width - 8);
    // Below the selection's end, clear of the handles a touch screen draws there.
    this.button.style.setProperty("left", `${Math.round(left + window.scrollX)}px`);
    this.button.style.setProperty("top", `${Math.round(last.bottom + GAP + window.scrollY)}px`);
    // A selection at the foot of the screen would leave its button below it: bring it in.
    if (last.bottom + GAP + this.button.offsetHeight > window.innerHeight) {
      this.button.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }
}

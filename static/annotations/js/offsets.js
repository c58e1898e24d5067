// Offsets between the DOM (UTF-16 code units) and the API (Unicode code points).
//
// The article body is rendered as <p data-start="N"> elements, one text node each,
// where N is the paragraph's first code point in the stored body; the blank lines
// between paragraphs are not rendered. Every conversion goes through these functions
// so that an emoji, a combining accent or a right-to-left word never shifts a span.

const SURROGATE = /[\uD800-\uDFFF]/;

function isHigh(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Return how many code points text has (a lone surrogate counts as one, as in Python). */
export function codePointLength(text) {
  return codePointsBefore(text, text.length);
}

/**
 * Return how many code points precede UTF-16 index `index` in text.
 * An index inside a surrogate pair counts the whole pair as before it.
 */
export function codePointsBefore(text, index) {
  if (!SURROGATE.test(text)) return Math.min(index, text.length);
  let count = 0;
  for (let i = 0; i < index && i < text.length; i += 1) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      i += 1;
    }
    count += 1;
  }
  return count;
}

/** Return the UTF-16 index of code point `codePoint` in text (clamped to the text). */
export function utf16Index(text, codePoint) {
  if (!SURROGATE.test(text)) return Math.max(0, Math.min(codePoint, text.length));
  let i = 0;
  for (let count = 0; count < codePoint && i < text.length; count += 1) {
    const pair = isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1));
    i += pair ? 2 : 1;
  }
  return i;
}

/** Return text[start:end] in code points, as Python slices a str. */
export function sliceCodePoints(text, start, end) {
  return text.slice(utf16Index(text, start), utf16Index(text, end));
}

/** Map between positions in a rendered article body and code point offsets into its text. */
export class TextMap {
  constructor(container) {
    this.container = container;
    this.length = Number(container.dataset.length);
    this.paragraphs = [];
    this.byElement = new Map();
    for (const element of container.children) {
      if (!("start" in element.dataset)) continue;
      const node = element.firstChild;
      const text = node ? node.data : "";
      const start = Number(element.dataset.start);
      const astral = SURROGATE.test(text);
      const paragraph = {
        element, node, text, start, astral,
        end: start + (astral ? codePointLength(text) : text.length),
      };
      this.paragraphs.push(paragraph);
      this.byElement.set(element, paragraph);
    }
  }

  /** Return the code point offset of a DOM boundary point, or null if it is not in the body. */
  offsetOf(node, offset) {
    const first = this.paragraphs[0];
    const last = this.paragraphs[this.paragraphs.length - 1];
    if (!first) return null;
    if (node === this.container) {
      return offset < this.paragraphs.length ? this.paragraphs[offset].start : last.end;
    }
    if (!this.container.contains(node)) {
      const position = this.container.compareDocumentPosition(node);
      if (position & Node.DOCUMENT_POSITION_PRECEDING) return first.start;
      if (position & Node.DOCUMENT_POSITION_FOLLOWING) return last.end;
      return null;
    }
    const element = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
    const paragraph = this.byElement.get(element);
    if (!paragraph) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      return paragraph.start + (paragraph.astral ? codePointsBefore(paragraph.text, offset) : offset);
    }
    return offset === 0 ? paragraph.start : paragraph.end;
  }

  /** Return the paragraph holding code point `offset` (the next one if it falls between two). */
  paragraphAt(offset) {
    const list = this.paragraphs;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (list[middle].start <= offset) low = middle;
      else high = middle - 1;
    }
    return list[low];
  }

  /**
   * Return the DOM point {node, offset} of code point `offset`.
   * An offset in a paragraph break goes to the next paragraph for a start ("start")
   * and to the end of the previous one for an end ("end").
   */
  pointAt(offset, side = "start") {
    let index = this.paragraphs.indexOf(this.paragraphAt(offset));
    let paragraph = this.paragraphs[index];
    if (offset > paragraph.end || (side === "start" && offset === paragraph.end)) {
      if (side === "start" && index + 1 < this.paragraphs.length) {
        index += 1;
        paragraph = this.paragraphs[index];
        return { node: paragraph.node, offset: 0 };
      }
      return { node: paragraph.node, offset: paragraph.text.length };
    }
    if (offset < paragraph.start) return { node: paragraph.node, offset: 0 };
    const within = offset - paragraph.start;
    return { node: paragraph.node, offset: paragraph.astral ? utf16Index(paragraph.text, within) : within };
  }

  /** Return a StaticRange covering code points [start, end). */
  staticRange(start, end) {
    const from = this.pointAt(start, "start");
    const to = this.pointAt(end, "end");
    return new StaticRange({
      startContainer: from.node, startOffset: from.offset,
      endContainer: to.node, endOffset: to.offset,
    });
  }

  /** Return a live Range covering code points [start, end). */
  range(start, end) {
    const from = this.pointAt(start, "start");
    const to = this.pointAt(end, "end");
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  /** Return {start, end} in code points of a DOM range, or null if it misses the body. */
  offsetsOf(range) {
    const start = this.offsetOf(range.startContainer, range.startOffset);
    const end = this.offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || start >= end) return null;
    return { start, end };
  }

  /** Return body[start:end] as stored, paragraph breaks included. */
  text(start, end) {
    const parts = [];
    let position = start;
    for (const paragraph of this.paragraphs) {
      if (paragraph.end <= position) continue;
      if (paragraph.start >= end) break;
      if (paragraph.start > position) {
        parts.push("\n".repeat(Math.min(paragraph.start, end) - position));
        position = paragraph.start;
      }
      const stop = Math.min(paragraph.end, end);
      const from = position - paragraph.start;
      const to = stop - paragraph.start;
      parts.push(paragraph.astral ? sliceCodePoints(paragraph.text, from, to) : paragraph.text.slice(from, to));
      position = stop;
    }
    if (position < end) parts.push("\n".repeat(end - position));
    return parts.join("");
  }
}

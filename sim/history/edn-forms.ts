// Splits an EDN history into the source text of its operations, remembering the line each starts on.
// Jepsen writes `history.edn` either as one vector/list of maps or as one map per line; both are accepted.
// Splitting first lets each operation be decoded on its own, so a bad one is reported with its line.
import { HistoryError } from "./history-error.js";
import { MAX_NESTING_DEPTH, tooDeepMessage } from "./limits.js";

export interface EdnForm {
  readonly text: string;
  readonly line: number;
}

const DELIMITERS = new Set(["(", ")", "[", "]", "{", "}", '"', ";", ","]);
const OPENERS = new Set(["(", "[", "{"]);
const CLOSERS = new Set([")", "]", "}"]);

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\n" || ch === "\t" || ch === "\r" || ch === ",";
}

/** Offsets of every newline, so any position can be turned into a 1-based line by binary search. */
class LineIndex {
  private readonly newlines: number[] = [];
  constructor(text: string) {
    for (let pos = text.indexOf("\n"); pos >= 0; pos = text.indexOf("\n", pos + 1)) {
      this.newlines.push(pos);
    }
  }
  lineOf(pos: number): number {
    let low = 0;
    let high = this.newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.newlines[mid] ?? 0) < pos) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  }
}

class FormScanner {
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  /**
   * Skips whitespace, commas, `;` comments and `#_` discarded forms. `depth` counts the `#_` and tags this
   * call is nested in (`#_ #_ #_ x` recurses), bounded like collections.
   */
  skipSpace(start: number, end: number, depth = 0): number {
    let pos = start;
    while (pos < end) {
      const ch = this.text[pos] ?? "";
      if (isSpace(ch)) pos++;
      else if (ch === ";") pos = this.endOfLine(pos);
      else if (ch === "#" && this.text[pos + 1] === "_") {
        this.checkDepth(depth + 1, pos);
        pos = this.formEnd(this.skipSpace(pos + 2, end, depth + 1), depth + 1);
      } else break;
    }
    return pos;
  }

  private checkDepth(depth: number, pos: number): void {
    if (depth > MAX_NESTING_DEPTH) {
      throw new HistoryError(this.file, this.lines.lineOf(pos), null, tooDeepMessage());
    }
  }

  /** Returns the position just after the form that starts at `start`. */
  formEnd(start: number, depth = 0): number {
    const ch = this.text[start] ?? "";
    if (OPENERS.has(ch)) return this.collectionEnd(start);
    if (ch === '"') return this.stringEnd(start);
    if (ch === "#" && this.text[start + 1] === "{") return this.collectionEnd(start + 1);
    if (ch === "#") {
      const tagEnd = this.atomEnd(start + 1);
      this.checkDepth(depth + 1, start);
      return this.formEnd(this.skipSpace(tagEnd, this.text.length, depth + 1), depth + 1);
    }
    if (ch === "" || CLOSERS.has(ch)) {
      throw new HistoryError(
        this.file,
        this.lines.lineOf(start),
        null,
        `unexpected '${ch || "end of file"}'`,
      );
    }
    return this.atomEnd(start);
  }

  private atomEnd(start: number): number {
    let pos = start;
    if (this.text[pos] === "\\") pos += 2;
    while (pos < this.text.length) {
      const ch = this.text[pos] ?? "";
      if (isSpace(ch) || DELIMITERS.has(ch)) break;
      pos++;
    }
    return pos;
  }

  private endOfLine(pos: number): number {
    const newline = this.text.indexOf("\n", pos);
    return newline < 0 ? this.text.length : newline + 1;
  }

  private stringEnd(start: number): number {
    for (let pos = start + 1; pos < this.text.length; pos++) {
      const ch = this.text[pos];
      if (ch === "\\") pos++;
      else if (ch === '"') return pos + 1;
    }
    throw new HistoryError(this.file, this.lines.lineOf(start), null, "string is never closed");
  }

  private collectionEnd(start: number): number {
    let depth = 0;
    let pos = start;
    while (pos < this.text.length) {
      const ch = this.text[pos] ?? "";
      if (ch === '"') pos = this.stringEnd(pos);
      else if (ch === ";") pos = this.endOfLine(pos);
      else if (ch === "\\") pos = this.atomEnd(pos);
      else {
        if (OPENERS.has(ch)) {
          // Decoding recurses per level, so depth is bounded here, before any form is decoded.
          this.checkDepth(++depth, pos);
        } else if (CLOSERS.has(ch) && --depth === 0) return pos + 1;
        pos++;
      }
    }
    const opener = this.text[start] ?? "";
    throw new HistoryError(
      this.file,
      this.lines.lineOf(start),
      null,
      `'${opener}' is never closed`,
    );
  }

  /** The forms between `start` and `end`, in order. */
  forms(start: number, end: number): { start: number; end: number }[] {
    const found: { start: number; end: number }[] = [];
    for (let pos = this.skipSpace(start, end); pos < end; pos = this.skipSpace(pos, end)) {
      const formEnd = this.formEnd(pos);
      if (formEnd > end) {
        throw new HistoryError(
          this.file,
          this.lines.lineOf(pos),
          null,
          "form runs past its collection",
        );
      }
      found.push({ start: pos, end: formEnd });
      pos = formEnd;
    }
    return found;
  }
}

/** Returns the source of each operation of an EDN history, with the line it starts on. */
export function splitEdnOperations(text: string, file: string): EdnForm[] {
  const lines = new LineIndex(text);
  const scanner = new FormScanner(text, file, lines);
  let spans = scanner.forms(0, text.length);
  const only = spans.length === 1 ? spans[0] : undefined;
  if (only !== undefined && (text[only.start] === "[" || text[only.start] === "(")) {
    spans = scanner.forms(only.start + 1, only.end - 1);
  }
  return spans.map((span) => ({
    text: text.slice(span.start, span.end),
    line: lines.lineOf(span.start),
  }));
}

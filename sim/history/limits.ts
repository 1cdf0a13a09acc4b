// Limits on external input that keep reading it bounded: how deeply a value may nest (decoding and
// converting values recurses, so a line of 100,000 brackets would overflow the stack) and how many events a
// history may hold. Both are far beyond what a real Jepsen or zabsim history contains.

/** Deepest nesting of arrays and objects (or EDN collections) in one history entry or scenario file. */
export const MAX_NESTING_DEPTH = 100;

/** Most events (invokes, completions and nemesis entries) a history may hold. */
export const MAX_HISTORY_EVENTS = 10_000_000;

const OPEN_BRACE = 123; // {
const OPEN_BRACKET = 91; // [
const CLOSE_BRACE = 125; // }
const CLOSE_BRACKET = 93; // ]
const QUOTE = 34; // "
const BACKSLASH = 92; // \

/**
 * Scans JSON text for nesting deeper than `limit` without decoding it (JSON.parse and everything after it
 * recurse). Returns the offset of the first bracket past the limit, or -1. Brackets inside strings do not
 * count; unbalanced text is left for the parser to report.
 */
export function jsonTooDeepAt(text: string, limit: number = MAX_NESTING_DEPTH): number {
  if (text.length <= limit) return -1;
  let depth = 0;
  let inString = false;
  for (let pos = 0; pos < text.length; pos++) {
    const ch = text.charCodeAt(pos);
    if (inString) {
      if (ch === BACKSLASH) pos++;
      else if (ch === QUOTE) inString = false;
    } else if (ch === QUOTE) inString = true;
    else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
      if (++depth > limit) return pos;
    } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) depth--;
  }
  return -1;
}

/** The message for input nested too deeply. */
export function tooDeepMessage(limit: number = MAX_NESTING_DEPTH): string {
  return `nested more than ${limit} levels deep (the limit for any value)`;
}

/** The message for a history with too many events. */
export function tooManyEventsMessage(limit: number = MAX_HISTORY_EVENTS): string {
  return `more than ${limit.toLocaleString("en-US")} events (the limit for one history); split it by key or time`;
}

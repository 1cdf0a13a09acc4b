// Colour is an extra, never the only signal: every state has a glyph or a word, and with NO_COLOR set (or on
// a terminal without colour) the screen uses bold and inverse only.

export interface Theme {
  readonly color: boolean;
}

/** Ink `Text` props for a colour, or none when colour is off. */
export function tint(theme: Theme, color: string): { color?: string } {
  return theme.color ? { color } : {};
}

/** Props that mark something changed in the last step: colour and bold, or inverse without colour. */
export function changedStyle(
  theme: Theme,
  changed: boolean,
): { color?: string; bold?: boolean; inverse?: boolean } {
  if (!changed) return {};
  return theme.color ? { color: "yellow", bold: true } : { inverse: true };
}

export function formatTimeUs(us: number): string {
  return `${(us / 1_000_000).toFixed(6)}s`;
}

export function formatOffsetUs(us: number): string {
  if (us === 0) return "+0ms";
  const ms = us / 1000;
  return `${ms > 0 ? "+" : ""}${Number.isInteger(ms) ? ms : ms.toFixed(1)}ms`;
}

/** Pads or cuts `text` to exactly `width` columns (ellipsis when cut). */
export function cell(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length > width) return width === 1 ? "…" : `${text.slice(0, width - 1)}…`;
  return text.padEnd(width);
}

/** React keys for rows that may repeat: the text, with `#n` appended to the n-th repeat. */
export function rowKeys(texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const count = seen.get(text) ?? 0;
    seen.set(text, count + 1);
    return count === 0 ? text : `${text}#${count}`;
  });
}

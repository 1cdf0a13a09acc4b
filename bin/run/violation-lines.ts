// A failing seed's violations as `zabsim run` prints them under the seed's line: each check with its story
// (the failure told for people), or its message cut to one line when it has none.
import { count } from "../plural.js";

/** What the lines need of a violation (a run's own, or one a merged --json line holds). */
interface Told {
  readonly check: string;
  readonly message: string;
  readonly story?: string | undefined;
}

/** Violations printed under a seed's line; the rest are counted (all are in --json and run.json). */
export const VIOLATIONS_SHOWN = 3;
/** A message longer than this is cut: the whole one is in --json and run.json. */
const MESSAGE_CHARS_MAX = 160;
/** Stories are wrapped to this many columns, indent included. */
const STORY_COLUMNS = 100;

const FIRST_INDENT = "  ";
const NEXT_INDENT = "    ";

export function violationLines(violations: readonly Told[]): string[] {
  const lines = violations.slice(0, VIOLATIONS_SHOWN).flatMap((violation) => {
    const story = violation.story?.trim();
    if (story !== undefined && story !== "") return wrap(`${violation.check}: ${story}`);
    return [`${FIRST_INDENT}${violation.check}: ${cut(oneLine(violation.message))}`];
  });
  const more = violations.length - VIOLATIONS_SHOWN;
  if (more > 0)
    lines.push(`${FIRST_INDENT}(+${count(more, "more violation")}: see --json or run.json)`);
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cut(text: string): string {
  return text.length <= MESSAGE_CHARS_MAX ? text : `${text.slice(0, MESSAGE_CHARS_MAX - 1)}…`;
}

/** Word-wraps each of the text's lines: the first at FIRST_INDENT, what follows at NEXT_INDENT. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = lines.length === 0 ? FIRST_INDENT : NEXT_INDENT;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      if (!empty && line.length + 1 + word.length > STORY_COLUMNS) {
        lines.push(line);
        line = NEXT_INDENT;
        empty = true;
      }
      line += empty ? word : ` ${word}`;
      empty = false;
    }
    if (!empty) lines.push(line);
  }
  return lines;
}

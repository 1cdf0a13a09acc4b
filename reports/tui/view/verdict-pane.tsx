// The checker's verdict, and the violation being looked at: its check and message, its story (the failure in
// plain words, wrapped to the pane) and the client operations it involves, then on the pane's last line the
// event it was located at, always in view. A story longer than the pane scrolls (J/K in the main view).
import { Box, Text } from "ink";
import {
  type ClientOperation,
  hexIdsInProse,
  type ReplayRun,
  type ReplayViolation,
} from "../model/index.js";
import { describeOperation } from "./operations-pane.js";
import { cell, rowKeys, type Theme, tint } from "./theme.js";

export interface VerdictPaneProps {
  readonly run: ReplayRun;
  readonly violation: number;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

/** The violation the pane shows: the one `v` jumped to, else the first. */
export function shownViolation(run: ReplayRun, violation: number): ReplayViolation | undefined {
  return run.violations[Math.max(0, Math.min(run.violations.length - 1, violation))];
}

/** Words of `text` in lines of at most `width` columns (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = "";
    }
    line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The pane's scrolling lines: the message, the story wrapped, the operations involved. */
export function verdictLines(run: ReplayRun, violation: number, width: number): string[] {
  const v = shownViolation(run, violation);
  if (v === undefined) return [];
  const ops = v.operations
    .map((id) => run.operations[id])
    .filter((op): op is ClientOperation => op !== undefined)
    .map((op) => `  ◆ ${describeOperation(op, true)}`);
  const story = v.story === null ? [] : wrapText(hexIdsInProse(v.story), Math.max(10, width - 2));
  return [`${v.check}: ${hexIdsInProse(v.message)}`, ...story.map((l) => `  ${l}`), ...ops];
}

function locatedLine(v: ReplayViolation): string {
  return v.event === null ? `  ${v.locatedBy}` : `  at event #${v.event} (${v.locatedBy})`;
}

export function VerdictPane({ run, violation, scroll, width, height, theme }: VerdictPaneProps) {
  const count = run.violations.length;
  if (count === 0) {
    return (
      <Box width={width} height={height}>
        <Text wrap="truncate">
          {cell(`verdict ${run.meta.verdict}: no violation found by the checkers`, width)}
        </Text>
      </Box>
    );
  }
  const index = Math.max(0, Math.min(count - 1, violation));
  const lines = verdictLines(run, violation, width);
  const v = shownViolation(run, violation);
  const rows = Math.max(0, height - 2);
  const first = Math.max(0, Math.min(scroll, lines.length - rows));
  const shown = lines.slice(first, first + rows);
  const range =
    lines.length <= rows
      ? ""
      : `  [lines ${first + 1}–${first + shown.length} of ${lines.length}: J/K scroll]`;
  const hint = violation < 0 ? "  (press v to jump to it)" : "";
  const keys = rowKeys(shown);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, "red")}>
        {cell(`✗ violation ${index + 1}/${count}${hint}${range}`, width)}
      </Text>
      <Box flexDirection="column" height={rows}>
        {shown.map((line, i) => (
          <Text key={keys[i]} wrap="truncate">
            {cell(line, width)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" bold>
        {cell(v === undefined ? "" : locatedLine(v), width)}
      </Text>
    </Box>
  );
}

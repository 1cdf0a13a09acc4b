// The checker's verdict, and the violation being looked at: its check and message, the event it was located
// at, and the client operations it involves.
import { Box, Text } from "ink";
import type { ClientOperation, ReplayRun } from "../model/index.js";
import { describeOperation } from "./operations-pane.js";
import { cell, rowKeys, type Theme, tint } from "./theme.js";

export interface VerdictPaneProps {
  readonly run: ReplayRun;
  readonly violation: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

export function VerdictPane({ run, violation, width, height, theme }: VerdictPaneProps) {
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
  const v = run.violations[index];
  if (v === undefined) return null;
  const at = v.event === null ? v.locatedBy : `event #${v.event} (${v.locatedBy})`;
  const ops = v.operations
    .map((id) => run.operations[id])
    .filter((op): op is ClientOperation => op !== undefined)
    .map((op) => `◆ ${describeOperation(op)}`);
  const lines = [`${v.check}: ${v.message}`, `  at ${at}`, ...ops.map((op) => `  ${op}`)];
  const keys = rowKeys(lines);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate" {...tint(theme, "red")}>
        {cell(
          `✗ violation ${index + 1}/${count}${violation < 0 ? "  (press v to jump to it)" : ""}`,
          width,
        )}
      </Text>
      {lines.slice(0, Math.max(0, height - 1)).map((line, i) => (
        <Text key={keys[i]} wrap="truncate">
          {cell(line, width)}
        </Text>
      ))}
    </Box>
  );
}

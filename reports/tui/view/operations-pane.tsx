// Client operations around the current time: ✓ ok, ✗ fail, ? info (indeterminate), … not finished yet.
// » marks an operation in progress at the current time; ◆ one the shown violation involves.

import { Box, Text } from "ink";
import { processLabel } from "../../../scenarios/apps/process-pool.js";
import { type ClientOperation, operationsAround, type ReplayRun } from "../model/index.js";
import { cell, formatTimeUs, type Theme, tint } from "./theme.js";

export interface OperationsPaneProps {
  readonly run: ReplayRun;
  readonly step: number;
  readonly violation: number;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

export const OUTCOME_GLYPHS = { ok: "✓", fail: "✗", info: "?", open: "…" } as const;
const OUTCOME_COLORS = { ok: "green", fail: "red", info: "yellow", open: "gray" } as const;

export function describeOperation(op: ClientOperation): string {
  const result =
    op.outcome === "open"
      ? "no reply"
      : `${op.outcome}${op.zxid === null ? "" : ` zxid 0x${op.zxid.toString(16)}`}${op.server === null ? "" : ` @${op.server}`}`;
  const end = op.completeUs === null ? "" : `–${formatTimeUs(op.completeUs)}`;
  return `${OUTCOME_GLYPHS[op.outcome]} ${processLabel(op.process)} ${op.f} ${JSON.stringify(op.value)} → ${result}  [${formatTimeUs(op.invokeUs)}${end}]`;
}

export function OperationsPane({
  run,
  step,
  violation,
  width,
  height,
  theme,
}: OperationsPaneProps) {
  const nowUs = run.events[step]?.timeUs ?? 0;
  const involved = new Set(run.violations[violation]?.operations ?? []);
  const ops = operationsAround(run, nowUs, Math.max(1, height - 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {cell(`client operations (${run.operations.length})`, width)}
      </Text>
      {ops.map((op) => {
        const open = op.invokeUs <= nowUs && (op.completeUs === null || op.completeUs > nowUs);
        const mark = `${involved.has(op.id) ? "◆" : " "}${open ? "»" : " "}`;
        return (
          <Text key={op.id} wrap="truncate" {...tint(theme, OUTCOME_COLORS[op.outcome])}>
            {cell(`${mark}${describeOperation(op)}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}

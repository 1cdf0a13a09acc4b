// Client operations around the current time, each labelled with its client: ✓ ok, ✗ fail, ? info
// (indeterminate), … not finished yet. » marks an operation in progress at the current time; ◆ one the shown
// violation involves. Values are short (a znode's path and data, not its Stat); ids are in hex.

import { Box, Text } from "ink";
import { hexSession, hexZxid } from "../../../scenarios/systems/labels.js";
import {
  type ClientOperation,
  hexIdsInValue,
  operationsAround,
  type ReplayRun,
} from "../model/index.js";
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

const READS = /^(get|read|exists|list)/i;

/** A znode request as its path and data (`/k0 "17"`), anything else as hex-id JSON. */
export function shortValue(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return JSON.stringify(hexIdsInValue(value)) ?? "";
  const fields = value as {
    readonly path?: unknown;
    readonly data?: unknown;
    readonly error?: unknown;
  };
  if (typeof fields.error === "string") return fields.error;
  const data = fields.data === undefined ? "" : JSON.stringify(fields.data);
  if (typeof fields.path === "string") return data === "" ? fields.path : `${fields.path} ${data}`;
  return data === "" ? JSON.stringify(hexIdsInValue(value)) : data;
}

/** One line per operation; `detailed` adds its process and session, shown once where it is introduced. */
export function describeOperation(op: ClientOperation, detailed = false): string {
  // What a read returned, or why an operation failed; a write's reply is its Stat, left out.
  const told = op.result !== null && (op.outcome !== "ok" || READS.test(op.f));
  const value = told ? ` ${shortValue(op.result)}` : "";
  const zxid = op.zxid === null ? "" : ` zxid ${hexZxid(op.zxid)}`;
  const server = op.server === null ? "" : ` @${op.server}`;
  const result = op.outcome === "open" ? "no reply" : `${op.outcome}${value}${zxid}${server}`;
  const end = op.completeUs === null ? "" : `–${formatTimeUs(op.completeUs)}`;
  const who = detailed
    ? ` (process ${op.process}${op.session === null ? "" : `, session ${hexSession(op.session)}`})`
    : "";
  return `${OUTCOME_GLYPHS[op.outcome]} ${op.client}${who} ${op.f} ${shortValue(op.value)} → ${result}  [${formatTimeUs(op.invokeUs)}${end}]`;
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

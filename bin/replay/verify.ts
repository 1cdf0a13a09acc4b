// A run directory is replayed only if the re-run reproduces it: the same trace hash as run.json, and
// trace.jsonl line for line. A truncated, edited or foreign trace is refused with the first difference.
import type { TraceEntry } from "../../sim/record/index.js";
import { UsageError } from "../cli-io.js";
import type { RecordedRun } from "./replay-source.js";

export function verifyReplay(
  recorded: RecordedRun,
  traceHash: string,
  trace: readonly TraceEntry[],
): void {
  const file = `${recorded.dir}/trace.jsonl`;
  const lines = recorded.traceLines;
  if (
    !recorded.endsCleanly ||
    (recorded.traceEntries !== null && lines.length < recorded.traceEntries)
  ) {
    const expected = recorded.traceEntries ?? trace.length;
    throw new UsageError(
      `${file} is truncated: ${lines.length} lines${recorded.endsCleanly ? "" : " (the last one cut short)"}, run.json says ${expected}`,
    );
  }
  for (let i = 0; i < Math.min(lines.length, trace.length); i++) {
    const expected = JSON.stringify(trace[i]);
    if (lines[i] !== expected) {
      throw new UsageError(
        `${file}:${i + 1}: the trace differs from a re-run of the recorded scenario and seed (foreign or edited trace, or a different zabsim version)\n  file:   ${clip(lines[i] ?? "")}\n  re-run: ${clip(expected)}`,
      );
    }
  }
  if (lines.length !== trace.length)
    throw new UsageError(`${file}: ${lines.length} lines, but a re-run has ${trace.length} events`);
  if (traceHash !== recorded.traceHash)
    throw new UsageError(
      `${recorded.dir}/run.json: trace_hash ${recorded.traceHash}, but a re-run gives ${traceHash} (a different zabsim version?)`,
    );
}

function clip(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

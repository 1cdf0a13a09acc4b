// A run directory is replayed only if the re-run reproduces it: the same trace hash as run.json, and
// trace.jsonl line for line. A foreign file (no trace entry on its first line), a truncated, or an edited
// trace is refused, naming the file, the line and what is wrong.
import { traceLineSchema } from "../../reports/run-data/index.js";
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
  // A lone first line cut short is a truncated trace, not a foreign one.
  const cutShort =
    lines.length === 1 && !recorded.endsCleanly && lines[0]?.startsWith("{") === true;
  const foreign = cutShort ? null : notATrace(lines[0]);
  if (foreign !== null) throw new UsageError(`${file}:1: not a zabsim trace: ${foreign}`);
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

/** Why the first line is no trace entry, or null when it is one (an empty trace is judged by its length). */
function notATrace(first: string | undefined): string | null {
  if (first === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    return `the first line is not JSON (${JSON.stringify(clip(first).slice(0, 40))})`;
  }
  const parsed = traceLineSchema.safeParse(value);
  if (parsed.success) return null;
  const field = parsed.error.issues[0]?.path.join(".") ?? "";
  return `the first line is no trace entry (field '${field}': ${parsed.error.issues[0]?.message ?? "invalid"})`;
}

function clip(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

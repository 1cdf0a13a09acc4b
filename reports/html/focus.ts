// Where in the trace a run went wrong, to centre the message diagram on: the first event that mentions a zxid
// named by the first violation; else the operation that cannot be linearized; else when the last fault
// healed (liveness); else the middle of the trace.
import type { RunRecord, TraceLine } from "../run-data/index.js";

export interface Focus {
  /** Position in the trace array. */
  readonly position: number;
  /** Why this moment was chosen, for the page. */
  readonly reason: string;
}

/** Zxids in a violation message: `0x100000003`, or decimals of at least 2^32 (epoch ≥ 1). */
export function zxidsIn(message: string): number[] {
  const found: number[] = [];
  for (const match of message.matchAll(/\b0x([0-9a-f]+)\b|\b(\d{10,16})\b/gi)) {
    const value = match[1] === undefined ? Number(match[2]) : Number.parseInt(match[1], 16);
    if (value >= 2 ** 32) found.push(value);
  }
  return found;
}

function positionAtTime(trace: readonly TraceLine[], timeUs: number): number {
  let low = 0;
  let high = trace.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((trace[mid] as TraceLine).timeUs < timeUs) low = mid + 1;
    else high = mid;
  }
  return Math.min(low, trace.length - 1);
}

export function findFocus(record: RunRecord, stuckAtUs: number | null): Focus {
  const { trace, run } = record;
  const first = run.violations[0];
  for (const zxid of first === undefined ? [] : zxidsIn(first.message)) {
    const needle = `zxid=0x${zxid.toString(16)}`;
    const position = trace.findIndex((entry) => entry.text.includes(needle));
    if (position >= 0)
      return { position, reason: `first message carrying zxid ${needle.slice(5)}` };
  }
  if (stuckAtUs !== null) {
    return {
      position: positionAtTime(trace, stuckAtUs),
      reason: "when the operation that cannot be linearized was invoked",
    };
  }
  const healed = run.stats.healed_at_us;
  if (run.violations.some((v) => v.check === "liveness") && healed !== undefined)
    return { position: positionAtTime(trace, healed), reason: "when the last fault healed" };
  return { position: trace.length >>> 1, reason: "the middle of the run" };
}

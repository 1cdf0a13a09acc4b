// Fault intervals from the history's nemesis operations (DESIGN.md, "Nemesis"): a crash lasts until its
// restart, a partition until it is replaced or healed, link loss and delay until link-heal, a pause until
// its resume or its duration. Instant faults (clock jumps, link resets, disk damage) have startUs = endUs.
import type { HistoryLine } from "../run-data/index.js";

export interface FaultInterval {
  readonly f: string;
  /** What a person reads: `crash n2`, `partition-start halves`. */
  readonly label: string;
  /** The node the fault hits; null for network-wide faults. */
  readonly node: string | null;
  readonly startUs: number;
  readonly endUs: number;
}

type Open = { f: string; label: string; node: string | null; startUs: number };

/** Which open fault an operation ends, by the key it was opened under. */
const ENDS: { readonly [f: string]: readonly string[] } = {
  restart: ["crash", "kill"],
  resume: ["pause"],
  "partition-stop": ["partition-start"],
  "isolate-stop": ["isolate-start"],
  "link-heal": ["link-loss", "link-delay"],
};
const LASTING = new Set([
  "crash",
  "kill",
  "pause",
  "partition-start",
  "isolate-start",
  "link-loss",
  "link-delay",
]);

function nodeOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "node" in value) {
    const node = (value as { node: unknown }).node;
    return typeof node === "string" ? node : null;
  }
  return null;
}

function labelOf(f: string, value: unknown): string {
  if (typeof value === "string") return `${f} ${value}`;
  if (typeof value === "object" && value !== null) {
    const shape = (value as { shape?: unknown }).shape;
    if (typeof shape === "string") return `${f} ${shape}`;
    const node = nodeOf(value);
    if (node !== null) return `${f} ${node}`;
  }
  return f;
}

function pauseEndUs(value: unknown, startUs: number): number | null {
  const duration = (value as { durationUs?: unknown } | null)?.durationUs;
  return typeof duration === "number" ? startUs + duration : null;
}

export function faultIntervals(history: readonly HistoryLine[], endUs: number): FaultInterval[] {
  const open = new Map<string, Open>();
  const done: FaultInterval[] = [];
  const close = (key: string, atUs: number) => {
    const fault = open.get(key);
    if (fault === undefined) return;
    open.delete(key);
    done.push({ ...fault, endUs: atUs });
  };
  for (const entry of history) {
    if (entry.process !== "nemesis") continue;
    const atUs = entry.time / 1000;
    const node = nodeOf(entry.value);
    for (const ended of ENDS[entry.f] ?? []) close(`${ended} ${node ?? ""}`, atUs);
    const fault = { f: entry.f, label: labelOf(entry.f, entry.value), node, startUs: atUs };
    const pauseEnd = entry.f === "pause" ? pauseEndUs(entry.value, atUs) : null;
    if (pauseEnd !== null) done.push({ ...fault, endUs: pauseEnd });
    else if (LASTING.has(entry.f)) {
      // A new partition (or link fault) replaces the one in force.
      close(`${entry.f} ${node ?? ""}`, atUs);
      open.set(`${entry.f} ${node ?? ""}`, fault);
    } else if (!(entry.f in ENDS)) done.push({ ...fault, endUs: atUs });
  }
  for (const key of [...open.keys()]) close(key, endUs);
  return done.sort((a, b) => a.startUs - b.startUs || a.label.localeCompare(b.label));
}

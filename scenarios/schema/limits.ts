// Bounds on a scenario's numbers, so that any valid scenario runs in bounded time and memory: generous for real
// use (a day of simulated time, 64 clients, a million keys) and each refused with a message that names the
// bound. The README's scenario section lists them.
import { z } from "zod";

/** A day of simulated time: the longest durationMs, recoveryMs, timeout or interval. */
export const MAX_MS = 86_400_000;
export const MAX_US = MAX_MS * 1_000;
/** The longest scenario name (it names run directories and files). */
export const MAX_NAME_LENGTH = 100;
export const MAX_KEYS = 1_000_000;
export const MAX_CLIENTS = 64;
/** Client operations a generated workload may plan: clients.count × (durationMs + recoveryMs) / everyMs. */
export const MAX_PLANNED_OPS = 10_000_000;
/** Fault windows a generator may draw: (durationMs − startMs) / meanGapMs. */
export const MAX_PLANNED_FAULTS = 1_000_000;
/** Monitoring probes in a run: (durationMs + recoveryMs) / monitorEveryMs. */
export const MAX_PROBES = 1_000_000;
/** Entries in a hand-written nemesis schedule or an explicit client op list. */
export const MAX_LIST = 1_000_000;

/** `86,400,000`: bounds are printed with separators so their size reads at a glance. */
export function grouped(n: number): string {
  return n.toLocaleString("en-US");
}

/** A number in [min, max] whose messages name the bound (and the unit, when given). */
export function bounded(min: number, max: number, unit = ""): z.ZodNumber {
  const suffix = unit === "" ? "" : ` ${unit}`;
  return z
    .number()
    .min(min, `must be at least ${grouped(min)}${suffix}`)
    .max(
      max,
      `must be at most ${grouped(max)}${suffix}${max === MAX_MS && unit === "ms" ? " (24 h simulated)" : ""}`,
    );
}

/** A whole number in [min, max]. */
export function boundedInt(min: number, max: number, unit = ""): z.ZodNumber {
  return bounded(min, max, unit).int();
}

/** Milliseconds in (0, MAX_MS]. */
export function positiveMs(): z.ZodNumber {
  return z
    .number()
    .positive("must be more than 0 ms")
    .max(MAX_MS, `must be at most ${grouped(MAX_MS)} ms (24 h simulated)`);
}

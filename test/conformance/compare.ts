// Runs one sequence against both drivers and records every outcome that differs.

import type { ConfOp, Driver, Outcome } from "./ops.js";

export type Mismatch = {
  readonly sequence: string;
  readonly index: number;
  readonly op: ConfOp;
  readonly real: Outcome;
  readonly sim: Outcome;
};

/** JSON with object keys sorted, so equal outcomes print equal whatever order fields were set in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return Object.fromEntries(entries);
  });
}

export type SequenceReport = {
  readonly compared: number;
  readonly mismatches: readonly Mismatch[];
};

/**
 * The real server goes first so the simulated tree can align its zxids to the root's czxid; from then on
 * every txn (sessions, error txns included) must consume exactly one zxid on both sides to stay equal.
 */
export async function compareSequence(
  name: string,
  root: string,
  ops: readonly ConfOp[],
  real: Driver,
  sim: Driver,
): Promise<SequenceReport> {
  const mismatches: Mismatch[] = [];
  await real.begin(root);
  await sim.begin(root);
  let compared = 0;
  for (const [index, op] of ops.entries()) {
    const realOutcome = await real.run(op);
    const simOutcome = await sim.run(op);
    compared++;
    if (canonical(realOutcome) !== canonical(simOutcome)) {
      mismatches.push({ sequence: name, index, op, real: realOutcome, sim: simOutcome });
    }
  }
  await real.end();
  await sim.end();
  return { compared, mismatches };
}

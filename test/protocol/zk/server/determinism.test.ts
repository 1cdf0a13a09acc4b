// Determinism is the product: the same seed gives the same trace, history and final state.
import { describe, expect, it } from "vitest";
import { runRandom } from "./run-random.js";

const options = { clients: 2, opGapMs: 200, faultGapUs: 800_000, faultClients: true } as const;

describe("determinism", () => {
  it("the same seed twice gives the same trace hash and history; another seed does not", () => {
    const [a, b, c] = [7, 7, 8].map((seed) => runRandom(seed, options).s);
    expect(a?.sim.traceHash).toBe(b?.sim.traceHash);
    expect(JSON.stringify(a?.sim.history)).toBe(JSON.stringify(b?.sim.history));
    expect(a?.sim.traceHash).not.toBe(c?.sim.traceHash);
  });
});

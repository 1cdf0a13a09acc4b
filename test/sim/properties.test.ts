// Properties of the kernel under random faults (fast-check; the seed is printed on failure).
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { type StreamState, streamProtocol } from "../../scenarios/kernel-selfcheck/index.js";
import { ms, seconds } from "../../sim/api/index.js";
import { Simulation } from "../../sim/kernel/index.js";
import { chatter } from "../support/chatter.js";
import { type DiskWriterState, diskWriter } from "../support/disk-writer.js";
import { cutsArbitrary, NODES, scheduleArbitrary } from "../support/fault-arbitrary.js";

const RUNS = { numRuns: 40 };

describe("connections under random faults", () => {
  test.prop([fc.integer({ min: 0, max: 1e9 }), scheduleArbitrary(seconds(5))], RUNS)(
    "every connection delivers an in-order prefix of what was sent on it",
    (seed, schedule) => {
      const sim = new Simulation({
        seed,
        network: { detection: { kind: "uniform", minUs: 50_000, maxUs: 800_000 } },
      });
      const protocol = streamProtocol({ periodUs: ms(2), burst: 2, closeChance: 0.01 });
      for (const id of NODES) sim.addNode(id, protocol);
      sim.schedule(schedule);
      sim.run({ untilUs: seconds(6) });
      let delivered = 0;
      for (const id of NODES) {
        const state = sim.stateOf(id) as StreamState | undefined;
        expect(state?.violations ?? []).toEqual([]);
        delivered += state?.delivered ?? 0;
      }
      expect(delivered).toBeGreaterThan(0);
    },
  );
});

describe("partitions", () => {
  const START = seconds(1);
  const STOP = seconds(3);
  const DETECTION = ms(400);

  function deliveries(
    mode: "connection" | "datagram",
    seed: number,
    cuts: readonly (readonly [string, string])[],
  ) {
    const sim = new Simulation({
      seed,
      network: { mode, detection: { kind: "constant", us: DETECTION } },
    });
    for (const id of NODES) sim.addNode(id, chatter(ms(10)));
    sim.schedule([
      { atUs: START, op: { f: "partition-start", cuts: cuts as never } },
      { atUs: STOP, op: { f: "partition-stop" } },
    ]);
    sim.run({ untilUs: seconds(4) });
    return sim.observations.map((o) => ({
      timeUs: o.timeUs,
      from: o.observation.from as string,
      to: o.node,
    }));
  }

  const isCut = (cuts: readonly (readonly [string, string])[], from: string, to: string) =>
    cuts.some(([a, b]) => a === from && b === to);
  const carried = (
    d: ReturnType<typeof deliveries>,
    from: string,
    to: string,
    t0: number,
    t1: number,
  ) => d.some((x) => x.from === from && x.to === to && x.timeUs >= t0 && x.timeUs < t1);

  test.prop(
    [
      fc.constantFrom("connection", "datagram" as const),
      fc.integer({ min: 0, max: 1e9 }),
      cutsArbitrary,
    ],
    RUNS,
  )(
    "cuts exactly the stated links, in the stated direction, until it heals",
    (mode, seed, cuts) => {
      const d = deliveries(mode, seed, cuts);
      for (const x of d) {
        if (x.timeUs >= START && x.timeUs < STOP) expect(isCut(cuts, x.from, x.to)).toBe(false);
      }
      for (const from of NODES) {
        for (const to of NODES) {
          if (from === to) continue;
          // Every link works again after the heal.
          expect(carried(d, from, to, STOP + seconds(0.5), seconds(4))).toBe(true);
          if (isCut(cuts, from, to)) continue;
          const reverseCut = isCut(cuts, to, from);
          // An uncut link keeps working; over TCP, a one-way cut's reverse direction works until detection.
          const until = mode === "connection" && reverseCut ? START + DETECTION : STOP;
          expect(carried(d, from, to, START + ms(50), until)).toBe(true);
          if (mode === "connection" && reverseCut) {
            expect(carried(d, from, to, START + DETECTION + ms(1), STOP)).toBe(false);
          }
        }
      }
    },
  );
});

describe("disk under crashes", () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 1e9 }),
      fc.integer({ min: 1, max: 400_000 }),
      fc.constantFrom("crash", "kill" as const),
      fc.integer({ min: 0, max: 20_000 }),
    ],
    { numRuns: 100 },
  )(
    "a crash keeps exactly the synced writes; a process kill keeps every write",
    (seed, crashAtUs, f, fsyncMaxUs) => {
      const sim = new Simulation({
        seed,
        disk: { fsyncLatency: { kind: "uniform", minUs: 0, maxUs: fsyncMaxUs } },
      });
      const w = sim.addNode("w", diskWriter);
      sim.run({ untilUs: crashAtUs });
      const before = sim.stateOf("w") as DiskWriterState;
      sim.schedule([
        { atUs: crashAtUs, op: { f, node: w } },
        { atUs: crashAtUs + 1, op: { f: "restart", node: w } },
      ]);
      sim.run({ untilUs: crashAtUs + 1 });
      const after = sim.stateOf("w") as DiskWriterState;
      expect(after.recovered).toEqual(f === "crash" ? before.synced : before.written);
    },
  );
});

// One run of the random-fault properties: three servers, clients with a random workload, a random fault
// schedule (over the servers, and optionally the clients too) healed by 8 s, and a final write per client
// after healing.
import type { ServerBug } from "../../../../protocol/zk/server/index.js";
import { FAULT_KINDS, randomSchedule } from "../../../../scenarios/nemesis/index.js";
import { Streams } from "../../../../sim/prng/index.js";
import { call, type ZkSetup, zkSetup } from "./harness.js";
import { randomWorkload } from "./workload.js";

export const HEAL_BY_MS = 8_000;

export type RandomRunOptions = {
  readonly clients: number;
  /** Mean time between two calls of one client. */
  readonly opGapMs: number;
  /** Mean time between two faults. */
  readonly faultGapUs: number;
  /** Faults hit the clients too (their links, crashes and pauses), not only the servers. */
  readonly faultClients: boolean;
  readonly bugs?: readonly ServerBug[];
};

export function runRandom(
  seed: number,
  options: RandomRunOptions,
): { readonly s: ZkSetup; readonly finals: readonly number[] } {
  const s = zkSetup({
    seed,
    servers: 3,
    clients: options.clients,
    server: { bugs: options.bugs ?? [], containerCheckIntervalMs: 1_000 },
  });
  const streams = new Streams(seed);
  const ops = randomSchedule(streams.get("test-nemesis"), {
    nodes: options.faultClients ? [...s.servers, ...s.clients] : s.servers,
    startUs: 1_500_000,
    healByUs: HEAL_BY_MS * 1_000,
    meanGapUs: options.faultGapUs,
    meanDurationUs: 1_500_000,
    kinds: FAULT_KINDS,
  });
  s.sim.schedule(ops);
  const rngFor = (client: string) => streams.get(`test-workload/${client}`);
  randomWorkload(s, rngFor, 1_000, HEAL_BY_MS + 2_000, options.opGapMs);
  const finals = s.clients.map((client) =>
    call(s, HEAL_BY_MS + 9_000, "setData", { path: "/", data: client }, client),
  );
  s.sim.run({ untilUs: (HEAL_BY_MS + 14_000) * 1_000 });
  return { s, finals };
}

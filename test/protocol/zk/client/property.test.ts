// Properties under random server crashes, pauses and client–server partitions: every call gets exactly one
// completion; a client's calls complete in the order they were made; a session's watch events arrive in
// zxid order without duplicates, and each fires a watch the client holds.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { type NodeId, nodeId } from "../../../../sim/api/index.js";
import type { NemesisOp, ScheduledOp } from "../../../../sim/nemesis/index.js";
import { call, completions, observed, type Setup, setup } from "./harness.js";

const SERVERS = ["n1", "n2", "n3"].map(nodeId);
const CLIENTS = ["c1", "c2"].map(nodeId);

const faultArbitrary = fc.tuple(
  fc.integer({ min: 0, max: 8_000 }),
  fc.integer({ min: 1, max: 4_000 }),
  fc.oneof(
    fc.constantFrom(...SERVERS).map((n): readonly [NemesisOp, NemesisOp] => [
      { f: "crash", node: n },
      { f: "restart", node: n },
    ]),
    fc.constantFrom(...SERVERS).map((n): readonly [NemesisOp, NemesisOp] => [
      { f: "pause", node: n },
      { f: "resume", node: n },
    ]),
    fc
      .tuple(fc.constantFrom(...SERVERS), fc.constantFrom(...CLIENTS))
      .map(([n, c]): readonly [NemesisOp, NemesisOp] => [
        {
          f: "partition-start",
          cuts: [
            [n, c],
            [c, n],
          ],
        },
        { f: "partition-stop" },
      ]),
  ),
);

const opArbitrary = fc.tuple(
  fc.integer({ min: 0, max: 12_000 }),
  fc.constantFrom(...CLIENTS),
  fc.constantFrom("create", "delete", "setData", "getData", "exists", "getChildren"),
  fc.constantFrom("/a", "/b", "/a/x"),
  fc.boolean(),
);

function schedule(
  faults: readonly (readonly [number, number, readonly [NemesisOp, NemesisOp]])[],
): ScheduledOp[] {
  return faults
    .flatMap(([atMs, forMs, [start, stop]]) => [
      { atUs: atMs * 1_000, op: start },
      { atUs: (atMs + forMs) * 1_000, op: stop },
    ])
    .sort((a, b) => a.atUs - b.atUs);
}

function checkOrdering(s: Setup, client: NodeId, invoked: readonly number[]): void {
  const done = completions(s).filter((e) => invoked.includes(e.process as number));
  expect(done.map((e) => e.process).sort((a, b) => Number(a) - Number(b))).toEqual(invoked);
  expect(done.map((e) => e.process)).toEqual(invoked);
  const bySession = new Map<number, { readonly zxid: number; readonly key: string }[]>();
  for (const event of observed(s, "watch-event", client)) {
    expect(event.fired).not.toEqual([]);
    const zxid = Number(event.zxid);
    if (zxid < 0) continue;
    const seen = bySession.get(Number(event.session)) ?? [];
    const key = `${zxid} ${event.type} ${event.path}`;
    expect(seen.map((e) => e.key)).not.toContain(key);
    // One txn may fire several events (NodeCreated on the node, NodeChildrenChanged on its parent), in
    // the order the server triggers them; only their zxids must not go backwards.
    expect(zxid).toBeGreaterThanOrEqual(seen.at(-1)?.zxid ?? 0);
    seen.push({ zxid, key });
    bySession.set(Number(event.session), seen);
  }
}

test.prop(
  [
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.array(faultArbitrary, { maxLength: 4 }),
    fc.array(opArbitrary, { minLength: 5, maxLength: 40 }),
  ],
  { numRuns: 60 },
)(
  "every call gets exactly one completion, in call order, and watch events come in zxid order without duplicates",
  (seed, faults, ops) => {
    const s = setup({ seed, servers: 3, clients: 2 });
    s.sim.schedule(schedule(faults));
    const invoked = new Map<NodeId, number[]>(CLIENTS.map((c) => [c, []]));
    const sorted = [...ops].sort((a, b) => a[0] - b[0]);
    for (const [atMs, client, f, path, watch] of sorted) {
      const value =
        f === "getData" || f === "exists" || f === "getChildren"
          ? { path, watch }
          : { path, data: "v" };
      invoked.get(client)?.push(call(s, atMs, f, value, client));
    }
    s.sim.run({ untilUs: 40_000_000 });
    for (const client of CLIENTS) checkOrdering(s, client, invoked.get(client) ?? []);
  },
);

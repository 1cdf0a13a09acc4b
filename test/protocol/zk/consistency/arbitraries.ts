// fast-check arbitraries for the reference simulator: small workloads on a few paths, with lagging
// followers, server switches, zxid gaps, persistent watches and the occasional lost reply.
import { fc } from "@fast-check/vitest";
import type { Json } from "../../../../sim/api/index.js";
import type { SimAction } from "./reference-sim.js";

export const CLIENT_COUNT = 3;
const PATHS = ["/a", "/b", "/a/c", "/a/d"];

const path = fc.constantFrom(...PATHS);
const data = fc.constantFrom("x", "y", "z");
const version = fc.constantFrom(-1, -1, 0, 1);

const write: fc.Arbitrary<{ f: string; value: Json }> = fc.oneof(
  fc
    .record({
      path,
      data,
      mode: fc.constantFrom("persistent", "ephemeral", "persistent_sequential"),
    })
    .map((value) => ({ f: "create", value })),
  fc.record({ path, version }).map((value) => ({ f: "delete", value })),
  fc.record({ path, data, version }).map((value) => ({ f: "setData", value })),
  fc.tuple(path, version, data).map(([target, expected, text]) => ({
    f: "multi",
    value: {
      ops: [
        { op: "check", path: target, version: expected },
        { op: "setData", path: target, data: text },
      ],
    },
  })),
);

const read: fc.Arbitrary<{ f: string; value: Json }> = fc.record({
  f: fc.constantFrom("exists", "getData", "getChildren"),
  value: fc.record({ path: fc.constantFrom(...PATHS, "/"), watch: fc.boolean() }),
});

/** A persistent (or recursive) watch: never spent, re-armed without catch-up on a reconnect. */
const addWatch: fc.Arbitrary<{ f: string; value: Json }> = fc.record({
  f: fc.constant("addWatch"),
  value: fc.record({
    path: fc.constantFrom(...PATHS, "/"),
    mode: fc.constantFrom("persistent", "persistentRecursive"),
  }),
});

const client = fc.integer({ min: 0, max: CLIENT_COUNT - 1 });
const server = fc.integer({ min: 0, max: 2 });

const action: fc.Arbitrary<SimAction> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(client, write)
      .map(([c, w]): SimAction => ({ kind: "call", client: c, ...w })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(client, read)
      .map(([c, r]): SimAction => ({ kind: "call", client: c, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(client, addWatch)
      .map(([c, w]): SimAction => ({ kind: "call", client: c, ...w })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ server, count: fc.integer({ min: 1, max: 4 }) })
      .map((a): SimAction => ({ kind: "catch-up", ...a })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ client, server }).map((a): SimAction => ({ kind: "switch", ...a })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 3 }).map((count): SimAction => ({ kind: "gap", count })),
  },
);

/** At most one lost reply per history keeps the check's search over info placements small. */
export const workload: fc.Arbitrary<readonly SimAction[]> = fc
  .tuple(
    fc.array(action, { minLength: 5, maxLength: 40 }),
    fc.option(fc.record({ client, server, applied: fc.boolean(), write, position: fc.nat() }), {
      nil: undefined,
    }),
  )
  .map(([actions, lost]) => {
    if (lost === undefined) return actions;
    const at = lost.position % (actions.length + 1);
    const entry: SimAction = {
      kind: "lost-reply",
      client: lost.client,
      server: lost.server,
      applied: lost.applied,
      ...lost.write,
    };
    return [...actions.slice(0, at), entry, ...actions.slice(at)];
  });

/** Watches armed up front on a session and fired at two zxids, so event mutations have a place to land. */
export const watchedWorkload: fc.Arbitrary<readonly SimAction[]> = workload.map((actions) => [
  { kind: "call", client: 0, f: "exists", value: { path: "/a", watch: true } },
  { kind: "call", client: 0, f: "exists", value: { path: "/b", watch: true } },
  { kind: "call", client: 1, f: "create", value: { path: "/a", data: "x" } },
  { kind: "call", client: 1, f: "create", value: { path: "/b", data: "y" } },
  ...actions,
]);

/** Up to five lost replies, some applied, over the same actions: several unanswered writes to place. */
export const lossyWorkload: fc.Arbitrary<readonly SimAction[]> = fc
  .tuple(
    fc.array(action, { minLength: 5, maxLength: 30 }),
    fc.array(fc.record({ client, server, applied: fc.boolean(), write, position: fc.nat() }), {
      maxLength: 5,
    }),
  )
  .map(([actions, lost]) => {
    const out = [...actions];
    for (const entry of lost) {
      const at = entry.position % (out.length + 1);
      out.splice(at, 0, {
        kind: "lost-reply",
        client: entry.client,
        server: entry.server,
        applied: entry.applied,
        ...entry.write,
      });
    }
    return out;
  });

/**
 * A leader's backlog: a burst of up to eight lost replies back to back, some applied, with data no read may
 * show, then the rest of the actions: several unanswered writes that may fill one run of slots.
 */
export const backlogWorkload: fc.Arbitrary<readonly SimAction[]> = fc
  .tuple(
    fc.array(action, { minLength: 5, maxLength: 25 }),
    fc.array(
      fc.record({
        client,
        server,
        applied: fc.boolean(),
        write: fc.oneof(
          write,
          fc
            .record({ path, data: fc.constantFrom("p", "q"), version: fc.constant(-1) })
            .map((value) => ({ f: "setData", value })),
        ),
      }),
      { minLength: 2, maxLength: 8 },
    ),
    fc.nat(),
  )
  .map(([actions, burst, position]) => {
    const at = position % (actions.length + 1);
    const lost = burst.map(
      (entry): SimAction => ({
        kind: "lost-reply",
        client: entry.client,
        server: entry.server,
        applied: entry.applied,
        ...entry.write,
      }),
    );
    return [...actions.slice(0, at), ...lost, ...actions.slice(at)];
  });

// The ZooKeeper check on histories from a 3.8 server, whose notifications all carry zxid -1
// (NIOServerCnxn.process in 3.8: "new ReplyHeader(ClientCnxn.NOTIFICATION_XID, -1L, 0)"; the txn's zxid is
// sent only from 3.9.0, ZOOKEEPER-4655). The check derives each event's zxid (notification-zxids.ts): it must
// pass every valid history stripped so, and still catch the planted watch faults.
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { checkZooKeeper, type ZkRecord } from "../../../../protocol/zk/consistency/index.js";
import { CLIENT_COUNT, watchedWorkload, workload } from "./arbitraries.js";
import { type MutationKind, mutate } from "./mutations.js";
import { simulate } from "./reference-sim.js";

/** The history as a 3.8 client records it: every event's zxid is the -1 of its reply header. */
function as38(records: readonly ZkRecord[]): ZkRecord[] {
  return records.map((record) =>
    record.kind === "watch-event" ? { ...record, zxid: -1 } : record,
  );
}

function check38(records: readonly ZkRecord[]) {
  return checkZooKeeper(as38(records), { zkVersion: "3.8" });
}

test.prop([workload], { numRuns: 100 })(
  "a valid history without notification zxids passes",
  (actions) => {
    const result = check38(simulate(CLIENT_COUNT, actions).records);
    expect(result.violations).toEqual([]);
  },
);

test.prop([watchedWorkload], { numRuns: 100 })(
  "a valid history with many watches, without notification zxids, passes",
  (actions) => {
    const result = check38(simulate(CLIENT_COUNT, actions).records);
    expect(result.violations).toEqual([]);
  },
  30_000,
);

const eventFaults: readonly MutationKind[] = [
  "duplicate-event",
  "reordered-event",
  "refired-event",
];

/**
 * Whether some session reconnected. Its events between the reconnect and its next reply may be setWatches'
 * catch-up, which names no txn: there the derivation leaves them at -1 and judges them as catch-up events,
 * as the check does for those of a 3.9 history, so a fault planted there is out of reach.
 */
function reconnects(records: readonly ZkRecord[]): boolean {
  const seen = new Set<number>();
  for (const record of records) {
    if (record.kind === "connected" && seen.has(record.session)) return true;
    if (record.kind === "connected" || record.kind === "complete") seen.add(record.session);
  }
  return false;
}

for (const kind of eventFaults) {
  test.prop([watchedWorkload], { numRuns: 60 })(
    `a planted ${kind} is caught without notification zxids`,
    (actions) => {
      const mutated = mutate(kind, simulate(CLIENT_COUNT, actions));
      fc.pre(mutated !== undefined && !reconnects(mutated));
      if (mutated === undefined) return;
      const result = check38(mutated);
      expect(result.valid).toBe(false);
      expect(result.violations.map((violation) => violation.check)).toContain("watch-order");
    },
    30_000,
  );
}

test.prop([watchedWorkload], { numRuns: 60 })(
  "an event moved after the reply that reflects its change is caught without notification zxids",
  (actions) => {
    const { records } = simulate(CLIENT_COUNT, actions);
    const moved = movedPastReflectingReply(records);
    fc.pre(moved !== undefined && !reconnects(moved));
    if (moved === undefined) return;
    // Only where the history with its zxids shows the fault (the rules ask no event of a persistent watch
    // on a connection that never saw the change's other side).
    const withZxids = checkZooKeeper(moved).violations.map((violation) => violation.check);
    fc.pre(withZxids.includes("watch-order"));
    const result = check38(moved);
    expect(result.violations.map((violation) => violation.check)).toContain("watch-order");
  },
  30_000,
);

/**
 * A one-shot event delivered late (the planted reply-before-watch fault): moved just after the first later
 * reply of its session whose zxid reflects the change.
 */
function movedPastReflectingReply(records: readonly ZkRecord[]): ZkRecord[] | undefined {
  for (let at = 0; at < records.length; at++) {
    const event = records[at];
    if (event?.kind !== "watch-event" || event.zxid < 0) continue;
    const reply = records.findIndex(
      (r, later) =>
        later > at &&
        r.kind === "complete" &&
        r.type === "ok" &&
        r.session === event.session &&
        r.zxid !== null &&
        r.zxid >= event.zxid,
    );
    if (reply < 0) continue;
    const between = records.slice(at + 1, reply + 1);
    // Another event of the session in between would be reordered too: keep the fault a single one.
    if (between.some((r) => r.kind === "watch-event" && r.session === event.session)) continue;
    return [...records.slice(0, at), ...between, event, ...records.slice(reply + 1)];
  }
  return undefined;
}

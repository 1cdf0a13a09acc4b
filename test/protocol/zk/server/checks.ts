// The properties every server run must satisfy, as lists of human-readable failures (empty = pass):
// ZAB's invariants over the servers' observations, the ZooKeeper consistency check over the client
// history, no client-side protocol violation (out-of-order xid, a zxid going backwards), every watch event
// fires a watch its client holds and none arrives twice, and no ephemeral outlives its session.

import { checkZabInvariants } from "../../../../protocol/zab/invariants/index.js";
import { checkZooKeeper } from "../../../../protocol/zk/consistency/index.js";
import { observed, serverState, type ZkSetup, zkRecords } from "./harness.js";

export function zabFailures(s: ZkSetup): string[] {
  const servers = new Set<string>(s.servers);
  const records = s.sim.observations.filter((r) => servers.has(r.node));
  return checkZabInvariants(records).map((v) => `${v.check}: ${v.message}`);
}

export function clientViolations(s: ZkSetup): string[] {
  return s.clients.flatMap((client) =>
    observed(s, "violation", client).map(
      (o) => `${client}: ${String(o.what)} ${JSON.stringify(o)}`,
    ),
  );
}

/**
 * Every event fires a watch its client holds, and one change never fires a one-shot watch twice. (A
 * persistent watch may get one txn's event twice: a closeSession deleting two children of a node changes
 * its children twice.)
 */
export function watchFailures(s: ZkSetup): string[] {
  const failures: string[] = [];
  const oneShot = new Set<string>();
  for (const client of s.clients) {
    // The catch-up events (zxid -1) of the current setWatches, by what they say.
    let catchUp = new Set<string>();
    for (const event of observed(s, "watch-event", client)) {
      const what = `${client} session ${event.session}: ${event.type} ${event.path} zxid ${event.zxid}`;
      const fired = Array.isArray(event.fired) ? event.fired.map(String) : [];
      // setWatches answers a data and a child watch on a deleted node with one NodeDeleted each
      // (DataTree.setWatches: data watches first, then exist, then child watches, so other events may come
      // between them); the first fires both at the client, so the second fires nothing.
      const repeatedCatchUp =
        Number(event.zxid) < 0 && event.type === "NodeDeleted" && catchUp.has(what);
      if (fired.length === 0 && !repeatedCatchUp) failures.push(`${what} fired no watch`);
      if (Number(event.zxid) >= 0) {
        catchUp = new Set();
      } else {
        catchUp.add(what);
        continue;
      }
      const key = `${event.session} ${event.type} ${event.path} ${event.zxid}`;
      const firesOneShot = fired.some(
        (kind) => kind === "data" || kind === "exist" || kind === "child",
      );
      if (firesOneShot && oneShot.has(key)) failures.push(`${what} fired a one-shot watch twice`);
      if (firesOneShot) oneShot.add(key);
    }
  }
  return failures;
}

/** EphemeralOwnerAlive on every running server's tree: each session ephemeral's owner is a live session. */
export function ephemeralFailures(s: ZkSetup): string[] {
  const failures: string[] = [];
  for (const server of s.servers) {
    if (s.sim.statusOf(server) !== "up") continue;
    const db = serverState(s, server).zab.db.data;
    for (const [path, node] of db.tree.nodes) {
      if (node.owner.kind === "session" && !db.sessions.has(node.owner.sessionId)) {
        failures.push(`${server}: ${path} outlives its session ${node.owner.sessionId}`);
      }
    }
  }
  return failures;
}

/**
 * The ZooKeeper consistency check over the run's history. With `inconclusiveOk`, a history whose unanswered
 * writes have more placements than `placementsMax` (the check could not decide) is not a failure.
 */
export function consistencyFailures(
  s: ZkSetup,
  options: { readonly placementsMax?: number; readonly inconclusiveOk?: boolean } = {},
): string[] {
  const result = checkZooKeeper(zkRecords(s), {
    placementsMax: options.placementsMax ?? 4096,
    zkVersion: s.config.zkVersion,
  });
  if (result.valid || (result.exhausted && options.inconclusiveOk === true)) return [];
  const prefix = result.exhausted ? "(inconclusive) " : "";
  return result.violations.map((v) => `${prefix}${v.check}: ${v.message}`);
}

export function allFailures(
  s: ZkSetup,
  options: { readonly placementsMax?: number; readonly inconclusiveOk?: boolean } = {},
): string[] {
  return [
    ...zabFailures(s),
    ...clientViolations(s),
    ...watchFailures(s),
    ...ephemeralFailures(s),
    ...consistencyFailures(s, options),
  ];
}

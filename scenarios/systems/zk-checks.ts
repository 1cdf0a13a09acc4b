// The zookeeper system's checks: the ZooKeeper consistency check over the workload's history and watch
// events, the ZAB invariants over the servers' observations, liveness after the faults heal, each recipe's
// property, the session properties (EphemeralOwnerAlive on every running server, no client-side protocol
// violation, every watch event fires a watch its client holds), and — when a scenario asks for it — plain
// linearizability of the workload history (zk-linearizability.ts), which only the linearizable-reads mode
// is meant to pass.
import { checkZabInvariants } from "../../protocol/zab/invariants/index.js";
import { checkLiveness, livenessBoundUs } from "../../protocol/zab/liveness.js";
import { checkZooKeeper } from "../../protocol/zk/consistency/index.js";
import type { ServerConfig, ZkServerState } from "../../protocol/zk/server/index.js";
import type { NodeId } from "../../sim/api/index.js";
import type { ObservationRecord, Simulation } from "../../sim/kernel/index.js";
import type { CheckName, Scenario } from "../schema/index.js";
import { hexSession, hexZxid } from "./labels.js";
import { timeText } from "./story/phrases.js";
import {
  createInHistory,
  type EphemeralTxns,
  ephemeralTxns,
  ZkRecordLocator,
} from "./story/zk-locate.js";
import type { CheckOutcome, CheckWindow, Violation, ViolationAt } from "./system.js";
import type { ZkHistoryRecorder } from "./zk-history.js";
import { zkLinearizability } from "./zk-linearizability.js";
import { checkRecipe } from "./zk-recipes.js";

/** Placements of unanswered writes the consistency check tries before it answers `unknown`. */
const PLACEMENTS_MAX = 512;
/** Violations reported per check: the first few say what went wrong; thousands say nothing more. */
const VIOLATIONS_SHOWN_MAX = 20;

/** What the checks read from a finished run. */
export interface ZkRun {
  readonly sim: Simulation;
  readonly scenario: Scenario;
  readonly config: ServerConfig;
  readonly servers: readonly NodeId[];
  readonly clients: readonly string[];
  readonly recorder: ZkHistoryRecorder;
  /** When the last workload write was submitted (-1: none). */
  lastWriteUs: number;
}

export function checkZk(run: ZkRun, check: CheckName, window: CheckWindow): CheckOutcome {
  switch (check) {
    case "zookeeper-consistency":
      return consistency(run);
    case "zab-invariants": {
      const violations = checkZabInvariants(serverRecords(run));
      return outcome(check, violations, `over ${run.sim.observations.length} observations`);
    }
    case "liveness":
      return liveness(run, window);
    case "recipes":
      return recipes(run);
    case "sessions":
      return sessions(run);
    case "linearizability":
      return zkLinearizability(run.sim.history, run.recorder.records(), run.config.zkVersion);
    default:
      return {
        check,
        verdict: "unknown",
        violations: [],
        message: `the zookeeper system has no ${check}`,
      };
  }
}

function outcome(check: CheckName, violations: readonly Violation[], what: string): CheckOutcome {
  const shown = violations.slice(0, VIOLATIONS_SHOWN_MAX);
  return {
    check,
    verdict: violations.length === 0 ? "pass" : "fail",
    violations: shown,
    ...(shown.length < violations.length ? { violationCount: violations.length } : {}),
    message: `${violations.length} violation${violations.length === 1 ? "" : "s"} ${what}`,
  };
}

function serverRecords(run: ZkRun): ObservationRecord[] {
  const servers: ReadonlySet<string> = new Set(run.servers);
  return run.sim.observations.filter((r) => servers.has(r.node));
}

function consistency(run: ZkRun): CheckOutcome {
  const check = "zookeeper-consistency";
  const records = run.recorder.records();
  const result = checkZooKeeper(records, {
    placementsMax: PLACEMENTS_MAX,
    zkVersion: run.config.zkVersion,
  });
  const what = `over ${countOf(result.operationCount, "operation")} and ${countOf(result.eventCount, "watch event")}`;
  if (result.valid) return outcome(check, [], what);
  if (result.exhausted) {
    const message = `undecided: more than ${PLACEMENTS_MAX} placements of unanswered writes ${what}`;
    return { check, verdict: "unknown", violations: [], message };
  }
  const { history, observations } = run.sim;
  const locator = new ZkRecordLocator(records, history, observations, run.clients);
  const violations = result.violations.map((v) => ({
    check: v.check,
    message: v.message,
    ...(v.at === undefined ? {} : { at: locator.locate(v.at) }),
  }));
  return outcome(check, violations, what);
}

function liveness(run: ZkRun, window: CheckWindow): CheckOutcome {
  const check = "liveness";
  const { scenario } = run;
  const writeEveryUs = Math.round(scenario.clients.everyMs * 1_500);
  const detectionMaxUs = scenario.network.detectionMaxMs * 1_000;
  const boundUs = livenessBoundUs(run.config.zab, detectionMaxUs, writeEveryUs);
  if (run.lastWriteUs <= window.healedAtUs) {
    const message = "no client write after the last fault healed: liveness not shown";
    return { check, verdict: "unknown", violations: [], message };
  }
  const live = checkLiveness(serverRecords(run), window.healedAtUs, boundUs);
  if (live.ok) return { check, verdict: "pass", violations: [], message: live.message };
  // A recovery window shorter than the bound cannot show a liveness failure.
  const tooShort = window.endUs - window.healedAtUs < boundUs;
  return {
    check,
    verdict: tooShort ? "unknown" : "fail",
    violations: tooShort
      ? []
      : [{ check, message: live.message, ...(live.at === undefined ? {} : { at: live.at }) }],
    message: tooShort ? `${live.message}; recovery window shorter than the bound` : live.message,
  };
}

function recipes(run: ZkRun): CheckOutcome {
  const specs = run.scenario.clients.recipes;
  const violations = specs.flatMap((spec) => checkRecipe(spec, run.sim.observations));
  const names = specs.map((spec) => spec.recipe).join(", ");
  const judged = outcome(
    "recipes",
    violations,
    specs.length === 0 ? "(no recipes)" : `of ${names}`,
  );
  // A recipe that never got anywhere (no note at all) passes its property vacuously: say so.
  const idle = specs.filter(
    (spec) =>
      !run.sim.observations.some(
        (r) => r.observation.kind === "recipe" && r.observation.recipe === spec.recipe,
      ),
  );
  if (judged.verdict === "fail" || idle.length === 0) return judged;
  const message = `${idle.map((spec) => spec.recipe).join(", ")} made no progress: nothing to judge`;
  return { check: "recipes", verdict: "unknown", violations: [], message };
}

function sessions(run: ZkRun): CheckOutcome {
  const violations = [...ephemeralOwners(run), ...clientViolations(run), ...watchesFired(run)];
  return outcome("sessions", violations, "of ephemeral owners, client protocol and watches");
}

/**
 * EphemeralOwnerAlive on every running server's tree: each ephemeral's owner is a live session. It shows where
 * the server applied the later of the create that made it and its session's close.
 */
function ephemeralOwners(run: ZkRun): Violation[] {
  const violations: Violation[] = [];
  for (const server of run.servers) {
    if (run.sim.statusOf(server) !== "up") continue;
    const db = (run.sim.stateOf(server) as ZkServerState).zab.db.data;
    for (const [path, node] of db.tree.nodes) {
      if (node.owner.kind === "session" && !db.sessions.has(node.owner.sessionId)) {
        const session = node.owner.sessionId;
        const txns = ephemeralTxns(run.sim.observations, server, path, session);
        const message = `${server}: ${path} outlives its session ${hexSession(session)}${txnsText(txns)}`;
        const at = ephemeralAt(run, server, path, session, txns);
        violations.push({ check: "EphemeralOwnerAlive", message, at });
      }
    }
  }
  return violations;
}

/** " (closed by 0x20000000f at 3.210 s, created by 0x200000011 at 3.220 s)" */
function txnsText({ create, close }: EphemeralTxns): string {
  const parts = [
    close === undefined ? "" : `closed by ${hexZxid(close.zxid)} at ${timeText(close.timeUs)}`,
    create === undefined ? "" : `created by ${hexZxid(create.zxid)} at ${timeText(create.timeUs)}`,
  ].filter((part) => part !== "");
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

function ephemeralAt(
  run: ZkRun,
  server: string,
  path: string,
  session: number,
  txns: EphemeralTxns,
): ViolationAt {
  const { create, close } = txns;
  const timeUs = Math.max(create?.timeUs ?? 0, close?.timeUs ?? 0);
  const index = createInHistory(run.sim.history, create, path, session);
  // It shows at the server's step, not at the create: the create is involved (its client told by the story).
  const op = index === undefined ? {} : { involved: [index] };
  return {
    node: server,
    ...(create === undefined && close === undefined ? {} : { timeUs }),
    ...(create === undefined ? {} : { zxid: create.zxid }),
    ...op,
  };
}

/**
 * What a client saw go wrong in the protocol: an xid out of order, a reply zxid going backwards. (A server's
 * own `violation` observations are ZAB's ShouldNotHappen, judged by zab-invariants.)
 */
function clientViolations(run: ZkRun): Violation[] {
  const servers: ReadonlySet<string> = new Set(run.servers);
  return run.sim.observations
    .filter((r) => r.observation.kind === "violation" && !servers.has(r.node))
    .map((r) => {
      const { server, got, lastZxidSeen } = r.observation;
      const from = typeof server === "string" ? ` from ${server}` : "";
      const zxids =
        typeof got === "number" && typeof lastZxidSeen === "number"
          ? ` (${hexZxid(got)} after ${hexZxid(lastZxidSeen)})`
          : "";
      return {
        check: "ClientProtocol",
        message: `${r.node}: ${String(r.observation.what)}${from}${zxids}`,
        at: {
          ...(typeof server === "string" ? { node: server } : {}),
          client: r.node,
          timeUs: r.timeUs,
          observed: "violation",
        },
      };
    });
}

/**
 * Every watch event fires a watch its client holds, and one change never fires a one-shot watch twice.
 * setWatches answers a data and a child watch on a deleted node with one NodeDeleted each (zxid -1;
 * DataTree.setWatches goes through data, exist, then child watches, so other catch-up events may come
 * between the two); the first fires both at the client, so the second fires nothing.
 */
function watchesFired(run: ZkRun): Violation[] {
  const violations: Violation[] = [];
  const oneShot = new Set<string>();
  // Per client node: the catch-up events of its current setWatches.
  const catchUp = new Map<string, Set<string>>();
  for (const { node, timeUs, observation: o } of run.sim.observations) {
    if (o.kind !== "watch-event") continue;
    const zxid = Number(o.zxid) < 0 ? "no zxid" : hexZxid(Number(o.zxid));
    const what = `${node} session ${hexSession(Number(o.session))}: ${o.type} ${o.path} ${zxid}`;
    const at: ViolationAt = {
      ...(typeof o.server === "string" ? { node: o.server } : {}),
      client: node,
      timeUs,
      ...(Number(o.zxid) < 0 ? {} : { zxid: Number(o.zxid) }),
      observed: "watch-event",
    };
    const fired = Array.isArray(o.fired) ? o.fired.map(String) : [];
    const seen = catchUp.get(node) ?? new Set<string>();
    const repeatedCatchUp = Number(o.zxid) < 0 && o.type === "NodeDeleted" && seen.has(what);
    if (fired.length === 0 && !repeatedCatchUp) {
      violations.push({ check: "WatchFired", message: `${what} fired no watch`, at });
    }
    if (Number(o.zxid) < 0) {
      catchUp.set(node, seen.add(what));
      continue;
    }
    catchUp.delete(node);
    const key = `${node} ${o.session} ${o.type} ${o.path} ${o.zxid}`;
    const firesOneShot = fired.some(
      (kind) => kind === "data" || kind === "exist" || kind === "child",
    );
    if (firesOneShot && oneShot.has(key)) {
      violations.push({ check: "WatchFired", message: `${what} fired a one-shot watch twice`, at });
    }
    if (firesOneShot) oneShot.add(key);
  }
  return violations;
}

/** "1 operation", "807 operations". */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// The zab system: servers (and observers) run the ZAB peer over the register state machine; each client write is
// a kernel request to the client's home server, forwarded to the leader as ZooKeeper's followers do. Judged by
// the invariants of ZAB's specification over the peers' observations, and by liveness after the faults heal.
import { zabConfig, zabPeer } from "../../protocol/zab/index.js";
import { checkZabInvariants } from "../../protocol/zab/invariants/index.js";
import { checkLiveness, livenessBoundUs } from "../../protocol/zab/liveness.js";
import { ms, type NodeId, nodeId } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";
import type { CheckName, Scenario } from "../schema/index.js";
import type { ClientOp } from "../workload/index.js";
import { LeaderTracker } from "./leader-tracker.js";
import { zabPeerStatus } from "./server-status.js";
import type { CheckOutcome, CheckWindow, SystemDriver, SystemInstance } from "./system.js";

/** The ZAB peer's txn log on its disk (protocol/zab/durable.ts). */
const TXN_LOG = "txnlog";

export const zabSystem: SystemDriver = {
  name: "zab",
  description: "ZAB servers over a register state machine; clients submit writes",
  defaultChecks: ["zab-invariants", "liveness"],
  start: startZab,
};

function startZab(sim: Simulation, scenario: Scenario): SystemInstance {
  const servers = Array.from({ length: scenario.cluster.servers }, (_, i) => nodeId(`n${i + 1}`));
  const observers = Array.from({ length: scenario.cluster.observers }, (_, i) =>
    nodeId(`o${i + 1}`),
  );
  const zk = scenario.zookeeper;
  const config = zabConfig(servers, {
    observers,
    tickTimeUs: ms(zk.tickTimeMs),
    initLimit: zk.initLimit,
    syncLimit: zk.syncLimit,
    maxNotificationIntervalUs: ms(zk.maxNotificationIntervalMs),
    committedLogCount: zk.committedLogCount,
    snapCount: zk.snapCount,
    bugs: scenario.bugs,
    zkVersion: scenario.zkVersion,
  });
  const peer = zabPeer(config);
  for (const node of [...servers, ...observers]) sim.addNode(node, peer);
  const tracker = new LeaderTracker();
  sim.onObservation((record) => tracker.see(record));
  const writeEveryUs = Math.round(scenario.clients.everyMs * 1_500);
  const boundUs = livenessBoundUs(config, scenario.network.detectionMaxMs * 1_000, writeEveryUs);
  let lastWriteUs = -1;
  const all = [...servers, ...observers];
  return {
    servers: all,
    status: () => zabPeerStatus(sim, all),
    leader: () => tracker.leader(sim),
    lastLogRecord: (node: NodeId) => {
      const count = sim.nodeOf(node).disk.readLog(TXN_LOG).records.length;
      return count === 0 ? null : { log: TXN_LOG, index: count - 1 };
    },
    submit: (op: ClientOp) => {
      lastWriteUs = Math.max(lastWriteUs, op.atUs);
      sim.submit({ atUs: op.atUs, node: op.node, process: op.process, f: op.f, value: op.value });
    },
    check: (window: CheckWindow, checks: readonly CheckName[]) =>
      checks.map((check) => checkZab(sim, check, window, { boundUs, lastWriteUs })),
  };
}

function checkZab(
  sim: Simulation,
  check: CheckName,
  window: CheckWindow,
  limits: { readonly boundUs: number; readonly lastWriteUs: number },
): CheckOutcome {
  const { boundUs } = limits;
  if (check === "zab-invariants") {
    const violations = checkZabInvariants(sim.observations);
    return {
      check,
      verdict: violations.length === 0 ? "pass" : "fail",
      violations,
      message: `${violations.length} invariant violation${violations.length === 1 ? "" : "s"} over ${sim.observations.length} observations`,
    };
  }
  if (check === "liveness") {
    if (limits.lastWriteUs <= window.healedAtUs) {
      const message = "no client write after the last fault healed: liveness not shown";
      return { check, verdict: "unknown", violations: [], message };
    }
    const live = checkLiveness(sim.observations, window.healedAtUs, boundUs);
    if (live.ok) return { check, verdict: "pass", violations: [], message: live.message };
    // A recovery window shorter than the bound cannot show a liveness failure.
    const tooShort = window.endUs - window.healedAtUs < boundUs;
    return {
      check,
      verdict: tooShort ? "unknown" : "fail",
      violations: tooShort ? [] : [{ check: "liveness", message: live.message, at: live.at }],
      message: tooShort ? `${live.message}; recovery window shorter than the bound` : live.message,
    };
  }
  return { check, verdict: "unknown", violations: [], message: `the zab system has no ${check}` };
}

// The zookeeper system: servers (and observers) run the simulated ZooKeeper server on ZAB
// (protocol/zk/server), workload clients c1..cN run the real client library and get each planned op as a
// kernel request, and the scenario's recipes run as client programs beside them. Judged by the ZooKeeper
// consistency check, the ZAB invariants, liveness, the recipes' properties and the session properties.
import { isServerBug } from "../../protocol/planted-bugs/index.js";
import { clientConfig, zkClient } from "../../protocol/zk/client/index.js";
import { serverConfig, zkServer } from "../../protocol/zk/server/index.js";
import { ms, type NodeId, nodeId } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";
import { type CheckName, type Scenario, workloadClientCount } from "../schema/index.js";
import type { ClientOp } from "../workload/index.js";
import { LeaderTracker } from "./leader-tracker.js";
import { zkServerStatus } from "./server-status.js";
import type { AppClients, SystemDriver, SystemInstance } from "./system.js";
import { zkCallOf } from "./zk-calls.js";
import { checkZk, type ZkRun } from "./zk-checks.js";
import { ZkHistoryRecorder } from "./zk-history.js";
import { addRecipeNodes } from "./zk-recipes.js";

/** The embedded ZAB peer's txn log on the server's disk (protocol/zab/durable.ts). */
const TXN_LOG = "txnlog";

/** The run directory file holding the ZooKeeper consistency check's input records (checkInputs). */
export const ZK_RECORDS_FILE = "zk-records.jsonl";

/** Ops that change the tree: liveness needs one submitted after the faults heal. */
const WRITE_OPS: ReadonlySet<string> = new Set([
  "write",
  "cas",
  "create",
  "createEphemeral",
  "createSequential",
  "delete",
  "setData",
  "multi",
]);

export const zookeeperSystem: SystemDriver = {
  name: "zookeeper",
  description:
    "ZooKeeper servers on ZAB, zkClient workload clients c1..cN and recipe clients; ZooKeeper semantics",
  defaultChecks: ["zookeeper-consistency", "zab-invariants", "liveness", "recipes", "sessions"],
  start: startZookeeper,
};

function startZookeeper(
  sim: Simulation,
  scenario: Scenario,
  app: AppClients | null,
): SystemInstance {
  const voters = Array.from({ length: scenario.cluster.servers }, (_, i) => nodeId(`n${i + 1}`));
  const observers = Array.from({ length: scenario.cluster.observers }, (_, i) =>
    nodeId(`o${i + 1}`),
  );
  const servers = [...voters, ...observers];
  const config = serverConfigOf(scenario, voters, observers);
  for (const server of servers) sim.addNode(server, zkServer(config));
  const client = clientConfig(servers, {
    sessionTimeoutMs: scenario.zookeeper.sessionTimeoutMs,
    reconnectDelayMaxUs: ms(200),
  });
  // An app's instances are the run's clients: the scenario's workload and recipes stay out.
  const clients =
    app === null
      ? Array.from({ length: workloadClientCount(scenario) }, (_, i) => `c${i + 1}`)
      : [...app.names];
  if (app === null) {
    for (const name of clients) sim.addNode(name, zkClient(client));
    for (const spec of scenario.clients.recipes) addRecipeNodes(sim, spec, client);
  } else {
    app.addTo(sim);
  }
  const tracker = new LeaderTracker();
  const clientOfProcess = new Map<number, string>();
  const recorder = new ZkHistoryRecorder(
    clients,
    (process) => clientOfProcess.get(process) ?? app?.clientOfProcess(process) ?? "",
    sim.history,
  );
  const serverSet: ReadonlySet<string> = new Set(servers);
  sim.addObservationListener((record) => {
    if (serverSet.has(record.node)) tracker.see(record);
    recorder.see(record);
  });
  const run: ZkRun = { sim, scenario, config, servers, clients, recorder, lastWriteUs: -1 };
  return {
    servers,
    status: () => zkServerStatus(sim, servers),
    leader: () => tracker.leader(sim),
    lastLogRecord: (node: NodeId) => {
      const count = sim.nodeOf(node).disk.readLog(TXN_LOG).records.length;
      return count === 0 ? null : { log: TXN_LOG, index: count - 1 };
    },
    submit: (op: ClientOp) => {
      if (WRITE_OPS.has(op.f)) run.lastWriteUs = Math.max(run.lastWriteUs, op.atUs);
      const name = `c${op.client + 1}`;
      clientOfProcess.set(op.process, name);
      const call = zkCallOf(op, scenario.clients.watchProbability);
      sim.submit({ atUs: op.atUs, node: name, process: op.process, ...call });
    },
    check: (window, checks: readonly CheckName[]) =>
      checks.map((check) => checkZk(run, check, window)),
    // The consistency check's exact input: watch events and the leader's own writes are in no history.
    checkInputs: () => ({ [ZK_RECORDS_FILE]: recorder.records() }),
  };
}

function serverConfigOf(
  scenario: Scenario,
  voters: readonly NodeId[],
  observers: readonly NodeId[],
): ReturnType<typeof serverConfig> {
  const zk = scenario.zookeeper;
  return serverConfig(voters, {
    linearizableReads: zk.linearizableReads,
    zkVersion: scenario.zkVersion,
    extendedTypesEnabled: zk.extendedTypesEnabled,
    containerCheckIntervalMs: zk.containerCheckIntervalMs,
    containerMaxPerMinute: zk.containerMaxPerMinute,
    containerMaxNeverUsedIntervalMs: zk.containerMaxNeverUsedIntervalMs,
    // One list of planted bugs: the server takes its own; ZAB ignores the server's (protocol/planted-bugs).
    bugs: scenario.bugs.filter(isServerBug),
    ...(zk.minSessionTimeoutMs === undefined
      ? {}
      : { minSessionTimeoutMs: zk.minSessionTimeoutMs }),
    ...(zk.maxSessionTimeoutMs === undefined
      ? {}
      : { maxSessionTimeoutMs: zk.maxSessionTimeoutMs }),
    zab: {
      observers,
      tickTimeUs: ms(zk.tickTimeMs),
      initLimit: zk.initLimit,
      syncLimit: zk.syncLimit,
      maxNotificationIntervalUs: ms(zk.maxNotificationIntervalMs),
      committedLogCount: zk.committedLogCount,
      snapCount: zk.snapCount,
      bugs: scenario.bugs,
    },
  });
}

// ZAB parameters (reference §4.9): the ensemble, ZooKeeper's timers in ticks, FLE's timers, and the sizes of the
// in-memory committed log and of the snapshot interval. Times are microseconds of the node's own clock.
import type { Micros, NodeId } from "../../sim/api/index.js";
import { assert, ms, seconds } from "../../sim/api/index.js";
// From the registry itself, not ./bugs.js: bugs.ts reads the config, so importing it here would be a cycle.
import { BUG_IDS, type BugId } from "../planted-bugs/index.js";
import { type RegisterState, registerMachine, type StateMachine } from "./state-machine.js";
import { DEFAULT_ZK_VERSION, ZK_VERSIONS, type ZkVersion } from "./zk-version.js";

/**
 * A ZAB configuration whose state machine has state `S` and outputs `O`. The parts of the peer that never
 * touch the state machine take any configuration (`ZabConfig` with its defaults).
 */
export interface ZabConfig<S = unknown, O = unknown> {
  /** Voting members. A server's sid is its position in the sorted list plus one. */
  readonly servers: readonly NodeId[];
  /** Non-voting learners that get INFORM. */
  readonly observers: readonly NodeId[];
  readonly tickTimeUs: Micros;
  /** Ticks for connect + sync, and for each leader-activation quorum wait. */
  readonly initLimit: number;
  /** Ticks a learner may be silent or lag. */
  readonly syncLimit: number;
  /** FLE settle time once a quorum agrees. */
  readonly finalizeWaitUs: Micros;
  /** FLE notification resend backoff: starts at min, doubles up to max. */
  readonly minNotificationIntervalUs: Micros;
  readonly maxNotificationIntervalUs: Micros;
  /** Committed txns kept in memory for DIFF (`ZKDatabase.commitLogCount`). */
  readonly committedLogCount: number;
  /** Delivered txns between periodic snapshots (ZooKeeper randomises around snapCount/2). */
  readonly snapCount: number;
  readonly stateMachine: StateMachine<S, O>;
  /** Planted bugs switched on (bugs.ts); empty for the real, fixed protocol. */
  readonly bugs: readonly BugId[];
  /**
   * The release line followed (zk-version.ts): "3.9" (default) has every fix up to 3.9.5; "3.8" is 3.8.6,
   * whose learner handles NEWLEADER the old way (Learner.syncWithLeader logs the sync proposals, writes the
   * epoch and ACKs NEWLEADER before the proposals). The server layer reads the same field.
   */
  readonly zkVersion: ZkVersion;
}

export const DEFAULT_ZAB_CONFIG: Omit<ZabConfig<RegisterState, never>, "servers" | "observers"> = {
  tickTimeUs: ms(2_000),
  initLimit: 10,
  syncLimit: 5,
  finalizeWaitUs: ms(200),
  minNotificationIntervalUs: ms(200),
  maxNotificationIntervalUs: seconds(60),
  committedLogCount: 500,
  snapCount: 100_000,
  stateMachine: registerMachine,
  bugs: [],
  zkVersion: DEFAULT_ZK_VERSION,
};

/** What a caller may override: everything but the servers, which are the first argument. */
export type ZabOverrides = Partial<Omit<ZabConfig, "servers" | "stateMachine">>;

/** The defaults with `overrides`; the register is the state machine unless one is named. */
export function zabConfig(
  servers: readonly NodeId[],
  overrides?: ZabOverrides,
): ZabConfig<RegisterState, never>;
export function zabConfig<S, O>(
  servers: readonly NodeId[],
  overrides: ZabOverrides & { readonly stateMachine: StateMachine<S, O> },
): ZabConfig<S, O>;
export function zabConfig(servers: readonly NodeId[], overrides: ZabOverrides = {}): ZabConfig {
  const config: ZabConfig = {
    ...DEFAULT_ZAB_CONFIG,
    observers: [],
    ...overrides,
    servers: [...servers].sort(),
  };
  validateConfig(config);
  return config;
}

export function validateConfig(config: ZabConfig): void {
  assert(config.servers.length > 0, "a ZAB ensemble needs at least one server");
  assert(
    config.observers.every((o) => !config.servers.includes(o)),
    "an observer cannot also be a voting server",
  );
  assert(config.tickTimeUs >= 2 && config.initLimit >= 1 && config.syncLimit >= 1, "bad ticks");
  assert(config.committedLogCount >= 1 && config.snapCount >= 1, "bad log sizes");
  for (const bug of config.bugs) assert(BUG_IDS.includes(bug), `unknown planted bug ${bug}`);
  assert(ZK_VERSIONS.includes(config.zkVersion), `unknown ZooKeeper version ${config.zkVersion}`);
}

export function isVoter(config: ZabConfig, node: NodeId): boolean {
  return config.servers.includes(node);
}

/** ZooKeeper's numeric server id, used to break vote ties. */
export function sidOf(config: ZabConfig, node: NodeId): number {
  return config.servers.indexOf(node) + 1;
}

/** Strict majority of voting members (`QuorumMaj`). */
export function hasQuorum(config: ZabConfig, members: readonly NodeId[]): boolean {
  const voters = new Set(members.filter((m) => isVoter(config, m)));
  return voters.size * 2 > config.servers.length;
}

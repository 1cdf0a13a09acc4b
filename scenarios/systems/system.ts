// The slot a system fills: how a scenario's servers and clients become kernel nodes and requests, and which
// checks judge the run, and what a monitoring probe reads from each server. The zab system and the ZooKeeper
// service (zkServer + zkClient nodes, recipes, the ZooKeeper consistency checker) fill it.
import type { Json, NodeId } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";
import type { RunView } from "../nemesis/index.js";
import type { CheckName, Scenario, SystemName } from "../schema/index.js";
import type { ClientOp } from "../workload/index.js";

export type Verdict = "pass" | "fail" | "unknown";

/**
 * Where a violation shows, recorded in run.json so the replay and the report can point at it without reading
 * the message: the node and simulated time (µs) of the step, the zxid, and the client operation that breaks
 * the rule (its Jepsen `process`, the index of its invoke in history.jsonl), with the other processes involved.
 */
export interface ViolationAt {
  readonly node?: string;
  readonly timeUs?: number;
  readonly zxid?: number;
  readonly process?: number;
  readonly historyIndex?: number;
  readonly related?: readonly number[];
  /** The kind of observation the step makes (`app-note`: the note that broke an app's check). */
  readonly observed?: string;
  /** The client whose operation or step breaks the rule, by its one label (`c3`, `lock-2`, `app-1`). */
  readonly client?: string;
  /** The other operations involved, by the index of their invoke in history.jsonl (`historyIndex`'s kind). */
  readonly involved?: readonly number[];
}

export interface Violation {
  /** The failing check: a ZAB invariant (`Agreement`), `liveness`, ... */
  readonly check: string;
  readonly message: string;
  readonly at?: ViolationAt;
  /**
   * The failure told for people in a few sentences (scenarios/systems/story): who did what, when, at which
   * server, with which zxids (hex), the servers' roles and partitions at that moment, the conflicting
   * operations with short values. Absent only where no run context exists (a bare history check).
   */
  readonly story?: string;
}

/**
 * What the runner reports beside the scenario's checks: when the run itself did not complete, `internal` (an
 * exception or assertion inside a step or a check: a zabsim or protocol bug), `livelock` (simulated time stopped
 * moving), `event-budget` (the run used up the events its scenario allows; inconclusive); and in an app run,
 * `app` (the app's own check over its notes, what its code threw, real I/O, instances that did not finish).
 */
export const RUN_CHECKS = ["internal", "livelock", "event-budget", "app"] as const;
export type RunCheck = (typeof RUN_CHECKS)[number];

export interface CheckOutcome {
  readonly check: CheckName | RunCheck;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  /** How many violations the check found, when `violations` holds only the first few. */
  readonly violationCount?: number;
  /** One line for people: what was checked, or why it is unknown. */
  readonly message: string;
}

export interface CheckWindow {
  /** When the last fault was healed. */
  readonly healedAtUs: number;
  readonly endUs: number;
}

/** A system running inside one simulation. */
/**
 * What a monitoring probe gets from one server at one moment, as ZooKeeper's four-letter words report it
 * (`mntr`: mode, zxid, epoch, connections, outstanding requests, ...). A crashed or paused server does not
 * answer, as a real one would not: `stats` is null then.
 */
export interface ServerStatus {
  readonly node: NodeId;
  readonly status: "up" | "paused" | "down";
  readonly stats: { readonly [field: string]: Json } | null;
}

export interface SystemInstance extends RunView {
  /** Every server's status now; reading it changes nothing in the run. */
  status(): readonly ServerStatus[];
  /** The servers faults may target (voters and observers; not client nodes). */
  readonly servers: readonly NodeId[];
  /** Hands a planned client operation to the system (before the run starts). */
  submit(op: ClientOp): void;
  check(window: CheckWindow, checks: readonly CheckName[]): CheckOutcome[];
  /**
   * What the checks judged beyond the kernel's history, by file name, one JSON value per line: written into a
   * failing seed's run directory so reports can re-examine the failure without a re-run.
   */
  checkInputs?(): { readonly [file: string]: readonly Json[] };
}

/**
 * Client nodes that run a user's app (scenarios/apps), in place of the scenario's workload and recipes: the
 * system adds them beside its servers and records their calls and events as its clients'.
 */
export interface AppClients {
  /** The instances' node names, in order. */
  readonly names: readonly string[];
  /** Adds the instances' nodes to the simulation (after the servers). */
  addTo(sim: Simulation): void;
  /** The instance a history process belongs to (its calls' processes), or undefined. */
  clientOfProcess(process: number): string | undefined;
}

export interface SystemDriver {
  readonly name: SystemName;
  readonly description: string;
  /** The checks run when a scenario names none. */
  readonly defaultChecks: readonly CheckName[];
  /** Adds the system's nodes to a fresh simulation (and an app's, for systems that can run one). */
  start(sim: Simulation, scenario: Scenario, app: AppClients | null): SystemInstance;
}

/** The verdict of several outcomes: any fail fails; otherwise any unknown is unknown. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes("fail")) return "fail";
  if (verdicts.includes("unknown")) return "unknown";
  return "pass";
}

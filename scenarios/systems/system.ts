// The slot a system fills: how a scenario's servers and clients become kernel nodes and requests, and which
// checks judge the run. The zab system fills it today; the ZooKeeper service (zkServer + zkClient nodes,
// recipes, the ZooKeeper consistency checker) fills it next, without the runner changing.
import type { NodeId } from "../../sim/api/index.js";
import type { Simulation } from "../../sim/kernel/index.js";
import type { RunView } from "../nemesis/index.js";
import type { CheckName, Scenario, SystemName } from "../schema/index.js";
import type { ClientOp } from "../workload/index.js";

export type Verdict = "pass" | "fail" | "unknown";

export interface Violation {
  /** The failing check: a ZAB invariant (`Agreement`), `liveness`, ... */
  readonly check: string;
  readonly message: string;
}

export interface CheckOutcome {
  readonly check: CheckName;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  /** One line for people: what was checked, or why it is unknown. */
  readonly message: string;
}

export interface CheckWindow {
  /** When the last fault was healed. */
  readonly healedAtUs: number;
  readonly endUs: number;
}

/** A system running inside one simulation. */
export interface SystemInstance extends RunView {
  /** The servers faults may target (voters and observers; not client nodes). */
  readonly servers: readonly NodeId[];
  /** Hands a planned client operation to the system (before the run starts). */
  submit(op: ClientOp): void;
  check(window: CheckWindow, checks: readonly CheckName[]): CheckOutcome[];
}

export interface SystemDriver {
  readonly name: SystemName;
  readonly description: string;
  /** The checks run when a scenario names none. */
  readonly defaultChecks: readonly CheckName[];
  /** Adds the system's nodes to a fresh simulation. */
  start(sim: Simulation, scenario: Scenario): SystemInstance;
}

/** The verdict of several outcomes: any fail fails; otherwise any unknown is unknown. */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes("fail")) return "fail";
  if (verdicts.includes("unknown")) return "unknown";
  return "pass";
}

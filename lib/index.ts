/**
 * zabsim as a library: run your own ZooKeeper client code (an app module) inside the deterministic
 * simulation, one seed with {@link simulate} or many with {@link sweep}. `zabsim/vitest` turns a sweep into a
 * test assertion; `zabsim/fast-check` draws fault schedules and scenario variations; inside an app,
 * `node-zookeeper-client` (or `zabsim/node-zookeeper-client`) is the simulated client library.
 *
 * ```ts
 * import { simulate } from "zabsim";
 * const run = await simulate({ app: "./lock.js", scenario: "zk-partitions", seed: 7 });
 * if (run.verdict !== "pass") console.log(run.violations, run.repro);
 * ```
 *
 * @packageDocumentation
 */
export type { BugId } from "../protocol/planted-bugs/index.js";
export type { AppContext, AppModule, AppNote } from "../scenarios/apps/app-module.js";
export type { InternalError } from "../scenarios/runner/index.js";
export type { Scenario, ScenarioInput } from "../scenarios/schema/index.js";
export type { CheckOutcome, Verdict, Violation, ViolationAt } from "../scenarios/systems/index.js";
export type { Json } from "../sim/api/index.js";
export type { HistoryEntry, TraceEntry } from "../sim/record/index.js";
export {
  type AppObject,
  type AppOption,
  DEFAULT_APP_SCENARIO,
  type ScenarioOption,
  type SeedSummary,
  type SeedsOption,
  type SimulateOptions,
  type SimulateResult,
  type SweepOptions,
  type SweepResult,
  simulate,
  sweep,
} from "./simulate/index.js";

/**
 * `zabsim/fast-check`: arbitraries for property tests of an app (fast-check 4, a peer dependency). Draw
 * fault schedules with {@link faultScheduleArb}, or whole scenarios with {@link scenarioArb}, and run each
 * with `simulate`; fast-check shrinks a failing one to fewer, shorter faults on a smaller cluster.
 *
 * ```ts
 * import fc from "fast-check";
 * import { simulate } from "zabsim";
 * import { scenarioArb } from "zabsim/fast-check";
 * await fc.assert(
 *   fc.asyncProperty(scenarioArb({ faults: ["crash", "partition"] }), async (scenario) =>
 *     (await simulate({ app: "./lock.js", scenario, seed: 1 })).verdict === "pass"),
 *   { numRuns: 20 },
 * );
 * ```
 *
 * @packageDocumentation
 */
export {
  cutsOf,
  FAULT_KINDS,
  type FaultKind,
  type FaultScheduleOptions,
  faultScheduleArb,
  type IntRange,
  PARTITION_SHAPES,
  type PartitionShape,
  type ScenarioArbOptions,
  type ScheduleItem,
  scenarioArb,
} from "./arbitraries/index.js";

// Stories: every violation told in plain words, with where it shows (scenarios/systems/system.ts `Violation`).
import type { NodeId } from "../../../sim/api/index.js";
import type { ObservationRecord } from "../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../sim/record/index.js";
import type { Scenario } from "../../schema/index.js";
import type { CheckOutcome } from "../system.js";
import { RunFacts } from "./run-facts.js";
import { tellStories } from "./tell.js";
import { STORY_WRITERS } from "./writers.js";

export {
  clientIntro,
  clusterText,
  durationText,
  opText,
  resultText,
  serverText,
  shortValue,
  timeText,
} from "./phrases.js";
export { RunFacts, type StoryOp } from "./run-facts.js";
export {
  generalStory,
  type StoryContext,
  type StoryWriter,
  type StoryWriters,
  type Told,
  tellStories,
} from "./tell.js";

/** What the stories read from a finished (or crashed) run. */
export interface StoryRun {
  readonly history: readonly HistoryEntry[];
  readonly observations: readonly ObservationRecord[];
  readonly servers: readonly NodeId[];
  /** The workload's process → client index (run.json `workload`). */
  readonly workload: readonly { readonly process: number; readonly client: number }[];
  readonly scenario: Scenario;
  readonly endUs: number;
}

/** The outcomes with every violation told; outcomes without violations unchanged. */
export function withStories(outcomes: readonly CheckOutcome[], run: StoryRun): CheckOutcome[] {
  if (outcomes.every((o) => o.violations.length === 0)) return [...outcomes];
  const clients = new Map(run.workload.map((op) => [op.process, op.client]));
  const facts = new RunFacts(run.history, run.observations, run.servers, (p) => clients.get(p));
  return tellStories(outcomes, STORY_WRITERS, { facts, scenario: run.scenario, endUs: run.endUs });
}

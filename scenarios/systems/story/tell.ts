// Gives every violation of a finished run its story (Violation.story) and completes where it shows
// (Violation.at), by the check that found it: each family of checks has a writer that knows what its
// violations mean; anything else gets the general account (the message, where and when, the cluster then).
import type { Scenario } from "../../schema/index.js";
import type { CheckOutcome, Violation, ViolationAt } from "../system.js";
import { clusterText, opText, serverText, timeText } from "./phrases.js";
import type { RunFacts } from "./run-facts.js";

export interface StoryContext {
  readonly facts: RunFacts;
  /** The outcome the violation belongs to (its counterexample, model, ...). */
  readonly outcome: CheckOutcome;
  readonly scenario: Scenario;
  /** When the run ended (µs): the moment of violations that name no time. */
  readonly endUs: number;
}

export interface Told {
  readonly story: string;
  /** Where it shows, when the writer knows better than the check did (replaces `at`). */
  readonly at?: ViolationAt;
}

/** Writes one violation's story; null to leave it to the general account. */
export type StoryWriter = (violation: Violation, context: StoryContext) => Told | null;

/** Writers by outcome check (`linearizability`, `zab-invariants`, ...). */
export type StoryWriters = { readonly [check: string]: StoryWriter };

export function tellStories(
  outcomes: readonly CheckOutcome[],
  writers: StoryWriters,
  context: Omit<StoryContext, "outcome">,
): CheckOutcome[] {
  return outcomes.map((outcome) => {
    if (outcome.violations.length === 0) return outcome;
    const writer = writers[outcome.check];
    const violations = outcome.violations.map((violation) => {
      const full = { ...context, outcome };
      const told = writer?.(violation, full) ?? generalStory(violation, full);
      const at = told.at ?? violation.at;
      return { ...violation, ...(at === undefined ? {} : { at }), story: told.story };
    });
    return { ...outcome, violations };
  });
}

/**
 * "liveness failed at 12.000 s on n2 (looking): <message>. At 12.000 s: n1 leading; ...". The operation the
 * violation names, if any, is told in a few words.
 */
export function generalStory(violation: Violation, context: StoryContext): Told {
  const { facts } = context;
  const at = violation.at;
  const op = at?.historyIndex === undefined ? undefined : facts.opAt(at.historyIndex);
  const timeUs = at?.timeUs ?? op?.completeUs ?? op?.invokeUs ?? context.endUs;
  const where = at?.node === undefined ? "" : ` on ${serverText(facts, at.node, timeUs)}`;
  const what = op === undefined ? "" : ` ${opText(op)}.`;
  const story = `${violation.check} at ${timeText(timeUs)}${where}: ${violation.message}.${what} ${clusterText(facts, timeUs)}`;
  const client = op === undefined ? {} : { client: op.client };
  return { story, at: { ...at, timeUs, ...client } };
}

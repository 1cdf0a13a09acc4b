// Stories of the runner's own checks: a run that crashed inside a step or a check (`internal`), one whose
// simulated time stopped moving (`livelock`), one that used up its events (`event-budget`): when it stopped,
// what was said, and the cluster at that moment, so the place to look in the replay is plain.
import type { Violation } from "../system.js";
import { clusterText, timeText } from "./phrases.js";
import type { StoryContext, Told } from "./tell.js";

const WHAT: { readonly [check: string]: string } = {
  internal:
    "The run crashed: an exception or assertion inside a step or a check (a zabsim or protocol bug)",
  livelock: "Simulated time stopped moving",
  "event-budget": "The run used up its event budget before its end, so no check could judge it",
};

/** "The run crashed ... at 3.210 s: <message>. At 3.210 s: n1 leading; ..." */
export function runStopStory(violation: Violation, context: StoryContext): Told {
  const timeUs = violation.at?.timeUs ?? context.endUs;
  const what = WHAT[violation.check] ?? `The run stopped (${violation.check})`;
  const story = `${what}, at ${timeText(timeUs)}: ${violation.message}. ${clusterText(context.facts, timeUs)}`;
  return { story, at: { ...violation.at, timeUs } };
}

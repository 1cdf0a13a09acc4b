// Stories of the recipe properties (lock exclusion, election, barriers, queue, config, membership, naming)
// and of a user's app check: what the recipe or app client did and when, as its checker found it (holders,
// sessions, zxids in hex), the client's last ZooKeeper call where the history has one, and the cluster then.
import type { Violation } from "../system.js";
import { clusterText, opText, timeText } from "./phrases.js";
import type { RunFacts, StoryOp } from "./run-facts.js";
import type { StoryContext, Told } from "./tell.js";

/** What each recipe property promises, in a phrase (protocol/zk/recipes/checks/records.ts). */
const PROMISES: { readonly [check: string]: string } = {
  "lock-exclusion": "no two holders' writes interleave at the resource",
  "rw-lock-exclusion": "a write section overlaps no other section",
  "election-term": "one leader per term",
  "election-order": "each new leader's term is above the previous one's",
  "election-exclusive": "never two leaders at once",
  barrier: "nobody passes while the barrier stands",
  "double-barrier-enter": "nobody enters before all members joined",
  "double-barrier-leave": "nobody leaves before all members finished",
  "queue-once": "each item is consumed at most once",
  "queue-produced": "only produced items are consumed",
  "config-order": "a follower never sees the configuration go backwards",
  "config-final": "every follower ends with the last value written",
  membership: "the monitor's last list is the live group",
  "naming-unique": "no name is given twice",
};

/**
 * "lock-exclusion (no two holders' writes interleave at the resource) broke at 8.001 s: lock-1 and lock-2
 * both held /lock at 8.001 s: ... At 8.001 s: n1 following; ...". Located where the checker saw it, by the
 * recipe client's label.
 */
export function recipeStory(violation: Violation, context: StoryContext): Told {
  const at = violation.at;
  const timeUs = at?.timeUs ?? context.endUs;
  const promise = PROMISES[violation.check] ?? "the recipe's property";
  const facts = violation.story ?? `${violation.message}.`;
  const held = heldText(context.facts, `${at?.client ?? ""} ${facts}`, timeUs);
  const story = `${violation.check} (${promise}) broke at ${timeText(timeUs)}: ${facts}${held} ${clusterText(context.facts, timeUs)}`;
  return { story, at: { ...at, timeUs } };
}

/** " lock-1 was paused from 4.000 s to 8.000 s.": the faults that held the clients the text names, by then. */
function heldText(facts: RunFacts, text: string, untilUs: number): string {
  const clients = [...new Set(text.match(/\b[a-z]+(?:-[a-z]+)*-\d+\b/g) ?? [])].sort();
  const parts = clients.flatMap((client) =>
    facts
      .heldBy(client)
      .filter((held) => held.fromUs <= untilUs)
      .map((held) => {
        const to = held.toUs === null ? "" : ` to ${timeText(held.toUs)}`;
        return `${client} was ${held.role} from ${timeText(held.fromUs)}${to}`;
      }),
  );
  return parts.length === 0 ? "" : ` ${parts.join("; ")}.`;
}

/**
 * "The app's check failed on app-1's note "acquired" {...} at 2.345 s (note 3 of 9): <verdict>. app-1's last
 * call before it: app-1's create /lock = ... (via n2 0x100000004). At 2.345 s: ...". Failures of the app's
 * code (a throw, real I/O, an unfinished main) are told the same way, by the instance.
 */
export function appStory(violation: Violation, context: StoryContext): Told {
  const at = violation.at;
  const timeUs = at?.timeUs ?? context.endUs;
  const client = at?.client ?? at?.node;
  const head =
    violation.story ?? `${client ?? "the app"} at ${timeText(timeUs)}: ${violation.message}.`;
  const last = client === undefined ? undefined : lastCallOf(context.facts, client, timeUs);
  const call = last === undefined ? "" : ` ${client}'s last call before it: ${opText(last)}.`;
  const story = `${head}${call} ${clusterText(context.facts, timeUs)}`;
  const involved = last === undefined ? {} : { involved: [last.historyIndex] };
  return { story, at: { ...at, timeUs, ...(client === undefined ? {} : { client }), ...involved } };
}

/** The client's last operation invoked at or before `timeUs`. */
function lastCallOf(facts: RunFacts, client: string, timeUs: number): StoryOp | undefined {
  let last: StoryOp | undefined;
  for (const op of facts.ops) if (op.client === client && op.invokeUs <= timeUs) last = op;
  return last;
}

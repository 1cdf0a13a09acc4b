// Stories of the ZAB-level checks: each invariant's violation (what the invariant promises, the conflicting
// deliveries or logs as the checker found them, with zxids in hex) and liveness (when the faults healed, the
// bound that ran out, who was leading then and at the end), each set in the cluster at that moment.
import type { Violation } from "../system.js";
import { clusterText, timeText } from "./phrases.js";
import type { StoryContext, Told } from "./tell.js";

/** What each invariant promises, in a phrase (ZAB paper and the TLA+ specs' names). */
const PROMISES: { readonly [invariant: string]: string } = {
  Leadership: "at most one leader is established per epoch",
  Integrity: "a server delivers only txns a leader proposed",
  PrefixConsistency: "a zxid is delivered with the same txn and the same predecessor everywhere",
  Agreement: "servers' delivered histories never fork",
  TotalOrder: "each server delivers txns in increasing zxid order",
  LocalPrimaryOrder: "a server delivers a leader's proposals in the order it made them",
  GlobalPrimaryOrder: "txns of earlier epochs are delivered before those of later ones",
  PrimaryIntegrity: "a leader delivers every earlier committed txn before it proposes",
  LeaderLogCompleteness: "an established leader's log holds every txn committed before its epoch",
  CommittedLogDurability: "no sync truncates a committed txn",
  LogMonotonic: "each server's log has increasing zxids",
  ReplicaAgreement: "replicas that applied the same zxid hold the same data tree",
};

function promiseOf(check: string): string {
  if (check.startsWith("ShouldNotHappen."))
    return "a peer never reaches a state the protocol rules out";
  return PROMISES[check] ?? "the invariant";
}

/**
 * "Agreement (servers' delivered histories never fork) broke at 5.038 s on n2: After 0x1000000b0, n2
 * delivered ... At 5.038 s: n1 looking; n2 following; n3 leading."
 */
export function zabInvariantStory(violation: Violation, context: StoryContext): Told {
  const at = violation.at;
  const timeUs = at?.timeUs ?? context.endUs;
  const where = at?.node === undefined ? "" : ` on ${at.node}`;
  const facts = violation.story ?? `${violation.message}.`;
  const head = `${violation.check} (${promiseOf(violation.check)}) broke at ${timeText(timeUs)}${where}:`;
  const story = `${head} ${facts} ${clusterText(context.facts, timeUs)}`;
  return { story, at: { ...at, timeUs } };
}

/**
 * "After the faults healed, no write committed in time: <message>. When the bound ran out (22.456 s) no server
 * was leading. At 22.456 s: ... At the end (25.000 s): ...". Located where the bound ran out, on the server
 * leading then if exactly one was (the would-be leader that committed nothing).
 */
export function livenessStory(violation: Violation, context: StoryContext): Told {
  const { facts, endUs } = context;
  const deadlineUs = Math.min(violation.at?.timeUs ?? endUs, endUs);
  const leaders = facts.leadersAt(deadlineUs);
  const leading =
    leaders.length === 0
      ? "no server was leading"
      : leaders.length === 1
        ? `${leaders[0]} was leading but had committed no write in time`
        : `${leaders.join(" and ")} were all leading`;
  const end = deadlineUs < endUs ? ` ${clusterText(facts, endUs)}` : "";
  const story = `Liveness failed: ${violation.message}. When the bound ran out at ${timeText(deadlineUs)}, ${leading}. ${clusterText(facts, deadlineUs)}${end}`;
  const leader = leaders.length === 1 ? leaders[0] : undefined;
  const node = leader === undefined ? {} : { node: leader };
  return { story, at: { ...violation.at, timeUs: deadlineUs, ...node } };
}

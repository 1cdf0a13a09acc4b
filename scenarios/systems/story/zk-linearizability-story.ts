// The story of a plain-linearizability failure of a zookeeper run: the operation no order can place, and —
// when it is a read that missed an answered write (a stale read) — that write and how the server that
// answered stood: cut off, still serving as a follower while another server led.
import type { Violation, ViolationAt } from "../system.js";
import { clusterText, durationText, opText, timeText } from "./phrases.js";
import type { StoryContext, Told } from "./tell.js";
import { afterText, missedWrite, servingText, whenOf } from "./zk-conflicts.js";

export function linearizabilityStory(violation: Violation, context: StoryContext): Told | null {
  const { facts } = context;
  const at = violation.at;
  const op = at?.historyIndex === undefined ? undefined : facts.opAt(at.historyIndex);
  if (at === undefined || op === undefined) return null;
  const missed = missedWrite(facts, op);
  const involved = [...(missed === undefined ? [] : [missed.historyIndex]), ...(at.involved ?? [])];
  const located: ViolationAt = {
    ...at,
    client: op.client,
    ...(involved.length === 0 ? {} : { involved: [...new Set(involved)] }),
  };
  const timeUs = whenOf(op);
  if (missed !== undefined && op.server !== null) {
    const stale = `${afterText(op, missed)}: ${servingText(facts, op.server, op.invokeUs)}.`;
    const why = `No order of the operations puts the read after that write, as real time requires: a stale read, which ZooKeeper allows (reads are served locally) and only the linearizable-reads mode rules out.`;
    return { story: `${stale} ${why}`, at: located };
  }
  const concurrent = (at.involved ?? []).flatMap((index) => facts.opAt(index) ?? []);
  const others =
    concurrent.length === 0
      ? "nothing ran concurrently with it"
      : `concurrent with it: ${concurrent.slice(0, 3).map(opText).join("; ")}${concurrent.length > 3 ? ` and ${concurrent.length - 3} more` : ""}`;
  const took = op.completeUs === null ? "" : ` (took ${durationText(op.completeUs - op.invokeUs)})`;
  const story = `${opText(op)}, sent at ${timeText(op.invokeUs)}${took}, fits no order of the operations that respects real time and the znode tree; ${others}. ${clusterText(facts, timeUs)}`;
  return { story, at: located };
}
